/**
 * What event intake reads, inside its own transaction (server/db/event-intake-session.ts), as raw
 * SQL that runs unchanged on SQLite and PostgreSQL.
 */
import type { MetricKind } from "../core/metrics/metric-input";
import { Params, type SqlSession } from "./sql";

/** What event intake needs to know about an experiment an exposure names. */
export type IntakeExperiment = {
  id: string;
  key: string;
  state: string;
  environmentId: string;
  environmentKey: string;
  flagKey: string;
  /** the design's variations (control and variants) */
  variations: string[];
};

export async function findIntakeExperiments(s: SqlSession, keys: readonly string[]): Promise<IntakeExperiment[]> {
  if (keys.length === 0) return [];
  const p = new Params(s.dialect);
  const sql =
    `SELECT e."id", e."key", e."state", e."environmentId", e."variantWeights", env."key" AS "environmentKey", f."key" AS "flagKey" ` +
    `FROM "Experiment" e JOIN "Environment" env ON env."id" = e."environmentId" JOIN "Flag" f ON f."id" = e."flagId" ` +
    `WHERE e."key" IN (${p.list(keys)})`;
  const rows = await s.query<Omit<IntakeExperiment, "variations"> & { variantWeights: string }>(sql, p.values);
  return rows.map(({ variantWeights, ...row }) => ({ ...row, variations: Object.keys(JSON.parse(variantWeights) as Record<string, number>) }));
}

export type CollectingExperimentRow = {
  id: string;
  startedAt: Date;
  metrics: { id: string; kind: MetricKind; eventName: string; denominatorEventName: string; retentionDays: number }[];
};

/** Experiments of the environment that collect data (running or paused) and their metrics (each metric once). */
export async function findCollectingExperiments(s: SqlSession, environmentId: string): Promise<CollectingExperimentRow[]> {
  const p = new Params(s.dialect);
  const sql =
    `SELECT e."id", e."startedAt", m."id" AS "metricId", m."kind", m."eventName", m."denominatorEventName", m."retentionDays" ` +
    `FROM "Experiment" e LEFT JOIN "ExperimentMetric" em ON em."experimentId" = e."id" LEFT JOIN "MetricDefinition" m ON m."id" = em."metricId" ` +
    `WHERE e."environmentId" = ${p.add(environmentId)} AND e."state" IN ('running', 'paused') AND e."startedAt" IS NOT NULL`;
  type Row = { id: string; startedAt: Date | string; metricId: string | null; kind: string; eventName: string; denominatorEventName: string; retentionDays: number };
  const experiments = new Map<string, CollectingExperimentRow>();
  for (const row of await s.query<Row>(sql, p.values)) {
    let experiment = experiments.get(row.id);
    if (!experiment) {
      experiment = { id: row.id, startedAt: new Date(row.startedAt), metrics: [] };
      experiments.set(row.id, experiment);
    }
    if (row.metricId !== null && !experiment.metrics.some((m) => m.id === row.metricId)) {
      experiment.metrics.push({
        id: row.metricId,
        kind: row.kind as MetricKind,
        eventName: row.eventName,
        denominatorEventName: row.denominatorEventName,
        retentionDays: Number(row.retentionDays),
      });
    }
  }
  return [...experiments.values()];
}

/** Every event name a metric definition listens to (its event, and an error rate's request event). */
export async function listMetricEventNames(s: SqlSession): Promise<Set<string>> {
  const rows = await s.query<{ eventName: string; denominatorEventName: string }>(`SELECT "eventName", "denominatorEventName" FROM "MetricDefinition"`, []);
  return new Set(rows.flatMap((r) => [r.eventName, r.denominatorEventName]).filter(Boolean));
}
