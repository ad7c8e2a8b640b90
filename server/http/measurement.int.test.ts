/**
 * Measurement as services and data teams use it: POST /api/v1/events and POST /api/v1/analysis on
 * a real HTTP port and a real database, results read back the way the experiment page reads them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { actorFor, ensureDefaultEnvironments, ensureTestMetrics, makeMember, makeRunningExperiment, serviceContext, TEST_METRICS, uniqueKey } from "../../prisma/factories";
import { getDb, inTransaction } from "../db/client";
import { insertMetricDefinition, type MetricDefinitionInput } from "../db/metrics";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { experimentResultsView } from "../services/measurement/experiment-results";
import { runLifecycleAction } from "../services/experiments/run-lifecycle-action";
import { rejection } from "../test/rejection";
import { startServiceServer, type ServiceServer } from "../test/service-server";
import { storedEvents } from "../test/stored-events";
import { MAX_EVENTS_PER_BATCH } from "../core/events/event-batch";

let server: ServiceServer;
let owner: Awaited<ReturnType<typeof makeMember>>;
let admin: Awaited<ReturnType<typeof makeMember>>;
let serverKey: string;
let clientKey: string;
let productionKey: string;
const metric: Record<"latency" | "revenue" | "retention", MetricDefinitionInput> = {
  latency: { key: uniqueKey("latency"), name: "Page latency", description: "", kind: "latency", direction: "decrease", eventName: uniqueKey("page_timing"), unit: "ms" },
  revenue: { key: uniqueKey("revenue"), name: "Revenue", description: "", kind: "revenue", direction: "increase", eventName: uniqueKey("order"), unit: "EUR" },
  retention: { key: uniqueKey("retention"), name: "Came back", description: "", kind: "retention", direction: "increase", eventName: uniqueKey("visit"), unit: "", retentionDays: 7 },
};

type Json = Record<string, unknown>;

async function post(path: string, body: unknown, key = serverKey) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const now = () => new Date();
const at = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

function exposure(experimentKey: string, unitId: string, variation: string, time = at(-60_000)) {
  return { type: "exposure", id: `exposure:${experimentKey}:${variation}:${unitId}`, unitId, experimentKey, variation, timestamp: time };
}

function metricEvent(eventName: string, unitId: string, value?: number, time = at(-1_000)) {
  return { type: "metric", id: randomUUID(), unitId, eventName, ...(value === undefined ? {} : { value }), timestamp: time };
}

async function results(key: string) {
  return experimentResultsView({ db: getDb(), now }, key);
}

async function countEvents() {
  return (await storedEvents()).length;
}

async function runningExperiment(guardrails: string[] = []) {
  const { experiment } = await makeRunningExperiment(owner, {
    design: {
      controlVariation: "off",
      weights: { off: 50, on: 50 },
      segmentKey: null,
      exposurePercentage: 50,
      plannedDurationDays: 14,
      guardrailMetrics: guardrails,
      alpha: 0.05,
      power: 0.8,
      minDetectableEffect: 0.05,
      baselineRate: 0.1,
      expectedDailyUnits: 10_000,
    },
  });
  return experiment;
}

beforeAll(async () => {
  await ensureDefaultEnvironments();
  await ensureTestMetrics();
  owner = await makeMember(["experimenter"]);
  admin = await makeMember(["admin"]);
  for (const definition of Object.values(metric)) await inTransaction(getDb(), (tx) => insertMetricDefinition(tx, definition));
  server = await startServiceServer();
  const ctx = serviceContext(actorFor(admin));
  serverKey = (await createSdkKey(ctx, { environmentKey: "staging", kind: "server", name: "checkout-service" })).secret;
  clientKey = (await createSdkKey(ctx, { environmentKey: "staging", kind: "client", name: "web" })).secret;
  productionKey = (await createSdkKey(ctx, { environmentKey: "production", kind: "server", name: "prod" })).secret;
  await server.runtime.syncOnce();
});

afterAll(async () => {
  await server.close();
});

describe("POST /api/v1/events", () => {
  it("counts exposures and conversions per unit, once per event id, and the results follow", async () => {
    const experiment = await runningExperiment();
    const units = Array.from({ length: 40 }, (_, i) => `u-${experiment.key}-${i}`);
    const exposures = units.map((u, i) => exposure(experiment.key, u, i % 2 === 0 ? "off" : "on"));
    // control: 4 of 20 convert; treatment: 10 of 20 convert, one of them twice (still one unit)
    const conversions = [
      ...units.filter((_, i) => i % 2 === 0).slice(0, 4),
      ...units.filter((_, i) => i % 2 === 1).slice(0, 10),
      units[1]!,
    ].map((u) => metricEvent(TEST_METRICS.success, u));
    const batch = { events: [...exposures, ...conversions] };

    const first = await post("/api/v1/events", batch);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 55, duplicates: 0, exposures: { newUnits: 40, notCollecting: 0 }, metricEvents: { attributed: 15, unattributed: 0 } });

    const retry = await post("/api/v1/events", batch);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ accepted: 0, duplicates: 55, exposures: { newUnits: 0 } });

    const view = await results(experiment.key);
    expect(view.variations.map((v) => [v.key, v.units])).toEqual([["off", 20], ["on", 20]]);
    const conversion = view.metrics.find((m) => m.key === TEST_METRICS.success)!;
    expect(conversion.analysis.control.mean).toBeCloseTo(4 / 20, 12);
    expect(conversion.analysis.variants[0]!.mean).toBeCloseTo(10 / 20, 12);
    expect(conversion.analysis.variants[0]!.test).toBe("two-proportion-z");
    // the same numbers as the stateless analysis of the same summary
    const direct = await post("/api/v1/analysis", {
      sequential: { enabled: true, tuningParameter: view.method.sequential.tuningParameter },
      plannedWeights: [50, 50],
      metrics: view.metrics.map((m) => ({
        key: m.key,
        kind: m.kind === "conversion" ? "proportion" : "mean",
        direction: m.direction,
        variants: [m.analysis.control, ...m.analysis.variants].map((v) =>
          m.kind === "conversion" ? { key: v.key, units: v.units, conversions: Math.round((v.mean ?? 0) * v.units) } : { key: v.key, units: v.units, sum: 0, sumSquares: 0 },
        ),
      })),
    });
    expect(direct.status).toBe(200);
    const directConversion = (direct.body.metrics as { key: string; variants: { pValue: number }[] }[]).find((m) => m.key === TEST_METRICS.success)!;
    expect(conversion.analysis.variants[0]!.pValue).toBeCloseTo(directConversion.variants[0]!.pValue, 12);
    // over time: the last point holds the totals
    const last = conversion.series.at(-1)!;
    expect(last.units).toEqual({ off: 20, on: 20 });
    expect(last.values.on).toBeCloseTo(0.5, 12);
    expect(last.lift.on?.estimate).toBeCloseTo(1.5, 12);
  });

  it("keeps the unit's first variation, ignores events before the exposure, and reports events of units never exposed", async () => {
    const experiment = await runningExperiment();
    const unit = `early-${experiment.key}`;
    const stranger = `stranger-${experiment.key}`;
    const report = await post("/api/v1/events", {
      events: [
        exposure(experiment.key, unit, "on", at(-30_000)),
        metricEvent(TEST_METRICS.success, unit, undefined, at(-50_000)), // before the exposure
        metricEvent(TEST_METRICS.success, stranger),
      ],
    });
    expect(report.body).toMatchObject({ accepted: 3, metricEvents: { attributed: 0, unattributed: 2 } });
    expect((report.body.warnings as string[]).join(" ")).toMatch(/2 metric event\(s\) belong to units never exposed/);
    const again = await post("/api/v1/events", { events: [{ ...exposure(experiment.key, unit, "off"), id: randomUUID() }] });
    expect(again.body).toMatchObject({ exposures: { newUnits: 0, alreadyExposed: 1 } });
    const view = await results(experiment.key);
    expect(view.variations.map((v) => v.units)).toEqual([0, 1]);
    expect(view.metrics.find((m) => m.key === TEST_METRICS.success)!.analysis.variants[0]!.mean).toBe(0);
  });

  it("measures latency as the mean of per-unit means (with a descriptive p95), revenue per unit and retention within the window", async () => {
    const experiment = await runningExperiment([metric.latency.key]);
    await inTransaction(getDb(), async (tx) => {
      const row = await tx.experiment.findUniqueOrThrow({ where: { key: experiment.key } });
      for (const m of [metric.revenue, metric.retention]) {
        const definition = await tx.metricDefinition.findUniqueOrThrow({ where: { key: m.key } });
        await tx.experimentMetric.create({ data: { experimentId: row.id, metricId: definition.id, role: "guardrail" } });
      }
    });
    const a = `a-${experiment.key}`;
    const b = `b-${experiment.key}`;
    const c = `c-${experiment.key}`;
    const exposedAt = at(-3_600_000);
    await post("/api/v1/events", {
      events: [
        exposure(experiment.key, a, "off", exposedAt),
        exposure(experiment.key, b, "off", exposedAt),
        exposure(experiment.key, c, "off", exposedAt),
        // unit a: 100 and 300 ms → 200; unit b: 400 → 400; unit c: no timing (not in the latency mean)
        metricEvent(metric.latency.eventName, a, 100),
        metricEvent(metric.latency.eventName, a, 300),
        metricEvent(metric.latency.eventName, b, 400),
        // revenue: a spends 10 + 20, b nothing, c 60 → mean 30 over 3 exposed units
        metricEvent(metric.revenue.eventName, a, 10),
        metricEvent(metric.revenue.eventName, a, 20),
        metricEvent(metric.revenue.eventName, c, 60),
        // retention: a comes back within 7 days; b only at the moment of exposure (not a return)
        metricEvent(metric.retention.eventName, a),
        metricEvent(metric.retention.eventName, b, undefined, exposedAt),
      ],
    });
    const view = await results(experiment.key);
    const byKey = (key: string) => view.metrics.find((m) => m.key === key)!;
    expect(byKey(metric.latency.key).analysis.control).toMatchObject({ units: 2, mean: 300 });
    expect(byKey(metric.latency.key).p95?.off).toBeGreaterThanOrEqual(400);
    expect(byKey(metric.latency.key).p95?.off).toBeLessThanOrEqual(420);
    expect(byKey(metric.revenue.key).analysis.control).toMatchObject({ units: 3, mean: 30 });
    expect(byKey(metric.retention.key).analysis.control.mean).toBeCloseTo(1 / 3, 12);
  });

  it("counts nothing for an experiment that is not running, and says so", async () => {
    const experiment = await runningExperiment();
    await runLifecycleAction(serviceContext(actorFor(owner)), { action: "pause", key: experiment.key });
    const paused = await post("/api/v1/events", { events: [exposure(experiment.key, `p-${experiment.key}`, "on")] });
    expect(paused.body).toMatchObject({ exposures: { newUnits: 1 } }); // paused experiments still collect
    await runLifecycleAction(serviceContext(actorFor(owner)), { action: "stop", key: experiment.key, decision: "kill", rationale: "No effect after two weeks.", outcome: "Killed the variant." });
    const stopped = await post("/api/v1/events", { events: [exposure(experiment.key, `s-${experiment.key}`, "on")] });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ accepted: 1, exposures: { newUnits: 0, notCollecting: 1 } });
    expect((stopped.body.warnings as string[])[0]).toMatch(/not running: .*\(stopped\)/);
  });

  it("refuses bad batches with the field and the reason, storing nothing", async () => {
    const experiment = await runningExperiment();
    const good = exposure(experiment.key, `bad-${experiment.key}`, "on");
    const cases: [unknown, number, string, RegExp][] = [
      [{ events: [good, { ...exposure("no-such-experiment", "u", "on") }] }, 400, "events.1.experimentKey", /no experiment “no-such-experiment”/],
      [{ events: [good, exposure(experiment.key, "u2", "purple")] }, 400, "events.1.variation", /“purple” is not in experiment/],
      [{ events: [good, metricEvent("no_such_event", "u")] }, 400, "events.1.eventName", /no metric definition uses the event “no_such_event”/],
      [{ events: [good, metricEvent(TEST_METRICS.success, "u", -5)] }, 400, "events.1.value", /finite number ≥ 0/],
      [{ events: [good, { ...metricEvent(TEST_METRICS.success, "u"), value: "12" }] }, 400, "events.1.value", /finite number ≥ 0/],
      [{ events: [good, metricEvent(TEST_METRICS.success, "u", 1, at(3_600_000))] }, 400, "events.1.timestamp", /is in the future/],
      [{ events: [good, { ...good, unitId: "other" }] }, 400, "events.1.id", /repeats events\.0\.id/],
      [{ events: [good, { ...good, id: "x", type: "click" }] }, 400, "events.1.type", /"exposure" or "metric"/],
      [{ events: [] }, 400, "events", /at least one event/],
      [{ events: Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, (_, i) => ({ ...good, id: `e${i}` })) }, 413, "events", /at most 1000 events/],
    ];
    const before = await countEvents();
    for (const [body, status, field, message] of cases) {
      const response = await post("/api/v1/events", body);
      expect(response.status, field).toBe(status);
      expect(response.body.field, JSON.stringify(response.body)).toBe(field);
      expect(response.body.errorDetails).toMatch(message);
    }
    expect(await countEvents()).toBe(before);

    expect((await post("/api/v1/events", "{not json")).status).toBe(400);
    const client = await post("/api/v1/events", { events: [good] }, clientKey);
    expect(client.status).toBe(403);
    expect(client.body.errorDetails).toMatch(/needs a server SDK key/);
    const production = await post("/api/v1/events", { events: [good] }, productionKey);
    expect(production.status).toBe(400);
    expect(production.body.errorDetails).toMatch(/runs in “staging”; this SDK key belongs to “production”/);
    expect((await post("/api/v1/events", { events: [good] }, "keel_srv_unknown")).status).toBe(401);
    const huge = await post("/api/v1/events", JSON.stringify({ events: [good], pad: "x".repeat(1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await countEvents()).toBe(before);
  });

  it("stores batches sent at the same time each once, and a bad one among them stores nothing (group commit on SQLite)", async () => {
    const experiment = await runningExperiment();
    const batch = (n: number) => ({
      events: Array.from({ length: 30 }, (_, i) => `c${n}-${i}-${experiment.key}`).flatMap((u, i) => [
        exposure(experiment.key, u, i % 2 === 0 ? "off" : "on"),
        metricEvent(TEST_METRICS.success, u),
      ]),
    });
    const bad = { events: [exposure(experiment.key, `bad-${experiment.key}`, "on"), exposure(experiment.key, `bad2-${experiment.key}`, "purple")] };
    const bodies = [batch(0), batch(1), bad, batch(2), batch(3), batch(4)];
    const responses = await Promise.all(bodies.map((body) => post("/api/v1/events", body)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 400, 200, 200, 200]);
    expect(responses[2]!.body.field).toBe("events.1.variation");
    for (const r of responses.filter((r) => r.status === 200)) expect(r.body).toMatchObject({ accepted: 60, exposures: { newUnits: 30 }, metricEvents: { attributed: 30 } });
    expect((await storedEvents()).filter((e) => e.unitId === `bad-${experiment.key}`)).toHaveLength(0);

    const view = await results(experiment.key);
    expect(view.variations.reduce((n, v) => n + v.units, 0)).toBe(150);
    expect(view.metrics.find((m) => m.key === TEST_METRICS.success)!.analysis.control.mean).toBe(1);
  });
});

describe("the ship guard reads the live results", () => {
  it("refuses ship before enough data and on a sample ratio mismatch; allows it after a significant result", async () => {
    const experiment = await runningExperiment();
    const ctx = serviceContext(actorFor(owner));
    const stop = () => rejection(runLifecycleAction(ctx, { action: "stop", key: experiment.key, decision: "ship", winningVariation: "on", rationale: "Conversion rose clearly.", outcome: "Shipped the new copy." }));
    expect((await stop()).message).toMatch(/Not measured yet: 0 of [\d,]+ units in the smallest variation/);

    // 1,100 units against 900 on a 50/50 plan: χ² p ≈ 8e-6 → SRM
    const send = async (events: unknown[]) => {
      for (let i = 0; i < events.length; i += 1000) expect((await post("/api/v1/events", { events: events.slice(i, i + 1000) })).status).toBe(200);
    };
    const units = (variation: string, n: number) => Array.from({ length: n }, (_, i) => `${variation}-${i}-${experiment.key}`);
    await send([...units("off", 1100).map((u) => exposure(experiment.key, u, "off")), ...units("on", 900).map((u) => exposure(experiment.key, u, "on"))]);
    let view = await results(experiment.key);
    expect(view.srm.srm).toBe(true);
    expect((await stop()).message).toMatch(/Sample ratio mismatch/);

    // balance it (1,100 each) and give the treatment a large conversion lift: 10 % → 40 %
    await send(units("on-more", 200).map((u) => exposure(experiment.key, u, "on")));
    const treated = [...units("on", 900), ...units("on-more", 200)];
    await send([...units("off", 1100).slice(0, 110), ...treated.slice(0, 440)].map((u) => metricEvent(TEST_METRICS.success, u)));
    view = await results(experiment.key);
    expect(view.srm.srm).toBe(false);
    expect(view.metrics.find((m) => m.key === TEST_METRICS.success)!.analysis.variants[0]!.verdict).toBe("better");
    expect(view.measurement).toMatchObject({ measured: true });
    const shipped = await runLifecycleAction(ctx, { action: "stop", key: experiment.key, decision: "ship", winningVariation: "on", rationale: "Conversion rose clearly.", outcome: "Shipped the new copy." });
    expect(shipped.state).toBe("stopped");
  });
});

describe("POST /api/v1/analysis", () => {
  it("answers with the reference values (R prop.test, correct = FALSE; SciPy) and names every method", async () => {
    const response = await post("/api/v1/analysis", {
      metrics: [
        {
          key: "checkout",
          kind: "proportion",
          direction: "increase",
          variants: [
            { key: "A", units: 2000, conversions: 200 },
            { key: "B", units: 2000, conversions: 250 },
          ],
        },
      ],
    });
    expect(response.status).toBe(200);
    const [checkout] = response.body.metrics as { test: string; variants: { statistic: number; pValue: number; absoluteLift: { interval: string }; relativeLift: { estimate: number; ci: { lower: number; upper: number } } }[] }[];
    expect(checkout!.test).toBe("two-proportion-z");
    const b = checkout!.variants[0]!;
    expect(b.statistic).toBeCloseTo(2.5019554168026719, 12);
    expect(b.pValue).toBeCloseTo(0.012350947711191402, 14);
    expect(b.relativeLift.estimate).toBeCloseTo(0.25, 14);
    expect(b.relativeLift.ci.lower).toBeCloseTo(0.030869364855854587, 12);
    expect(b.absoluteLift.interval).toBe("wald, unpooled normal");
    expect(response.body.correction).toMatchObject({ method: "holm" });
  });

  it("names the field on bad input and refuses client keys", async () => {
    const bad = await post("/api/v1/analysis", { metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 10, conversions: 11 }, { key: "B", units: 10, conversions: 1 }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe("metrics.0.variants.0.conversions");
    expect((await post("/api/v1/analysis", { metrics: [] }, clientKey)).status).toBe(403);
  });
});
