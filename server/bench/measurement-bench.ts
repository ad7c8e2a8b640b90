/**
 * Part 3: measurement on the embedded SQLite database, through the real services.
 *
 * A fresh SQLite file in a temp dir gets the committed migrations (`prisma/tools/db.ts deploy`, as
 * the integration tests do), then default environments, a member, the test metric definitions and
 * running A/B experiments made through the services (prisma/factories.ts).
 *
 *   ingestion: events/s stored by recordEvents (the POST /api/v1/events service) in batches of
 *              500 — 1 exposure + 2 metric events per unit, metric events shortly after the exposure
 *              — sent by 8 concurrent senders (services send at the same time; SQLite has one writer,
 *              so batches that queue are group-committed), and informationally by one sender whose
 *              batches follow each other. Compared with the raw speed of the database on the same
 *              machine: the same rows inserted into a plain table with one prepared multi-row
 *              `INSERT … ON CONFLICT DO NOTHING` per batch and one commit per batch, with the
 *              intake's durability settings (better-sqlite3 directly). The 8-sender run and the
 *              baseline alternate in INGEST_ROUNDS rounds; each reports its median round's rate.
 *              Target ≥ 50,000 events/s.
 *   results:   readExperimentResults (the experiment page's read) for an experiment with 1,000,000
 *              exposed units over 14 days, against `SELECT COUNT(*)` of its units (what any scan over
 *              the units costs at least). Target: p95 ≤ 300 ms. The per-unit rows and the running
 *              aggregates are computed by the intake's own pure function (aggregateBatch) and written
 *              directly with better-sqlite3 in the intake's shapes: ingesting 3 M events through the
 *              service would take minutes, and the read must not depend on the number of units anyway.
 *   informational: the ingestion rate into that 1,000,000-unit experiment (no target): intake
 *              must not slow down as an experiment grows.
 *
 * The temp dir is removed at the end.
 */
import { mulberry32 } from "../core/measurement/simulated-traffic";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { aggregateBatch, type ArmSeriesRow, type ArmTotalRow, type CollectingExperiment, type ExposedUnit, type NewMetricEvent } from "../core/measurement/aggregate-batch";
import type { MetricKind } from "../core/metrics/metric-input";
import { INTAKE_JOURNAL_MODE, INTAKE_SYNCHRONOUS } from "../db/event-intake-session";
import { runToCompletion } from "./processes";
import { formatRate, formatRatio, median, nowMs, table, targetLine, type Target } from "./stats";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
const INGESTION_TARGET = 50_000;
/** concurrent senders of the throughput run */
const SENDERS = 8;
/**
 * The throughput run and its baseline alternate in this many rounds, and each reports its median
 * round: a few seconds of machine noise (shared VMs) then hit one round of each, not the figure.
 */
const INGEST_ROUNDS = 4;
const RESULTS_TARGET_MS = 300;
const BASELINE_INGEST = "plain table, 1 prepared INSERT … ON CONFLICT DO NOTHING per batch (better-sqlite3)";
const BASELINE_COUNT = 'SELECT COUNT(*) FROM "ExperimentUnit" WHERE "experimentId" = ? (better-sqlite3)';

export type MeasurementBenchOptions = {
  /** measured ingestion batches of BATCH_SIZE events (after `warmupBatches`) */
  batches: number;
  warmupBatches: number;
  /** exposed units of the results experiment */
  resultUnits: number;
  resultRuns: number;
  resultWarmups: number;
  /** informational: batches ingested into the 1,000,000-unit experiment after the results read */
  largeBatches: number;
};

type Timing = { medianMs: number; p95Ms: number; samplesMs: number[] };

type IngestRun = { events: number; wallMs: number; eventsPerSecond: number; batchMs: { median: number; p95: number } };
/** a run measured in rounds: eventsPerSecond is the median round's rate */
type RoundedRun = IngestRun & { roundsEventsPerSecond: number[] };
type IngestCheck = { accepted: number; duplicates: number; newUnits: number; attributed: number; unattributed: number; ok: boolean };

