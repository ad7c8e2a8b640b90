import type { Metadata } from "next";
import { Suspense } from "react";
import { FlagList } from "@/components/flags/flag-list";
import { LoadingBlock } from "@/components/ui";

export const metadata: Metadata = { title: "Flags" };

export default function FlagsPage() {
  // The list reads its search, filters and page from the URL (useSearchParams).
  return (
    <Suspense fallback={<LoadingBlock label="Loading flags…" />}>
      <FlagList />
    </Suspense>
  );
}
