/**
 * `npm run keel -- simulate` against Keel's service APIs on a real HTTP port (OFREP and
 * POST /api/v1/events, the same handlers `npm start` serves) and a real database.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, ensureDefaultEnvironments, experimentContent, makeExperiment, makeMember, serviceContext, uniqueKey } from "../../prisma/factories";
import { getDb, inTransaction } from "../db/client";
import { insertMetricDefinition, type MetricDefinitionInput } from "../db/metrics";
import { rampStraightToPlanned } from "../services/guardrails/ramp-to-planned";
import { runLifecycleAction } from "../services/experiments/run-lifecycle-action";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { rejection } from "../test/rejection";
import { storedEvents } from "../test/stored-events";
import { eventually, startServiceServer, type ServiceServer } from "../test/service-server";
import { simulateTraffic, type SimulateOptions } from "./simulate";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");

async function keel(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/cli/keel.ts", ...args], {
      cwd: root,
      env: { ...process.env, KEEL_SDK_KEY: "" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

type Member = Awaited<ReturnType<typeof makeMember>>;
let server: ServiceServer;
let author: Member;
let metricKeys: Record<string, string>;
let serverKey: string;

const as = (member: Member) => serviceContext(actorFor(member));
const quiet = { progress: () => undefined, env: {} };

async function makeMetric(kind: MetricDefinitionInput["kind"], direction: MetricDefinitionInput["direction"], extra: Partial<MetricDefinitionInput> = {}) {
  const key = uniqueKey(`sim-${kind.replace("_", "-")}`);
  await inTransaction(getDb(), (tx) => insertMetricDefinition(tx, { key, name: key, description: "", kind, direction, eventName: key, unit: "", ...extra }));
  return key;
}

/** A running experiment in staging at 50 % exposure, measuring one metric of every kind. */
async function runningExperiment() {
  const base = experimentContent("unused");
  const made = await makeExperiment(author, {
    hypothesis: { ...base.hypothesis!, successMetrics: [metricKeys.conversion!, metricKeys.revenue!, metricKeys.count!], failureMetrics: [metricKeys.errors!] },
    design: { ...base.design!, guardrailMetrics: [metricKeys.latency!, metricKeys.retention!] },
  });
  const before = server.runtime.snapshotFor("staging")?.revision ?? 0;
  const approved = await runLifecycleAction(as(author), { action: "submit", key: made.experiment.key, designVersion: made.experiment.designVersion });
  await runLifecycleAction(as(author), { action: "launch", key: made.experiment.key, designVersion: approved.designVersion, exposurePercentage: 5 });
  await rampStraightToPlanned(as(author), made.experiment.key);
  await eventually(() => (server.runtime.snapshotFor("staging")?.revision ?? 0) > before + 1);
  return made;
}

async function unitsByVariation(experimentKey: string): Promise<Record<string, number>> {
  const experiment = await getDb().experiment.findUniqueOrThrow({ where: { key: experimentKey } });
  const rows = await getDb().experimentUnit.groupBy({ by: ["variation"], where: { experimentId: experiment.id }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.variation, r._count._all]));
}

beforeAll(async () => {
  await ensureDefaultEnvironments();
  await makeMember(["admin"]);
  author = await makeMember(["experimenter"], "growth");
  metricKeys = {
    conversion: await makeMetric("conversion", "increase"),
    revenue: await makeMetric("revenue", "increase"),
    count: await makeMetric("count", "increase"),
    retention: await makeMetric("retention", "increase", { retentionDays: 7 }),
    latency: await makeMetric("latency", "decrease"),
    errors: await makeMetric("error_rate", "decrease", { denominatorEventName: uniqueKey("request") }),
  };
  server = await startServiceServer();
  serverKey = (await createSdkKey(serviceContext(), { environmentKey: "staging", kind: "server", name: "simulator test" })).secret;
  await server.runtime.syncOnce();
});

afterAll(async () => {
  await server?.close();
});

