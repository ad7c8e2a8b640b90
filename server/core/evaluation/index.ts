/**
 * The pure flag evaluator: hashing and bucketing, targeting conditions, and compiled snapshots.
 * Runs unchanged in Node, the edge runtime and browsers. The algorithm is specified for SDK
 * authors in ./README.md and pinned by ./golden-vectors.json.
 */
export { compileSnapshot, type CompiledSnapshot } from "./compile-snapshot";
export { SnapshotCompileError } from "./compile-error";
export { parseEvaluationContext, CONTEXT_LIMITS, type ParsedEvaluationContext } from "./context";
export { validateCondition } from "./conditions";
export { validateRollout, compileRollout, coverageBasisPoints, locateBucket, MAX_TOTAL_WEIGHT, type RolloutRanges } from "./rollout-ranges";
export { BUCKETS, bucketOf, murmur3_32 } from "./hash";
export type { EvaluationContext, EvaluationMetadata, EvaluationReason, EvaluationResult } from "./result";
export {
  OPERATORS,
  SNAPSHOT_FORMAT,
  snapshotSchema,
  type Condition,
  type ConditionValue,
  type JsonValue,
  type Operator,
  type Rollout,
  type Rule,
  type Serve,
  type Snapshot,
  type SnapshotFlag,
  type SnapshotSegment,
  type WeightedVariation,
} from "./snapshot-format";
