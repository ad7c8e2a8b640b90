import type { JsonValue } from "./snapshot-format";

/**
 * Why a unit got its value (OpenFeature's resolution reasons, as OFREP carries them):
 * - DISABLED: the flag is off in this environment → the off variation.
 * - TARGETING_MATCH: an individual target or a rule serving a fixed variation matched.
 * - SPLIT: a percentage rollout (a rule's or the default one) put the unit in a variation's range.
 * - DEFAULT: the unit is outside every rollout's coverage → the off variation.
 * - STATIC: the flag serves one value to everyone (on, no targets or rules, 100 % to one variation).
 * - ERROR: the flag could not be evaluated → the off variation, with an error code.
 */
export type EvaluationReason = "STATIC" | "TARGETING_MATCH" | "SPLIT" | "DISABLED" | "DEFAULT" | "ERROR";

/** OFREP metadata: a flat map of string → boolean | string | number. */
export type EvaluationMetadata = {
  /** the flag's configuration version in this environment */
  flagVersion: number;
  /** the snapshot revision the answer came from */
  revision: number;
  /** true when the unit was randomised into a running experiment: report an exposure */
  inExperiment: boolean;
  /** the running experiment on this flag, if any */
  experimentKey?: string;
  /** the rule that decided, if one did */
  ruleId?: string;
};

export type EvaluationResult = {
  key: string;
  value: JsonValue;
  variant: string;
  reason: EvaluationReason;
  metadata: EvaluationMetadata;
};

/** The unit and its attributes; `targetingKey` is the randomisation unit (usually the user id). */
export type EvaluationContext = { targetingKey: string } & { [attribute: string]: JsonValue };
