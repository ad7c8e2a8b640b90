/**
 * compileSnapshot: checks a snapshot once and precomputes everything evaluation needs
 * (condition chains, target maps, bucket intervals, every possible outcome with frozen metadata),
 * laid out as evaluate.ts describes, so evaluate()/evaluateAll() allocate nothing but the array
 * evaluateAll returns.
 *
 * It expects a snapshot of the right shape (validate network input with `snapshotSchema` first);
 * it checks what the schema cannot: references to variations and segments, segment cycles,
 * conditions, rollout numbers, duplicate keys and that variation values match the flag's type.
 * Problems throw a SnapshotCompileError naming the flag or segment, the rule and the field.
 */
import { SnapshotCompileError } from "./compile-error";
import { chainConditions, chainTest, validateCondition, type CompiledCondition, type ContextPredicate } from "./conditions";
import { evaluateFlag, type CompiledFlag, type CompiledStep, type Outcome } from "./evaluate";
import { BUCKETS, murmurPrefix, PackedUnit } from "./hash";
import type { EvaluationContext, EvaluationMetadata, EvaluationReason, EvaluationResult } from "./result";
import { compileRollout, validateRollout, type RolloutRanges } from "./rollout-ranges";
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
   * The result is a frozen object shared between evaluations (its `value` and `metadata` too):
   * copy it before changing it.
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

/** What a step serves once it matches: the fields of CompiledStep besides its condition and its successor. */
type StepServe = Pick<CompiledStep, "constant" | "split" | "low" | "high" | "more">;

/** A step whose answer does not depend on the bucket. */
function constantServe(outcome: Outcome): StepServe {
  return { constant: outcome, split: BUCKETS, low: outcome, high: outcome, more: null };
}

/**
 * A rollout as bucket intervals tiling 0..9999: each weights entry's covered range gets its SPLIT
 * outcome and the uncovered rest of its range `outside`; empty intervals are dropped and
 * neighbours with the same outcome merged. Bucket b lands in the same interval as
 * locateBucket(ranges, b) would put it (rollout-ranges.ts).
 */
function intervalServe(ranges: RolloutRanges, inRange: readonly Outcome[], outside: Outcome): StepServe {
  const ends: number[] = [];
  const outcomes: Outcome[] = [];
  const add = (end: number, o: Outcome) => {
    const last = ends.length - 1;
    if (end <= (last >= 0 ? ends[last]! : 0)) return; // an empty interval
    if (last >= 0 && outcomes[last] === o) ends[last] = end;
    else {
      ends.push(end);
      outcomes.push(o);
    }
  };
  for (let i = 0; i < inRange.length; i++) {
    add(ranges.coveredEnds[i]!, inRange[i]!);
    add(ranges.fullEnds[i]!, outside);
  }
  const more = outcomes.length > 2 ? Object.freeze({ ends: Int32Array.from(ends.slice(1)), outcomes: Object.freeze(outcomes.slice(1)) }) : null;
  // not constant, so at least two intervals
  return { constant: null, split: ends[0]!, low: outcomes[0]!, high: outcomes[1]!, more };
}

/** One step of a flag's chain; every step is created here, so all share one object shape. */
function step(conditions: CompiledCondition | null, all: boolean, serve: StepServe, next: CompiledStep | null): CompiledStep {
  return Object.freeze({ conditions, all, constant: serve.constant, split: serve.split, low: serve.low, high: serve.high, more: serve.more, next });
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

  /** The serving part of a step: a rollout's outcomes, laid out as bucket intervals (see CompiledStep). */
  const rollout = (r: Rollout, field: string, ruleId: string | undefined): StepServe => {
    const problem = validateRollout(r);
    if (problem !== null) fail(problem.message, `${field}.${problem.field}`);
    const splitMeta = metadata(ruleId, flag.experiment !== null);
    const inRange = r.weights.map((w, i) =>
      outcome(w.variation, variation(w.variation, `${field}.weights.${i}.variation`, "the rollout serves variation"), "SPLIT", splitMeta),
    );
    const ranges = compileRollout(r);
    const outside = outcome(flag.offVariation, offValue, "DEFAULT", ruleId === undefined ? baseMetadata : metadata(ruleId, false));
    if (ranges.constant !== null) return constantServe(ranges.constant < 0 ? outside : inRange[ranges.constant]!);
    return intervalServe(ranges, inRange, outside);
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
  const rules = flag.rules.map((rule, r): { conditions: CompiledCondition | null; all: boolean; serve: StepServe } => {
    const field = `rules.${r}`;
    const named = `rule “${rule.id}”`;
    if (ruleIds.has(rule.id)) fail(`${named} appears twice; rule ids must be unique within a flag.`, `${field}.id`);
    ruleIds.add(rule.id);
    if (rule.conditions.length === 0) fail(`${named} has no conditions.`, `${field}.conditions`);
    const tests = rule.conditions.map((condition, c) => {
      const problem = validateCondition(condition);
      if (problem !== null) fail(`${named}, condition ${c + 1}: ${problem}`, `${field}.conditions.${c}`);
      return chainTest(condition, (key) => {
        const predicate = segment(key);
        if (predicate === undefined) {
          return fail(`${named}, condition ${c + 1}: segment “${key}” does not exist.`, `${field}.conditions.${c}.values`);
        }
        return predicate;
      });
    });
    const conditions = chainConditions(rule.conditions, tests);
    const all = rule.match === "all";
    if ("variation" in rule.serve) {
      const value = variation(rule.serve.variation, `${field}.serve.variation`, `${named} serves variation`);
      return { conditions, all, serve: constantServe(outcome(rule.serve.variation, value, "TARGETING_MATCH", metadata(rule.id, false))) };
    }
    return { conditions, all, serve: rollout(rule.serve.rollout, `${field}.serve.rollout`, rule.id) };
  });

  const defaultRollout = rollout(flag.rollout, "rollout", undefined);
  // the chain is built from its end: the default rollout, then the rules in reverse order
  let first = step(null, true, defaultRollout, null);
  for (let r = rules.length - 1; r >= 0; r--) first = step(rules[r]!.conditions, rules[r]!.all, rules[r]!.serve, first);

  let everyone: Outcome | null = null;
  if (!flag.enabled) {
    everyone = outcome(flag.offVariation, offValue, "DISABLED", baseMetadata);
  } else if (targets === null && rules.length === 0 && defaultRollout.constant !== null && defaultRollout.constant.reason === "SPLIT") {
    const only = defaultRollout.constant;
    everyone = outcome(only.variant, only.value, "STATIC", baseMetadata);
  }

  const hashPrefix = murmurPrefix(`${flag.salt}:`);
  return Object.freeze({
    key: flag.key,
    everyone,
    targets,
    first,
    h: hashPrefix.h,
    k: hashPrefix.k,
    n: hashPrefix.n,
    length: hashPrefix.length,
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
