/**
 * Where a segment is used: flag rules (any environment) whose conditions reference it, other
 * segments whose conditions reference it, and experiments whose audience it is. A segment in use
 * cannot be deleted; the refusal lists these users.
 */
import type { Condition, Rule } from "../evaluation/snapshot-format";
import { referencedSegments } from "./segment-cycles";

export type FlagRuleSet = { flagKey: string; environmentKey: string; environmentName: string; rules: readonly Rule[] };
export type SegmentConditions = { key: string; conditions: readonly Condition[] };
export type ExperimentAudience = { key: string; name: string; segmentKey: string };

export type SegmentUsage =
  | { kind: "flag"; flagKey: string; environmentKey: string; environmentName: string; ruleId: string; ruleIndex: number }
  | { kind: "segment"; segmentKey: string }
  | { kind: "experiment"; experimentKey: string; experimentName: string };

/** Usages of every segment at once: segment key → its usages (absent keys are unused). */
export function segmentUsages(sources: {
  flagRules: readonly FlagRuleSet[];
  segments: readonly SegmentConditions[];
  experiments: readonly ExperimentAudience[];
}): Map<string, SegmentUsage[]> {
  const usages = new Map<string, SegmentUsage[]>();
  const add = (key: string, usage: SegmentUsage) => {
    const list = usages.get(key);
    if (list) list.push(usage);
    else usages.set(key, [usage]);
  };
  for (const set of sources.flagRules) {
    set.rules.forEach((rule, ruleIndex) => {
      for (const key of referencedSegments(rule.conditions ?? [])) {
        add(key, { kind: "flag", flagKey: set.flagKey, environmentKey: set.environmentKey, environmentName: set.environmentName, ruleId: rule.id, ruleIndex });
      }
    });
  }
  for (const segment of sources.segments) {
    for (const key of referencedSegments(segment.conditions)) {
      if (key !== segment.key) add(key, { kind: "segment", segmentKey: segment.key });
    }
  }
  for (const experiment of sources.experiments) {
    add(experiment.segmentKey, { kind: "experiment", experimentKey: experiment.key, experimentName: experiment.name });
  }
  return usages;
}

/**
 * Usages as short phrases, one per user: flag rules grouped per flag
 * ("flag new-checkout (Staging rule r1, Production rule r2)", "segment staff", "experiment checkout-test").
 */
export function describeUsages(usages: readonly SegmentUsage[]): string[] {
  const flags = new Map<string, string[]>();
  const phrases: string[] = [];
  for (const usage of usages) {
    if (usage.kind === "flag") {
      const where = `${usage.environmentName} rule ${usage.ruleId}`;
      const list = flags.get(usage.flagKey);
      if (list) list.push(where);
      else flags.set(usage.flagKey, [where]);
    }
  }
  for (const [flagKey, where] of flags) phrases.push(`flag ${flagKey} (${where.join(", ")})`);
  for (const usage of usages) if (usage.kind === "segment") phrases.push(`segment ${usage.segmentKey}`);
  for (const usage of usages) if (usage.kind === "experiment") phrases.push(`experiment ${usage.experimentKey}`);
  return phrases;
}

/** The refusal of deleting a segment in use. */
export function segmentInUseMessage(key: string, usages: readonly SegmentUsage[]): string {
  return `Segment “${key}” is used by: ${describeUsages(usages).join(", ")}. Remove it from them first.`;
}