export type MeasurementBenchResult = {
  database: { provider: "sqlite"; journalMode: string; intakeSynchronous: string; sqliteVersion: string };
  options: MeasurementBenchOptions;
  ingestion: {
    batchSize: number;
    batches: number;
    warmupBatches: number;
    mix: { units: number; exposures: number; metricEvents: Record<string, number> };
    /** the target's figure: SENDERS concurrent senders */
    keel: RoundedRun & { api: string; senders: number };
    /** informational: one sender, each batch after the previous answer */
    keelSequential: IngestRun & { api: string; senders: 1 };
    baseline: RoundedRun & { api: string };
    /** Keel (concurrent senders) / baseline, events/s */
    ratio: number;
    check: IngestCheck;
    /** informational: the same mix sent to the running experiment that already has `results.units` units (no target) */
    intoLargeExperiment: IngestRun & { existingUnits: number };
  };
  results: {
    units: number;
    days: number;
    fill: { method: string; seconds: number; experimentUnitRows: number; unitMetricStateRows: number; armTotalRows: number; armSeriesRows: number };
    keel: Timing & { api: string };
    baseline: Timing & { api: string };
    /** Keel median / baseline median (below 1: the read is faster than counting the units) */
    ratio: number;
    check: { totalUnits: number; countedUnits: number; ok: boolean };
  };
  targets: Target[];
};

/** How run.ts prints this part's targets. */
export function formatMeasurementTarget(t: Target): string {
  return t.name.includes("events/s") ? `${formatRate(t.value)} events/s` : `${t.value.toFixed(1)} ms`;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function timing(samples: number[]): Timing {
  return { medianMs: median(samples), p95Ms: percentile(samples, 0.95), samplesMs: samples.map((s) => Math.round(s * 100) / 100) };
}


type Metrics = { success: string; failure: string; failureRequest: string };

/**
 * Per unit: its exposure, a request event (the error rate's denominator) and one more metric
 * event: a conversion (35 %), an error (5 %) or a second request (60 %).
 */
function secondEvent(r: number, names: Metrics): string {
  return r < 0.35 ? names.success : r < 0.4 ? names.failure : names.failureRequest;
}

type WireEvent =
  | { type: "exposure"; id: string; unitId: string; experimentKey: string; flagKey: string; variation: string; environment: string; timestamp: string }
  | { type: "metric"; id: string; unitId: string; eventName: string; timestamp: string };

/**
 * `batches` request bodies of BATCH_SIZE events, as services send them: events in time order, a
 * unit's metric events 1–800 ms after its exposure (so many arrive in a later batch than it).
 */
function ingestionBatches(
  experiment: { key: string; flagKey: string },
  names: Metrics,
  startMs: number,
  batches: number,
  prefix: string,
): { bodies: WireEvent[][]; units: number } {
  const rnd = mulberry32(20261125);
  const needed = batches * BATCH_SIZE;
  const timed: { atMs: number; seq: number; event: WireEvent }[] = [];
  let units = 0;
  let seq = 0;
  // 10 units per ms: 100,000 events span ~3.5 s of event time
  while (timed.length < needed + 2_000) {
    const unitId = `${prefix}unit-${units}`;
    const exposedAtMs = startMs + Math.floor(units / 10);
    const variation = rnd() < 0.5 ? "off" : "on";
    const at = (ms: number) => new Date(ms).toISOString();
    timed.push({
      atMs: exposedAtMs,
      seq: seq++,
      event: { type: "exposure", id: `exposure:${experiment.key}:${variation}:${unitId}`, unitId, experimentKey: experiment.key, flagKey: experiment.flagKey, variation, environment: "staging", timestamp: at(exposedAtMs) },
    });
    for (const eventName of [names.failureRequest, secondEvent(rnd(), names)]) {
      const atMs = exposedAtMs + 1 + Math.floor(rnd() * 800);
      timed.push({ atMs, seq: seq++, event: { type: "metric", id: `${prefix}m-${seq}`, unitId, eventName, timestamp: at(atMs) } });
    }
    units++;
  }
  timed.sort((x, y) => x.atMs - y.atMs || x.seq - y.seq);
  const bodies: WireEvent[][] = [];
  for (let b = 0; b < batches; b++) bodies.push(timed.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE).map((t) => t.event));
  return { bodies, units: new Set(bodies.flat().map((e) => e.unitId)).size };
}

