/**
 * Guardrails end to end on a real database and real HTTP: simulated traffic whose variant fails
 * three times as often as control is aborted by the monitor within seconds (OFREP then serves the
 * off variation, the owner is told why); a security signal aborts at once; late events never undo
 * an abort; a healthy experiment ramps after its minimum time; three monitors racing abort once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { actorFor, ensureDefaultEnvironments, experimentContent, makeExperiment, makeMember, makeRunningExperiment, serviceContext, uniqueKey } from "../../../prisma/factories";
import { createDb, getDb, inTransaction } from "../../db/client";
import { dialectOf } from "../../db/sql";
import { findAuditEntries } from "../../db/audit-log";
import { findExperimentByKey } from "../../db/experiments";
import { insertMetricDefinition } from "../../db/metrics";
import type { GuardrailRule } from "../../core/guardrails/guardrail-rules";
import { simulateTraffic } from "../../cli/simulate";
import { createSdkKey } from "../sdk-keys/create-sdk-key";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { experimentView } from "../experiments/experiment-view";
import { rejection } from "../../test/rejection";
import { eventually, startServiceServer, type ServiceServer } from "../../test/service-server";
import { runGuardrailPass, startGuardrailMonitor, type GuardrailMonitor } from "./guardrail-monitor";
import { saveGuardrailRules, saveRampPlan, watchExperiment } from "./update-experiment-guardrails";
import { readGuardrails } from "./read-guardrails";

type Member = Awaited<ReturnType<typeof makeMember>>;
let owner: Member;
let watcher: Member;
let server: ServiceServer;
let monitor: GuardrailMonitor;
let serverKey: string;
const errorMetric = uniqueKey("errors");
const errorEvent = uniqueKey("request_failed");
const requestEvent = uniqueKey("request");
const settings = { maxFlagLifetimeDays: 90 };
const quiet = { progress: () => undefined, env: {} };
const as = (member: Member) => serviceContext(actorFor(member));

beforeAll(async () => {
  await ensureDefaultEnvironments();
  owner = await makeMember(["experimenter"], "growth");
  watcher = await makeMember(["viewer"]);
  await makeMember(["admin"]);
  await inTransaction(getDb(), (tx) =>
    insertMetricDefinition(tx, { key: errorMetric, name: "Request errors", description: "", kind: "error_rate", direction: "decrease", eventName: errorEvent, denominatorEventName: requestEvent, unit: "" }),
  );
  // only nudges (after each events batch) drive this monitor: no periodic pass during the tests
  monitor = startGuardrailMonitor(getDb(), { settings, intervalMs: 600_000, log: () => undefined });
  server = await startServiceServer({ afterEvents: (ids) => monitor.nudge(ids) });
  serverKey = (await createSdkKey(serviceContext(), { environmentKey: "staging", kind: "server", name: "guardrail test" })).secret;
  await server.runtime.syncOnce();
});

afterAll(async () => {
  await monitor?.stop();
  await server?.close();
});

async function post(path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${serverKey}` }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const evaluate = (flagKey: string, targetingKey: string) => post(`/ofrep/v1/evaluate/flags/${flagKey}`, { context: { targetingKey } });

async function running(rules?: GuardrailRule[]) {
  const base = experimentContent("unused");
  const made = await makeRunningExperiment(owner, { team: "growth", design: { ...base.design!, guardrailMetrics: [errorMetric] } });
  if (rules) await saveGuardrailRules(as(owner), { key: made.experiment.key, rules });
  await watchExperiment(serviceContext(actorFor(watcher)), { key: made.experiment.key, watching: true });
  return made;
}

async function aborts(key: string) {
  const { entries } = await findAuditEntries(getDb(), { entityType: "experiment", entityKey: key, limit: 50 });
  return entries.filter((e) => e.action === "experiment.aborted_by_guardrail");
}

const stateOf = async (key: string) => (await findExperimentByKey(getDb(), key))!.state;

describe("the guardrail monitor", () => {
  it("aborts a variant with 3× control's error rate within seconds: OFREP serves off, owner and watcher are told why", async () => {
    const { experiment, flag } = await running([{ kind: "security_signal" }, { kind: "error_rate", metricKey: errorMetric, minRelativeIncrease: 0.1 }]);
    const run = await simulateTraffic(serviceContext(), { env: "staging", experiment: experiment.key, users: "3000", lift: "0", errorFactor: "3", url: server.url, key: serverKey, seed: "11" }, quiet);
    expect(run.eventsSent).toBeGreaterThan(0);
    await eventually(async () => (await stateOf(experiment.key)) === "aborted", 10_000);

    const aborted = (await findExperimentByKey(getDb(), experiment.key))!;
    expect(aborted.abortReason).toMatch(/^Guardrail “Error rate increase” breached: .* worse, significant \(always-valid interval\), limit 10 %\.$/);
    const details = JSON.parse(aborted.abortDetails!) as { metricKey: string; variation: string; figures: { control: number; variant: number } };
    expect(details).toMatchObject({ metricKey: errorMetric, variation: "on" });
    expect(details.figures.variant / details.figures.control).toBeGreaterThan(2);

    // the flag serves the off variation to everyone, through the evaluation API
    await eventually(async () => (await evaluate(flag.key, "someone")).body.reason === "DISABLED", 2_000);
    for (const user of ["u-1", "u-2", "u-3"]) expect((await evaluate(flag.key, user)).body).toMatchObject({ variant: "off", value: false, reason: "DISABLED" });

    for (const member of [owner, watcher]) {
      const inbox = await getDb().notification.findMany({ where: { userId: member.id, kind: "experiment.aborted", link: `/experiments/${experiment.key}` } });
      expect(inbox).toHaveLength(1);
      expect(inbox[0]!.body).toContain("Error rate increase");
    }
    const [entry, ...more] = await aborts(experiment.key);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actorLabel: "guardrail monitor", after: { state: "aborted" } });
    const flagLog = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 1 });
    expect(flagLog.entries[0]).toMatchObject({ action: "flag.environment.disabled_by_experiment", actorLabel: "guardrail monitor" });
  }, 120_000);

  it("aborts at once on a security signal from a variant's unit; the control's signals and late events change nothing", async () => {
    const { experiment, flag } = await running();
    const at = new Date(Date.now() - 5_000).toISOString();
    const exposure = (unitId: string, variation: string) => ({ type: "exposure", id: `exposure:${experiment.key}:${unitId}`, unitId, experimentKey: experiment.key, variation, timestamp: at });
    const signal = (unitId: string) => ({ type: "metric", id: randomUUID(), unitId, eventName: "token_replay_detected", securitySignal: true, timestamp: new Date().toISOString() });

    expect((await post("/api/v1/events", { events: [exposure("ctl-1", "off"), signal("ctl-1")] })).status).toBe(200);
    await runGuardrailPass(getDb(), { settings });
    expect(await stateOf(experiment.key)).toBe("running");

    expect((await post("/api/v1/events", { events: [exposure("var-1", "on"), signal("var-1")] })).status).toBe(200);
    await eventually(async () => (await stateOf(experiment.key)) === "aborted", 2_000);
    const aborted = (await findExperimentByKey(getDb(), experiment.key))!;
    expect(aborted.abortReason).toBe("Guardrail “Security signals” breached: Security signal “token_replay_detected” from unit var-1 in variation on (1 in all).");

    // late and out-of-order events after the abort: kept, not counted, and the abort stands
    const late = await post("/api/v1/events", { events: [exposure("late-1", "on"), { type: "metric", id: randomUUID(), unitId: "var-1", eventName: requestEvent, timestamp: at }] });
    expect(late.body).toMatchObject({ exposures: { notCollecting: 1 } });
    await runGuardrailPass(getDb(), { settings });
    expect(await stateOf(experiment.key)).toBe("aborted");
    expect((await evaluate(flag.key, "var-1")).body).toMatchObject({ reason: "DISABLED" });
    expect(await aborts(experiment.key)).toHaveLength(1);
  }, 30_000);

  it("a crash mid-abort leaves the experiment running with its flag on, and the next pass aborts it", async () => {
    const { experiment, flag } = await running();
    await post("/api/v1/events", { events: [{ type: "exposure", id: randomUUID(), unitId: "crasher", experimentKey: experiment.key, variation: "on", timestamp: new Date(Date.now() - 5_000).toISOString() }] });
    await monitor.stop(); // only the passes below act
    await getDb().guardrailSignal.create({ data: { experimentId: experiment.id, variation: "on", unitId: "crasher", eventId: "sig-crash", eventName: "sql_injection_blocked", atMs: Date.now() } });
    // the abort's last write (the owner's inbox entry) fails: the database refuses it mid-transaction
    const postgres = dialectOf(getDb()) === "postgresql";
    const crash = postgres
      ? [
          `CREATE FUNCTION keel_test_crash() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`,
          `CREATE TRIGGER keel_test_crash BEFORE INSERT ON "Notification" FOR EACH ROW WHEN (NEW."kind" = 'experiment.aborted') EXECUTE FUNCTION keel_test_crash()`,
        ]
      : [`CREATE TRIGGER keel_test_crash BEFORE INSERT ON "Notification" WHEN NEW."kind" = 'experiment.aborted' BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`];
    for (const sql of crash) await getDb().$executeRawUnsafe(sql);
    const errors: unknown[] = [];
    try {
      expect((await runGuardrailPass(getDb(), { settings, log: (_m, e) => errors.push(e) }, [experiment.id])).aborted).toEqual([]);
    } finally {
      await getDb().$executeRawUnsafe(`DROP TRIGGER keel_test_crash${postgres ? ' ON "Notification"' : ""}`);
      if (postgres) await getDb().$executeRawUnsafe(`DROP FUNCTION keel_test_crash()`);
    }
    // it failed at the abort's last write (PostgreSQL reports the trigger's message, SQLite the statement)
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/simulated crash|notification\.createMany/);
    expect(await stateOf(experiment.key)).toBe("running");
    expect(await aborts(experiment.key)).toHaveLength(0);
    const config = await getDb().flagEnvironmentConfig.findFirstOrThrow({ where: { flagId: flag.id, environment: { key: "staging" } } });
    expect(config.enabled).toBe(true);

    expect((await runGuardrailPass(getDb(), { settings }, [experiment.id])).aborted).toEqual([experiment.key]);
    expect(await aborts(experiment.key)).toHaveLength(1);
    monitor = startGuardrailMonitor(getDb(), { settings, intervalMs: 600_000, log: () => undefined });
  }, 30_000);

  it("three monitors racing (each its own database connection) abort the experiment exactly once", async () => {
    const { experiment } = await running();
    const at = new Date(Date.now() - 5_000).toISOString();
    await post("/api/v1/events", { events: [{ type: "exposure", id: randomUUID(), unitId: "racer", experimentKey: experiment.key, variation: "on", timestamp: at }] });
    await monitor.stop(); // no nudge from this process: only the three racers act
    await getDb().guardrailSignal.create({ data: { experimentId: experiment.id, variation: "on", unitId: "racer", eventId: "sig-race", eventName: "sql_injection_blocked", atMs: Date.now() } });
    const racers = [createDb(process.env.DATABASE_URL), createDb(process.env.DATABASE_URL), createDb(process.env.DATABASE_URL)];
    try {
      const reports = await Promise.all(racers.map((db) => runGuardrailPass(db, { settings, log: () => undefined }, [experiment.id])));
      // a racer that found the database busy (SQLite has one writer) tries again on its next pass
      for (const db of racers) reports.push(await runGuardrailPass(db, { settings }, [experiment.id]));
      expect(reports.flatMap((r) => r.aborted)).toEqual([experiment.key]);
    } finally {
      await Promise.all(racers.map((db) => db.$disconnect()));
      monitor = startGuardrailMonitor(getDb(), { settings, intervalMs: 600_000, log: () => undefined });
    }
    expect(await stateOf(experiment.key)).toBe("aborted");
    expect(await aborts(experiment.key)).toHaveLength(1);
    expect(await getDb().notification.count({ where: { userId: owner.id, kind: "experiment.aborted", link: `/experiments/${experiment.key}` } })).toBe(1);
  }, 30_000);
});

describe("ramping", () => {
  async function launchedAt5(guardrailMetrics: string[] = []) {
    const base = experimentContent("unused");
    const { experiment } = await makeExperiment(owner, { team: "growth", design: { ...base.design!, guardrailMetrics } });
    const approved = await runLifecycleAction(as(owner), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    return runLifecycleAction(as(owner), { action: "launch", key: experiment.key, designVersion: approved.designVersion, exposurePercentage: 5 });
  }
  const inMinutes = (minutes: number) => () => new Date(Date.now() + minutes * 60_000);

  it("auto-advance takes a healthy experiment from 5 % to 10 % after its minimum time, audited", async () => {
    const experiment = await launchedAt5();
    // healthy with no sample needed: only the security-signal rule (metric rules wait for their minimum sample)
    await saveGuardrailRules(as(owner), { key: experiment.key, rules: [{ kind: "security_signal" }] });
    await saveRampPlan(as(owner), { key: experiment.key, steps: [5, 10, 25, 50], stepMinutes: 2, autoAdvance: true });
    expect((await runGuardrailPass(getDb(), { settings, now: inMinutes(1) }, [experiment.id])).advanced).toEqual([]);
    expect((await runGuardrailPass(getDb(), { settings, now: inMinutes(2.1) }, [experiment.id])).advanced).toEqual([experiment.key]);
    const config = await getDb().flagEnvironmentConfig.findFirstOrThrow({ where: { flag: { key: experiment.flag.key }, environment: { key: "staging" } } });
    expect(config.rolloutPercentage).toBe(10);
    const { entries } = await findAuditEntries(getDb(), { entityType: "experiment", entityKey: experiment.key, limit: 1 });
    expect(entries[0]).toMatchObject({ action: "experiment.exposure_changed", actorLabel: "auto-advance", after: { from: 5, to: 10 } });
    // the next step waits its own minimum time
    expect((await runGuardrailPass(getDb(), { settings, now: inMinutes(3) }, [experiment.id])).advanced).toEqual([]);
  });

  it("blocks a manual step while a guardrail has no verdict, and the page says why", async () => {
    const experiment = await launchedAt5([errorMetric]);
    await saveRampPlan(as(owner), { key: experiment.key, steps: [], stepMinutes: 0, autoAdvance: false });
    const refused = await rejection(runLifecycleAction(as(owner), { action: "change_exposure", key: experiment.key, exposurePercentage: 10 }));
    expect(refused.message).toMatch(/^Not now: No guardrail verdict yet for error rate increase: Not enough data yet: 0 of 100 units/);
    const view = await experimentView(as(owner), experiment.key);
    expect(view.actions.find((a) => a.action === "change_exposure")).toMatchObject({ allowed: false, exposurePercentage: 10, reason: refused.message });
  });

  it("refuses impossible rules at save time, naming the field, and keeps the old ones", async () => {
    const experiment = await launchedAt5([errorMetric]);
    const before = await readGuardrails(getDb(), (await findExperimentByKey(getDb(), experiment.key))!, new Date());
    const bad = await rejection(saveGuardrailRules(as(owner), { key: experiment.key, rules: [{ kind: "security_signal" }, { kind: "error_rate", metricKey: errorMetric, minRelativeIncrease: -1 }] }));
    expect(bad.fieldErrors["rules.1.minRelativeIncrease"]?.[0]).toMatch(/must be more than 0 %/);
    const after = await readGuardrails(getDb(), (await findExperimentByKey(getDb(), experiment.key))!, new Date());
    expect(after.rules).toEqual(before.rules);
    expect(after.prefilled).toBe(true);
    const outsider = await makeMember(["experimenter"], "billing");
    expect((await rejection(saveRampPlan(as(outsider), { key: experiment.key, steps: [], stepMinutes: 5, autoAdvance: true }))).code).toBe("FORBIDDEN");
  });
});
