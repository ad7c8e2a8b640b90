/**
 * The published snapshot: everything needed to evaluate every flag of one environment, with no
 * database. Keel publishes a new one (revision + 1) whenever a flag configuration changes; app
 * instances, the edge route, the standalone evaluator and SDKs evaluate against it.
 * The JSON shape is documented in server/core/evaluation/README.md ("keel-snapshot/1").
 * The zod schema validates snapshots that arrive over the network (evaluator process, edge route).
 */
import { z } from "zod";

export const SNAPSHOT_FORMAT = "keel-snapshot/1";

/** A JSON value, as variations serve and contexts carry. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export const OPERATORS = [
  "equals",
  "not_equals",
  "in",
  "not_in",
  "contains",
  "starts_with",
  "ends_with",
  "gt",
  "gte",
  "lt",
  "lte",
  "semver_eq",
  "semver_gt",
  "semver_gte",
  "semver_lt",
  "semver_lte",
  "exists",
  "not_exists",
  "in_segment",
  "not_in_segment",
] as const;
export type Operator = (typeof OPERATORS)[number];

const scalar = z.union([z.string(), z.number(), z.boolean()]);
export type ConditionValue = z.infer<typeof scalar>;

export const conditionSchema = z.object({
  /** a context attribute name; "targetingKey" is the unit id */
  attribute: z.string().min(1).max(200),
  operator: z.enum(OPERATORS),
  /** one value for equals/gt/semver_*, a list for in/not_in/contains/…, segment keys for *_segment, none for exists */
  values: z.array(scalar).max(10_000),
});
export type Condition = z.infer<typeof conditionSchema>;

/** variation weights, in order: the order fixes where each variation's bucket range starts */
export const weightsSchema = z.array(z.object({ variation: z.string(), weight: z.number().int().min(0) })).min(1);
export type WeightedVariation = z.infer<typeof weightsSchema>[number];

/** coverage (0–100 %, steps of 0.01) and how the covered units split between variations */
export const rolloutSchema = z.object({ percentage: z.number().min(0).max(100), weights: weightsSchema });
export type Rollout = z.infer<typeof rolloutSchema>;

export const serveSchema = z.union([
  z.object({ variation: z.string() }).strict(),
  z.object({ rollout: rolloutSchema }).strict(),
]);
export type Serve = z.infer<typeof serveSchema>;

export const ruleSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  /** all: every condition must hold; any: at least one */
  match: z.enum(["all", "any"]),
  conditions: z.array(conditionSchema).min(1),
  serve: serveSchema,
});
export type Rule = z.infer<typeof ruleSchema>;

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const snapshotFlagSchema = z.object({
  key: z.string(),
  valueType: z.enum(["boolean", "string", "number", "json"]),
  /** bumped on every change of this flag's configuration in this environment */
  version: z.number().int(),
  enabled: z.boolean(),
  /** hashing salt of this flag in this environment */
  salt: z.string(),
  /** variation key → the value it serves */
  variations: z.record(z.string(), jsonValue),
  /** what units get when the flag is off, or when they fall outside a rollout */
  offVariation: z.string(),
  /** individual targets, evaluated before rules: these unit ids always get that variation */
  targets: z.array(z.object({ variation: z.string(), values: z.array(z.string()) })),
  /** evaluated in order; the first rule whose conditions hold decides */
  rules: z.array(ruleSchema),
  /** the default rule: everyone no target or rule caught */
  rollout: rolloutSchema,
  /** the running experiment on this flag in this environment, if any (exposures are reported for it) */
  experiment: z.object({ key: z.string() }).nullable(),
});
export type SnapshotFlag = z.infer<typeof snapshotFlagSchema>;

export const snapshotSegmentSchema = z.object({
  key: z.string(),
  /** all must hold (an empty list matches nobody, so a list-only segment is just its included ids) */
  conditions: z.array(conditionSchema),
  included: z.array(z.string()),
  excluded: z.array(z.string()),
});
export type SnapshotSegment = z.infer<typeof snapshotSegmentSchema>;

export const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  environment: z.object({ key: z.string(), name: z.string() }),
  /** increases by one with every publication for this environment */
  revision: z.number().int().min(1),
  publishedAt: z.string(),
  flags: z.array(snapshotFlagSchema),
  segments: z.array(snapshotSegmentSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;
