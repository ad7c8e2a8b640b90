import type { Variation } from "./variations";

/** variation key → relative weight (any positive scale; normalised when evaluated) */
export type Weights = Record<string, number>;

/**
 * Who gets what inside a rollout when nobody has chosen weights yet: every variation
 * except the off variation, equally. A boolean flag at 5 % thus serves "on" to 5 % of units
 * and "off" to everyone else.
 */
export function defaultWeights(variations: readonly Pick<Variation, "key">[], offVariationKey: string): Weights {
  const served = variations.filter((v) => v.key !== offVariationKey);
  const pool = served.length > 0 ? served : variations;
  const share = Math.floor(10_000 / pool.length);
  const weights: Weights = {};
  pool.forEach((v, i) => {
    weights[v.key] = i === 0 ? 10_000 - share * (pool.length - 1) : share;
  });
  return weights;
}

export type FlagEnvironmentState = { enabled: boolean; rolloutPercentage: number };

/** Plain-language status of a flag in one environment, as the flag list shows it. */
export function describeEnvironmentState(state: FlagEnvironmentState): string {
  if (!state.enabled) return "Off";
  if (state.rolloutPercentage >= 100) return "On for everyone";
  if (state.rolloutPercentage <= 0) return "On, 0 % rollout";
  return `On for ${state.rolloutPercentage} %`;
}
