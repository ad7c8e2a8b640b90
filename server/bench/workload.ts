/**
 * The benchmark workload, generated from a seeded PRNG so every run and every library sees the
 * same flags, users and evaluation order, and its native expression in each library compared:
 *
 *   1,000 boolean flags, each: `country in <5 of 8 countries>` AND `plan in [pro, enterprise]`
 *   → 25 % rollout to "on"; everyone else gets "off".
 *   100,000 users: a unit id plus `country` (uniform over 8) and `plan` (uniform over 3),
 *   so about 5/8 × 2/3 ≈ 42 % of (user, flag) pairs match a flag's rule.
 *
 * The same rule is written as a Keel snapshot, GrowthBook features, Unleash toggles and a flagd
 * flag configuration (see the to* functions below).
 */
import type { FeatureDefinition } from "@growthbook/growthbook";
import type { ClientFeaturesResponse } from "unleash-client";
import { SNAPSHOT_FORMAT, type Snapshot, type SnapshotFlag } from "../core/evaluation";

/** mulberry32: a small, fast, seedable 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const COUNTRIES = ["US", "GB", "DE", "FR", "NL", "SE", "ES", "BR"] as const;
export const PLANS = ["free", "pro", "enterprise"] as const;
/** the plans every flag's rule accepts */
export const RULE_PLANS = ["pro", "enterprise"] as const;
/** countries per flag rule */
export const RULE_COUNTRY_COUNT = 5;
/** share of rule-matching users who get "on" */
export const ROLLOUT_PERCENT = 25;

export type WorkloadFlag = { key: string; countries: string[] };
export type WorkloadUser = { id: string; country: string; plan: string };

export type Workload = {
  seed: number;
  flags: WorkloadFlag[];
  flagKeys: string[];
  users: WorkloadUser[];
  /** the single-evaluation order: pair i evaluates flags[seqFlag[i]] for users[seqUser[i]] */
  seqFlag: Uint32Array;
  seqUser: Uint32Array;
  /** ground truth: does users[u] match the rule of flags[f]? */
  matches(f: number, u: number): boolean;
};

export type WorkloadOptions = { seed?: number; flagCount?: number; userCount?: number; sequenceLength?: number };

export function createWorkload(options: WorkloadOptions = {}): Workload {
  const seed = options.seed ?? 0x6b65656c; // "keel"
  const flagCount = options.flagCount ?? 1_000;
  const userCount = options.userCount ?? 100_000;
  const sequenceLength = options.sequenceLength ?? 1 << 20;
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const flags: WorkloadFlag[] = [];
  for (let f = 0; f < flagCount; f++) {
    const pool = [...COUNTRIES];
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    flags.push({ key: `bench-flag-${String(f).padStart(4, "0")}`, countries: pool.slice(0, RULE_COUNTRY_COUNT).sort() });
  }

  const built: WorkloadUser[] = [];
  for (let u = 0; u < userCount; u++) {
    built.push({ id: `user-${(random() * 0x7fffffff) >>> 0}-${u}`, country: pick(COUNTRIES), plan: pick(PLANS) });
  }
  // Through JSON, as a server gets contexts from a request body: flat strings, not the
  // concatenation ropes template literals make (reading those char by char is slower).
  const users = JSON.parse(JSON.stringify(built)) as WorkloadUser[];

  const seqFlag = new Uint32Array(sequenceLength);
  const seqUser = new Uint32Array(sequenceLength);
  for (let i = 0; i < sequenceLength; i++) {
    seqFlag[i] = Math.floor(random() * flagCount);
    seqUser[i] = Math.floor(random() * userCount);
  }

  const countrySets = flags.map((f) => new Set(f.countries));
  const rulePlans = new Set<string>(RULE_PLANS);
  return {
    seed,
    flags,
    flagKeys: flags.map((f) => f.key),
    users,
    seqFlag,
    seqUser,
    matches: (f, u) => countrySets[f]!.has(users[u]!.country) && rulePlans.has(users[u]!.plan),
  };
}

