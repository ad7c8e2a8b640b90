/**
 * Storage of events and their running aggregates (see the measurement models in
 * prisma/schema.prisma: event ids, the batch log, exposures, unit states, arm totals). Batched
 * raw SQL through server/db/sql.ts (insertRows, selectByKeys): the same statements on SQLite and
 * PostgreSQL.
 */
import type { Db, Tx } from "./client";
import type { ArmHistogramRow, ArmSeriesRow, ArmTotalRow, ExposedUnit, UnitStateRow } from "../core/measurement/aggregate-batch";
import { dialectOf, insertRows, Params, prismaSession, selectByKeys, type SqlSession } from "./sql";

/**
 * Serialises event intake per environment inside the transaction (PostgreSQL advisory lock), so
 * two batches touching the same unit never lose an update. SQLite serialises writers already.
 */
export async function lockEventIntake(tx: Tx, environmentId: string): Promise<void> {
  if (dialectOf(tx) !== "postgresql") return;
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, `keel-events:${environmentId}`);
}

/** An event as the batch log keeps it (prisma/schema.prisma, EventBatch). */
export type StoredEvent = {
  id: string;
  type: "exposure" | "metric";
  unitId: string;
  /** exposure: the experiment key; metric: the event name */
  name: string;
  /** exposure: the variation served; metric: "" */
  variation: string;
  value: number;
  occurredAtMs: number;
  /** how many experiments counted it (0: kept and reported, not counted) */
  attributed: number;
};

/** Records the ids not received before; returns those that are new (the rest are retries). */
export async function insertNewEventIds(s: SqlSession, environmentId: string, ids: readonly string[]): Promise<Set<string>> {
  const inserted = await insertRows(
    s,
    "EventId",
    ["environmentId", "eventId"],
    ids.map((id) => [environmentId, id]),
    `ON CONFLICT ("environmentId", "eventId") DO NOTHING`,
    ["environmentId", "eventId"],
  );
  return new Set(inserted.map((i) => ids[i]!));
}

/** Keeps a batch's new events, as one row (nothing when there are none). */
export async function storeEventBatch(s: SqlSession, environmentId: string, receivedAtMs: number, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await insertRows(s, "EventBatch", ["environmentId", "receivedAtMs", "events"], [[environmentId, receivedAtMs, JSON.stringify(events)]], "");
}

/** Adds first exposures; returns the ones that are new (a unit keeps its first variation). */
export async function insertNewExposures(s: SqlSession, rows: readonly ExposedUnit[]): Promise<ExposedUnit[]> {
  const inserted = await insertRows(
    s,
    "ExperimentUnit",
    ["experimentId", "unitId", "variation", "exposedAtMs"],
    rows.map((r) => [r.experimentId, r.unitId, r.variation, r.exposedAtMs]),
    `ON CONFLICT ("experimentId", "unitId") DO NOTHING`,
    ["experimentId", "unitId"],
  );
  const fresh = inserted.map((i) => rows[i]!);
  for (const row of fresh) s.memo?.rememberFirstExposure(row);
  return fresh;
}

function asExposedUnit(row: ExposedUnit): ExposedUnit {
  return { experimentId: row.experimentId, unitId: row.unitId, variation: row.variation, exposedAtMs: Number(row.exposedAtMs) };
}

/**
 * Rows by key: those the intake memo holds (SQLite), then the others from the table; what the
 * table gives is remembered for the next batches. `remembered` answers null for a row the memo
 * knows does not exist, undefined when it does not know.
 */
async function lookUp<K, T>(
  keys: readonly K[],
  remembered: ((k: K) => T | null | undefined) | null,
  remember: (row: T) => void,
  read: (missing: readonly K[]) => Promise<T[]>,
): Promise<T[]> {
  if (!remembered) return read(keys);
  const found: T[] = [];
  const missing: K[] = [];
  for (const k of keys) {
    const row = remembered(k);
    if (row === undefined) missing.push(k);
    else if (row !== null) found.push(row);
  }
  for (const row of await read(missing)) {
    remember(row);
    found.push(row);
  }
  return found;
}

