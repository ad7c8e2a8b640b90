import type { Metadata } from "next";
import { EnvironmentsView } from "@/components/settings/environments-view";

export const metadata: Metadata = { title: "Environments" };

export default function EnvironmentsPage() {
  return <EnvironmentsView />;
}
