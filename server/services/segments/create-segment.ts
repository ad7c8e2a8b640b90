import { checkSegment, createSegmentInput, type CreateSegmentInput } from "../../core/segments/segment-input";
import { AppError } from "../../core/errors";
import { inTransaction, isUniqueViolation } from "../../db/client";
import { findSegmentByKey, insertSegment, listSegmentConditions } from "../../db/segments";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { publishAllSnapshots } from "../evaluation/publish-snapshot";
import { segmentAuditSnapshot, toDetailView, type SegmentDetailView } from "./segment-view";

/** Creates a segment (audited) and republishes every environment's snapshot, which carries all segments. */
export async function createSegment(ctx: ServiceContext, raw: CreateSegmentInput): Promise<SegmentDetailView> {
  const input = parseInput(createSegmentInput, raw);
  const now = ctx.now();
  const definition = { conditions: input.conditions, included: input.included, excluded: input.excluded };
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (await findSegmentByKey(tx, input.key)) throw duplicateKey(input.key);
      const others = await listSegmentConditions(tx);
      checkSegment(input.key, definition, new Map(others.map((s) => [s.key, s.conditions])));
      const segment = await insertSegment(tx, { key: input.key, name: input.name, description: input.description, ...definition });
      await appendAuditEntry(tx, {
        actor: ctx.actor,
        action: "segment.created",
        entityType: "segment",
        entityId: segment.id,
        entityKey: segment.key,
        after: segmentAuditSnapshot(segment),
        at: now,
      });
      await publishAllSnapshots(tx, now);
      return toDetailView(segment, []);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateKey(input.key);
    throw error;
  }
}

function duplicateKey(key: string): AppError {
  return new AppError("CONFLICT", `A segment with key “${key}” already exists; choose another key.`, {
    key: [`Segment key “${key}” is already taken.`],
  });
}
