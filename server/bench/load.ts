/**
 * The HTTP load generator, always a separate process from the server under test: wrk when
 * installed (it needs far less CPU than a Node load generator on a small machine), otherwise
 * autocannon. Both send the same POST with the same headers over N keep-alive connections.
 */
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runToCompletion } from "./processes";

export type LoadTool = { name: "wrk" | "autocannon"; command: string; version: string };

export type LoadRequest = { url: string; body: string; headers: Record<string, string> };

export type LoadResult = {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number | null; p99: number; max: number | null };
  /** answers that were not 2xx/3xx */
  non2xx: number;
  /** connect/read/write errors and timeouts */
  errors: number;
  durationS: number;
};

function onPath(binary: string): string | null {
  for (const dir of ["/usr/bin", "/usr/local/bin", ...(process.env.PATH ?? "").split(path.delimiter)]) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** wrk if present (unless `prefer` says autocannon), else the autocannon devDependency. */
export async function pickLoadTool(root: string, prefer?: "wrk" | "autocannon"): Promise<LoadTool> {
  const wrk = prefer === "autocannon" ? null : onPath("wrk");
  if (wrk) {
    // `wrk --version` prints "wrk debian/4.1.0-3+b2 [epoll] Copyright …" and exits 1
    const out = await runToCompletion("wrk --version", wrk, ["--version"]).catch((error: Error) => error.message);
    return { name: "wrk", command: wrk, version: /^wrk\s+(\S+)\s+\[/m.exec(out)?.[1] ?? "unknown" };
  }
  if (prefer === "wrk") throw new Error("wrk was requested but is not installed (apt-get install wrk).");
  const cli = path.join(root, "node_modules/autocannon/autocannon.js");
  const pkg = JSON.parse(readFileSync(path.join(root, "node_modules/autocannon/package.json"), "utf8")) as { version: string };
  return { name: "autocannon", command: cli, version: pkg.version };
}

/** wrk prints latencies as 812.00us, 1.23ms, 2.01s, 1.00m. */
function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return NaN;
  const value = Number(m[1]);
  return m[2] === "us" ? value / 1000 : m[2] === "ms" ? value : m[2] === "s" ? value * 1000 : value * 60_000;
}

function parseWrk(out: string, durationS: number): LoadResult {
  const percentile = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(out);
    return m ? wrkMs(m[1]!) : NaN;
  };
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const max = /Latency\s+\S+\s+\S+\s+(\S+)/.exec(out);
  if (!Number.isFinite(rps)) throw new Error(`could not read wrk's output:\n${out}`);
  return {
    requests,
    requestsPerSecond: rps,
    latencyMs: { p50: percentile("50"), p90: percentile("90"), p99: percentile("99"), max: max ? wrkMs(max[1]!) : null },
    non2xx,
    errors,
    durationS,
  };
}

type AutocannonJson = {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
};

function parseAutocannon(out: string, durationS: number): LoadResult {
  const line = out
    .split("\n")
    .reverse()
    .find((l) => l.trim().startsWith("{"));
  if (!line) throw new Error(`could not read autocannon's output:\n${out}`);
  const r = JSON.parse(line) as AutocannonJson;
  return {
    requests: r.requests.total,
    requestsPerSecond: r.requests.average,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    durationS,
  };
}

/** Drives `request` with `connections` keep-alive connections for `durationS` seconds. */
export async function runLoad(
  tool: LoadTool,
  request: LoadRequest,
  options: { connections: number; durationS: number; threads: number; scratchDir: string },
): Promise<LoadResult> {
  if (tool.name === "wrk") {
    mkdirSync(options.scratchDir, { recursive: true });
    const script = path.join(options.scratchDir, "post.lua");
    const headerLines = Object.entries(request.headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
    writeFileSync(script, [`wrk.method = "POST"`, `wrk.body = [==[${request.body}]==]`, ...headerLines, ""].join("\n"));
    const out = await runToCompletion("wrk", tool.command, [
      `-t${options.threads}`,
      `-c${options.connections}`,
      `-d${options.durationS}s`,
      "--timeout",
      "5s",
      "--latency",
      "-s",
      script,
      request.url,
    ]);
    return parseWrk(out, options.durationS);
  }
  const headerArgs = Object.entries(request.headers).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  const out = await runToCompletion("autocannon", process.execPath, [
    tool.command,
    "-c",
    String(options.connections),
    "-d",
    String(options.durationS),
    "-m",
    "POST",
    ...headerArgs,
    "-b",
    request.body,
    "-j",
    "-n",
    request.url,
  ]);
  return parseAutocannon(out, options.durationS);
}
