import type { ExperimentContent } from "./experiment-content";
import { SENSITIVITY_LABELS } from "./experiment-content";
import { EXPERIMENT_TYPE_LABELS } from "./experiment-types";

/** One labelled line of the reviewed document, e.g. "Exposure" → "50 %". */
export type ReviewedField = { field: string; label: string; value: string };

const yesNo = (b: boolean) => (b ? "yes" : "no");
const list = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "—");

/**
 * The reviewed document as labelled fields, in reading order. Approvals store it, so a reviewer
 * sees what changed since the version someone approved before.
 */
export function reviewedFields(c: ExperimentContent): ReviewedField[] {
  const d = c.design;
  const weights = Object.entries(d.weights)
    .map(([k, w]) => `${k} ${w} %${k === d.controlVariation ? " (control)" : ""}`)
    .join(", ");
  return [
    { field: "name", label: "Name", value: c.name },
    { field: "type", label: "Type", value: EXPERIMENT_TYPE_LABELS[c.type] },
    { field: "flagKey", label: "Flag", value: c.flagKey || "—" },
    { field: "environmentKey", label: "Environment", value: c.environmentKey || "—" },
    { field: "team", label: "Team", value: c.team || "—" },
    { field: "hypothesis.problemStatement", label: "Problem statement", value: c.hypothesis.problemStatement },
    { field: "hypothesis.expectedOutcome", label: "Expected outcome", value: c.hypothesis.expectedOutcome },
    { field: "hypothesis.successMetrics", label: "Success metrics", value: list(c.hypothesis.successMetrics) },
    { field: "hypothesis.failureMetrics", label: "Failure metrics", value: list(c.hypothesis.failureMetrics) },
    { field: "hypothesis.rollbackPlan", label: "Rollback plan", value: c.hypothesis.rollbackPlan },
    { field: "design.controlVariation", label: "Control", value: d.controlVariation || "—" },
    { field: "design.weights", label: "Variations and weights", value: weights || "—" },
    { field: "design.segmentKey", label: "Audience", value: d.segmentKey ? `segment ${d.segmentKey}` : "everyone" },
    { field: "design.exposurePercentage", label: "Planned exposure", value: `${d.exposurePercentage} %` },
    { field: "design.plannedDurationDays", label: "Planned duration", value: `${d.plannedDurationDays} days` },
    { field: "design.guardrailMetrics", label: "Guardrail metrics", value: list(d.guardrailMetrics) },
    { field: "design.alpha", label: "Significance level (alpha)", value: String(d.alpha) },
    { field: "design.power", label: "Power", value: String(d.power) },
    { field: "design.minDetectableEffect", label: "Minimum detectable effect", value: `${round(d.minDetectableEffect * 100)} % relative` },
    { field: "design.baselineRate", label: "Baseline rate", value: `${round(d.baselineRate * 100)} %` },
    { field: "design.expectedDailyUnits", label: "Expected daily units", value: String(d.expectedDailyUnits) },
    ...(Object.keys(SENSITIVITY_LABELS) as (keyof typeof SENSITIVITY_LABELS)[]).map((key) => ({
      field: `sensitivity.${key}`,
      label: SENSITIVITY_LABELS[key],
      value: yesNo(c.sensitivity[key]),
    })),
  ];
}

export type FieldChange = { field: string; label: string; before: string; after: string };

/** What changed between two reviewed documents (e.g. the last approved version and the one under review). */
export function diffReviewedFields(before: readonly ReviewedField[], after: readonly ReviewedField[]): FieldChange[] {
  const old = new Map(before.map((f) => [f.field, f]));
  const changes: FieldChange[] = [];
  for (const f of after) {
    const previous = old.get(f.field);
    if (!previous) changes.push({ field: f.field, label: f.label, before: "—", after: f.value });
    else if (previous.value !== f.value) changes.push({ field: f.field, label: f.label, before: previous.value, after: f.value });
  }
  return changes;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
