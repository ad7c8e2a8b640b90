import { segmentUsages, type SegmentUsage } from "../../core/segments/segment-usages";
import type { Db, Tx } from "../../db/client";
import { listExperimentAudiences, listFlagRuleSets, listSegmentConditions } from "../../db/segments";

/** Every segment's usages (flag rules, other segments, experiments), read in one go. */
export async function loadSegmentUsages(db: Db | Tx): Promise<Map<string, SegmentUsage[]>> {
  const [flagRules, segments, experiments] = await Promise.all([listFlagRuleSets(db), listSegmentConditions(db), listExperimentAudiences(db)]);
  return segmentUsages({ flagRules, segments, experiments });
}
