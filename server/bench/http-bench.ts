/**
 * Part 2: HTTP throughput of single-flag OFREP evaluation, all on 127.0.0.1, one load generator
 * (load.ts) in its own process, N keep-alive connections:
 *
 *   1. bare node:http (bare-server.ts): reads and parses the POST body, answers fixed JSON: the baseline.
 *      It writes each answer at once; Keel's fast path writes a turn's answers together
 *      (server/http/turn-writer.ts), so servers 2 and 3 may exceed 100 % of it.
 *   2. Keel's production server (server/start.ts: node:http fast path in front of Next), on a
 *      throwaway SQLite database (.keel/bench/bench.db) migrated, seeded and prepared by http-setup.ts
 *   3. the standalone evaluator (server/evaluator/main.ts) synced from server 2 with the same key
 *   4. Next alone (`next start`): the same endpoint through the Next route handler mount
 *
 * Servers 1–3 run side by side (idle ones only poll: the production server its database every
 * 250 ms, the evaluator the production server every 500 ms). Each gets a warm-up, then the
 * measured time is split into rounds that alternate between them (rotating the order), so a
 * change in machine load hits all three alike; per server the median round is reported.
 * Server 4 is measured last, alone. Each server's CPU time is read from /proc, so "requests per
 * server CPU second" is reported too: it stays meaningful when other work shares the machine.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatRate, formatRatio, median, table, targetLine, type Target } from "./stats";
import { pickLoadTool, runLoad, type LoadRequest, type LoadResult, type LoadTool } from "./load";
import { freePort, GiveUp, groupCpuSeconds, runToCompletion, startProcess, waitFor, type Managed } from "./processes";

export type HttpBenchOptions = {
  /** measured seconds per server, split into `rounds` */
  durationS: number;
  rounds: number;
  warmupS: number;
  connections: number;
  /** wrk threads (autocannon ignores it) */
  threads: number;
  loadGenerator?: "wrk" | "autocannon";
  /** skip `next start` (the Next route handler comparison) */
  skipNext?: boolean;
};

export type ServerMeasurement = {
  name: string;
  description: string;
  url: string;
  /** median over the rounds */
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number | null; p99: number; worstRoundP99: number };
  requests: number;
  measuredS: number;
  non2xx: number;
  errors: number;
  rounds: LoadResult[];
  /** CPU seconds the server's processes used during its measured rounds, and requests per CPU second */
  serverCpuSeconds: number | null;
  requestsPerServerCpuSecond: number | null;
  sampleResponse: unknown;
};

export type HttpBenchResult = {
  loadGenerator: { name: string; version: string; connections: number; threads: number | null; durationS: number; rounds: number; warmupS: number };
  notes: string[];
  servers: ServerMeasurement[];
  ratios: Target[];
};

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const NEXT = path.join(ROOT, "node_modules/next/dist/bin/next");
const SCRATCH = path.join(ROOT, ".keel/bench");
const DATABASE_URL = "file:./.keel/bench/bench.db";
const HOST = "127.0.0.1";
const CONTEXT_BODY = JSON.stringify({ context: { targetingKey: "user-1", plan: "pro" } });
/** a fixed secret for the throwaway server only (never a real deployment's) */
const BENCH_AUTH_SECRET = "keel-bench-only-secret-0123456789abcdef";

const BARE = "bare node:http";
const PRODUCTION = "Keel production server";
const EVALUATOR = "standalone evaluator";
const NEXT_ONLY = "Next route handler only";

type BenchServer = { name: string; description: string; process: Managed; request: LoadRequest; sample: unknown };

