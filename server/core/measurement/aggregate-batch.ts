import { childMap } from "../collections/child-map";
import { applyEvent, armDelta, EMPTY_STATE, eventNamesOf, type ArmDelta, type MetricRule, type UnitState } from "../metrics/unit-metric";
import { histogramBucket } from "./latency-histogram";
import { seriesBucketMs } from "./series-bucket";

/**
 * Turns one stored batch into changes of the running aggregates (pure; server/services/events
 * reads the inputs and writes the outputs in one transaction). Nothing here scans history: the
 * inputs are the batch, the affected units' exposures and their current per-metric states.
 */

/** metricId "" = exposures (units = units exposed) */
export const EXPOSURE_METRIC = "";

export type ExposedUnit = { experimentId: string; unitId: string; variation: string; exposedAtMs: number };
export type UnitStateRow = { experimentId: string; metricId: string; unitId: string; variation: string; a: number; b: number };
export type ArmTotalRow = { experimentId: string; variation: string; metricId: string; units: number; sum: number; sumSquares: number };
export type ArmSeriesRow = ArmTotalRow & { bucketMs: number };
export type ArmHistogramRow = { experimentId: string; variation: string; metricId: string; bucket: number; count: number };
/** Error-rate metrics: request and error events per minute (event counts), for the SLA burn-rate guardrail. */
export type ArmErrorMinuteRow = { experimentId: string; variation: string; metricId: string; minuteMs: number; requests: number; errors: number };

/** An experiment that is collecting data (running or paused) and its metrics. */
export type CollectingExperiment = { id: string; startedAtMs: number; metrics: ReadonlyArray<{ id: string; rule: MetricRule }> };

export type NewMetricEvent = { eventId: string; unitId: string; eventName: string; value: number; atMs: number };

export type BatchChanges = {
  states: UnitStateRow[];
  totals: ArmTotalRow[];
  series: ArmSeriesRow[];
  histograms: ArmHistogramRow[];
  errorMinutes: ArmErrorMinuteRow[];
  /** metric event id → experiments that counted it */
  attributed: Map<string, number>;
};

/** Running sums by arm (experiment × variation × metric) and, for the series, time bucket. */
class Sums<T extends ArmTotalRow> {
  private readonly rows = new Map<string, Map<string, Map<string, Map<number, T>>>>();
  private readonly all: T[] = [];
  constructor(private readonly make: (experimentId: string, variation: string, metricId: string, bucketMs: number) => T) {}
  add(experimentId: string, variation: string, metricId: string, bucketMs: number, delta: ArmDelta) {
    const buckets = childMap(childMap(childMap(this.rows, experimentId), variation), metricId);
    let row = buckets.get(bucketMs);
    if (row === undefined) {
      row = this.make(experimentId, variation, metricId, bucketMs);
      buckets.set(bucketMs, row);
      this.all.push(row);
    }
    row.units += delta.units;
    row.sum += delta.sum;
    row.sumSquares += delta.sumSquares;
  }
  values(): T[] {
    return this.all.filter((r) => r.units !== 0 || r.sum !== 0 || r.sumSquares !== 0);
  }
}

type Metric = CollectingExperiment["metrics"][number];

/** Per experiment: its metrics by the event names they listen to. */
function listenersOf(experiments: ReadonlyMap<string, CollectingExperiment>): Map<string, Map<string, Metric[]>> {
  const byExperiment = new Map<string, Map<string, Metric[]>>();
  for (const experiment of experiments.values()) {
    const byName = new Map<string, Metric[]>();
    for (const metric of experiment.metrics) {
      for (const name of eventNamesOf(metric.rule)) byName.set(name, [...(byName.get(name) ?? []), metric]);
    }
    byExperiment.set(experiment.id, byName);
  }
  return byExperiment;
}

const NO_METRICS: readonly Metric[] = [];

export type UnitStateKey = { experimentId: string; metricId: string; unitId: string };

/**
 * The per-unit states aggregateBatch reads for these metric events: for each exposure of an
 * event's unit, the experiment's metrics that listen to one of the unit's event names (each key once).
 */
export function unitStateKeys(
  experiments: ReadonlyMap<string, CollectingExperiment>,
  metricEvents: ReadonlyArray<Pick<NewMetricEvent, "unitId" | "eventName">>,
  exposures: readonly ExposedUnit[],
): UnitStateKey[] {
  const namesOfUnit = new Map<string, Set<string>>();
  for (const { unitId, eventName } of metricEvents) {
    let names = namesOfUnit.get(unitId);
    if (!names) namesOfUnit.set(unitId, (names = new Set()));
    names.add(eventName);
  }
  const listeners = listenersOf(experiments);
  const keys: UnitStateKey[] = [];
  // experiment → metric → units already listed
  const listed = new Map<string, Map<string, Set<string>>>();
  for (const { experimentId, unitId } of exposures) {
    const names = namesOfUnit.get(unitId);
    const byName = listeners.get(experimentId);
    if (!names || !byName) continue;
    for (const name of names) {
      for (const metric of byName.get(name) ?? NO_METRICS) {
        const units = childMap(listed, experimentId);
        let seen = units.get(metric.id);
        if (seen === undefined) units.set(metric.id, (seen = new Set()));
        if (seen.has(unitId)) continue;
        seen.add(unitId);
        keys.push({ experimentId, metricId: metric.id, unitId });
      }
    }
  }
  return keys;
}

