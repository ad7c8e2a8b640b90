import type { ExperimentContent } from "@/server/core/experiments/experiment-content";

/** What every editor section gets: the document, a way to change it, and the server's field errors. */
export type SectionProps = {
  content: ExperimentContent;
  onChange: (next: ExperimentContent) => void;
  errors: Record<string, string>;
  options: EditorOptions;
};

export type EditorOptions = {
  flags: { key: string; name: string; offVariationKey: string; variations: { key: string; name: string }[] }[];
  environments: { key: string; name: string }[];
  segments: { key: string; name: string }[];
  metrics: { key: string; name: string; kind: string; direction: string; description: string }[];
  maxExperimentDays: number;
};

/** A number input's text as a number (NaN when empty), so the server names the field. */
export function numberOf(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/**
 * The server names fields by their path in the document ("design.weights"); errors from the
 * procedure's input schema carry the input's own prefix ("content.design.alpha"), so drop it.
 */
export function editorFieldErrors(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) out[path.replace(/^content\./, "")] ??= message;
  return out;
}

/** The element each document field is edited in (ids set by the sections); absent: not editable here. */
export const FIELD_TARGETS: Record<string, string> = {
  "hypothesis.problemStatement": "problem-statement",
  "hypothesis.expectedOutcome": "expected-outcome",
  "hypothesis.successMetrics": "success-metrics",
  "hypothesis.failureMetrics": "failure-metrics",
  "hypothesis.rollbackPlan": "rollback-plan",
  "design.controlVariation": "control-variation",
  "design.weights": "weights",
  "design.segmentKey": "audience",
  "design.exposurePercentage": "planned-exposure",
  "design.plannedDurationDays": "planned-duration",
  "design.expectedDailyUnits": "expected-daily-units",
  "design.baselineRate": "baseline-rate",
  "design.minDetectableEffect": "mde",
  "design.alpha": "alpha",
  "design.power": "power",
  "design.guardrailMetrics": "guardrail-metrics",
  "sensitivity.confirmsNoSecurityChange": "confirms-no-security-change",
};

/** Focuses a control, or the first control inside a group (a fieldset of checkboxes), and shows it. */
export function focusField(element: Element | null): boolean {
  const control = element?.matches("input, select, textarea") ? element : element?.querySelector("input, select, textarea");
  if (!(control instanceof HTMLElement)) return false;
  control.focus();
  control.scrollIntoView({ block: "center" });
  return true;
}