async function post(url: string, secret: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: CONTEXT_BODY,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

function request(port: number, secret: string, flagKey: string): LoadRequest {
  return {
    url: `http://${HOST}:${port}/ofrep/v1/evaluate/flags/${flagKey}`,
    body: CONTEXT_BODY,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${secret}` },
  };
}

/** Waits until the server answers 200 (503 means "still loading the snapshot"; other 4xx, or an exit, end the wait). */
async function firstAnswer(what: string, server: Managed, url: string, secret: string, timeoutMs: number): Promise<unknown> {
  const seen: { body?: unknown } = {};
  await waitFor(
    what,
    async () => {
      if (!server.isRunning()) throw new GiveUp("the process exited");
      const r = await post(url, secret);
      if (r.status >= 400 && r.status < 500) throw new GiveUp(`answered ${r.status}: ${JSON.stringify(r.body)}`);
      seen.body = r.body;
      return r.status === 200;
    },
    timeoutMs,
    server.output,
  );
  return seen.body;
}

/** Migrates, seeds and prepares .keel/bench/bench.db; returns the flag and the staging server key. */
async function prepareDatabase(): Promise<{ flagKey: string; environmentKey: string; secret: string }> {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(SCRATCH, `bench.db${suffix}`), { force: true });
  const env = childEnv({ DATABASE_URL });
  await runToCompletion("db deploy", process.execPath, [TSX, "prisma/tools/db.ts", "deploy"], { cwd: ROOT, env, timeoutMs: 180_000 });
  await runToCompletion("seed", process.execPath, [TSX, "prisma/seed.ts"], { cwd: ROOT, env, timeoutMs: 120_000 });
  const out = await runToCompletion("http-setup", process.execPath, [TSX, "server/bench/http-setup.ts"], { cwd: ROOT, env, timeoutMs: 120_000 });
  const line = out
    .split("\n")
    .reverse()
    .find((l) => l.trim().startsWith("{"));
  if (!line) throw new Error(`http-setup printed no result:\n${out}`);
  return JSON.parse(line) as { flagKey: string; environmentKey: string; secret: string };
}

export async function runHttpBench(options: HttpBenchOptions, log: (line: string) => void = console.log): Promise<HttpBenchResult> {
  log("Part 2 — HTTP throughput: POST /ofrep/v1/evaluate/flags/{key}, one flag, context {targetingKey, plan}");
  const notes: string[] = [];
  const tool: LoadTool = await pickLoadTool(ROOT, options.loadGenerator);
  const roundS = Math.max(1, Math.round(options.durationS / options.rounds));
  log(
    `  load generator: ${tool.name} ${tool.version} (${tool.command})${tool.name === "wrk" ? `, ${options.threads} thread` : options.loadGenerator === "autocannon" ? " (chosen with --load-generator)" : " — wrk not found, fallback"}; ` +
      `${options.connections} connections; per server ${options.warmupS} s warm-up, then ${options.rounds} interleaved rounds × ${roundS} s`,
  );
  mkdirSync(SCRATCH, { recursive: true });
  const load = (req: LoadRequest, durationS: number) =>
    runLoad(tool, req, { connections: options.connections, durationS, threads: options.threads, scratchDir: SCRATCH });

  const started: Managed[] = [];
  const targets: BenchServer[] = [];
  const measurements: ServerMeasurement[] = [];

  /** warm-up, then interleaved rounds over `group` */
  const measureGroup = async (group: BenchServer[], rounds: number) => {
    for (const t of group) {
      log(`  ${t.name}: warming up ${options.warmupS} s…`);
      await load(t.request, options.warmupS);
    }
    const results = new Map<string, LoadResult[]>(group.map((t) => [t.name, []]));
    const cpu = new Map<string, number | null>(group.map((t) => [t.name, 0]));
    for (let r = 0; r < rounds; r++) {
      const order = group.map((_, k) => group[(k + r) % group.length]!);
      log(`  round ${r + 1}/${rounds}: ${order.map((t) => t.name).join(" → ")}`);
      for (const t of order) {
        if (!t.process.isRunning()) throw new Error(`${t.name} exited:\n${t.process.output().slice(-3_000)}`);
        const before = groupCpuSeconds(t.process.pid);
        results.get(t.name)!.push(await load(t.request, roundS));
        const after = groupCpuSeconds(t.process.pid);
        const sum = cpu.get(t.name);
        cpu.set(t.name, before === null || after === null || sum === null || sum === undefined ? null : sum + (after - before));
      }
    }
    for (const t of group) {
      const rs = results.get(t.name)!;
      const requests = rs.reduce((s, x) => s + x.requests, 0);
      const serverCpuSeconds = cpu.get(t.name) ?? null;
      const m: ServerMeasurement = {
        name: t.name,
        description: t.description,
        url: t.request.url,
        requestsPerSecond: median(rs.map((x) => x.requestsPerSecond)),
        latencyMs: {
          p50: median(rs.map((x) => x.latencyMs.p50)),
          p90: rs.every((x) => x.latencyMs.p90 !== null) ? median(rs.map((x) => x.latencyMs.p90!)) : null,
          p99: median(rs.map((x) => x.latencyMs.p99)),
          worstRoundP99: Math.max(...rs.map((x) => x.latencyMs.p99)),
        },
        requests,
        measuredS: rs.reduce((s, x) => s + x.durationS, 0),
        non2xx: rs.reduce((s, x) => s + x.non2xx, 0),
        errors: rs.reduce((s, x) => s + x.errors, 0),
        rounds: rs,
        serverCpuSeconds,
        requestsPerServerCpuSecond: serverCpuSeconds ? requests / serverCpuSeconds : null,
        sampleResponse: t.sample,
      };
      measurements.push(m);
      const problems = [m.non2xx ? `${m.non2xx} non-2xx answers` : "", m.errors ? `${m.errors} socket errors/timeouts` : ""].filter(Boolean);
      if (problems.length) notes.push(`${t.name}: ${problems.join(", ")} during the measured rounds`);
    }
  };

  try {
    // 1. bare node:http baseline
    {
      const port = await freePort();
      const proc = startProcess("bare", process.execPath, [TSX, path.join(ROOT, "server/bench/bare-server.ts")], { cwd: ROOT, env: childEnv({ PORT: String(port), HOST }) });
      started.push(proc);
      const req = request(port, "bench", "new-checkout");
      const sample = await firstAnswer("the bare node:http server", proc, req.url, "bench", 30_000);
      targets.push({ name: BARE, description: "bare node:http: reads + JSON.parses the POST body, answers fixed JSON (baseline)", process: proc, request: req, sample });
    }

    // 2. a throwaway database and a production build
    log("  preparing .keel/bench/bench.db: deploy migrations, seed, new-checkout on in staging at 50 %, a staging server SDK key…");
    const setup = await prepareDatabase();
    if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
      log("  .next/BUILD_ID is missing: running `next build` first (one-time, not measured; takes a few minutes)…");
      notes.push("ran `next build` first: there was no production build (.next/BUILD_ID missing)");
      await runToCompletion("next build", process.execPath, [NEXT, "build"], { cwd: ROOT, env: childEnv({}), timeoutMs: 20 * 60_000, echo: true });
    }

    // 3. Keel's production server
    const keelPort = await freePort();
    {
      const proc = startProcess("keel", process.execPath, [TSX, "server/start.ts"], {
        cwd: ROOT,
        env: childEnv({ DATABASE_URL, PORT: String(keelPort), HOST, NEXTAUTH_SECRET: BENCH_AUTH_SECRET, KEEL_RATE_LIMIT_PER_KEY: "0" }),
      });
      started.push(proc);
      const req = request(keelPort, setup.secret, setup.flagKey);
      log("  starting Keel's production server (server/start.ts)…");
      const sample = await firstAnswer("Keel's production server (server/start.ts)", proc, req.url, setup.secret, 180_000);
      targets.push({ name: PRODUCTION, description: "server/start.ts, NODE_ENV=production: node:http fast path in front of Next", process: proc, request: req, sample });
    }

    // 4. the standalone evaluator, synced from the production server
    {
      const port = await freePort();
      const proc = startProcess("evaluator", process.execPath, [TSX, "server/evaluator/main.ts"], {
        cwd: ROOT,
        env: childEnv({ KEEL_URL: `http://${HOST}:${keelPort}`, KEEL_SERVER_KEY: setup.secret, KEEL_ENVIRONMENT: setup.environmentKey, PORT: String(port), HOST }),
      });
      started.push(proc);
      const req = request(port, setup.secret, setup.flagKey);
      const sample = await firstAnswer("the standalone evaluator", proc, req.url, setup.secret, 60_000);
      targets.push({ name: EVALUATOR, description: "server/evaluator/main.ts (npm run evaluator), synced from the production server", process: proc, request: req, sample });
    }

    await measureGroup(targets, options.rounds);
    for (const t of targets) await t.process.stop();

    // 5. Next alone: the route handler mount, measured by itself (informational: a failure here is noted, not fatal)
    if (!options.skipNext) {
      const port = await freePort();
      const proc = startProcess("next", process.execPath, [NEXT, "start", "-p", String(port), "-H", HOST], {
        cwd: ROOT,
        env: childEnv({ DATABASE_URL, NEXTAUTH_SECRET: BENCH_AUTH_SECRET, NEXTAUTH_URL: `http://${HOST}:${port}`, KEEL_RATE_LIMIT_PER_KEY: "0" }),
      });
      started.push(proc);
      try {
        const req = request(port, setup.secret, setup.flagKey);
        log("  starting `next start`…");
        const sample = await firstAnswer("next start", proc, req.url, setup.secret, 120_000);
        const description = "`next start`: app/ofrep/…/[key]/route.ts (serveFetchRequest), no fast path";
        await measureGroup([{ name: NEXT_ONLY, description, process: proc, request: req, sample }], 1);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`  ⚠ ${NEXT_ONLY} could not be measured: ${message.split("\n")[0]}`);
        notes.push(`${NEXT_ONLY} not measured: ${message.slice(0, 2_000)}`);
      }
      await proc.stop();
    }
  } finally {
    for (const m of started.reverse()) await m.stop();
  }

  // Same answer from every Keel server?
  const answers = measurements.filter((s) => s.name !== BARE).map((s) => `${s.name}: ${JSON.stringify(pickAnswer(s.sampleResponse))}`);
  if (new Set(answers.map((a) => a.slice(a.indexOf(":") + 1))).size > 1) notes.push(`the Keel servers gave different answers for user-1: ${answers.join(" | ")}`);

  const byName = (name: string) => measurements.find((s) => s.name === name);
  const bare = byName(BARE)!;
  const prod = byName(PRODUCTION)!;
  const evaluator = byName(EVALUATOR)!;
  const nextOnly = byName(NEXT_ONLY);
  const ratio = (a: ServerMeasurement, b: ServerMeasurement) => a.requestsPerSecond / b.requestsPerSecond;
  const ratios: Target[] = [
    { name: "production server / bare node:http (req/s)", value: ratio(prod, bare), target: "≥ 50 %", met: ratio(prod, bare) >= 0.5 },
    { name: "standalone evaluator / bare node:http (req/s)", value: ratio(evaluator, bare), target: "≥ 80 %", met: ratio(evaluator, bare) >= 0.8 },
    { name: "production server p99 (ms)", value: prod.latencyMs.p99, target: "≤ 10 ms", met: prod.latencyMs.p99 <= 10 },
    { name: "standalone evaluator p99 (ms)", value: evaluator.latencyMs.p99, target: "≤ 10 ms", met: evaluator.latencyMs.p99 <= 10 },
  ];

  log("");
  log(
    table([
      ["server", "req/s", "vs bare", "p50 ms", "p99 ms", "worst p99", "rounds req/s", "req/server CPU s", "non-2xx", "errors"],
      ...measurements.map((s) => [
        s.name,
        formatRate(s.requestsPerSecond),
        formatRatio(s.requestsPerSecond / bare.requestsPerSecond),
        s.latencyMs.p50.toFixed(2),
        s.latencyMs.p99.toFixed(2),
        s.latencyMs.worstRoundP99.toFixed(2),
        s.rounds.map((x) => formatRate(x.requestsPerSecond)).join(" / "),
        s.requestsPerServerCpuSecond === null ? "–" : formatRate(s.requestsPerServerCpuSecond),
        String(s.non2xx),
        String(s.errors),
      ]),
    ]).replace(/^/gm, "  "),
  );
  log("  req/s and p50/p99: median over the rounds; req/server CPU s: requests served per CPU second the server used.");
  log("");
  for (const t of ratios) log(`  ${targetLine(t, t.name.includes("p99") ? (v) => `${v.toFixed(2)} ms` : (v) => `${(v * 100).toFixed(0)} %`)}`);
  const cpuRatio = (a: ServerMeasurement, b: ServerMeasurement) =>
    a.requestsPerServerCpuSecond && b.requestsPerServerCpuSecond ? formatRatio(a.requestsPerServerCpuSecond / b.requestsPerServerCpuSecond) : "–";
  log(`  (per server CPU second: production / bare ${cpuRatio(prod, bare)}, evaluator / bare ${cpuRatio(evaluator, bare)})`);
  if (nextOnly) log(`  (fast path / Next route handler: ${formatRatio(ratio(prod, nextOnly))} req/s)`);
  const loadAverage = os.loadavg()[0]!;
  if (loadAverage > os.cpus().length * 0.75) {
    notes.push(`the machine was busy (1-min load average ${loadAverage.toFixed(1)} on ${os.cpus().length} CPUs): absolute req/s are lower than on an idle machine`);
  }
  for (const n of notes) log(`  note: ${n}`);

  return {
    loadGenerator: {
      name: tool.name,
      version: tool.version,
      connections: options.connections,
      threads: tool.name === "wrk" ? options.threads : null,
      durationS: roundS * options.rounds,
      rounds: options.rounds,
      warmupS: options.warmupS,
    },
    notes,
    servers: measurements,
    ratios,
  };
}

function pickAnswer(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const { value, variant, reason } = body as { value?: unknown; variant?: unknown; reason?: unknown };
  return { value, variant, reason };
}
