/**
 * Segment membership, compiled to predicates:
 *   targetingKey in `excluded` → not a member;
 *   else targetingKey in `included` → member;
 *   else member iff `conditions` is non-empty and every condition holds.
 * Segment conditions may use in_segment / not_in_segment themselves; references are resolved
 * depth-first at compile time and a cycle throws a SnapshotCompileError.
 *
 * Within one evaluate()/evaluateAll() call a segment is computed at most once: each predicate
 * remembers its answer for the current `memo.epoch`, which the evaluator bumps on every call.
 */
import { SnapshotCompileError } from "./compile-error";
import { combine, compileCondition, validateCondition, type ContextPredicate } from "./conditions";
import type { SnapshotSegment } from "./snapshot-format";

export type SegmentMemo = { epoch: number };

/** Compiles every segment; returns a resolver from segment key to its membership predicate. */
export function compileSegments(
  segments: readonly SnapshotSegment[],
  memo: SegmentMemo,
): { resolve(key: string): ContextPredicate | undefined; keys: ReadonlySet<string> } {
  const byKey = new Map<string, { segment: SnapshotSegment; index: number }>();
  segments.forEach((segment, index) => {
    if (byKey.has(segment.key)) {
      throw new SnapshotCompileError(`Segment “${segment.key}” appears twice in the snapshot.`, `segments.${index}.key`);
    }
    byKey.set(segment.key, { segment, index });
  });
  const compiled = new Map<string, ContextPredicate>();
  const visiting: string[] = [];
  const memoEpochs = new Float64Array(segments.length);
  const memoValues = new Uint8Array(segments.length);

  const compileOne = (key: string): ContextPredicate => {
    const done = compiled.get(key);
    if (done !== undefined) return done;
    const entry = byKey.get(key)!;
    const { segment, index } = entry;
    if (visiting.includes(key)) {
      const cycle = [...visiting.slice(visiting.indexOf(key)), key].map((k) => `“${k}”`).join(" → ");
      throw new SnapshotCompileError(`Segments reference each other in a cycle: ${cycle}.`, `segments.${index}.conditions`);
    }
    visiting.push(key);
    const predicates = segment.conditions.map((condition, c) => {
      const path = `segments.${index}.conditions.${c}`;
      const problem = validateCondition(condition);
      if (problem !== null) throw new SnapshotCompileError(`Segment “${key}”, condition ${c + 1}: ${problem}`, path);
      return compileCondition(condition, (ref) => {
        if (!byKey.has(ref)) {
          throw new SnapshotCompileError(`Segment “${key}”, condition ${c + 1}: segment “${ref}” does not exist.`, `${path}.values`);
        }
        return compileOne(ref);
      });
    });
    visiting.pop();

    const excluded = segment.excluded.length > 0 ? new Set(segment.excluded) : null;
    const included = segment.included.length > 0 ? new Set(segment.included) : null;
    const conditions = predicates.length > 0 ? combine("all", predicates) : null;
    const membership: ContextPredicate = (ctx) => {
      const unit = ctx.targetingKey;
      if (excluded !== null && excluded.has(unit)) return false;
      if (included !== null && included.has(unit)) return true;
      return conditions !== null && conditions(ctx);
    };
    const predicate: ContextPredicate = (ctx) => {
      if (memoEpochs[index] === memo.epoch) return memoValues[index] === 1;
      const member = membership(ctx);
      memoEpochs[index] = memo.epoch;
      memoValues[index] = member ? 1 : 0;
      return member;
    };
    compiled.set(key, predicate);
    return predicate;
  };

  for (const segment of segments) compileOne(segment.key);
  return { resolve: (key) => compiled.get(key), keys: new Set(byKey.keys()) };
}
