import type { Condition } from "../evaluation/snapshot-format";
import { describeConditions } from "../targeting/describe";

/**
 * A segment's definition in one line: its conditions described ("email ends with @keel.local"),
 * and/or its list counts ("12 included, 1 excluded").
 */
export function describeSegmentDefinition(
  definition: { conditions: readonly Condition[]; includedCount: number; excludedCount: number },
  segments: readonly { key: string; name: string }[] = [],
): string {
  const parts: string[] = [];
  if (definition.conditions.length > 0) parts.push(describeConditions(definition.conditions, "all", segments));
  const counts: string[] = [];
  if (definition.includedCount > 0) counts.push(`${definition.includedCount.toLocaleString("en")} included`);
  if (definition.excludedCount > 0) counts.push(`${definition.excludedCount.toLocaleString("en")} excluded`);
  if (counts.length > 0) parts.push(counts.join(", "));
  return parts.length > 0 ? parts.join("; ") : "nobody";
}

/** Unit ids typed one per line or separated by commas: trimmed, empty items dropped, duplicates kept once. */
export function parseUnitIdsText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    ),
  ];
}
