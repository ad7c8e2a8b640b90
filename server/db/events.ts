/**
 * Storage of events and their running aggregates (see the measurement models in
 * prisma/schema.prisma). Batched raw SQL: one statement per table per batch, the same text on
 * SQLite and PostgreSQL.
 */
import type { Db, Tx } from "./client";
import type { ArmHistogramRow, ArmSeriesRow, ArmTotalRow, ExposedUnit, UnitStateRow } from "../core/measurement/aggregate-batch";
import { columns, dialectOf, Params, prismaSession, type SqlSession } from "./sql";

/** rows per statement: keeps every statement far below both databases' parameter limits */
const CHUNK = 1000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Serialises event intake per environment inside the transaction (PostgreSQL advisory lock), so
 * two batches touching the same unit never lose an update. SQLite serialises writers already.
 */
export async function lockEventIntake(tx: Tx, environmentId: string): Promise<void> {
  if (dialectOf(tx) !== "postgresql") return;
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `keel-events:${environmentId}`);
}

export type EventRow = {
  eventId: string;
  type: "exposure" | "metric";
  unitId: string;
  name: string;
  variation: string;
  value: number;
  occurredAtMs: number;
};

/**
 * Stores the events not stored before; returns the ids that are new (the rest are retries).
 * Metric events are stored as counted by one experiment (the usual case); markAttributed
 * corrects the others after aggregation, so a typical batch needs no second statement.
 */