export function aggregateBatch(input: {
  experiments: ReadonlyMap<string, CollectingExperiment>;
  /** exposures stored for the first time by this batch */
  freshExposures: readonly ExposedUnit[];
  /** metric events stored for the first time by this batch */
  metricEvents: readonly NewMetricEvent[];
  /** every exposure of the metric events' units to the collecting experiments (fresh ones included) */
  exposures: readonly ExposedUnit[];
  /** the current per-metric states of those units */
  states: readonly UnitStateRow[];
}): BatchChanges {
  // the totals' rows carry no bucket (0 in the key)
  const totals = new Sums<ArmTotalRow>((experimentId, variation, metricId) => ({ experimentId, variation, metricId, units: 0, sum: 0, sumSquares: 0 }));
  const series = new Sums<ArmSeriesRow>((experimentId, variation, metricId, bucketMs) => ({ experimentId, variation, metricId, bucketMs, units: 0, sum: 0, sumSquares: 0 }));
  const histograms = new Map<string, ArmHistogramRow>();
  const errorMinutes = new Map<string, ArmErrorMinuteRow>();
  const attributed = new Map<string, number>();
  const listeners = listenersOf(input.experiments);

  const addArm = (experiment: CollectingExperiment, variation: string, metricId: string, atMs: number, delta: ArmDelta) => {
    totals.add(experiment.id, variation, metricId, 0, delta);
    series.add(experiment.id, variation, metricId, seriesBucketMs(experiment.startedAtMs, atMs), delta);
  };

  for (const exposure of input.freshExposures) {
    const experiment = input.experiments.get(exposure.experimentId);
    if (experiment) addArm(experiment, exposure.variation, EXPOSURE_METRIC, exposure.exposedAtMs, { units: 1, sum: 0, sumSquares: 0 });
  }

  // per unit: the experiments it is in
  const exposuresOfUnit = new Map<string, ExposedUnit[]>();
  for (const e of input.exposures) {
    const list = exposuresOfUnit.get(e.unitId);
    if (list) list.push(e);
    else exposuresOfUnit.set(e.unitId, [e]);
  }
  // experiment → metric → unit → state (copies: the inputs are not changed)
  const states = new Map<string, Map<string, Map<string, UnitStateRow>>>();
  for (const s of input.states) childMap(childMap(states, s.experimentId), s.metricId).set(s.unitId, { ...s });
  const changed = new Set<UnitStateRow>();

  // in time order, so retention windows and latency means see events as they happened
  const events = [...input.metricEvents].sort((x, y) => x.atMs - y.atMs);
  for (const event of events) {
    let count = 0;
    for (const exposure of exposuresOfUnit.get(event.unitId) ?? []) {
      const experiment = input.experiments.get(exposure.experimentId);
      if (!experiment) continue;
      let counted = false;
      for (const metric of listeners.get(experiment.id)!.get(event.eventName) ?? NO_METRICS) {
        const ofMetric = childMap(childMap(states, experiment.id), metric.id);
        const current = ofMetric.get(event.unitId);
        const before: UnitState = current ?? EMPTY_STATE;
        const after = applyEvent(metric.rule, before, event, exposure.exposedAtMs);
        if (after === null) continue;
        counted = true;
        const delta = armDelta(metric.rule.kind, before, after);
        if (current) {
          current.a = after.a;
          current.b = after.b;
          changed.add(current);
        } else {
          const row = { experimentId: experiment.id, metricId: metric.id, unitId: event.unitId, variation: exposure.variation, a: after.a, b: after.b };
          ofMetric.set(event.unitId, row);
          changed.add(row);
        }
        addArm(experiment, exposure.variation, metric.id, event.atMs, delta);
        if (metric.rule.kind === "latency") {
          const bucket = histogramBucket(event.value);
          const hKey = `${experiment.id}\u0000${exposure.variation}\u0000${metric.id}\u0000${bucket}`;
          const row = histograms.get(hKey) ?? { experimentId: experiment.id, variation: exposure.variation, metricId: metric.id, bucket, count: 0 };
          row.count += 1;
          histograms.set(hKey, row);
        } else if (metric.rule.kind === "error_rate") {
          const minuteMs = Math.floor(event.atMs / 60_000) * 60_000;
          const mKey = `${experiment.id}\u0000${exposure.variation}\u0000${metric.id}\u0000${minuteMs}`;
          let row = errorMinutes.get(mKey);
          if (!row) errorMinutes.set(mKey, (row = { experimentId: experiment.id, variation: exposure.variation, metricId: metric.id, minuteMs, requests: 0, errors: 0 }));
          if (event.eventName === metric.rule.eventName) row.errors += 1;
          else row.requests += 1;
        }
      }
      if (counted) count += 1;
    }
    attributed.set(event.eventId, count);
  }

  return {
    states: [...changed],
    totals: totals.values(),
    series: series.values(),
    histograms: [...histograms.values()],
    errorMinutes: [...errorMinutes.values()],
    attributed,
  };
}
