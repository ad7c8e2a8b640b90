import type { Metadata } from "next";
import { Suspense } from "react";
import { ExperimentList } from "@/components/experiments/experiment-list";

export const metadata: Metadata = { title: "Experiments" };

export default function ExperimentsPage() {
  return (
    <Suspense>
      <ExperimentList />
    </Suspense>
  );
}
