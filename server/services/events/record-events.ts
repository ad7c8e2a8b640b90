/**
 * POST /api/v1/events: stores a batch of exposure and metric events and folds the new ones into
 * the running aggregates, in one transaction (a 2xx is answered only after it commits). The
 * batch is checked whole before anything is written: an unknown experiment, variation or metric
 * event name rejects it with the event's field named, and nothing is stored.
 */
import { parseEventBatch, type ExposureInput, type MetricEventInput } from "../../core/events/event-batch";
import { fieldError } from "../../core/errors";
import { aggregateBatch, unitStateKeys, type CollectingExperiment, type ExposedUnit } from "../../core/measurement/aggregate-batch";
import { eventNamesOf } from "../../core/metrics/unit-metric";
import type { Db } from "../../db/client";
import { inIntakeTransaction } from "../../db/event-intake-session";
import { findCollectingExperiments, findIntakeExperiments, listMetricEventNames, type IntakeExperiment } from "../../db/event-intake";
import {
  addToArmHistograms,
  addToArmSeries,
  addToArmTotals,
  findExposures,
  findUnitStates,
  insertNewEventIds,
  insertNewExposures,
  saveUnitStates,
  storeEventBatch,
} from "../../db/events";
import { addToErrorMinutes, insertGuardrailSignals, type GuardrailSignalRow } from "../../db/guardrails";

export type IntakeEnvironment = { id: string; key: string };

export type IntakeReport = {
  /** events stored by this request */
  accepted: number;
  /** events whose id was stored before (a retry): not counted again */
  duplicates: number;
  exposures: {
    /** units exposed to an experiment for the first time */
    newUnits: number;
    /** exposures of units already in the experiment (their first variation stays) */
    alreadyExposed: number;
    /** exposures naming an experiment that is not running or paused: kept, not counted */
    notCollecting: number;
  };
  metricEvents: {
    /** counted by at least one running experiment */
    attributed: number;
    /** for units never exposed to a running experiment that uses the event (or before their exposure): kept, not counted */
    unattributed: number;
  };
  warnings: string[];
};

const COLLECTING = new Set(["running", "paused"]);

function checkExposures(exposures: ReadonlyArray<{ event: ExposureInput; index: number }>, experiments: Map<string, IntakeExperiment>, environment: IntakeEnvironment) {
  for (const { event, index } of exposures) {
    const path = `events.${index}`;
    const experiment = experiments.get(event.experimentKey);
    if (!experiment) {
      throw fieldError(`${path}.experimentKey`, `${path}.experimentKey: there is no experiment “${event.experimentKey}” (send the experimentKey from the evaluation's metadata).`);
    }
    if (experiment.environmentId !== environment.id) {
      throw fieldError(
        `${path}.experimentKey`,
        `${path}.experimentKey: experiment “${experiment.key}” runs in “${experiment.environmentKey}”; this SDK key belongs to “${environment.key}”.`,
      );
    }
    if (event.environment !== null && event.environment !== environment.key) {
      throw fieldError(`${path}.environment`, `${path}.environment “${event.environment}” does not match this SDK key's environment “${environment.key}”.`);
    }
    if (event.flagKey !== null && event.flagKey !== experiment.flagKey) {
      throw fieldError(`${path}.flagKey`, `${path}.flagKey “${event.flagKey}” is not the flag of experiment “${experiment.key}” (“${experiment.flagKey}”).`);
    }
    if (!experiment.variations.includes(event.variation)) {
      throw fieldError(
        `${path}.variation`,
        `${path}.variation “${event.variation}” is not in experiment “${experiment.key}” (variations: ${experiment.variations.join(", ")}).`,
      );
    }
  }
}

function checkMetricEvents(events: ReadonlyArray<{ event: MetricEventInput; index: number }>, known: Set<string>) {
  for (const { event, index } of events) {
    if (!event.securitySignal && !known.has(event.eventName)) {
      throw fieldError(
        `events.${index}.eventName`,
        `events.${index}.eventName: no metric definition uses the event “${event.eventName}”; define the metric on the Metrics page first, or check the spelling.`,
      );
    }
  }
}

/**
 * `onCommitted` hears, after the commit, which experiments the batch changed (new exposures,
 * counted events, security signals): the guardrail monitor checks those at once.
 */