/** Rates of batches that took `batchMs` each, over `wallMs` in all (default: one after the other). */
function ingestRun(batchMs: number[], wallMs = batchMs.reduce((a, b) => a + b, 0)): IngestRun {
  const events = batchMs.length * BATCH_SIZE;
  return { events, wallMs: Math.round(wallMs), eventsPerSecond: Math.round(events / (wallMs / 1000)), batchMs: { median: median(batchMs), p95: percentile(batchMs, 0.95) } };
}

/** A run measured in rounds (batch durations and wall time per round): the median round's rate, every batch's durations. */
function roundedRun(rounds: ReadonlyArray<{ batchMs: number[]; wallMs: number }>): RoundedRun {
  const all = ingestRun(
    rounds.flatMap((r) => r.batchMs),
    rounds.reduce((sum, r) => sum + r.wallMs, 0),
  );
  const roundsEventsPerSecond = rounds.map((r) => ingestRun(r.batchMs, r.wallMs).eventsPerSecond);
  return { ...all, eventsPerSecond: median(roundsEventsPerSecond), roundsEventsPerSecond };
}

/** The baseline's table: one plain row per event, keyed by its id. */
const BASELINE_TABLE =
  `CREATE TABLE "Event" ("environmentId" TEXT NOT NULL, "eventId" TEXT NOT NULL, "type" TEXT NOT NULL, "unitId" TEXT NOT NULL, "name" TEXT NOT NULL, ` +
  `"variation" TEXT NOT NULL DEFAULT '', "value" REAL NOT NULL DEFAULT 1, "occurredAtMs" REAL NOT NULL, "receivedAtMs" REAL NOT NULL, ` +
  `PRIMARY KEY ("environmentId", "eventId"))`;

/**
 * The database's own speed: the same events as plain rows of one table, one multi-row statement
 * and one commit per batch. `round` writes batches and returns how long each took.
 */
function openBaseline(file: string, synchronous: string, environmentId: string): { round(batches: WireEvent[][]): number[]; close(): void } {
  const sqlite = new Database(file);
  sqlite.pragma(`journal_mode = ${INTAKE_JOURNAL_MODE}`);
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.exec(BASELINE_TABLE);
  const columns = ["environmentId", "eventId", "type", "unitId", "name", "variation", "value", "occurredAtMs", "receivedAtMs"];
  const insert = sqlite.prepare(
    `INSERT INTO "Event" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: BATCH_SIZE }, () => `(${columns.map(() => "?").join(", ")})`).join(", ")} ` +
      `ON CONFLICT ("environmentId", "eventId") DO NOTHING`,
  );
  const write = sqlite.transaction((params: unknown[]) => insert.run(params));
  const batch = (events: WireEvent[]) => {
    const receivedAtMs = Date.now();
    const params: unknown[] = [];
    for (const e of events) {
      if (e.type === "exposure") params.push(environmentId, e.id, e.type, e.unitId, e.experimentKey, e.variation, 1, Date.parse(e.timestamp), receivedAtMs);
      else params.push(environmentId, e.id, e.type, e.unitId, e.eventName, "", 1, Date.parse(e.timestamp), receivedAtMs);
    }
    write(params);
  };
  return {
    round(batches) {
      const samples: number[] = [];
      for (const events of batches) {
        const t = nowMs();
        batch(events);
        samples.push(nowMs() - t);
      }
      return samples;
    },
    close: () => sqlite.close(),
  };
}

/**
 * 1,000,000 exposed units over `days`: the intake's aggregateBatch computes the per-unit states and
 * the aggregate deltas chunk by chunk (fresh units, as the first batch of each unit would), and they
 * are written with better-sqlite3 in the intake's shapes (server/db/events.ts).
 */
