import type { ExperimentType } from "./experiment-types";

/**
 * What an experiment says: the document reviewers approve. Every field of it belongs to the
 * reviewed version: editing any of them bumps the design version and voids earlier approvals.
 */
export type ExperimentContent = {
  name: string;
  type: ExperimentType;
  flagKey: string;
  environmentKey: string;
  team: string;
  hypothesis: {
    problemStatement: string;
    expectedOutcome: string;
    /** metric keys */
    successMetrics: string[];
    failureMetrics: string[];
    rollbackPlan: string;
  };
  design: {
    controlVariation: string;
    /** variation key → % of the exposed units; control and variant(s), summing to 100 */
    weights: Record<string, number>;
    /** audience: a segment key, or null for everyone */
    segmentKey: string | null;
    /** the planned exposure (share of the audience, %) once fully ramped */
    exposurePercentage: number;
    plannedDurationDays: number;
    /** extra metrics collected to watch for harm */
    guardrailMetrics: string[];
    alpha: number;
    power: number;
    minDetectableEffect: number;
    /** today's rate of the primary success metric (0–1), the baseline of the sample-size estimate */
    baselineRate: number;
    expectedDailyUnits: number;
  };
  sensitivity: Sensitivity;
};

export type Sensitivity = {
  touchesPersonalData: boolean;
  affectsBilling: boolean;
  changesCompliance: boolean;
  securityAdjacent: boolean;
  altersAuthSession: boolean;
  bypassesSecurityChecks: boolean;
  exposesPrivateData: boolean;
  /** the author confirms it neither alters auth/session logic nor bypasses security checks */
  confirmsNoSecurityChange: boolean;
};

export const SENSITIVITY_LABELS: Record<keyof Sensitivity, string> = {
  touchesPersonalData: "Touches personal data",
  affectsBilling: "Affects billing",
  changesCompliance: "Changes compliance behaviour",
  securityAdjacent: "Touches security-adjacent areas",
  altersAuthSession: "Alters authentication or session logic",
  bypassesSecurityChecks: "Bypasses security checks",
  exposesPrivateData: "Exposes private data",
  confirmsNoSecurityChange: "Confirmed: does not alter auth/session logic or bypass security checks",
};

/** What the flag offers, to check the design against. */
export type FlagFacts = { variationKeys: readonly string[]; offVariationKey: string };

/** One missing or wrong piece, named by its field path (as the edit form names it). */
export type ContentProblem = { field: string; message: string };

const MIN_TEXT = 10;

/**
 * Everything that must hold before an experiment goes to review or launches ("no hypothesis → no
 * experiment"; "experiments must be statistically valid"). Empty when complete.
 */
export function contentProblems(content: ExperimentContent, flag: FlagFacts | null, maxDurationDays: number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const h = content.hypothesis;
  const d = content.design;

  if (!content.flagKey) add("flagKey", "Flag is required: every experiment runs on exactly one flag.");
  else if (!flag) add("flagKey", `Flag “${content.flagKey}” does not exist.`);
  if (!content.environmentKey) add("environmentKey", "Environment is required: choose where the experiment launches.");

  if (h.problemStatement.trim().length < MIN_TEXT) add("hypothesis.problemStatement", "Problem statement is required (at least 10 characters).");
  if (h.expectedOutcome.trim().length < MIN_TEXT) add("hypothesis.expectedOutcome", "Expected outcome is required (at least 10 characters).");
  if (h.successMetrics.length === 0) add("hypothesis.successMetrics", "Choose at least one success metric.");
  if (h.failureMetrics.length === 0) add("hypothesis.failureMetrics", "Choose at least one failure metric.");
  if (h.rollbackPlan.trim().length < MIN_TEXT) add("hypothesis.rollbackPlan", "Rollback plan is required (at least 10 characters).");

  problems.push(...designProblems(content.design, flag, maxDurationDays));
  if (d.expectedDailyUnits <= 0) add("design.expectedDailyUnits", "Expected daily units must be more than 0, so the duration can be estimated.");

  if (!content.sensitivity.confirmsNoSecurityChange) {
    add("sensitivity.confirmsNoSecurityChange", "Confirm that the experiment does not alter auth/session logic or bypass security checks.");
  }
  return problems;
}

/**
 * The design rules that hold even for a saved draft: weights over the flag's variations summing to
 * 100 %, a control among them, at least one variant, a bounded duration ("long-running experiments
 * are prohibited") and sane statistics parameters.
 */
export function designProblems(design: ExperimentContent["design"], flag: FlagFacts | null, maxDurationDays: number): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const keys = Object.keys(design.weights);

  if (!design.controlVariation) add("design.controlVariation", "Control variation is required.");
  else if (flag && !flag.variationKeys.includes(design.controlVariation)) {
    add("design.controlVariation", `Control “${design.controlVariation}” is not a variation of the flag (${flag.variationKeys.join(", ")}).`);
  } else if (keys.length > 0 && !keys.includes(design.controlVariation)) {
    add("design.weights", "Weights must include the control variation.");
  }
  if (flag) {
    const unknown = keys.filter((k) => !flag.variationKeys.includes(k));
    if (unknown.length > 0) add("design.weights", `Weights name variations the flag does not have: ${unknown.join(", ")}.`);
  }
  if (keys.length < 2) add("design.weights", "Give weights to the control and at least one variant.");
  const total = keys.reduce((sum, k) => sum + (design.weights[k] ?? 0), 0);
  if (keys.length >= 2 && Math.abs(total - 100) > 1e-9) {
    add("design.weights", `Weights must sum to 100 % (they sum to ${round(total)} %).`);
  }
  if (keys.some((k) => (design.weights[k] ?? 0) <= 0)) add("design.weights", "Every variation in the design needs a weight above 0 %.");

  if (!(design.exposurePercentage > 0 && design.exposurePercentage <= 100)) {
    add("design.exposurePercentage", "Exposure must be more than 0 % and at most 100 %.");
  }
  if (!(design.baselineRate > 0 && design.baselineRate < 1)) {
    add("design.baselineRate", "Baseline rate must be between 0 and 1 (e.g. 0.1 for 10 %).");
  }
  if (!(design.plannedDurationDays >= 1 && design.plannedDurationDays <= maxDurationDays)) {
    add(
      "design.plannedDurationDays",
      `Duration must be 1–${maxDurationDays} days: long-running experiments are prohibited (the workspace maximum is ${maxDurationDays} days).`,
    );
  }
  return problems;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