export async function recordEvents(
  db: Db,
  environment: IntakeEnvironment,
  body: unknown,
  now: Date,
  onCommitted?: (experimentIds: string[]) => void,
): Promise<IntakeReport> {
  const events = parseEventBatch(body, now);
  const exposures = events.flatMap((event, index) => (event.type === "exposure" ? [{ event, index }] : []));
  const metricEvents = events.flatMap((event, index) => (event.type === "metric" ? [{ event, index }] : []));

  const touched = new Set<string>();
  const report = await inIntakeTransaction(db, environment.id, async (session) => {
    // Checked inside the transaction: a rejected batch rolls back whole, and the experiments that
    // count events are read consistently with the writes.
    const [intakeExperiments, eventNames, collectingRows] = await Promise.all([
      findIntakeExperiments(session, [...new Set(exposures.map((e) => e.event.experimentKey))]),
      metricEvents.length ? listMetricEventNames(session) : Promise.resolve(new Set<string>()),
      findCollectingExperiments(session, environment.id),
    ]);
    const byKey = new Map(intakeExperiments.map((e) => [e.key, e]));
    checkExposures(exposures, byKey, environment);
    checkMetricEvents(metricEvents, eventNames);
    const collecting = new Map<string, CollectingExperiment>(
      collectingRows.map((e) => [
        e.id,
        {
          id: e.id,
          startedAtMs: e.startedAt.getTime(),
          metrics: e.metrics.map((m) => ({ id: m.id, rule: { kind: m.kind, eventName: m.eventName, denominatorEventName: m.denominatorEventName, retentionDays: m.retentionDays } })),
        },
      ]),
    );

    const fresh = await insertNewEventIds(session, environment.id, events.map((e) => e.id));

    const newExposures = exposures.filter(({ event }) => fresh.has(event.id)).map(({ event }) => ({ event, experiment: byKey.get(event.experimentKey)! }));
    const counted = newExposures.filter(({ experiment }) => COLLECTING.has(experiment.state) && collecting.has(experiment.id));
    // one row per unit and experiment: the earliest exposure in the batch wins
    const firstExposure = new Map<string, ExposedUnit>();
    for (const { event, experiment } of counted) {
      const key = `${experiment.id}\u0000${event.unitId}`;
      const seen = firstExposure.get(key);
      if (!seen || event.at.getTime() < seen.exposedAtMs) {
        firstExposure.set(key, { experimentId: experiment.id, unitId: event.unitId, variation: event.variation, exposedAtMs: event.at.getTime() });
      }
    }
    const freshExposures = await insertNewExposures(session, [...firstExposure.values()]);

    const newMetricEvents = metricEvents
      .filter(({ event }) => fresh.has(event.id))
      .map(({ event }) => ({ eventId: event.id, unitId: event.unitId, eventName: event.eventName, value: event.value, atMs: event.at.getTime() }));
    const names = new Set(newMetricEvents.map((e) => e.eventName));
    const listening = [...collecting.values()].filter((e) => e.metrics.some((m) => eventNamesOf(m.rule).some((n) => names.has(n))));
    const unitIds = [...new Set(newMetricEvents.map((e) => e.unitId))];
    // security signals count for every collecting experiment their unit is in
    const signals = metricEvents.filter(({ event }) => event.securitySignal && fresh.has(event.id)).map(({ event }) => event);
    const signalUnits = [...new Set(signals.map((e) => e.unitId))];
    const lookups = listening.flatMap((experiment) => unitIds.map((unitId) => ({ experimentId: experiment.id, unitId })));
    if (signals.length) {
      const listed = new Set(listening.map((e) => e.id));
      for (const experiment of collecting.values()) {
        if (!listed.has(experiment.id)) lookups.push(...signalUnits.map((unitId) => ({ experimentId: experiment.id, unitId })));
      }
    }
    const unitExposures = await findExposures(session, lookups);
    const states = await findUnitStates(session, unitStateKeys(collecting, newMetricEvents, unitExposures));

    const changes = aggregateBatch({ experiments: collecting, freshExposures, metricEvents: newMetricEvents, exposures: unitExposures, states });
    await saveUnitStates(session, changes.states);
    await addToArmTotals(session, changes.totals);
    await addToArmSeries(session, changes.series);
    await addToArmHistograms(session, changes.histograms);
    await addToErrorMinutes(session, changes.errorMinutes);
    const signalRows: GuardrailSignalRow[] = signals.flatMap((event) =>
      unitExposures
        .filter((x) => x.unitId === event.unitId && x.exposedAtMs <= event.at.getTime())
        .map((x) => ({ experimentId: x.experimentId, variation: x.variation, unitId: event.unitId, eventId: event.id, eventName: event.eventName, atMs: event.at.getTime() })),
    );
    await insertGuardrailSignals(session, signalRows);
    for (const row of [...changes.totals, ...signalRows]) touched.add(row.experimentId);
    await storeEventBatch(
      session,
      environment.id,
      now.getTime(),
      events
        .filter((e) => fresh.has(e.id))
        .map((e) =>
          e.type === "exposure"
            ? { id: e.id, type: "exposure", unitId: e.unitId, name: e.experimentKey, variation: e.variation, value: 1, occurredAtMs: e.at.getTime(), attributed: 0 }
            : { id: e.id, type: "metric", unitId: e.unitId, name: e.eventName, variation: "", value: e.value, occurredAtMs: e.at.getTime(), attributed: changes.attributed.get(e.id) ?? 0 },
        ),
    );

    const unattributed = [...changes.attributed.values()].filter((n) => n === 0).length;
    const notCollecting = newExposures.length - counted.length;
    const warnings: string[] = [];
    if (notCollecting > 0) {
      const keys = [...new Set(newExposures.filter((e) => !counted.includes(e)).map(({ experiment }) => `${experiment.key} (${experiment.state})`))];
      warnings.push(`${notCollecting} exposure(s) name experiments that are not running: ${keys.join(", ")}. Kept, not counted.`);
    }
    if (unattributed > 0) {
      warnings.push(
        `${unattributed} metric event(s) belong to units never exposed to a running experiment that measures them (or arrived before the unit's exposure). Kept, not counted; report exposures first.`,
      );
    }
    return {
      accepted: fresh.size,
      duplicates: events.length - fresh.size,
      exposures: { newUnits: freshExposures.length, alreadyExposed: counted.length - freshExposures.length, notCollecting },
      metricEvents: { attributed: newMetricEvents.length - unattributed, unattributed },
      warnings,
    };
  });
  if (touched.size > 0) onCommitted?.([...touched]);
  return report;
}
