import type { Metadata } from "next";
import { SectionNotBuilt } from "@/components/layout/section-not-built";

export const metadata: Metadata = { title: "Cleanup" };

export default function CleanupPage() {
  return (
    <SectionNotBuilt
      title="Cleanup"
      purpose="Flags that have done their job and should leave the code."
      plan="Stale and expired flags, and flags whose experiment has been decided, will be listed here with the code references that still use them, so they can be removed. Meanwhile, the dashboard counts expired flags."
    />
  );
}
