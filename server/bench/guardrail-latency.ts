/**
 * The measuring process of bench part 4 (guardrail-bench.ts starts it with DATABASE_URL set to a
 * fresh, migrated SQLite file): how long from a breaching events batch being stored to evaluations
 * serving the off variation, in one Keel process — the events service, the guardrail monitor
 * (nudged after every batch, full pass every 2 s) and the evaluation runtime (snapshot poll 250 ms)
 * as `npm start` runs them. Writes the milliseconds per round and case as JSON to the file named by
 * its second argument (`tsx guardrail-latency.ts <rounds> <out.json>`).
 *
 *   security signal:       one batch with a security signal from a variant's unit
 *   error rate (nudged):   one batch of errors that makes a variant's error rate ~4× control's
 *   error rate (periodic): the same with the monitor hearing of no batch (its 2 s pass alone)
 *   manual "Disable now":  the baseline: a person's disable, stored, reaching the evaluations
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { actorFor, ensureDefaultEnvironments, ensureTestMetrics, makeMember, makeRunningExperiment, serviceContext, TEST_METRICS } from "../../prisma/factories";
import { getDb } from "../db/client";
import { findEnvironmentByKey } from "../db/environments";
import { createEvaluationRuntime } from "../services/evaluation/evaluation-runtime";
import { recordEvents } from "../services/events/record-events";
import { runLifecycleAction } from "../services/experiments/run-lifecycle-action";
import { startGuardrailMonitor } from "../services/guardrails/guardrail-monitor";
import type { Snapshot } from "../core/evaluation/snapshot-format";
import { nowMs } from "./stats";

export type LatencyCase = "securitySignal" | "errorRateNudged" | "errorRatePeriodic" | "manualDisable";
const UNITS_PER_ARM = 150;

async function main() {
  const rounds = Number(process.argv[2] ?? 5);
  const db = getDb();
  await ensureDefaultEnvironments();
  await ensureTestMetrics();
  const owner = await makeMember(["experimenter"]);
  const admin = await makeMember(["admin"]);
  const staging = (await findEnvironmentByKey(db, "staging"))!;
  const environment = { id: staging.id, key: "staging" };
  const metric = (await db.metricDefinition.findUniqueOrThrow({ where: { key: TEST_METRICS.failure } }))!;
  const settings = { maxFlagLifetimeDays: 90 };
  const runtime = createEvaluationRuntime({ db });
  await runtime.syncOnce();
  runtime.start();

  const servesOff = (flagKey: string) => {
    const payload = runtime.snapshotFor("staging")?.payload;
    const flag = payload ? (JSON.parse(payload) as Snapshot).flags.find((f) => f.key === flagKey) : undefined;
    return flag !== undefined && !flag.enabled;
  };
  const untilOff = async (flagKey: string, from: number) => {
    while (!servesOff(flagKey)) {
      if (nowMs() - from > 60_000) throw new Error(`flag ${flagKey} still served 60 s after the breach`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return nowMs() - from;
  };
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
  const event = (unitId: string, eventName: string, offsetMs: number) => ({ type: "metric", id: randomUUID(), unitId, eventName, timestamp: at(offsetMs) });

  /** A running experiment (50 % exposure) with 150 exposed units per arm sending requests: healthy so far. */
  async function primed() {
    const { experiment, flag } = await makeRunningExperiment(owner);
    const units = (variation: string) => Array.from({ length: UNITS_PER_ARM }, (_, i) => `${experiment.key}-${variation}-${i}`);
    for (const variation of ["off", "on"]) {
      const exposures = units(variation).map((unitId) => ({ type: "exposure", id: randomUUID(), unitId, experimentKey: experiment.key, variation, timestamp: at(-60_000) }));
      await recordEvents(db, environment, { events: exposures }, new Date());
      const requests = units(variation).flatMap((unitId) => [0, 1, 2, 3, 4].map((i) => event(unitId, metric.denominatorEventName, -30_000 + i)));
      for (let i = 0; i < requests.length; i += 1000) await recordEvents(db, environment, { events: requests.slice(i, i + 1000) }, new Date());
      // control fails about 1 request in 20
      if (variation === "off") await recordEvents(db, environment, { events: units(variation).filter((_, i) => i % 4 === 0).map((u) => event(u, metric.eventName, -20_000)) }, new Date());
    }
    return { experiment, flag, variantUnits: units("on") };
  }

  const samples: Record<LatencyCase, number[]> = { securitySignal: [], errorRateNudged: [], errorRatePeriodic: [], manualDisable: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of Object.keys(samples) as LatencyCase[]) {
      const nudged = kind !== "errorRatePeriodic";
      const monitor = startGuardrailMonitor(db, { settings, log: () => undefined });
      const { experiment, flag, variantUnits } = await primed();
      await runtime.syncOnce();
      let t0: number;
      if (kind === "manualDisable") {
        await runLifecycleAction(serviceContext(actorFor(admin)), { action: "disable", key: experiment.key, reason: "bench" });
        t0 = nowMs();
      } else {
        const events =
          kind === "securitySignal"
            ? [{ ...event(variantUnits[0]!, "token_replay_detected", -1), securitySignal: true }]
            : variantUnits.map((u) => event(u, metric.eventName, -1_000));
        await recordEvents(db, environment, { events }, new Date(), nudged ? (ids) => monitor.nudge(ids) : undefined);
        t0 = nowMs();
      }
      samples[kind].push(await untilOff(flag.key, t0));
      await monitor.stop();
    }
  }
  await runtime.stop();
  writeFileSync(process.argv[3]!, JSON.stringify(samples));
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
