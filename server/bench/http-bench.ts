/**
 * Part 2: HTTP throughput of single-flag OFREP evaluation, all on 127.0.0.1, one load generator
 * (load.ts) in its own process, N connections, a warm-up then a measured run per server:
 *
 *   1. bare node:http (bare-server.ts): reads and parses the POST body, answers fixed JSON: the baseline
 *   2. Keel's production server (server/start.ts: node:http fast path in front of Next), on a
 *      throwaway SQLite database (.keel/bench/bench.db) migrated, seeded and prepared by http-setup.ts
 *   3. the standalone evaluator (server/evaluator/main.ts) synced from server 2 with the same key
 *   4. Next alone (`next start`): the same endpoint through the Next route handler mount
 *
 * Each server's CPU time during the measured run is read from /proc, so "requests per server CPU
 * second" is reported too: it stays meaningful when other work shares the machine.
 */
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatRate, formatRatio, table, targetLine, type Target } from "./stats";
import { pickLoadTool, runLoad, type LoadRequest, type LoadResult, type LoadTool } from "./load";
import { freePort, GiveUp, groupCpuSeconds, runToCompletion, startProcess, waitFor, type Managed } from "./processes";

export type HttpBenchOptions = {
  durationS: number;
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
  result: LoadResult;
  /** CPU seconds the server's processes used during the measured run, and requests per CPU second */
  serverCpuSeconds: number | null;
  requestsPerServerCpuSecond: number | null;
  sampleResponse: unknown;
};

