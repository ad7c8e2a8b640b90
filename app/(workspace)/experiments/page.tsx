import type { Metadata } from "next";
import { SectionNotBuilt } from "@/components/layout/section-not-built";

export const metadata: Metadata = { title: "Experiments" };

export default function ExperimentsPage() {
  return (
    <SectionNotBuilt
      title="Experiments"
      purpose="Hypothesis-driven changes, each tied to one flag and measured against its metrics."
      plan="You will write a hypothesis (the problem, the expected outcome and a rollback plan), design the test (variations, segment, exposure, sample size and duration) and take it through its lifecycle: draft, review and approval, running, decision and clean-up. Until then, use flags directly."
    />
  );
}