/** Keel: one rule (match all: country in …, plan in …) serving a 25 % rollout of "on"; default rollout 0 % (off). */
export function toKeelSnapshot(workload: Workload): Snapshot {
  const flags: SnapshotFlag[] = workload.flags.map((flag) => ({
    key: flag.key,
    valueType: "boolean",
    version: 1,
    enabled: true,
    salt: flag.key,
    variations: { on: true, off: false },
    offVariation: "off",
    targets: [],
    rules: [
      {
        id: "country-and-plan",
        match: "all",
        conditions: [
          { attribute: "country", operator: "in", values: flag.countries },
          { attribute: "plan", operator: "in", values: [...RULE_PLANS] },
        ],
        serve: { rollout: { percentage: ROLLOUT_PERCENT, weights: [{ variation: "on", weight: 1 }] } },
      },
    ],
    rollout: { percentage: 0, weights: [{ variation: "on", weight: 1 }] },
    experiment: null,
  }));
  return {
    format: SNAPSHOT_FORMAT,
    environment: { key: "bench", name: "Benchmark" },
    revision: 1,
    publishedAt: new Date(0).toISOString(),
    flags,
    segments: [],
  };
}

/**
 * GrowthBook: default false, one force rule `true` with a targeting condition and
 * `coverage: 0.25` hashed on the `id` attribute (hashVersion 2, what GrowthBook writes today).
 */
export function toGrowthBookFeatures(workload: Workload): Record<string, FeatureDefinition<boolean>> {
  const features: Record<string, FeatureDefinition<boolean>> = {};
  for (const flag of workload.flags) {
    features[flag.key] = {
      defaultValue: false,
      rules: [
        {
          id: "country-and-plan",
          condition: { country: { $in: flag.countries }, plan: { $in: [...RULE_PLANS] } },
          force: true,
          coverage: ROLLOUT_PERCENT / 100,
          hashAttribute: "id",
          hashVersion: 2,
          seed: flag.key,
        },
      ],
    };
  }
  return features;
}

type UnleashFeature = ClientFeaturesResponse["features"][number];
type UnleashStrategy = NonNullable<UnleashFeature["strategies"]>[number];
type UnleashConstraint = NonNullable<UnleashStrategy["constraints"]>[number];

/** Unleash: one flexibleRollout strategy (rollout 25, default stickiness = userId) with two IN constraints. */
export function toUnleashFeatures(workload: Workload): UnleashFeature[] {
  const inList = (contextName: string, values: string[]): UnleashConstraint => ({
    contextName,
    operator: "IN" as UnleashConstraint["operator"],
    values,
    inverted: false,
    caseInsensitive: false,
  });
  return workload.flags.map((flag) => ({
    name: flag.key,
    type: "release",
    project: "default",
    enabled: true,
    stale: false,
    impressionData: false,
    strategies: [
      {
        name: "flexibleRollout",
        parameters: { rollout: String(ROLLOUT_PERCENT), stickiness: "default", groupId: flag.key },
        constraints: [inList("country", flag.countries), inList("plan", [...RULE_PLANS])],
      },
    ],
    variants: [],
  }));
}

/** flagd: JSON-logic targeting, `if (country in … and plan in …) fractional(on 25, off 75) else off`. */
export function toFlagdConfiguration(workload: Workload): string {
  const flags: Record<string, unknown> = {};
  for (const flag of workload.flags) {
    flags[flag.key] = {
      state: "ENABLED",
      variants: { on: true, off: false },
      defaultVariant: "off",
      targeting: {
        if: [
          { and: [{ in: [{ var: "country" }, flag.countries] }, { in: [{ var: "plan" }, [...RULE_PLANS]] }] },
          { fractional: [["on", ROLLOUT_PERCENT], ["off", 100 - ROLLOUT_PERCENT]] },
          "off",
        ],
      },
    };
  }
  return JSON.stringify({ flags });
}
