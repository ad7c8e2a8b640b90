/**
 * compileSnapshot: checks a snapshot once and precomputes everything evaluation needs
 * (condition closures, target maps, bucket ranges, every possible outcome with frozen metadata),
 * so evaluate()/evaluateAll() are allocation-free apart from the result objects.
 *
 * It expects a snapshot of the right shape (validate network input with `snapshotSchema` first);
 * it checks what the schema cannot: references to variations and segments, segment cycles,
 * conditions, rollout numbers, duplicate keys and that variation values match the flag's type.
 * Problems throw a SnapshotCompileError naming the flag or segment, the rule and the field.
 */
import { SnapshotCompileError } from "./compile-error";
import { combine, compileCondition, validateCondition, type ContextPredicate } from "./conditions";
import { evaluateFlag, type CompiledFlag, type CompiledRolloutOutcomes, type CompiledRule, type Outcome } from "./evaluate";
import { murmurPrefix, PackedUnit } from "./hash";
import type { EvaluationContext, EvaluationMetadata, EvaluationReason, EvaluationResult } from "./result";
import { compileRollout, validateRollout } from "./rollout-ranges";
import { compileSegments, type SegmentMemo } from "./segments";
import { SNAPSHOT_FORMAT, type JsonValue, type Rollout, type Snapshot, type SnapshotFlag } from "./snapshot-format";

// Local bindings for the hot path: a module loader that turns imports into property reads
// (tsx, CommonJS output) would otherwise pay a getter call per flag evaluated.
const evaluateCompiledFlag = evaluateFlag;

export type CompiledSnapshot = {
  readonly environmentKey: string;
  readonly revision: number;
  readonly flagKeys: readonly string[];
  /**
   * The flag's answer for this context; null when the flag does not exist. Never throws.
   * The result object is fresh, but its `value` and `metadata` are frozen and shared between
   * evaluations: copy them before changing them.
   */
  evaluate(flagKey: string, context: EvaluationContext): EvaluationResult | null;
  /** every flag, in snapshot order */
  evaluateAll(context: EvaluationContext): EvaluationResult[];
};

/** A deep, frozen copy of a JSON value (results share it, so nobody can change it for others). */
function frozenCopy(value: JsonValue): JsonValue {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as JsonValue[];
  const copy: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: frozenCopy(value[key]!), enumerable: true, writable: true, configurable: true });
  }
  return Object.freeze(copy);
}

function matchesType(valueType: SnapshotFlag["valueType"], value: JsonValue): boolean {
  switch (valueType) {
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "json":
      return true;
  }
}