describe("keel simulate (command line)", () => {
  it("evaluates users through OFREP and sends their exposures and metric events; a rerun with the seed counts nothing twice", async () => {
    const { experiment } = await runningExperiment();
    const args = ["simulate", "--env", "staging", "--experiment", experiment.key, "--users", "1500", "--lift", "0.05", "--url", server.url, "--imbalance", "0.2", "--seed", "7"];
    const first = await keel(...args);
    expect(first.stderr).toMatch(/Created server key keel_srv_[\w-]+ “traffic simulator” for staging/);
    expect(first.code).toBe(0);

    const stored = await unitsByVariation(experiment.key);
    const line = (label: string) => first.stdout.split("\n").find((l) => l.startsWith(label)) ?? "";
    expect(line("users")).toMatch(/^users\s+1,500$/);
    expect(line("exposed off")).toMatch(new RegExp(`^exposed off\\s+${stored.off!.toLocaleString("en-US")} \\(control\\)$`));
    expect(line("exposed on")).toMatch(new RegExp(`^exposed on\\s+${stored.on!.toLocaleString("en-US")}$`));
    expect(line("duplicates")).toMatch(/^duplicates\s+0$/);
    expect(line("elapsed")).toMatch(/^elapsed\s+\d+(\.\d)? s$/);
    // about half the users are in the experiment (50 % exposure); the variant lost about 20 % of its users
    const inExperiment = Number(/^in experiment\s+([\d,]+) \(([\d,]+) dropped/.exec(line("in experiment"))![1]!.replace(/,/g, ""));
    const dropped = Number(/\(([\d,]+) dropped/.exec(line("in experiment"))![1]!.replace(/,/g, ""));
    expect(inExperiment).toBeGreaterThan(600);
    expect(inExperiment).toBeLessThan(900);
    expect(stored.off! + stored.on! + dropped).toBe(inExperiment);
    expect(dropped / (stored.on! + dropped)).toBeGreaterThan(0.12);
    expect(dropped / (stored.on! + dropped)).toBeLessThan(0.28);

    // every metric got per-variation totals (units for kinds that need an observation, sums for all); events were stored under the sender's deterministic ids
    const experimentRow = await getDb().experiment.findUniqueOrThrow({ where: { key: experiment.key }, include: { metrics: true } });
    const totals = await getDb().armTotal.findMany({ where: { experimentId: experimentRow.id } });
    for (const m of experimentRow.metrics) {
      for (const variation of ["off", "on"]) expect(totals.some((t) => t.metricId === m.metricId && t.variation === variation && (t.units > 0 || t.sum > 0))).toBe(true);
    }
    const sent = Number(/^events sent\s+([\d,]+)/.exec(line("events sent"))![1]!.replace(/,/g, ""));
    const events = await storedEvents();
    const metricEvents = events.filter((e) => e.type === "metric" && e.id.includes(`:${experiment.key}:`));
    expect(metricEvents.filter((e) => e.unitId.startsWith("sim-7-"))).toHaveLength(sent - stored.off! - stored.on!);
    expect(events.filter((e) => e.type === "exposure" && e.name === experiment.key)).toHaveLength(stored.off! + stored.on!);
    expect(metricEvents.filter((e) => e.attributed === 0)).toHaveLength(0);
    expect(first.stdout).not.toContain("not counted");

    // the key it made for the run is revoked afterwards
    const key = await getDb().sdkKey.findFirstOrThrow({ where: { name: "traffic simulator" }, orderBy: { createdAt: "desc" } });
    expect(key.revokedAt).not.toBeNull();

    // the same seed again: the same ids, every event a duplicate, nothing counted twice
    const again = await simulateTraffic(serviceContext(), { env: "staging", experiment: experiment.key, users: "1500", lift: "0.05", url: server.url, key: serverKey, imbalance: "0.2", seed: "7" }, quiet);
    expect(again.eventsSent).toBe(sent);
    expect(again.duplicates).toBe(sent);
    expect(again.exposedByVariation).toEqual(stored);
    expect(await unitsByVariation(experiment.key)).toEqual(stored);
    const totalsAfter = await getDb().armTotal.findMany({ where: { experimentId: experimentRow.id } });
    expect(totalsAfter.map((t) => [t.variation, t.metricId, t.units, t.sum]).sort()).toEqual(totals.map((t) => [t.variation, t.metricId, t.units, t.sum]).sort());
  }, 120_000);

  it("refuses bad options, naming each, and sends nothing", async () => {
    const before = await getDb().sdkKey.count();
    const bad = await keel("simulate", "--env", "staging", "--experiment", "anything", "--users", "0", "--lift", "-1", "--imbalance", "-0.5", "--url", server.url);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("--users: Give the number of simulated users: a whole number from 1 to 10,000,000");
    expect(bad.stderr).toContain("--lift: Give the true effect in the variants as a number greater than -1");
    expect(bad.stderr).toContain("--imbalance: Give the share of the variants' users to drop");
    expect(await getDb().sdkKey.count()).toBe(before);

    const options: SimulateOptions = { env: "staging", experiment: "no-such-experiment", users: "10", lift: "0.05", url: server.url, key: serverKey };
    const tooMany = await rejection(simulateTraffic(serviceContext(), { ...options, users: "10000001" }, quiet));
    expect(Object.keys(tooMany.fieldErrors)).toEqual(["users"]);
    const notWhole = await rejection(simulateTraffic(serviceContext(), { ...options, users: "2.5", lift: "lots" }, quiet));
    expect(Object.keys(notWhole.fieldErrors).sort()).toEqual(["lift", "users"]);
    const unknown = await rejection(simulateTraffic(serviceContext(), options, quiet));
    expect(unknown.fieldErrors.experiment).toEqual(["Experiment “no-such-experiment” does not exist."]);

    const { experiment: draft } = await makeExperiment(author);
    const notRunning = await rejection(simulateTraffic(serviceContext(), { ...options, experiment: draft.key }, quiet));
    expect(notRunning.fieldErrors.experiment?.[0]).toBe(`Experiment “${draft.key}” is draft, not running: it must be launched first (from its page) before it takes traffic.`);

    const { experiment } = await runningExperiment();
    const wrongEnv = await rejection(simulateTraffic(serviceContext(), { ...options, experiment: experiment.key, env: "production" }, quiet));
    expect(wrongEnv.fieldErrors.env).toEqual([`Experiment “${experiment.key}” runs in “staging”, not “production”: use --env staging.`]);
    expect(await getDb().experimentUnit.count({ where: { experimentId: experiment.id } })).toBe(0);
  }, 60_000);

  it("stops with the API's errorDetails when a call is refused", async () => {
    const { experiment } = await runningExperiment();
    const options: SimulateOptions = { env: "staging", experiment: experiment.key, users: "50", lift: "0.05", url: server.url };
    await expect(simulateTraffic(serviceContext(), { ...options, key: "keel_srv_not-a-real-key-at-all-000000" }, quiet)).rejects.toThrow(
      "OFREP evaluation of flag",
    );
    await expect(simulateTraffic(serviceContext(), { ...options, key: "keel_srv_not-a-real-key-at-all-000000" }, quiet)).rejects.toThrow(
      /answered 401: This SDK key is unknown or has been revoked/,
    );
    const clientKey = (await createSdkKey(serviceContext(), { environmentKey: "staging", kind: "client", name: "web" })).secret;
    await server.runtime.syncOnce();
    await expect(simulateTraffic(serviceContext(), { ...options, key: clientKey }, quiet)).rejects.toThrow(/answered 403: Client keys are public/);
  }, 60_000);
});
