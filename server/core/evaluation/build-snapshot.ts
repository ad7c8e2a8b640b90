import type { Weights } from "../flags/rollout";
import { SNAPSHOT_FORMAT, type Condition, type JsonValue, type Rule, type Snapshot, type SnapshotFlag, type WeightedVariation } from "./snapshot-format";

/** What a snapshot is built from: one environment's flags, running experiments and segments, as stored. */
export type EnvironmentConfiguration = {
  environment: { id: string; key: string; name: string };
  flags: {
    key: string;
    valueType: string;
    offVariationKey: string;
    /** in the flag's variation order; `value` is the stored JSON encoding */
    variations: { key: string; value: string }[];
    config: {
      enabled: boolean;
      rolloutPercentage: number;
      weights: Weights;
      rules: Rule[];
      targets: SnapshotFlag["targets"];
      salt: string;
      version: number;
    };
    runningExperimentKey: string | null;
  }[];
  segments: { key: string; conditions: Condition[]; included: string[]; excluded: string[] }[];
};

/**
 * Turns an environment's stored configuration into the published snapshot document.
 * Weights are listed in the flag's variation order (not the stored object's key order), so a
 * variation's bucket range always starts at the same place.
 */
export function buildSnapshot(configuration: EnvironmentConfiguration, revision: number, publishedAt: Date): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    environment: { key: configuration.environment.key, name: configuration.environment.name },
    revision,
    publishedAt: publishedAt.toISOString(),
    flags: configuration.flags.map((flag) => ({
      key: flag.key,
      valueType: flag.valueType as Snapshot["flags"][number]["valueType"],
      version: flag.config.version,
      enabled: flag.config.enabled,
      salt: flag.config.salt,
      variations: Object.fromEntries(flag.variations.map((v) => [v.key, JSON.parse(v.value) as JsonValue])),
      offVariation: flag.offVariationKey,
      targets: flag.config.targets,
      rules: flag.config.rules,
      rollout: { percentage: flag.config.rolloutPercentage, weights: orderedWeights(flag.variations, flag.config.weights) },
      experiment: flag.runningExperimentKey ? { key: flag.runningExperimentKey } : null,
    })),
    segments: configuration.segments.map((s) => ({ key: s.key, conditions: s.conditions, included: s.included, excluded: s.excluded })),
  };
}

function orderedWeights(variations: readonly { key: string }[], weights: Weights): WeightedVariation[] {
  const ordered = variations
    .filter((v) => weights[v.key] !== undefined)
    .map((v) => ({ variation: v.key, weight: Math.max(0, Math.round(weights[v.key] ?? 0)) }));
  // A flag always has weights; should they be missing, everything covered gets the first variation.
  return ordered.length > 0 ? ordered : [{ variation: variations[0]?.key ?? "", weight: 1 }];
}