function compileFlag(flag: SnapshotFlag, index: number, revision: number, segment: (key: string) => ContextPredicate | undefined): CompiledFlag {
  const at = `flags.${index}`;
  const name = `Flag “${flag.key}”`;
  const fail = (message: string, field: string): never => {
    throw new SnapshotCompileError(`${name}: ${message}`, `${at}.${field}`);
  };

  // variations and their values
  const values = new Map<string, JsonValue>();
  for (const key of Object.keys(flag.variations)) {
    const value = flag.variations[key]!;
    if (!matchesType(flag.valueType, value)) {
      fail(`variation “${key}” serves ${JSON.stringify(value)}, which is not a ${flag.valueType}.`, `variations.${key}`);
    }
    values.set(key, frozenCopy(value));
  }
  const known = [...values.keys()].map((k) => `“${k}”`).join(", ") || "none";
  const variation = (key: string, field: string, what: string): JsonValue => {
    if (!values.has(key)) fail(`${what} “${key}” is not one of its variations (${known}).`, field);
    return values.get(key)!;
  };
  const offValue = variation(flag.offVariation, "offVariation", "the off variation");

  // metadata: one frozen object per (rule, in experiment)
  const metadata = (ruleId: string | undefined, inExperiment: boolean): EvaluationMetadata => {
    const m: EvaluationMetadata = { flagVersion: flag.version, revision, inExperiment };
    if (flag.experiment !== null) m.experimentKey = flag.experiment.key;
    if (ruleId !== undefined) m.ruleId = ruleId;
    return Object.freeze(m);
  };
  const baseMetadata = metadata(undefined, false);
  const outcome = (variant: string, value: JsonValue, reason: EvaluationReason, meta: EvaluationMetadata): Outcome =>
    Object.freeze({ key: flag.key, value, variant, reason, metadata: meta });

  const rollout = (r: Rollout, field: string, ruleId: string | undefined): CompiledRolloutOutcomes => {
    const problem = validateRollout(r);
    if (problem !== null) fail(problem.message, `${field}.${problem.field}`);
    const splitMeta = metadata(ruleId, flag.experiment !== null);
    const inRange = r.weights.map((w, i) =>
      outcome(w.variation, variation(w.variation, `${field}.weights.${i}.variation`, "the rollout serves variation"), "SPLIT", splitMeta),
    );
    const ranges = compileRollout(r);
    const outside = outcome(flag.offVariation, offValue, "DEFAULT", ruleId === undefined ? baseMetadata : metadata(ruleId, false));
    const constant = ranges.constant === null ? null : ranges.constant < 0 ? outside : inRange[ranges.constant]!;
    return Object.freeze({ ranges, inRange: Object.freeze(inRange), outside, constant });
  };

  // targets: the first list naming a unit wins
  const targetMap = new Map<string, Outcome>();
  for (let t = 0; t < flag.targets.length; t++) {
    const target = flag.targets[t]!;
    const served = variation(target.variation, `targets.${t}.variation`, "a target list serves variation");
    const o = outcome(target.variation, served, "TARGETING_MATCH", baseMetadata);
    for (const unit of target.values) if (!targetMap.has(unit)) targetMap.set(unit, o);
  }
  const targets = targetMap.size > 0 ? targetMap : null;

  const ruleIds = new Set<string>();
  const rules = flag.rules.map((rule, r): CompiledRule => {
    const field = `rules.${r}`;
    const named = `rule “${rule.id}”`;
    if (ruleIds.has(rule.id)) fail(`${named} appears twice; rule ids must be unique within a flag.`, `${field}.id`);
    ruleIds.add(rule.id);
    if (rule.conditions.length === 0) fail(`${named} has no conditions.`, `${field}.conditions`);
    const predicates = rule.conditions.map((condition, c) => {
      const problem = validateCondition(condition);
      if (problem !== null) fail(`${named}, condition ${c + 1}: ${problem}`, `${field}.conditions.${c}`);
      return compileCondition(condition, (key) => {
        const predicate = segment(key);
        if (predicate === undefined) {
          return fail(`${named}, condition ${c + 1}: segment “${key}” does not exist.`, `${field}.conditions.${c}.values`);
        }
        return predicate;
      });
    });
    const matches = combine(rule.match, predicates);
    if ("variation" in rule.serve) {
      const value = variation(rule.serve.variation, `${field}.serve.variation`, `${named} serves variation`);
      return Object.freeze({ matches, fixed: outcome(rule.serve.variation, value, "TARGETING_MATCH", metadata(rule.id, false)), rollout: null });
    }
    return Object.freeze({ matches, fixed: null, rollout: rollout(rule.serve.rollout, `${field}.serve.rollout`, rule.id) });
  });

  const defaultRollout = rollout(flag.rollout, "rollout", undefined);

  let everyone: Outcome | null = null;
  if (!flag.enabled) {
    everyone = outcome(flag.offVariation, offValue, "DISABLED", baseMetadata);
  } else if (targets === null && rules.length === 0 && defaultRollout.constant !== null && defaultRollout.constant.reason === "SPLIT") {
    const only = defaultRollout.constant;
    everyone = outcome(only.variant, only.value, "STATIC", baseMetadata);
  }

  return Object.freeze({
    key: flag.key,
    everyone,
    targets,
    rules: Object.freeze(rules),
    rollout: defaultRollout,
    hashPrefix: murmurPrefix(`${flag.salt}:`),
  });
}

/** Checks a snapshot and compiles it for fast evaluation; throws SnapshotCompileError when it cannot be evaluated. */
export function compileSnapshot(snapshot: Snapshot): CompiledSnapshot {
  if (snapshot.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotCompileError(`Unsupported snapshot format “${String(snapshot.format)}” (expected ${SNAPSHOT_FORMAT}).`, "format");
  }
  const memo: SegmentMemo = { epoch: 0 };
  const segments = compileSegments(snapshot.segments, memo);
  const flags: CompiledFlag[] = [];
  const byKey = new Map<string, CompiledFlag>();
  snapshot.flags.forEach((flag, index) => {
    if (byKey.has(flag.key)) throw new SnapshotCompileError(`Flag “${flag.key}” appears twice in the snapshot.`, `flags.${index}.key`);
    const compiled = compileFlag(flag, index, snapshot.revision, segments.resolve);
    flags.push(compiled);
    byKey.set(flag.key, compiled);
  });
  const count = flags.length;
  const packed = new PackedUnit();

  return Object.freeze({
    environmentKey: snapshot.environment.key,
    revision: snapshot.revision,
    flagKeys: Object.freeze(flags.map((f) => f.key)),
    evaluate(flagKey: string, context: EvaluationContext): EvaluationResult | null {
      const flag = byKey.get(flagKey);
      if (flag === undefined) return null;
      memo.epoch++;
      return evaluateCompiledFlag(flag, context, packed);
    },
    evaluateAll(context: EvaluationContext): EvaluationResult[] {
      memo.epoch++;
      const results = new Array<EvaluationResult>(count);
      for (let i = 0; i < count; i++) {
        const flag = flags[i]!;
        results[i] = evaluateCompiledFlag(flag, context, packed);
      }
      return results;
    },
  });
}
