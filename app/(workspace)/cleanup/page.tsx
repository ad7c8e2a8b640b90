import type { Metadata } from "next";
import { NotBuiltYet, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Cleanup" };

export default function CleanupPage() {
  return (
    <>
      <PageHeader title="Cleanup" description="Flags that have done their job and should leave the code." />
      <NotBuiltYet
        section="Cleanup"
        description="Stale and expired flags, and flags whose experiment has been decided, will be listed here with the code references that still use them, so they can be removed. Meanwhile, the dashboard counts expired flags."
      />
    </>
  );
}
