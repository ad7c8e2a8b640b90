import { AppError } from "../errors";
import { durationEstimate, sampleSizePerVariation } from "../stats/sample-size";
import type { ExperimentContent } from "./experiment-content";

/** The design page's sample-size and duration estimate (the same code the analysis uses). */
export type DesignEstimate = {
  /** units needed in every variation; null when the design cannot be estimated (see `warning`) */
  perVariation: number | null;
  total: number | null;
  variations: number;
  /** the formula, named so a data scientist can check it */
  method: string | null;
  alphaPerComparison: number | null;
  /** days until the smallest variation has its sample at the planned exposure; null without traffic */
  daysNeeded: number | null;
  reachable: boolean;
  /** a plain warning when the planned duration cannot reach the sample (or no estimate is possible) */
  warning: string | null;
};

type Design = Pick<
  ExperimentContent["design"],
  "weights" | "alpha" | "power" | "minDetectableEffect" | "baselineRate" | "exposurePercentage" | "expectedDailyUnits" | "plannedDurationDays"
>;

/**
 * Sample size per variation for the primary success metric (a conversion at `baselineRate`),
 * Bonferroni-split α across the variant-vs-control comparisons, and whether the planned duration
 * at the planned exposure and expected traffic reaches it.
 */
export function estimateDesign(design: Design): DesignEstimate {
  const weights = Object.values(design.weights);
  const variations = Math.max(2, weights.length);
  try {
    const size = sampleSizePerVariation({
      baselineRate: design.baselineRate,
      alpha: design.alpha,
      power: design.power,
      minDetectableEffect: design.minDetectableEffect,
      variations,
    });
    const base = { perVariation: size.perVariation, total: size.total, variations, method: size.method, alphaPerComparison: size.alphaPerComparison };
    if (design.expectedDailyUnits <= 0 || design.exposurePercentage <= 0) {
      return { ...base, daysNeeded: null, reachable: false, warning: "Enter the expected daily units to estimate how long it must run." };
    }
    const validWeights = weights.length === variations && Math.abs(weights.reduce((a, w) => a + w, 0) - 100) < 1e-6 && weights.every((w) => w > 0);
    const duration = durationEstimate({
      perVariation: size.perVariation,
      variations,
      exposurePercentage: design.exposurePercentage,
      expectedDailyUnits: design.expectedDailyUnits,
      plannedDurationDays: design.plannedDurationDays,
      ...(validWeights ? { weights } : {}),
    });
    return {
      ...base,
      daysNeeded: duration.daysNeeded,
      reachable: duration.reachable,
      warning: duration.reachable
        ? null
        : `The planned ${design.plannedDurationDays} days cannot reach the sample: it needs about ${duration.daysNeeded ?? "∞"} days at ${design.exposurePercentage} % exposure. Raise the exposure or the minimum detectable effect, or expect an inconclusive result.`,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { perVariation: null, total: null, variations, method: null, alphaPerComparison: null, daysNeeded: null, reachable: false, warning: error.message };
  }
}
