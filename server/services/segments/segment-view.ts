import type { Condition } from "../../core/evaluation/snapshot-format";
import { describeUsages, type SegmentUsage } from "../../core/segments/segment-usages";
import type { SegmentRecord } from "../../db/segments";

/** A segment in the list: counts of its unit id lists, not the lists. */
export type SegmentSummaryView = {
  id: string;
  key: string;
  name: string;
  description: string;
  conditions: Condition[];
  includedCount: number;
  excludedCount: number;
  version: number;
  updatedAt: Date;
  usages: SegmentUsage[];
  /** "flag new-checkout (Staging rule r1)", "segment staff", … */
  usedBy: string[];
};

/** One segment with its unit id lists, for the edit page. */
export type SegmentDetailView = SegmentSummaryView & { included: string[]; excluded: string[]; createdAt: Date };

export function toSummaryView(record: SegmentRecord, usages: SegmentUsage[]): SegmentSummaryView {
  return {
    id: record.id,
    key: record.key,
    name: record.name,
    description: record.description,
    conditions: record.conditions,
    includedCount: record.included.length,
    excludedCount: record.excluded.length,
    version: record.version,
    updatedAt: record.updatedAt,
    usages,
    usedBy: describeUsages(usages),
  };
}

export function toDetailView(record: SegmentRecord, usages: SegmentUsage[]): SegmentDetailView {
  return { ...toSummaryView(record, usages), included: record.included, excluded: record.excluded, createdAt: record.createdAt };
}

/** What the audit log keeps of a segment (before / after). */
export function segmentAuditSnapshot(record: SegmentRecord) {
  return {
    key: record.key,
    name: record.name,
    description: record.description,
    conditions: record.conditions,
    included: record.included,
    excluded: record.excluded,
    version: record.version,
  };
}
