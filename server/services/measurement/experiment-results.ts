/**
 * Live results of an experiment: reads its running totals (never raw events) and analyses them
 * (server/core/measurement/experiment-results.ts). Used by the experiment page (refreshed every
 * few seconds), the dashboard overview and the "ship" guard.
 */
import { experimentResults, type ExperimentResults, type MetricRole, type ResultsDesign, type ResultsMetric } from "../../core/measurement/experiment-results";
import type { MetricDirection, MetricKind } from "../../core/metrics/metric-input";
import type { Db, Tx } from "../../db/client";
import { readArmHistograms, readArmSeries, readArmTotals } from "../../db/events";
import { findExperimentByKey, type ExperimentRecord } from "../../db/experiments";
import { AppError } from "../../core/errors";
import { findMetricsByKeys } from "../../db/metrics";

export async function designForResults(db: Db | Tx, experiment: ExperimentRecord): Promise<ResultsDesign> {
  const { hypothesis, design } = experiment.content;
  const roles: [string, MetricRole][] = [
    ...hypothesis.successMetrics.map((k): [string, MetricRole] => [k, "success"]),
    ...hypothesis.failureMetrics.map((k): [string, MetricRole] => [k, "failure"]),
    ...design.guardrailMetrics.map((k): [string, MetricRole] => [k, "guardrail"]),
  ];
  const definitions = new Map((await findMetricsByKeys(db, [...new Set(roles.map(([k]) => k))])).map((m) => [m.key, m]));
  const seen = new Set<string>();
  const metrics: ResultsMetric[] = [];
  for (const [key, role] of roles) {
    const definition = definitions.get(key);
    if (!definition || seen.has(key)) continue;
    seen.add(key);
    metrics.push({
      id: definition.id,
      key,
      name: definition.name,
      kind: definition.kind as MetricKind,
      direction: definition.direction as MetricDirection,
      role,
      unit: definition.unit,
    });
  }
  return {
    controlVariation: design.controlVariation,
    weights: design.weights,
    alpha: design.alpha,
    plannedPerVariation: experiment.sampleSizePerVariation,
    metrics,
  };
}

export async function readExperimentResults(db: Db | Tx, experiment: ExperimentRecord, now: Date = new Date()): Promise<ExperimentResults> {
  const [design, totals, series, histograms] = await Promise.all([
    designForResults(db, experiment),
    readArmTotals(db, experiment.id),
    readArmSeries(db, experiment.id),
    readArmHistograms(db, experiment.id),
  ]);
  return experimentResults({ design, totals, series, histograms, nowMs: now.getTime() });
}

export type ExperimentResultsView = ExperimentResults & {
  experimentKey: string;
  state: string;
  /** when these numbers were computed (ISO) */
  computedAt: string;
  startedAt: string | null;
};

/** The experiment page's results panel (any signed-in member). */
export async function experimentResultsView(ctx: { db: Db; now: () => Date }, key: string): Promise<ExperimentResultsView> {
  const experiment = await findExperimentByKey(ctx.db, key);
  if (!experiment) throw new AppError("NOT_FOUND", `Experiment “${key}” does not exist.`);
  const now = ctx.now();
  const results = await readExperimentResults(ctx.db, experiment, now);
  return {
    ...results,
    experimentKey: experiment.key,
    state: experiment.state,
    computedAt: now.toISOString(),
    startedAt: experiment.startedAt?.toISOString() ?? null,
  };
}
