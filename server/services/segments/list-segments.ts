import { segmentKeyInput, type SegmentKeyInput } from "../../core/segments/segment-input";
import { AppError } from "../../core/errors";
import { findSegmentByKey, listSegmentRecords } from "../../db/segments";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { loadSegmentUsages } from "./segment-usage-lookup";
import { toDetailView, toSummaryView, type SegmentDetailView, type SegmentSummaryView } from "./segment-view";

/** Every segment, by key, with where each is used. */
export async function listSegments(ctx: Pick<ServiceContext, "db">): Promise<SegmentSummaryView[]> {
  const [records, usages] = await Promise.all([listSegmentRecords(ctx.db), loadSegmentUsages(ctx.db)]);
  return records.map((record) => toSummaryView(record, usages.get(record.key) ?? []));
}

/** One segment with its unit id lists and where it is used. */
export async function getSegment(ctx: Pick<ServiceContext, "db">, raw: SegmentKeyInput): Promise<SegmentDetailView> {
  const input = parseInput(segmentKeyInput, raw);
  const record = await findSegmentByKey(ctx.db, input.key);
  if (!record) throw segmentNotFound(input.key);
  const usages = await loadSegmentUsages(ctx.db);
  return toDetailView(record, usages.get(record.key) ?? []);
}

export function segmentNotFound(key: string): AppError {
  return new AppError("NOT_FOUND", `Segment “${key}” does not exist; it may have been deleted. Reload the list of segments.`);
}