function fillResults(
  file: string,
  experiment: CollectingExperiment,
  names: Metrics,
  units: number,
  days: number,
): { experimentUnitRows: number; unitMetricStateRows: number; armTotalRows: number; armSeriesRows: number } {
  const sqlite = new Database(file);
  const rnd = mulberry32(1_000_000);
  const spanMs = days * DAY_MS - 60 * 60 * 1000;
  let stateRows = 0;
  const totals = new Map<string, ArmTotalRow>();
  const series = new Map<string, ArmSeriesRow>();
  const addTo = <T extends ArmTotalRow>(map: Map<string, T>, key: string, row: T) => {
    const seen = map.get(key);
    if (!seen) map.set(key, { ...row });
    else {
      seen.units += row.units;
      seen.sum += row.sum;
      seen.sumSquares += row.sumSquares;
    }
  };
  try {
    sqlite.pragma("synchronous = OFF");
    const insertUnit = sqlite.prepare(`INSERT INTO "ExperimentUnit" ("experimentId", "unitId", "variation", "exposedAtMs") VALUES (?, ?, ?, ?)`);
    const insertState = sqlite.prepare(`INSERT INTO "UnitMetricState" ("experimentId", "metricId", "unitId", "variation", "a", "b") VALUES (?, ?, ?, ?, ?, ?)`);
    const CHUNK = 20_000;
    const writeChunk = sqlite.transaction((exposures: ExposedUnit[], states: ReturnType<typeof aggregateBatch>["states"]) => {
      for (const e of exposures) insertUnit.run(e.experimentId, e.unitId, e.variation, e.exposedAtMs);
      for (const s of states) insertState.run(s.experimentId, s.metricId, s.unitId, s.variation, s.a, s.b);
    });
    let eventSeq = 0;
    for (let from = 0; from < units; from += CHUNK) {
      const exposures: ExposedUnit[] = [];
      const metricEvents: NewMetricEvent[] = [];
      for (let i = from; i < Math.min(units, from + CHUNK); i++) {
        const unitId = `unit-${i}`;
        const exposedAtMs = experiment.startedAtMs + Math.floor((i / units) * spanMs);
        const variation = rnd() < 0.5 ? "off" : "on";
        exposures.push({ experimentId: experiment.id, unitId, variation, exposedAtMs });
        for (const eventName of [names.failureRequest, secondEvent(rnd(), names)]) {
          metricEvents.push({ eventId: `m-${eventSeq++}`, unitId, eventName, value: 1, atMs: exposedAtMs + 1 + Math.floor(rnd() * 60 * 60 * 1000) });
        }
      }
      const changes = aggregateBatch({ experiments: new Map([[experiment.id, experiment]]), freshExposures: exposures, metricEvents, exposures, states: [] });
      writeChunk(exposures, changes.states);
      stateRows += changes.states.length;
      for (const t of changes.totals) addTo(totals, `${t.variation}\u0000${t.metricId}`, t);
      for (const s of changes.series) addTo(series, `${s.variation}\u0000${s.metricId}\u0000${s.bucketMs}`, s);
    }
    const insertTotal = sqlite.prepare(`INSERT INTO "ArmTotal" ("experimentId", "variation", "metricId", "units", "sum", "sumSquares") VALUES (?, ?, ?, ?, ?, ?)`);
    const insertSeries = sqlite.prepare(
      `INSERT INTO "ArmSeriesBucket" ("experimentId", "variation", "metricId", "bucketMs", "units", "sum", "sumSquares") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (const t of totals.values()) insertTotal.run(t.experimentId, t.variation, t.metricId, t.units, t.sum, t.sumSquares);
      for (const s of series.values()) insertSeries.run(s.experimentId, s.variation, s.metricId, s.bucketMs, s.units, s.sum, s.sumSquares);
    })();
    // no ANALYZE: Keel never runs it, and its statistics would change the query plans measured here
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    sqlite.close();
  }
  return { experimentUnitRows: units, unitMetricStateRows: stateRows, armTotalRows: totals.size, armSeriesRows: series.size };
}

export async function runMeasurementBench(options: MeasurementBenchOptions, log: (line: string) => void = console.log): Promise<MeasurementBenchResult> {
  log("Part 3 — measurement on SQLite: event ingestion and the results read, through Keel's services");
  const started = nowMs();
  const dir = mkdtempSync(path.join(os.tmpdir(), "keel-bench-measurement-"));
  const file = path.join(dir, "keel.db");
  const url = `file:${file}`;
  const previousUrl = process.env.DATABASE_URL;
  // getDb() (used by the services and factories) reads DATABASE_URL once, on first use.
  process.env.DATABASE_URL = url;
  let db: import("../db/client").Db | undefined;
  try {
    log(`  preparing ${file}: committed migrations (prisma/tools/db.ts deploy), environments, a member, metrics, running experiments…`);
    await runToCompletion("db deploy", process.execPath, [TSX, "prisma/tools/db.ts", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      timeoutMs: 180_000,
    });
    const { getDb } = await import("../db/client");
    const factories = await import("../../prisma/factories");
    const { findEnvironmentByKey } = await import("../db/environments");
    const { findExperimentByKey } = await import("../db/experiments");
    const { findCollectingExperiments } = await import("../db/event-intake");
    const { prismaSession } = await import("../db/sql");
    const { recordEvents } = await import("../services/events/record-events");
    const { readExperimentResults } = await import("../services/measurement/experiment-results");
    db = getDb();
    const [existing] = await db.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT COUNT(*) AS n FROM "Experiment"`);
    if (Number(existing?.n) !== 0) throw new Error(`the process-wide database client does not point at the fresh file ${file}`);

    await factories.ensureDefaultEnvironments();
    await factories.ensureTestMetrics();
    const owner = await factories.makeMember(["experimenter"]);
    const staging = await findEnvironmentByKey(db, "staging");
    if (!staging) throw new Error("no staging environment");
    const environment = { id: staging.id, key: "staging" };
    const metricRows = await db.metricDefinition.findMany({ select: { key: true, eventName: true, denominatorEventName: true, kind: true } });
    const failureMetric = metricRows.find((m) => m.key === factories.TEST_METRICS.failure)!;
    const names: Metrics = {
      success: metricRows.find((m) => m.key === factories.TEST_METRICS.success)!.eventName,
      failure: failureMetric.eventName,
      failureRequest: failureMetric.denominatorEventName || failureMetric.eventName,
    };
    const sqliteInfo = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const versionInfo = await db.$queryRawUnsafe<{ v: string }[]>("SELECT sqlite_version() AS v");
    const database = {
      provider: "sqlite" as const,
      journalMode: sqliteInfo[0]?.journal_mode ?? "?",
      intakeSynchronous: INTAKE_SYNCHRONOUS,
      sqliteVersion: versionInfo[0]?.v ?? "?",
    };

    // ── 1. ingestion ────────────────────────────────────────────────────────────────────────
    const { experiment: ingestExperiment, flag: ingestFlag } = await factories.makeRunningExperiment(owner);
    const startMs = ingestExperiment.startedAt ? new Date(ingestExperiment.startedAt).getTime() + 1 : Date.now();
    // one stream of batches in time order: warm-up, then the sequential run, then the concurrent run
    const { bodies, units: ingestUnits } = ingestionBatches({ key: ingestExperiment.key, flagKey: ingestFlag.key }, names, startMs, options.warmupBatches + 2 * options.batches, "");
    const warmup = bodies.slice(0, options.warmupBatches);
    const sequential = bodies.slice(options.warmupBatches, options.warmupBatches + options.batches);
    const concurrent = bodies.slice(options.warmupBatches + options.batches);
    const all = bodies.flat();
    const metricCounts: Record<string, number> = {};
    for (const e of all) if (e.type === "metric") metricCounts[e.eventName] = (metricCounts[e.eventName] ?? 0) + 1;
    log(
      `  ingestion: ${options.warmupBatches} warm-up + ${options.batches} batches of ${BATCH_SIZE} events from ${SENDERS} concurrent senders ` +
        `in ${INGEST_ROUNDS} rounds alternating with the baseline (median round reported) ` +
        `(+ ${options.batches} from one sender, informational; ${ingestUnits.toLocaleString("en")} units; ` +
        `per unit 1 exposure + 2 metric events of ${Object.keys(metricCounts).join(", ")}), one process`,
    );
    const check: IngestCheck = { accepted: 0, duplicates: 0, newUnits: 0, attributed: 0, unattributed: 0, ok: false };
    const send = async (events: WireEvent[]) => {
      const t = nowMs();
      const report = await recordEvents(db!, environment, { events }, new Date());
      check.accepted += report.accepted;
      check.duplicates += report.duplicates;
      check.newUnits += report.exposures.newUnits;
      check.attributed += report.metricEvents.attributed;
      check.unattributed += report.metricEvents.unattributed;
      return nowMs() - t;
    };
    for (const events of warmup) await send(events);
    const sequentialMs: number[] = [];
    for (const events of sequential) sequentialMs.push(await send(events));
    // Rounds: Keel's senders, then the baseline, on the next slice of the stream each time. In a
    // round, sender k sends batches k, k + SENDERS, …: they still arrive in time order, SENDERS at a time.
    const baseline = openBaseline(path.join(dir, "baseline.db"), INTAKE_SYNCHRONOUS, environment.id);
    const keelRounds: { batchMs: number[]; wallMs: number }[] = [];
    const baselineRounds: { batchMs: number[]; wallMs: number }[] = [];
    try {
      baseline.round(warmup);
      const perRound = Math.ceil(concurrent.length / INGEST_ROUNDS);
      for (let r = 0; r < INGEST_ROUNDS; r++) {
        const slice = concurrent.slice(r * perRound, (r + 1) * perRound);
        const batchMs: number[] = [];
        const started = nowMs();
        await Promise.all(
          Array.from({ length: SENDERS }, async (_, k) => {
            for (let b = k; b < slice.length; b += SENDERS) batchMs.push(await send(slice[b]!));
          }),
        );
        keelRounds.push({ batchMs, wallMs: nowMs() - started });
        const baselineMs = baseline.round(slice);
        baselineRounds.push({ batchMs: baselineMs, wallMs: baselineMs.reduce((a, b) => a + b, 0) });
      }
    } finally {
      baseline.close();
    }
    const exposures = all.length - Object.values(metricCounts).reduce((a, b) => a + b, 0);
    check.ok = check.accepted === all.length && check.duplicates === 0 && check.newUnits === exposures && check.unattributed === 0;

    const api = "recordEvents(db, environment, { events }, now) — server/services/events/record-events.ts";
    const keelIngest = { api, senders: SENDERS, ...roundedRun(keelRounds) };
    const keelSequential = { api, senders: 1 as const, ...ingestRun(sequentialMs) };
    const baselineIngestRun = { api: BASELINE_INGEST, ...roundedRun(baselineRounds) };
    const ingestRatio = keelIngest.eventsPerSecond / baselineIngestRun.eventsPerSecond;
    log("");
    log(
      indent(
        table([
          ["ingestion (SQLite, batches of 500)", "events/s", "batch median", "batch p95", "events", "wall"],
          ...[
            [`Keel recordEvents, ${SENDERS} concurrent senders`, keelIngest],
            ["Keel recordEvents, one sender (informational)", keelSequential],
            [`baseline: ${BASELINE_INGEST}`, baselineIngestRun],
          ].map(([name, r]) => {
            const run = r as IngestRun;
            return [name as string, formatRate(run.eventsPerSecond), `${run.batchMs.median.toFixed(2)} ms`, `${run.batchMs.p95.toFixed(2)} ms`, run.events.toLocaleString("en"), `${(run.wallMs / 1000).toFixed(2)} s`];
          }),
        ]),
      ),
    );
    log(
      `  Keel / baseline: ${formatRatio(ingestRatio)} — ` +
        `check: ${check.accepted.toLocaleString("en")} accepted, ${check.duplicates} duplicates, ${check.newUnits.toLocaleString("en")} new units, ` +
        `${check.attributed.toLocaleString("en")} attributed, ${check.unattributed} unattributed → ${check.ok ? "ok" : "UNEXPECTED"}`,
    );

    // ── 2. results read for 1,000,000 exposed units ─────────────────────────────────────────
    const days = 14;
    const { experiment: resultsExperiment, flag: resultsFlag } = await factories.makeRunningExperiment(owner);
    // an experiment that started `days` ago (its series buckets then run from minutes to days)
    await db.experiment.update({ where: { id: resultsExperiment.id }, data: { startedAt: new Date(Date.now() - days * DAY_MS) } });
    const collecting = (await findCollectingExperiments(prismaSession(db), environment.id)).find((e) => e.id === resultsExperiment.id)!;
    const rule: CollectingExperiment = {
      id: collecting.id,
      startedAtMs: collecting.startedAt.getTime(),
      metrics: collecting.metrics.map((m) => ({
        id: m.id,
        rule: { kind: m.kind as MetricKind, eventName: m.eventName, denominatorEventName: m.denominatorEventName, retentionDays: m.retentionDays },
      })),
    };
    log("");
    log(`  results: filling ${options.resultUnits.toLocaleString("en")} exposed units over ${days} days (aggregateBatch + better-sqlite3, the intake's row shapes)…`);
    const fillStarted = nowMs();
    const fill = fillResults(file, rule, names, options.resultUnits, days);
    const fillSeconds = (nowMs() - fillStarted) / 1000;
    log(
      `  filled in ${fillSeconds.toFixed(1)} s: ${fill.experimentUnitRows.toLocaleString("en")} ExperimentUnit, ${fill.unitMetricStateRows.toLocaleString("en")} UnitMetricState, ` +
        `${fill.armTotalRows} ArmTotal, ${fill.armSeriesRows} ArmSeriesBucket rows`,
    );

    const record = await findExperimentByKey(db, resultsExperiment.key);
    if (!record) throw new Error(`experiment ${resultsExperiment.key} not found`);
    const reader = new Database(file, { readonly: true });
    let keelSamples: number[] = [];
    let countSamples: number[] = [];
    let totalUnits = 0;
    let countedUnits = 0;
    try {
      const count = reader.prepare(`SELECT COUNT(*) AS n FROM "ExperimentUnit" WHERE "experimentId" = ?`);
      for (let r = 0; r < options.resultWarmups + options.resultRuns; r++) {
        // alternate which goes first, so drift hits both alike
        const runKeel = async () => {
          const t = nowMs();
          const results = await readExperimentResults(db!, record);
          keelSamples.push(nowMs() - t);
          totalUnits = results.totalUnits;
        };
        const runCount = () => {
          const t = nowMs();
          countedUnits = Number((count.get(record.id) as { n: number | bigint }).n);
          countSamples.push(nowMs() - t);
        };
        if (r % 2 === 0) {
          await runKeel();
          runCount();
        } else {
          runCount();
          await runKeel();
        }
      }
    } finally {
      reader.close();
    }
    keelSamples = keelSamples.slice(options.resultWarmups);
    countSamples = countSamples.slice(options.resultWarmups);
    const keelRead = { api: "readExperimentResults(db, experiment) — server/services/measurement/experiment-results.ts", ...timing(keelSamples) };
    const countRead = { api: BASELINE_COUNT, ...timing(countSamples) };
    const readRatio = keelRead.medianMs / countRead.medianMs;
    const resultsCheck = { totalUnits, countedUnits, ok: totalUnits === options.resultUnits && countedUnits === options.resultUnits };
    log(`  ${options.resultWarmups} warm-ups, then ${options.resultRuns} runs of each, alternating:`);
    log("");
    log(
      indent(
        table([
          [`results read, ${options.resultUnits.toLocaleString("en")} units`, "median", "p95", "min", "max"],
          ...[
            ["Keel readExperimentResults", keelRead],
            [`baseline: ${BASELINE_COUNT}`, countRead],
          ].map(([name, r]) => {
            const t = r as Timing;
            return [name as string, `${t.medianMs.toFixed(2)} ms`, `${t.p95Ms.toFixed(2)} ms`, `${Math.min(...t.samplesMs).toFixed(2)} ms`, `${Math.max(...t.samplesMs).toFixed(2)} ms`];
          }),
        ]),
      ),
    );
    log(
      `  Keel / COUNT(*) (medians): ${formatRatio(readRatio)}${readRatio < 1 ? ` — the read is ${(1 / readRatio).toFixed(0)}× faster than counting the units` : ""}; ` +
        `check: results.totalUnits ${totalUnits.toLocaleString("en")}, COUNT(*) ${countedUnits.toLocaleString("en")} → ${resultsCheck.ok ? "ok" : "UNEXPECTED"}`,
    );

    // ── 3. informational: ingestion when an experiment already has 1,000,000 units ─────────────
    const { bodies: lateBodies } = ingestionBatches({ key: resultsExperiment.key, flagKey: resultsFlag.key }, names, Date.now() - 10_000, options.largeBatches, "late-");
    const lateMs: number[] = [];
    for (const events of lateBodies) {
      const t = nowMs();
      await recordEvents(db, environment, { events }, new Date());
      lateMs.push(nowMs() - t);
    }
    const intoLarge = { existingUnits: options.resultUnits, ...ingestRun(lateMs) };
    log("");
    log(
      `  informational — ingestion into the experiment with ${options.resultUnits.toLocaleString("en")} units (${options.largeBatches} batches, same mix, new units): ` +
        `${formatRate(intoLarge.eventsPerSecond)} events/s, batch median ${intoLarge.batchMs.median.toFixed(1)} ms ` +
        `(${formatRatio(intoLarge.eventsPerSecond / keelSequential.eventsPerSecond)} of the fresh experiment's rate, one sender)`,
    );

    const targets: Target[] = [
      {
        name: `ingestion: Keel events/s into SQLite (batches of ${BATCH_SIZE}, ${SENDERS} concurrent senders; baseline ${formatRate(baselineIngestRun.eventsPerSecond)} events/s)`,
        value: keelIngest.eventsPerSecond,
        target: `≥ ${INGESTION_TARGET.toLocaleString("en")} events/s`,
        met: keelIngest.eventsPerSecond >= INGESTION_TARGET,
      },
      {
        name: `results read p95 ms, ${options.resultUnits.toLocaleString("en")} exposed units (COUNT(*) of the units: ${countRead.medianMs.toFixed(1)} ms)`,
        value: keelRead.p95Ms,
        target: `≤ ${RESULTS_TARGET_MS} ms`,
        met: keelRead.p95Ms <= RESULTS_TARGET_MS,
      },
    ];
    log("");
    for (const t of targets) log(`  ${targetLine(t, (v) => formatMeasurementTarget({ ...t, value: v }))}`);
    if (!check.ok || !resultsCheck.ok) log("  ✗ a consistency check failed: see the check lines above");
    log(`  (part 3 took ${((nowMs() - started) / 1000).toFixed(1)} s)`);

    return {
      database,
      options,
      ingestion: {
        batchSize: BATCH_SIZE,
        batches: options.batches,
        warmupBatches: options.warmupBatches,
        mix: { units: ingestUnits, exposures, metricEvents: metricCounts },
        keel: keelIngest,
        keelSequential,
        baseline: baselineIngestRun,
        ratio: ingestRatio,
        check,
        intoLargeExperiment: intoLarge,
      },
      results: {
        units: options.resultUnits,
        days,
        fill: {
          method: "per-unit states and aggregate deltas from aggregateBatch (the intake's pure function), written with better-sqlite3 in the intake's shapes; raw Event rows not written (results never read them)",
          seconds: Math.round(fillSeconds * 10) / 10,
          ...fill,
        },
        keel: keelRead,
        baseline: countRead,
        ratio: readRatio,
        check: resultsCheck,
      },
      targets,
    };
  } finally {
    await db?.$disconnect();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    rmSync(dir, { recursive: true, force: true });
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
