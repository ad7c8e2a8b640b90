import type { MetricDirection, MetricKind } from "../core/metrics/metric-input";
import type { Db, Tx } from "./client";

/** What the traffic simulator (`npm run keel -- simulate`) needs to know about an experiment. */
export type SimulationExperiment = {
  key: string;
  state: string;
  environmentKey: string;
  flagKey: string;
  controlVariation: string;
  /** the design's variations (control and variants) */
  variations: string[];
  baselineRate: number;
  startedAt: Date | null;
  /** success, then failure, then guardrail metrics; each metric once */
  metrics: {
    key: string;
    role: string;
    kind: MetricKind;
    direction: MetricDirection;
    eventName: string;
    denominatorEventName: string;
    retentionDays: number;
  }[];
};

const ROLE_ORDER = ["success", "failure", "guardrail"];

export async function findSimulationExperiment(db: Db | Tx, key: string): Promise<SimulationExperiment | null> {
  const row = await db.experiment.findUnique({
    where: { key },
    select: {
      key: true,
      state: true,
      controlVariationKey: true,
      variantWeights: true,
      baselineRate: true,
      startedAt: true,
      environment: { select: { key: true } },
      flag: { select: { key: true } },
      metrics: {
        select: {
          role: true,
          metric: { select: { key: true, kind: true, direction: true, eventName: true, denominatorEventName: true, retentionDays: true } },
        },
      },
    },
  });
  if (!row) return null;
  const rank = (role: string) => (ROLE_ORDER.includes(role) ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length);
  const seen = new Set<string>();
  const metrics = [...row.metrics]
    .sort((a, b) => rank(a.role) - rank(b.role) || a.metric.key.localeCompare(b.metric.key))
    .filter(({ metric }) => !seen.has(metric.key) && seen.add(metric.key))
    .map(({ role, metric }) => ({ ...metric, role, kind: metric.kind as MetricKind, direction: metric.direction as MetricDirection }));
  return {
    key: row.key,
    state: row.state,
    environmentKey: row.environment.key,
    flagKey: row.flag.key,
    controlVariation: row.controlVariationKey,
    variations: Object.keys(JSON.parse(row.variantWeights) as Record<string, number>),
    baselineRate: row.baselineRate,
    startedAt: row.startedAt,
    metrics,
  };
}
