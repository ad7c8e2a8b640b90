/** Cycles among segment references (in_segment / not_in_segment), which the evaluator refuses. */
import type { Condition } from "../evaluation/snapshot-format";

/** The keys of the segments a segment's conditions reference, in order, without repeats. */
export function referencedSegments(conditions: readonly Condition[]): string[] {
  const keys = new Set<string>();
  for (const condition of conditions) {
    if (condition.operator === "in_segment" || condition.operator === "not_in_segment") {
      for (const value of condition.values) keys.add(String(value));
    }
  }
  return [...keys];
}

/**
 * A cycle of references as a path that starts and ends at the same key (["beta", "staff", "beta"]),
 * or null. With `start`, only cycles through that segment are looked for (the one being saved);
 * without, any cycle. References to unknown keys are ignored here (they are refused separately).
 */
export function findSegmentCycle(segments: ReadonlyMap<string, readonly Condition[]>, start?: string): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();

  const visit = (key: string): string[] | null => {
    if (onPath.has(key)) {
      const from = path.indexOf(key);
      const cycle = [...path.slice(from), key];
      return start === undefined || cycle.includes(start) ? cycle : null;
    }
    if (done.has(key) || !segments.has(key)) return null;
    path.push(key);
    onPath.add(key);
    for (const ref of referencedSegments(segments.get(key)!)) {
      const found = visit(ref);
      if (found) return found;
    }
    path.pop();
    onPath.delete(key);
    done.add(key);
    return null;
  };

  if (start !== undefined) return visit(start);
  for (const key of segments.keys()) {
    const found = visit(key);
    if (found) return found;
  }
  return null;
}

/** "beta → staff → beta" */
export function formatCyclePath(cycle: readonly string[]): string {
  return cycle.join(" → ");
}
