/**
 * Segments as people edit them: a key (immutable once created: flag rules reference it), a name,
 * a description, and who is in it — attribute conditions (all must hold) and/or lists of unit ids
 * always in (`included`) or never in (`excluded`). Shape checks are zod; `checkSegment` does the
 * checks that need the other segments (references, cycles) and names the field of every problem.
 */
import { z } from "zod";
import { keySchema } from "../keys";
import { AppError, type FieldErrors } from "../errors";
import { validateCondition } from "../evaluation/conditions";
import { conditionSchema, type Condition } from "../evaluation/snapshot-format";
import { findSegmentCycle, formatCyclePath } from "./segment-cycles";

export const MAX_SEGMENT_CONDITIONS = 20;
/** unit ids per list (included, excluded) */
export const MAX_SEGMENT_UNIT_IDS = 10_000;
export const MAX_UNIT_ID_LENGTH = 512;
export const SEGMENT_NAME_MAX = 80;
export const SEGMENT_DESCRIPTION_MAX = 500;

function unitIdList(label: string) {
  return z
    .array(
      z
        .string({ error: `${label}: every unit id must be text.` })
        .trim()
        .min(1, `${label}: a unit id cannot be empty.`)
        .max(MAX_UNIT_ID_LENGTH, `${label}: a unit id must be at most ${MAX_UNIT_ID_LENGTH} characters.`),
      { error: `${label} must be a list of unit ids.` },
    )
    // A hard cap before deduplicating, so a huge request is refused without work.
    .max(MAX_SEGMENT_UNIT_IDS * 5, `${label}: at most ${MAX_SEGMENT_UNIT_IDS.toLocaleString("en")} unit ids per list.`)
    .transform((ids) => [...new Set(ids)])
    .refine((ids) => ids.length <= MAX_SEGMENT_UNIT_IDS, {
      error: (issue) =>
        `${label}: at most ${MAX_SEGMENT_UNIT_IDS.toLocaleString("en")} unit ids per list (got ${(issue.input as string[]).length.toLocaleString("en")}); use conditions for larger groups.`,
    })
    .default([]);
}

const segmentFields = {
  name: z
    .string({ error: "Name is required." })
    .trim()
    .min(1, "Name is required (e.g. Beta testers).")
    .max(SEGMENT_NAME_MAX, `Name must be at most ${SEGMENT_NAME_MAX} characters.`),
  description: z
    .string()
    .trim()
    .max(SEGMENT_DESCRIPTION_MAX, `Description must be at most ${SEGMENT_DESCRIPTION_MAX} characters.`)
    .default(""),
  conditions: z
    .array(conditionSchema, { error: "Conditions must be a list." })
    .max(MAX_SEGMENT_CONDITIONS, `A segment can have at most ${MAX_SEGMENT_CONDITIONS} conditions.`)
    .default([]),
  included: unitIdList("Included unit ids"),
  excluded: unitIdList("Excluded unit ids"),
};

export const createSegmentInput = z.object({ key: keySchema("Segment key"), ...segmentFields });
export type CreateSegmentInput = z.input<typeof createSegmentInput>;

export const updateSegmentInput = z.object({
  key: keySchema("Segment key"),
  /** the version the editor started from (optimistic concurrency) */
  version: z.number({ error: "Version is required: reload the segment and try again." }).int(),
  ...segmentFields,
});
export type UpdateSegmentInput = z.input<typeof updateSegmentInput>;

export const segmentKeyInput = z.object({ key: keySchema("Segment key") });
export type SegmentKeyInput = z.input<typeof segmentKeyInput>;

export const deleteSegmentInput = z.object({
  key: keySchema("Segment key"),
  /** the version shown when deleting was confirmed; omitted → whatever is current */
  version: z.number().int().optional(),
});
export type DeleteSegmentInput = z.input<typeof deleteSegmentInput>;

export type SegmentDefinition = { conditions: Condition[]; included: string[]; excluded: string[] };

/**
 * Checks a segment's definition against the workspace's other segments: every condition can be
 * evaluated, referenced segments exist, no reference cycle, the segment defines someone, and no
 * unit is both included and excluded. Throws one BAD_INPUT AppError naming each field.
 * `segments` holds every segment's conditions (key → conditions); this segment's entry is replaced.
 */
export function checkSegment(key: string, definition: SegmentDefinition, segments: ReadonlyMap<string, readonly Condition[]>): void {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  definition.conditions.forEach((condition, c) => {
    const at = `conditions.${c}`;
    const problem = validateCondition(condition);
    if (problem !== null) {
      const field = condition.attribute.trim() === "" ? "attribute" : "values";
      add(`${at}.${field}`, `Condition ${c + 1}: ${problem}`);
      return;
    }
    if (condition.operator === "in_segment" || condition.operator === "not_in_segment") {
      for (const ref of condition.values.map(String)) {
        if (ref === key) add(`${at}.values`, `Condition ${c + 1}: a segment cannot reference itself (“${key}”); remove this condition.`);
        else if (!segments.has(ref)) add(`${at}.values`, `Condition ${c + 1}: segment “${ref}” does not exist; create it first or choose another.`);
      }
    }
  });

  if (definition.conditions.length === 0 && definition.included.length === 0) {
    add("conditions", "A segment must define who is in it: add a condition or at least one included unit id.");
  }

  const excluded = new Set(definition.excluded);
  const both = definition.included.filter((id) => excluded.has(id));
  if (both.length > 0) {
    const shown = both.slice(0, 5).map((id) => `“${id}”`).join(", ");
    const more = both.length > 5 ? ` and ${both.length - 5} more` : "";
    add("excluded", `Unit ${shown}${more} ${both.length === 1 ? "is" : "are"} both included and excluded; remove ${both.length === 1 ? "it" : "them"} from one list.`);
  }

  if (Object.keys(errors).length === 0) {
    const graph = new Map(segments);
    graph.set(key, definition.conditions);
    const cycle = findSegmentCycle(graph, key);
    if (cycle) {
      // The condition of this segment that starts the cycle carries the error.
      const next = cycle[1]!;
      const index = definition.conditions.findIndex(
        (c) => (c.operator === "in_segment" || c.operator === "not_in_segment") && c.values.map(String).includes(next),
      );
      add(
        index >= 0 ? `conditions.${index}.values` : "conditions",
        `${index >= 0 ? `Condition ${index + 1}: s` : "S"}egments would reference each other in a cycle: ${formatCyclePath(cycle)}. Remove one of these references.`,
      );
    }
  }

  const fields = Object.keys(errors);
  if (fields.length > 0) {
    const summary = [...new Set(fields.map((f) => errors[f]![0]))].join(" ");
    throw new AppError("BAD_INPUT", summary, errors);
  }
}
