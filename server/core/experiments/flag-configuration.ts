import type { Rule } from "../evaluation/snapshot-format";
import type { Weights } from "../flags/rollout";
import type { ExperimentContent } from "./experiment-content";

/** The rule a segment audience adds in front of the flag's own rules. */
export const AUDIENCE_RULE_ID = "experiment-audience";

export type ExperimentFlagConfiguration = { enabled: boolean; rolloutPercentage: number; weights: Weights; rules: Rule[] };

/**
 * Design weights are percentages (two decimals); flag weights are integers on a 10,000 scale,
 * so 33.33 % becomes 3,333 and a variation's bucket range is exactly what the design says.
 */
export function flagWeightsFor(design: Pick<ExperimentContent["design"], "weights">): Weights {
  return Object.fromEntries(Object.entries(design.weights).map(([key, percent]) => [key, Math.round(percent * 100)]));
}

/**
 * Launch: the experiment runs through the flag configuration (server-side, removable without a
 * redeploy): on, at the launch exposure, split by the design's weights. A segment audience adds
 * a first rule that serves everyone outside the segment the off variation, so only the audience
 * enters the split.
 */
export function launchConfiguration(input: {
  experimentKey: string;
  design: Pick<ExperimentContent["design"], "weights" | "segmentKey">;
  offVariation: string;
  rules: readonly Rule[];
  exposurePercentage: number;
}): ExperimentFlagConfiguration {
  const rules = withoutAudienceRule(input.rules);
  const audience: Rule[] = input.design.segmentKey
    ? [
        {
          id: AUDIENCE_RULE_ID,
          description: `Audience of experiment ${input.experimentKey}: only segment ${input.design.segmentKey} takes part`,
          match: "all",
          conditions: [{ attribute: "targetingKey", operator: "not_in_segment", values: [input.design.segmentKey] }],
          serve: { variation: input.offVariation },
        },
      ]
    : [];
  return { enabled: true, rolloutPercentage: input.exposurePercentage, weights: flagWeightsFor(input.design), rules: [...audience, ...rules] };
}

/** Ship: everyone gets the winning variation until the code makes it the default and the flag is removed. */
export function shipConfiguration(winner: string, rules: readonly Rule[]): ExperimentFlagConfiguration {
  return { enabled: true, rolloutPercentage: 100, weights: { [winner]: 10_000 }, rules: withoutAudienceRule(rules) };
}

export function withoutAudienceRule(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => r.id !== AUDIENCE_RULE_ID);
}

