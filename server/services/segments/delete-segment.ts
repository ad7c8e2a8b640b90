import { deleteSegmentInput, type DeleteSegmentInput } from "../../core/segments/segment-input";
import { AppError } from "../../core/errors";
import { segmentInUseMessage } from "../../core/segments/segment-usages";
import { inTransaction } from "../../db/client";
import { deleteSegmentRecord, findSegmentByKey } from "../../db/segments";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { publishAllSnapshots } from "../evaluation/publish-snapshot";
import { segmentNotFound } from "./list-segments";
import { loadSegmentUsages } from "./segment-usage-lookup";
import { conflict } from "./update-segment";
import { segmentAuditSnapshot } from "./segment-view";

/**
 * Deletes a segment nobody uses (audited; republishes every snapshot). While a flag rule, another
 * segment or an experiment uses it, deleting is refused with the list of its users.
 */
export async function deleteSegment(ctx: ServiceContext, raw: DeleteSegmentInput): Promise<{ key: string }> {
  const input = parseInput(deleteSegmentInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const segment = await findSegmentByKey(tx, input.key);
    if (!segment) throw segmentNotFound(input.key);
    if (input.version !== undefined && input.version !== segment.version) throw conflict(input.key);
    const usages = (await loadSegmentUsages(tx)).get(segment.key) ?? [];
    if (usages.length > 0) throw new AppError("PRECONDITION_FAILED", segmentInUseMessage(segment.key, usages));
    if (!(await deleteSegmentRecord(tx, segment.id, segment.version))) throw conflict(input.key);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "segment.deleted",
      entityType: "segment",
      entityId: segment.id,
      entityKey: segment.key,
      before: segmentAuditSnapshot(segment),
      at: now,
    });
    await publishAllSnapshots(tx, now);
    return { key: segment.key };
  });
}
