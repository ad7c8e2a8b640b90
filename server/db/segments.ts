/** Segments: reusable groups of units (conditions and/or unit id lists) referenced by flag rules and experiments. */
import type { Db, Tx } from "./client";
import type { Condition, Rule } from "../core/evaluation/snapshot-format";
import type { ExperimentAudience, FlagRuleSet, SegmentConditions } from "../core/segments/segment-usages";

export type SegmentRecord = {
  id: string;
  key: string;
  name: string;
  description: string;
  conditions: Condition[];
  included: string[];
  excluded: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

type SegmentRow = {
  id: string;
  key: string;
  name: string;
  description: string;
  conditions: string;
  included: string;
  excluded: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

function parseArray<T>(json: string): T[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function toRecord(row: SegmentRow): SegmentRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    conditions: parseArray<Condition>(row.conditions),
    included: parseArray<string>(row.included),
    excluded: parseArray<string>(row.excluded),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listSegmentRecords(db: Db | Tx): Promise<SegmentRecord[]> {
  const rows = await db.segment.findMany({ orderBy: { key: "asc" } });
  return rows.map(toRecord);
}

export async function findSegmentByKey(db: Db | Tx, key: string): Promise<SegmentRecord | null> {
  const row = await db.segment.findUnique({ where: { key } });
  return row ? toRecord(row) : null;
}

/** Every segment's conditions (key → conditions), for reference and cycle checks. */
export async function listSegmentConditions(db: Db | Tx): Promise<SegmentConditions[]> {
  const rows = await db.segment.findMany({ select: { key: true, conditions: true }, orderBy: { key: "asc" } });
  return rows.map((row) => ({ key: row.key, conditions: parseArray<Condition>(row.conditions) }));
}

export type SegmentData = { name: string; description: string; conditions: Condition[]; included: string[]; excluded: string[] };

function serialise(data: SegmentData) {
  return {
    name: data.name,
    description: data.description,
    conditions: JSON.stringify(data.conditions),
    included: JSON.stringify(data.included),
    excluded: JSON.stringify(data.excluded),
  };
}

export async function insertSegment(tx: Tx, data: SegmentData & { key: string }): Promise<SegmentRecord> {
  const row = await tx.segment.create({ data: { key: data.key, ...serialise(data) } });
  return toRecord(row);
}

/**
 * Writes a segment's new definition, guarded by the version read before (optimistic concurrency:
 * a concurrent change makes this return null).
 */
export async function updateSegmentRecord(tx: Tx, id: string, expectedVersion: number, data: SegmentData): Promise<SegmentRecord | null> {
  const { count } = await tx.segment.updateMany({ where: { id, version: expectedVersion }, data: { ...serialise(data), version: { increment: 1 } } });
  if (count !== 1) return null;
  const row = await tx.segment.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

/** Deletes a segment if it still has the version read before; false when it changed or vanished meanwhile. */
export async function deleteSegmentRecord(tx: Tx, id: string, expectedVersion: number): Promise<boolean> {
  const { count } = await tx.segment.deleteMany({ where: { id, version: expectedVersion } });
  return count === 1;
}

/** Every flag configuration's rules (flag, environment, rules), to find the rules that reference a segment. */
export async function listFlagRuleSets(db: Db | Tx): Promise<FlagRuleSet[]> {
  const rows = await db.flagEnvironmentConfig.findMany({
    where: { NOT: { rules: "[]" } },
    select: { rules: true, flag: { select: { key: true } }, environment: { select: { key: true, name: true, sortOrder: true } } },
    orderBy: [{ flag: { key: "asc" } }, { environment: { sortOrder: "asc" } }],
  });
  return rows.map((row) => ({
    flagKey: row.flag.key,
    environmentKey: row.environment.key,
    environmentName: row.environment.name,
    rules: parseArray<Rule>(row.rules),
  }));
}

/** Experiments whose audience is a segment. */
export async function listExperimentAudiences(db: Db | Tx): Promise<ExperimentAudience[]> {
  const rows = await db.experiment.findMany({
    where: { segmentId: { not: null } },
    select: { key: true, name: true, segment: { select: { key: true } } },
    orderBy: { key: "asc" },
  });
  return rows.flatMap((row) => (row.segment ? [{ key: row.key, name: row.name, segmentKey: row.segment.key }] : []));
}
