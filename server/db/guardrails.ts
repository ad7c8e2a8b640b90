/**
 * What the guardrails read and event intake writes for them: per-minute error counts of
 * error-rate metrics and security signals (prisma/schema.prisma: ArmErrorMinute, GuardrailSignal).
 * Raw SQL through server/db/sql.ts, the same statements on SQLite and PostgreSQL.
 */
import type { Db, Tx } from "./client";
import type { ArmErrorMinuteRow } from "../core/measurement/aggregate-batch";
import type { SecuritySignal } from "../core/guardrails/check-guardrails";
import { insertRows, Params, prismaSession, type SqlSession } from "./sql";

export type GuardrailSignalRow = SecuritySignal & { experimentId: string };

export async function addToErrorMinutes(s: SqlSession, deltas: readonly ArmErrorMinuteRow[]): Promise<void> {
  await insertRows(
    s,
    "ArmErrorMinute",
    ["experimentId", "variation", "metricId", "minuteMs", "requests", "errors"],
    deltas.map((d) => [d.experimentId, d.variation, d.metricId, d.minuteMs, d.requests, d.errors]),
    `ON CONFLICT ("experimentId", "variation", "metricId", "minuteMs") DO UPDATE SET "requests" = "ArmErrorMinute"."requests" + excluded."requests", ` +
      `"errors" = "ArmErrorMinute"."errors" + excluded."errors"`,
  );
}

export async function insertGuardrailSignals(s: SqlSession, rows: readonly GuardrailSignalRow[]): Promise<void> {
  await insertRows(
    s,
    "GuardrailSignal",
    ["experimentId", "variation", "unitId", "eventId", "eventName", "atMs"],
    rows.map((r) => [r.experimentId, r.variation, r.unitId, r.eventId, r.eventName, r.atMs]),
    "",
  );
}

/** The experiment's error counts of the minutes from `sinceMs` on. */
export async function readErrorMinutes(db: Db | Tx, experimentId: string, sinceMs: number): Promise<ArmErrorMinuteRow[]> {
  const s = prismaSession(db);
  const p = new Params(s.dialect);
  const sql =
    `SELECT "experimentId", "variation", "metricId", "minuteMs", "requests", "errors" FROM "ArmErrorMinute" ` +
    `WHERE "experimentId" = ${p.add(experimentId)} AND "minuteMs" >= ${p.add(sinceMs)}`;
  return (await s.query<ArmErrorMinuteRow>(sql, p.values)).map((r) => ({ ...r, minuteMs: Number(r.minuteMs), requests: Number(r.requests), errors: Number(r.errors) }));
}

/** The experiment's security signals, oldest first (at most `limit`). */
export async function readGuardrailSignals(db: Db | Tx, experimentId: string, limit = 100): Promise<GuardrailSignalRow[]> {
  const s = prismaSession(db);
  const p = new Params(s.dialect);
  const sql =
    `SELECT "experimentId", "variation", "unitId", "eventId", "eventName", "atMs" FROM "GuardrailSignal" ` +
    `WHERE "experimentId" = ${p.add(experimentId)} ORDER BY "atMs" LIMIT ${Number(limit)}`;
  return (await s.query<GuardrailSignalRow>(sql, p.values)).map((r) => ({ ...r, atMs: Number(r.atMs) }));
}

/** Ids of the running experiments (what the monitor watches), of every environment or of one. */
export async function listRunningExperimentIds(db: Db | Tx, environmentId?: string): Promise<string[]> {
  const rows = await db.experiment.findMany({ where: { state: "running", ...(environmentId ? { environmentId } : {}) }, select: { id: true }, orderBy: { startedAt: "asc" } });
  return rows.map((r) => r.id);
}