export async function insertNewEvents(s: SqlSession, environmentId: string, receivedAtMs: number, rows: readonly EventRow[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  for (const chunk of chunks(rows)) {
    const p = new Params(s.dialect);
    const values = chunk
      .map((r) => p.row([environmentId, r.eventId, r.type, r.unitId, r.name, r.variation, r.value, r.occurredAtMs, receivedAtMs, r.type === "metric" ? 1 : 0]))
      .join(", ");
    const sql =
      `INSERT INTO "Event" ${columns(["environmentId", "eventId", "type", "unitId", "name", "variation", "value", "occurredAtMs", "receivedAtMs", "attributed"])} ` +
      `VALUES ${values} ON CONFLICT ("environmentId", "eventId") DO NOTHING RETURNING "eventId"`;
    const inserted = await s.query<{ eventId: string }>(sql, p.values);
    for (const row of inserted) fresh.add(row.eventId);
  }
  return fresh;
}

/** Records how many experiments counted each new metric event (0 = kept but not attributed) where it is not the stored 1. */
export async function markAttributed(s: SqlSession, environmentId: string, counts: ReadonlyMap<string, number>): Promise<void> {
  const byCount = new Map<number, string[]>();
  for (const [eventId, n] of counts) if (n !== 1) byCount.set(n, [...(byCount.get(n) ?? []), eventId]);
  for (const [n, ids] of byCount) {
    for (const chunk of chunks(ids)) {
      const p = new Params(s.dialect);
      const sql = `UPDATE "Event" SET "attributed" = ${p.add(n)} WHERE "environmentId" = ${p.add(environmentId)} AND "eventId" IN (${p.list(chunk)})`;
      await s.execute(sql, p.values);
    }
  }
}

/** Adds first exposures; returns the ones that are new (a unit keeps its first variation). */
export async function insertNewExposures(s: SqlSession, rows: readonly ExposedUnit[]): Promise<ExposedUnit[]> {
  const fresh: ExposedUnit[] = [];
  for (const chunk of chunks(rows)) {
    const p = new Params(s.dialect);
    const values = chunk.map((r) => p.row([r.experimentId, r.unitId, r.variation, r.exposedAtMs])).join(", ");
    const sql =
      `INSERT INTO "ExperimentUnit" ${columns(["experimentId", "unitId", "variation", "exposedAtMs"])} VALUES ${values} ` +
      `ON CONFLICT ("experimentId", "unitId") DO NOTHING RETURNING "experimentId", "unitId", "variation", "exposedAtMs"`;
    fresh.push(...(await s.query<ExposedUnit>(sql, p.values)).map(asExposedUnit));
  }
  return fresh;
}

function asExposedUnit(row: ExposedUnit): ExposedUnit {
  return { experimentId: row.experimentId, unitId: row.unitId, variation: row.variation, exposedAtMs: Number(row.exposedAtMs) };
}

/** The exposures of these units to these experiments. */
export async function findExposures(s: SqlSession, experimentIds: readonly string[], unitIds: readonly string[]): Promise<ExposedUnit[]> {
  if (experimentIds.length === 0 || unitIds.length === 0) return [];
  const found: ExposedUnit[] = [];
  for (const chunk of chunks(unitIds)) {
    const p = new Params(s.dialect);
    const sql =
      `SELECT "experimentId", "unitId", "variation", "exposedAtMs" FROM "ExperimentUnit" ` +
      `WHERE "experimentId" IN (${p.list(experimentIds)}) AND "unitId" IN (${p.list(chunk)})`;
    found.push(...(await s.query<ExposedUnit>(sql, p.values)).map(asExposedUnit));
  }
  return found;
}

/** The states of these units for these experiments' metrics (all three parts of the key, so the primary key index is used). */
export async function findUnitStates(
  s: SqlSession,
  experimentIds: readonly string[],
  metricIds: readonly string[],
  unitIds: readonly string[],
): Promise<UnitStateRow[]> {
  if (experimentIds.length === 0 || metricIds.length === 0 || unitIds.length === 0) return [];
  const found: UnitStateRow[] = [];
  for (const chunk of chunks(unitIds)) {
    const p = new Params(s.dialect);
    const sql =
      `SELECT "experimentId", "metricId", "unitId", "variation", "a", "b" FROM "UnitMetricState" ` +
      `WHERE "experimentId" IN (${p.list(experimentIds)}) AND "metricId" IN (${p.list(metricIds)}) AND "unitId" IN (${p.list(chunk)})`;
    for (const row of await s.query<UnitStateRow>(sql, p.values)) found.push({ ...row, a: Number(row.a), b: Number(row.b) });
  }
  return found;
}

export async function saveUnitStates(s: SqlSession, rows: readonly UnitStateRow[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    const p = new Params(s.dialect);
    const values = chunk.map((r) => p.row([r.experimentId, r.metricId, r.unitId, r.variation, r.a, r.b])).join(", ");
    const sql =
      `INSERT INTO "UnitMetricState" ${columns(["experimentId", "metricId", "unitId", "variation", "a", "b"])} VALUES ${values} ` +
      `ON CONFLICT ("experimentId", "metricId", "unitId") DO UPDATE SET "a" = excluded."a", "b" = excluded."b"`;
    await s.execute(sql, p.values);
  }
}

/** Adds deltas to the running totals. */
export async function addToArmTotals(s: SqlSession, deltas: readonly ArmTotalRow[]): Promise<void> {
  for (const chunk of chunks(deltas)) {
    const p = new Params(s.dialect);
    const values = chunk.map((d) => p.row([d.experimentId, d.variation, d.metricId, d.units, d.sum, d.sumSquares])).join(", ");
    const sql =
      `INSERT INTO "ArmTotal" ${columns(["experimentId", "variation", "metricId", "units", "sum", "sumSquares"])} VALUES ${values} ` +
      `ON CONFLICT ("experimentId", "variation", "metricId") DO UPDATE SET "units" = "ArmTotal"."units" + excluded."units", ` +
      `"sum" = "ArmTotal"."sum" + excluded."sum", "sumSquares" = "ArmTotal"."sumSquares" + excluded."sumSquares"`;
    await s.execute(sql, p.values);
  }
}

export async function addToArmSeries(s: SqlSession, deltas: readonly ArmSeriesRow[]): Promise<void> {
  for (const chunk of chunks(deltas)) {
    const p = new Params(s.dialect);
    const values = chunk.map((d) => p.row([d.experimentId, d.variation, d.metricId, d.bucketMs, d.units, d.sum, d.sumSquares])).join(", ");
    const sql =
      `INSERT INTO "ArmSeriesBucket" ${columns(["experimentId", "variation", "metricId", "bucketMs", "units", "sum", "sumSquares"])} VALUES ${values} ` +
      `ON CONFLICT ("experimentId", "variation", "metricId", "bucketMs") DO UPDATE SET "units" = "ArmSeriesBucket"."units" + excluded."units", ` +
      `"sum" = "ArmSeriesBucket"."sum" + excluded."sum", "sumSquares" = "ArmSeriesBucket"."sumSquares" + excluded."sumSquares"`;
    await s.execute(sql, p.values);
  }
}

export async function addToArmHistograms(s: SqlSession, deltas: readonly ArmHistogramRow[]): Promise<void> {
  for (const chunk of chunks(deltas)) {
    const p = new Params(s.dialect);
    const values = chunk.map((d) => p.row([d.experimentId, d.variation, d.metricId, d.bucket, d.count])).join(", ");
    const sql =
      `INSERT INTO "ArmHistogram" ${columns(["experimentId", "variation", "metricId", "bucket", "count"])} VALUES ${values} ` +
      `ON CONFLICT ("experimentId", "variation", "metricId", "bucket") DO UPDATE SET "count" = "ArmHistogram"."count" + excluded."count"`;
    await s.execute(sql, p.values);
  }
}

const numeric = <T extends Record<string, unknown>>(row: T, keys: readonly (keyof T)[]): T => {
  const out = { ...row };
  for (const k of keys) out[k] = Number(row[k]) as T[keyof T];
  return out;
};

export async function readArmTotals(db: Db | Tx, experimentId: string): Promise<ArmTotalRow[]> {
  const s = prismaSession(db);
  const p = new Params(s.dialect);
  const sql = `SELECT "experimentId", "variation", "metricId", "units", "sum", "sumSquares" FROM "ArmTotal" WHERE "experimentId" = ${p.add(experimentId)}`;
  return (await s.query<ArmTotalRow>(sql, p.values)).map((r) => numeric(r, ["units", "sum", "sumSquares"]));
}

/** Every bucket of the experiment, oldest first. */
export async function readArmSeries(db: Db | Tx, experimentId: string): Promise<ArmSeriesRow[]> {
  const s = prismaSession(db);
  const p = new Params(s.dialect);
  const sql =
    `SELECT "experimentId", "variation", "metricId", "bucketMs", "units", "sum", "sumSquares" FROM "ArmSeriesBucket" ` +
    `WHERE "experimentId" = ${p.add(experimentId)} ORDER BY "bucketMs"`;
  return (await s.query<ArmSeriesRow>(sql, p.values)).map((r) => numeric(r, ["bucketMs", "units", "sum", "sumSquares"]));
}

export async function readArmHistograms(db: Db | Tx, experimentId: string): Promise<ArmHistogramRow[]> {
  const s = prismaSession(db);
  const p = new Params(s.dialect);
  const sql = `SELECT "experimentId", "variation", "metricId", "bucket", "count" FROM "ArmHistogram" WHERE "experimentId" = ${p.add(experimentId)}`;
  return (await s.query<ArmHistogramRow>(sql, p.values)).map((r) => numeric(r, ["bucket", "count"]));
}
