import { Card, CardBody, CardHeader, TextareaField } from "@/components/ui";
import type { SectionProps } from "./editor-types";
import { MetricChoices } from "./metric-choices";

/** No hypothesis → no experiment: every field here is required before review. */
export function HypothesisSection({ content, onChange, errors, options }: SectionProps) {
  const h = content.hypothesis;
  const set = (patch: Partial<typeof h>) => onChange({ ...content, hypothesis: { ...h, ...patch } });
  return (
    <Card>
      <CardHeader title="Hypothesis" description="No hypothesis → no experiment. All of it is required before review." />
      <CardBody className="space-y-5">
        <TextareaField id="problem-statement" label="Problem statement" hint="What is wrong today, for whom, and how you know." rows={3} error={errors["hypothesis.problemStatement"]} value={h.problemStatement} onChange={(e) => set({ problemStatement: e.target.value })} />
        <TextareaField id="expected-outcome" label="Expected outcome" hint="What changes, by how much, and why you expect it." rows={3} error={errors["hypothesis.expectedOutcome"]} value={h.expectedOutcome} onChange={(e) => set({ expectedOutcome: e.target.value })} />
        <MetricChoices id="success-metrics" legend="Success metrics" hint="User-centric metrics that should improve." chosen={h.successMetrics} onChange={(successMetrics) => set({ successMetrics })} error={errors["hypothesis.successMetrics"]} metrics={options.metrics} />
        <MetricChoices id="failure-metrics" legend="Failure metrics" hint="Metrics that show harm (errors, latency, churn)." chosen={h.failureMetrics} onChange={(failureMetrics) => set({ failureMetrics })} error={errors["hypothesis.failureMetrics"]} metrics={options.metrics} />
        <TextareaField id="rollback-plan" label="Rollback plan" hint="How users get the old experience back at once, and who does it." rows={3} error={errors["hypothesis.rollbackPlan"]} value={h.rollbackPlan} onChange={(e) => set({ rollbackPlan: e.target.value })} />
      </CardBody>
    </Card>
  );
}
