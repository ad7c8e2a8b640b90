import type { ExperimentContent } from "./experiment-content";
import type { ExperimentType } from "./experiment-types";

/**
 * A new draft's design, prefilled from its flag: the off variation is the control, every
 * variation gets an equal share (percentages with two decimals that sum to exactly 100).
 */
export function draftContent(input: {
  name: string;
  type: ExperimentType;
  flagKey: string;
  environmentKey: string;
  team: string;
  variationKeys: readonly string[];
  offVariationKey: string;
}): ExperimentContent {
  const n = Math.max(1, input.variationKeys.length);
  const share = Math.floor(10_000 / n);
  const weights = Object.fromEntries(input.variationKeys.map((key, i) => [key, (i === 0 ? 10_000 - share * (n - 1) : share) / 100]));
  return {
    name: input.name,
    type: input.type,
    flagKey: input.flagKey,
    environmentKey: input.environmentKey,
    team: input.team,
    hypothesis: { problemStatement: "", expectedOutcome: "", successMetrics: [], failureMetrics: [], rollbackPlan: "" },
    design: {
      controlVariation: input.variationKeys.includes(input.offVariationKey) ? input.offVariationKey : (input.variationKeys[0] ?? ""),
      weights,
      segmentKey: null,
      exposurePercentage: 100,
      plannedDurationDays: 14,
      guardrailMetrics: [],
      alpha: 0.05,
      power: 0.8,
      minDetectableEffect: 0.05,
      baselineRate: 0.1,
      expectedDailyUnits: 0,
    },
    sensitivity: {
      touchesPersonalData: false,
      affectsBilling: false,
      changesCompliance: false,
      securityAdjacent: false,
      altersAuthSession: false,
      bypassesSecurityChecks: false,
      exposesPrivateData: false,
      confirmsNoSecurityChange: false,
    },
  };
}