/** The exposures of these units to these experiments (where there is one). */
export async function findExposures(s: SqlSession, keys: ReadonlyArray<{ experimentId: string; unitId: string }>): Promise<ExposedUnit[]> {
  const memo = s.memo;
  return lookUp(
    keys,
    memo ? (k) => memo.exposure(k.experimentId, k.unitId) : null,
    (row) => memo?.rememberExposure(row),
    async (missing) =>
      (
        await selectByKeys<ExposedUnit>(
          s,
          `"experimentId", "unitId", "variation", "exposedAtMs"`,
          "ExperimentUnit",
          ["experimentId", "unitId"],
          missing.map((k) => [k.experimentId, k.unitId]),
        )
      ).map(asExposedUnit),
  );
}

/** The current states of these units' metrics (where there is one), by their whole primary key. */
export async function findUnitStates(s: SqlSession, keys: ReadonlyArray<{ experimentId: string; metricId: string; unitId: string }>): Promise<UnitStateRow[]> {
  const memo = s.memo;
  return lookUp(
    keys,
    memo ? (k) => memo.state(k.experimentId, k.metricId, k.unitId) ?? (memo.knowsAllStates(k.experimentId, k.unitId) ? null : undefined) : null,
    (row) => memo?.rememberState(row),
    async (missing) =>
      (
        await selectByKeys<UnitStateRow>(
          s,
          `"experimentId", "metricId", "unitId", "variation", "a", "b"`,
          "UnitMetricState",
          ["experimentId", "metricId", "unitId"],
          missing.map((k) => [k.experimentId, k.metricId, k.unitId]),
        )
      ).map((row) => ({ ...row, a: Number(row.a), b: Number(row.b) })),
  );
}

export async function saveUnitStates(s: SqlSession, rows: readonly UnitStateRow[]): Promise<void> {
  await insertRows(
    s,
    "UnitMetricState",
    ["experimentId", "metricId", "unitId", "variation", "a", "b"],
    rows.map((r) => [r.experimentId, r.metricId, r.unitId, r.variation, r.a, r.b]),
    `ON CONFLICT ("experimentId", "metricId", "unitId") DO UPDATE SET "a" = excluded."a", "b" = excluded."b"`,
  );
  for (const row of rows) s.memo?.rememberState(row);
}

/** Adds deltas to the running totals. */
export async function addToArmTotals(s: SqlSession, deltas: readonly ArmTotalRow[]): Promise<void> {
  await insertRows(
    s,
    "ArmTotal",
    ["experimentId", "variation", "metricId", "units", "sum", "sumSquares"],
    deltas.map((d) => [d.experimentId, d.variation, d.metricId, d.units, d.sum, d.sumSquares]),
    `ON CONFLICT ("experimentId", "variation", "metricId") DO UPDATE SET "units" = "ArmTotal"."units" + excluded."units", ` +
      `"sum" = "ArmTotal"."sum" + excluded."sum", "sumSquares" = "ArmTotal"."sumSquares" + excluded."sumSquares"`,
  );
}

export async function addToArmSeries(s: SqlSession, deltas: readonly ArmSeriesRow[]): Promise<void> {
  await insertRows(
    s,
    "ArmSeriesBucket",
    ["experimentId", "variation", "metricId", "bucketMs", "units", "sum", "sumSquares"],
    deltas.map((d) => [d.experimentId, d.variation, d.metricId, d.bucketMs, d.units, d.sum, d.sumSquares]),
    `ON CONFLICT ("experimentId", "variation", "metricId", "bucketMs") DO UPDATE SET "units" = "ArmSeriesBucket"."units" + excluded."units", ` +
      `"sum" = "ArmSeriesBucket"."sum" + excluded."sum", "sumSquares" = "ArmSeriesBucket"."sumSquares" + excluded."sumSquares"`,
  );
}

export async function addToArmHistograms(s: SqlSession, deltas: readonly ArmHistogramRow[]): Promise<void> {
  await insertRows(
    s,
    "ArmHistogram",
    ["experimentId", "variation", "metricId", "bucket", "count"],
    deltas.map((d) => [d.experimentId, d.variation, d.metricId, d.bucket, d.count]),
    `ON CONFLICT ("experimentId", "variation", "metricId", "bucket") DO UPDATE SET "count" = "ArmHistogram"."count" + excluded."count"`,
  );
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
