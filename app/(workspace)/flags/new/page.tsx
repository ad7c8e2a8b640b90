import type { Metadata } from "next";
import { NewFlagForm } from "@/components/flags/new-flag-form";

export const metadata: Metadata = { title: "New flag" };

export default function NewFlagPage() {
  return <NewFlagForm />;
}
