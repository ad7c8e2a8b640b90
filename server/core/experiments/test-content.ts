import type { ExperimentContent, FlagFacts, Sensitivity } from "./experiment-content";

/** A complete, valid experiment document for the unit tests; override what a test is about. */
export const NO_SENSITIVITY: Sensitivity = {
  touchesPersonalData: false,
  affectsBilling: false,
  changesCompliance: false,
  securityAdjacent: false,
  altersAuthSession: false,
  bypassesSecurityChecks: false,
  exposesPrivateData: false,
  confirmsNoSecurityChange: true,
};

export const FLAG: FlagFacts = { variationKeys: ["control", "treatment", "other"], offVariationKey: "control" };

export function completeContent(overrides: Partial<ExperimentContent> = {}): ExperimentContent {
  return {
    name: "Checkout copy",
    type: "ab_test",
    flagKey: "checkout-copy",
    environmentKey: "staging",
    team: "growth",
    hypothesis: {
      problemStatement: "Users abandon checkout at the payment step.",
      expectedOutcome: "Clearer copy raises completed checkouts by 5 %.",
      successMetrics: ["checkout-conversion"],
      failureMetrics: ["error-rate"],
      rollbackPlan: "Disable the flag; control copy is served at once.",
    },
    design: {
      controlVariation: "control",
      weights: { control: 50, treatment: 50 },
      segmentKey: null,
      exposurePercentage: 50,
      plannedDurationDays: 14,
      guardrailMetrics: [],
      alpha: 0.05,
      power: 0.8,
      minDetectableEffect: 0.05,
      baselineRate: 0.1,
      expectedDailyUnits: 10_000,
    },
    sensitivity: NO_SENSITIVITY,
    ...overrides,
  };
}
