import { checkSegment, updateSegmentInput, type UpdateSegmentInput } from "../../core/segments/segment-input";
import { AppError } from "../../core/errors";
import { inTransaction } from "../../db/client";
import { findSegmentByKey, listSegmentConditions, updateSegmentRecord, type SegmentRecord } from "../../db/segments";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { publishAllSnapshots } from "../evaluation/publish-snapshot";
import { segmentNotFound } from "./list-segments";
import { loadSegmentUsages } from "./segment-usage-lookup";
import { segmentAuditSnapshot, toDetailView, type SegmentDetailView } from "./segment-view";

/**
 * Changes a segment's name, description and definition (the key is immutable: flag rules
 * reference it), guarded by the version the editor started from; audited; republishes every
 * environment's snapshot.
 */
export async function updateSegment(ctx: ServiceContext, raw: UpdateSegmentInput): Promise<SegmentDetailView> {
  const input = parseInput(updateSegmentInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const before = await findSegmentByKey(tx, input.key);
    if (!before) throw segmentNotFound(input.key);
    if (before.version !== input.version) throw conflict(input.key);
    const data = {
      name: input.name,
      description: input.description,
      conditions: input.conditions,
      included: input.included,
      excluded: input.excluded,
    };
    if (unchanged(before, data)) return toDetailView(before, (await loadSegmentUsages(tx)).get(before.key) ?? []);

    const others = await listSegmentConditions(tx);
    checkSegment(input.key, data, new Map(others.map((s) => [s.key, s.conditions])));
    const after = await updateSegmentRecord(tx, before.id, input.version, data);
    if (!after) throw conflict(input.key);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "segment.updated",
      entityType: "segment",
      entityId: after.id,
      entityKey: after.key,
      before: segmentAuditSnapshot(before),
      after: segmentAuditSnapshot(after),
      at: now,
    });
    await publishAllSnapshots(tx, now);
    return toDetailView(after, (await loadSegmentUsages(tx)).get(after.key) ?? []);
  });
}

function unchanged(before: SegmentRecord, data: Omit<SegmentRecord, "id" | "key" | "version" | "createdAt" | "updatedAt">): boolean {
  return (
    before.name === data.name &&
    before.description === data.description &&
    JSON.stringify(before.conditions) === JSON.stringify(data.conditions) &&
    JSON.stringify(before.included) === JSON.stringify(data.included) &&
    JSON.stringify(before.excluded) === JSON.stringify(data.excluded)
  );
}

export function conflict(key: string): AppError {
  return new AppError("CONFLICT", `Someone else changed segment ${key} just now; reload and try again.`);
}
