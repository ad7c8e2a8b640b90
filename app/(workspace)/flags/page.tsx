import type { Metadata } from "next";
import { FlagList } from "@/components/flags/flag-list";

export const metadata: Metadata = { title: "Flags" };

export default function FlagsPage() {
  return <FlagList />;
}
