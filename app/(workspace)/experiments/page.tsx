import type { Metadata } from "next";
import { NotBuiltYet, PageHeader } from "@/components/ui";

export const metadata: Metadata = { title: "Experiments" };

export default function ExperimentsPage() {
  return (
    <>
      <PageHeader title="Experiments" description="Hypothesis-driven changes, each tied to one flag and measured against its metrics." />
      <NotBuiltYet
        section="Experiments"
        description="You will write a hypothesis (the problem, the expected outcome and a rollback plan), design the test (variations, segment, exposure, sample size and duration) and take it through its lifecycle: draft, review and approval, running, decision and clean-up. Until then, use flags directly."
      />
    </>
  );
}
