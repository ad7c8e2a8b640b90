import type { MetricKind } from "../core/metrics/metric-input";
import type { Db, Tx } from "./client";

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
  startedAt: Date | null;
};

export async function findIntakeExperiments(db: Db | Tx, keys: readonly string[]): Promise<IntakeExperiment[]> {
  if (keys.length === 0) return [];
  const rows = await db.experiment.findMany({
    where: { key: { in: [...keys] } },
    select: {
      id: true,
      key: true,
      state: true,
      environmentId: true,
      variantWeights: true,
      startedAt: true,
      environment: { select: { key: true } },
      flag: { select: { key: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    state: r.state,
    environmentId: r.environmentId,
    environmentKey: r.environment.key,
    flagKey: r.flag.key,
    variations: Object.keys(JSON.parse(r.variantWeights) as Record<string, number>),
    startedAt: r.startedAt,
  }));
}

export type CollectingExperimentRow = {
  id: string;
  startedAt: Date;
  metrics: { id: string; kind: MetricKind; eventName: string; denominatorEventName: string; retentionDays: number }[];
};

/** Experiments of the environment that collect data (running or paused) and their metrics (each metric once). */
export async function findCollectingExperiments(db: Db | Tx, environmentId: string): Promise<CollectingExperimentRow[]> {
  const rows = await db.experiment.findMany({
    where: { environmentId, state: { in: ["running", "paused"] }, startedAt: { not: null } },
    select: {
      id: true,
      startedAt: true,
      metrics: { select: { metric: { select: { id: true, kind: true, eventName: true, denominatorEventName: true, retentionDays: true } } } },
    },
  });
  return rows.map((r) => {
    const metrics = new Map(r.metrics.map(({ metric }) => [metric.id, { ...metric, kind: metric.kind as MetricKind }]));
    return { id: r.id, startedAt: r.startedAt!, metrics: [...metrics.values()] };
  });
}

/** Every event name a metric definition listens to (its event, and an error rate's request event). */
export async function listMetricEventNames(db: Db | Tx): Promise<Set<string>> {
  const rows = await db.metricDefinition.findMany({ select: { eventName: true, denominatorEventName: true } });
  return new Set(rows.flatMap((r) => [r.eventName, r.denominatorEventName]).filter(Boolean));
}