export type HttpBenchResult = {
  loadGenerator: { name: string; version: string; connections: number; threads: number | null; durationS: number; warmupS: number };
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

export async function runHttpBench(options: HttpBenchOptions, log: (line: string) => void = console.log): Promise<HttpBenchResult> {
  log("Part 2 — HTTP throughput: POST /ofrep/v1/evaluate/flags/{key}");
  const notes: string[] = [];
  const tool: LoadTool = await pickLoadTool(ROOT, options.loadGenerator);
  log(
    `  load generator: ${tool.name} ${tool.version} (${tool.command})${tool.name === "wrk" ? `, ${options.threads} thread(s)` : " (wrk not found: fallback)"}, ` +
      `${options.connections} connections, ${options.warmupS} s warm-up + ${options.durationS} s measured per server`,
  );
  mkdirSync(SCRATCH, { recursive: true });
  const servers: ServerMeasurement[] = [];

  const measureServer = async (name: string, description: string, server: Managed, request: LoadRequest, sampleResponse: unknown) => {
    log(`  ${name}: warming up…`);
    await runLoad(tool, request, { connections: options.connections, durationS: options.warmupS, threads: options.threads, scratchDir: SCRATCH });
    if (!server.isRunning()) throw new Error(`${name} exited during the warm-up:\n${server.output().slice(-3_000)}`);
    const cpuBefore = groupCpuSeconds(server.pid);
    const result = await runLoad(tool, request, { connections: options.connections, durationS: options.durationS, threads: options.threads, scratchDir: SCRATCH });
    const cpuAfter = groupCpuSeconds(server.pid);
    const serverCpuSeconds = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
    const measurement: ServerMeasurement = {
      name,
      description,
      url: request.url,
      result,
      serverCpuSeconds,
      requestsPerServerCpuSecond: serverCpuSeconds ? result.requests / serverCpuSeconds : null,
      sampleResponse,
    };
    servers.push(measurement);
    const problems = [result.non2xx ? `${result.non2xx} non-2xx answers` : "", result.errors ? `${result.errors} socket errors/timeouts` : ""].filter(Boolean);
    log(
      `  ${name}: ${formatRate(result.requestsPerSecond)} req/s, p50 ${result.latencyMs.p50.toFixed(2)} ms, p99 ${result.latencyMs.p99.toFixed(2)} ms` +
        (serverCpuSeconds !== null ? `, server CPU ${serverCpuSeconds.toFixed(1)} s` : "") +
        (problems.length ? `  ⚠ ${problems.join(", ")}` : ""),
    );
    if (problems.length) notes.push(`${name}: ${problems.join(", ")} during the measured run`);
  };

  const stopAll: Managed[] = [];
  try {
    // 1. bare node:http baseline
    {
      const port = await freePort();
      const bare = startProcess("bare", process.execPath, [TSX, path.join(ROOT, "server/bench/bare-server.ts")], {
        cwd: ROOT,
        env: childEnv({ PORT: String(port), HOST }),
      });
      stopAll.push(bare);
      const url = `http://${HOST}:${port}/ofrep/v1/evaluate/flags/new-checkout`;
      const seen: { sample?: { status: number; body: unknown } } = {};
      await waitFor(
        "the bare server",
        async () => {
          seen.sample = await post(url, "bench");
          return seen.sample.status === 200;
        },
        30_000,
        bare.output,
      );
      const request = { url, body: CONTEXT_BODY, headers: { "Content-Type": "application/json", Authorization: "Bearer bench" } };
      await measureServer("bare node:http", "bare node:http server: reads + JSON.parses the POST body, answers fixed JSON (baseline)", bare, request, seen.sample?.body);
      await bare.stop();
    }

    // 2. a throwaway database and a production build
    log("  preparing .keel/bench/bench.db (deploy migrations, seed, enable new-checkout in staging at 50 %, create a staging server key)…");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(SCRATCH, `bench.db${suffix}`), { force: true });
    const dbEnv = childEnv({ DATABASE_URL });
    await runToCompletion("db deploy", process.execPath, [TSX, "prisma/tools/db.ts", "deploy"], { cwd: ROOT, env: dbEnv, timeoutMs: 180_000 });
    await runToCompletion("seed", process.execPath, [TSX, "prisma/seed.ts"], { cwd: ROOT, env: dbEnv, timeoutMs: 120_000 });
    const setupOut = await runToCompletion("http-setup", process.execPath, [TSX, "server/bench/http-setup.ts"], { cwd: ROOT, env: dbEnv, timeoutMs: 120_000 });
    const setupLine = setupOut
      .split("\n")
      .reverse()
      .find((l) => l.trim().startsWith("{"));
    if (!setupLine) throw new Error(`http-setup printed no result:\n${setupOut}`);
    const setup = JSON.parse(setupLine) as { flagKey: string; environmentKey: string; secret: string };

    if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
      log("  .next/BUILD_ID is missing: running `next build` first (one-time, not measured; takes a few minutes)…");
      notes.push("ran `next build` first: there was no production build (.next/BUILD_ID missing)");
      await runToCompletion("next build", process.execPath, [NEXT, "build"], { cwd: ROOT, env: childEnv({}), timeoutMs: 20 * 60_000, echo: true });
    }

    const keelRequest = (port: number): LoadRequest => ({
      url: `http://${HOST}:${port}/ofrep/v1/evaluate/flags/${setup.flagKey}`,
      body: CONTEXT_BODY,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${setup.secret}` },
    });
    const answered = async (url: string) => {
      const r = await post(url, setup.secret);
      if (r.status === 200) return r.body;
      if (r.status >= 400 && r.status < 500) throw new GiveUp(`answered ${r.status}: ${JSON.stringify(r.body)}`);
      return null; // 503 while the first snapshot loads
    };
    const awaitAnswer = async (what: string, server: Managed, url: string, timeoutMs: number) => {
      let body: unknown = null;
      await waitFor(
        what,
        async () => {
          if (!server.isRunning()) throw new GiveUp("the process exited");
          body = await answered(url);
          return body !== null;
        },
        timeoutMs,
        server.output,
      );
      return body;
    };

    // 3. Keel's production server
    const keelPort = await freePort();
    const keel = startProcess("keel", process.execPath, [TSX, "server/start.ts"], {
      cwd: ROOT,
      env: childEnv({ DATABASE_URL, PORT: String(keelPort), HOST, NEXTAUTH_SECRET: BENCH_AUTH_SECRET, KEEL_RATE_LIMIT_PER_KEY: "0" }),
    });
    stopAll.push(keel);
    const keelReq = keelRequest(keelPort);
    const keelSample = await awaitAnswer("Keel's production server (server/start.ts)", keel, keelReq.url, 180_000);
    await measureServer("Keel production server", "server/start.ts, NODE_ENV=production: node:http fast path in front of Next", keel, keelReq, keelSample);

    // 4. the standalone evaluator, synced from the server above
    const evaluatorPort = await freePort();
    const evaluator = startProcess("evaluator", process.execPath, [TSX, "server/evaluator/main.ts"], {
      cwd: ROOT,
      env: childEnv({
        KEEL_URL: `http://${HOST}:${keelPort}`,
        KEEL_SERVER_KEY: setup.secret,
        KEEL_ENVIRONMENT: setup.environmentKey,
        PORT: String(evaluatorPort),
        HOST,
      }),
    });
    stopAll.push(evaluator);
    const evaluatorReq = keelRequest(evaluatorPort);
    const evaluatorSample = await awaitAnswer("the standalone evaluator", evaluator, evaluatorReq.url, 60_000);
    await measureServer("standalone evaluator", "server/evaluator/main.ts (npm run evaluator), synced from the production server", evaluator, evaluatorReq, evaluatorSample);
    await evaluator.stop();
    await keel.stop();

    // 5. Next alone: the route handler mount
    if (!options.skipNext) {
      const nextPort = await freePort();
      const nextServer = startProcess("next", process.execPath, [NEXT, "start", "-p", String(nextPort), "-H", HOST], {
        cwd: ROOT,
        env: childEnv({ DATABASE_URL, NEXTAUTH_SECRET: BENCH_AUTH_SECRET, NEXTAUTH_URL: `http://${HOST}:${nextPort}`, KEEL_RATE_LIMIT_PER_KEY: "0" }),
      });
      stopAll.push(nextServer);
      const nextReq = keelRequest(nextPort);
      const nextSample = await awaitAnswer("next start", nextServer, nextReq.url, 120_000);
      await measureServer("Next route handler only", "`next start`: app/ofrep/…/[key]/route.ts (serveFetchRequest), no fast path", nextServer, nextReq, nextSample);
      await nextServer.stop();
    }
  } finally {
    for (const m of stopAll.reverse()) await m.stop();
  }

  // Same answer everywhere?
  const keelAnswers = servers.filter((s) => s.name !== "bare node:http").map((s) => JSON.stringify(pickAnswer(s.sampleResponse)));
  if (new Set(keelAnswers).size > 1) notes.push(`the Keel servers gave different answers for user-1: ${keelAnswers.join(" | ")}`);

  const byName = (name: string) => servers.find((s) => s.name === name);
  const bare = byName("bare node:http")!;
  const prod = byName("Keel production server")!;
  const evaluator = byName("standalone evaluator")!;
  const nextOnly = byName("Next route handler only");
  const ratio = (a: ServerMeasurement, b: ServerMeasurement) => a.result.requestsPerSecond / b.result.requestsPerSecond;
  const ratios: Target[] = [
    { name: "production server / bare node:http (req/s)", value: ratio(prod, bare), target: "≥ 50 %", met: ratio(prod, bare) >= 0.5 },
    { name: "standalone evaluator / bare node:http (req/s)", value: ratio(evaluator, bare), target: "≥ 80 %", met: ratio(evaluator, bare) >= 0.8 },
    { name: "production server p99 (ms)", value: prod.result.latencyMs.p99, target: "≤ 10 ms", met: prod.result.latencyMs.p99 <= 10 },
    { name: "standalone evaluator p99 (ms)", value: evaluator.result.latencyMs.p99, target: "≤ 10 ms", met: evaluator.result.latencyMs.p99 <= 10 },
  ];

  log("");
  log(
    table([
      ["server", "req/s", "vs bare", "p50 ms", "p90 ms", "p99 ms", "server CPU s", "req per server CPU s", "non-2xx", "errors"],
      ...servers.map((s) => [
        s.name,
        formatRate(s.result.requestsPerSecond),
        formatRatio(s.result.requestsPerSecond / bare.result.requestsPerSecond),
        s.result.latencyMs.p50.toFixed(2),
        s.result.latencyMs.p90 === null ? "–" : s.result.latencyMs.p90.toFixed(2),
        s.result.latencyMs.p99.toFixed(2),
        s.serverCpuSeconds === null ? "–" : s.serverCpuSeconds.toFixed(1),
        s.requestsPerServerCpuSecond === null ? "–" : formatRate(s.requestsPerServerCpuSecond),
        String(s.result.non2xx),
        String(s.result.errors),
      ]),
    ]).replace(/^/gm, "  "),
  );
  log("");
  for (const t of ratios) log(`  ${targetLine(t, t.name.includes("p99") ? (v) => `${v.toFixed(2)} ms` : (v) => `${(v * 100).toFixed(0)} %`)}`);
  if (nextOnly) log(`  (fast path / Next route handler: ${formatRatio(ratio(prod, nextOnly))})`);
  const load = os.loadavg();
  if (load[0]! > os.cpus().length * 0.75) {
    notes.push(`the machine was busy (1-min load average ${load[0]!.toFixed(1)} on ${os.cpus().length} CPUs): req/s are lower than on an idle machine`);
  }
  for (const n of notes) log(`  note: ${n}`);

  return {
    loadGenerator: {
      name: tool.name,
      version: tool.version,
      connections: options.connections,
      threads: tool.name === "wrk" ? options.threads : null,
      durationS: options.durationS,
      warmupS: options.warmupS,
    },
    notes,
    servers,
    ratios,
  };
}

function pickAnswer(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const { value, variant, reason } = body as { value?: unknown; variant?: unknown; reason?: unknown };
  return { value, variant, reason };
}
