/**
 * `npm run bench`: Keel's performance, as ratios against baselines measured in the same run
 * (never absolute timings in tests: they depend on the machine).
 *
 *   Part 1 (evaluator-bench.ts): the in-process evaluator vs GrowthBook, Unleash and flagd-core
 *   Part 2 (http-bench.ts):      OFREP over HTTP: production server and standalone evaluator vs bare node:http
 *   Part 3 (measurement-bench.ts): measurement on a fresh SQLite file through the services: event ingestion
 *                                (recordEvents, batches of 500) vs plain multi-row INSERTs, target ≥ 50,000 events/s;
 *                                the results read for 1,000,000 exposed units vs COUNT(*) of the units, target p95 ≤ 300 ms
 *   Part 4 (guardrail-bench.ts): from a breaching events batch stored to evaluations serving the flag off, through the
 *                                monitor, vs a person's "Disable now" reaching the evaluations; target ≤ 10 s
 *   Part 5 (scan-bench.ts):      `keel scan` (scanFolder, in-process) over a generated repository of 10,000 source files
 *                                (plus node_modules/ and .gitignore'd dist/ to skip) vs GNU grep -rIF and a plain Node
 *                                loop over the same files; must find exactly the planted references; target ≤ 3× grep's time
 *
 * Options:
 *   --part evaluator|http|measurement|guardrails|scan   run one part only
 *   --quick                   shorter runs, for trying the harness (figures are noisier)
 *   --only <names>            part 1: only these competitors, comma-separated (e.g. flagd,growthbook)
 *   --load-generator wrk|autocannon   part 2: force a load generator (default: wrk if installed)
 *   --skip-next               part 2: skip the `next start` (route handler only) comparison
 *
 * Prints tables and writes every figure to server/bench/results/latest.json (with --part, the other
 * parts' figures of the previous file are kept, under carriedOver with their run). Exits 1 when the
 * libraries do not compute the same workload, a server cannot be benchmarked, part 3's
 * consistency checks fail or part 5's scan does not find exactly the planted references; a missed
 * target is reported, not an error.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runEvaluatorBench, type EvaluatorBenchResult } from "./evaluator-bench";
import { runHttpBench, type HttpBenchResult } from "./http-bench";
import { formatMeasurementTarget, runMeasurementBench, type MeasurementBenchResult } from "./measurement-bench";
import { runGuardrailBench, type GuardrailBenchResult } from "./guardrail-bench";
import { runScanBench, type ScanBenchResult } from "./scan-bench";
import { killAllChildren } from "./processes";
import type { Target } from "./stats";

type Args = { part: "all" | PartName; quick: boolean; only: string[]; loadGenerator?: "wrk" | "autocannon"; skipNext: boolean };

function parseArgs(argv: string[]): Args {
  const args: Args = { part: "all", quick: false, only: [], skipNext: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const name = arg.split("=")[0];
    if (name === "--part") {
      const v = value();
      if (v !== "all" && !(PARTS as readonly string[]).includes(v)) throw new Error(`--part must be one of ${PARTS.join(", ")} (got ${v})`);
      args.part = v as Args["part"];
    } else if (name === "--quick") args.quick = true;
    else if (name === "--only") args.only = value().split(",").filter(Boolean);
    else if (name === "--load-generator") {
      const v = value();
      if (v !== "wrk" && v !== "autocannon") throw new Error(`--load-generator must be wrk or autocannon (got ${v})`);
      args.loadGenerator = v;
    } else if (name === "--skip-next") args.skipNext = true;
    else if (name === "--help" || name === "-h") {
      console.log("usage: npm run bench [-- --part evaluator|http|measurement|guardrails|scan] [--quick] [--only flagd,growthbook,unleash] [--load-generator wrk|autocannon] [--skip-next]");
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return args;
}

type Results = {
  date: string;
  command: string;
  quick: boolean;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryGiB: number;
    platform: string;
    node: string;
    v8: string;
    nodeEnv: string | undefined;
    loadAverageAtStart: number[];
    loadAverageAtEnd?: number[];
  };
  evaluator?: EvaluatorBenchResult;
  http?: HttpBenchResult;
  measurement?: MeasurementBenchResult;
  guardrails?: GuardrailBenchResult;
  scan?: ScanBenchResult;
  targets: (Target & { part: string })[];
  errors: string[];
  durationS?: number;
  /** with --part: the other parts' figures, kept from the previous latest.json, and the run they come from */
  carriedOver?: Partial<Record<PartName, { date: string; command: string; quick: boolean; machine: Results["machine"] }>>;
};

const PARTS = ["evaluator", "http", "measurement", "guardrails", "scan"] as const;
type PartName = (typeof PARTS)[number];

/**
 * With --part, the other parts' figures (and targets) of the previous latest.json are kept, marked
 * with the run they come from, so running one part does not erase the others.
 */
function withCarriedOver(results: Results, file: string, ran: PartName): Results {
  let previous: Results;
  try {
    previous = JSON.parse(readFileSync(file, "utf8")) as Results;
  } catch {
    return results;
  }
  const merged: Results = { ...results, targets: [...results.targets] };
  const keep = <P extends PartName>(part: P) => {
    if (part === ran || previous[part] === undefined) return;
    (merged as Pick<Results, PartName>)[part] = previous[part];
    merged.targets.push(...previous.targets.filter((t) => t.part === part));
    merged.carriedOver = {
      ...merged.carriedOver,
      [part]: previous.carriedOver?.[part] ?? { date: previous.date, command: previous.command, quick: previous.quick, machine: previous.machine },
    };
  };
  PARTS.forEach(keep);
  return merged;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  // Production mode, as a server runs: some libraries check NODE_ENV on every evaluation (GrowthBook logs otherwise).
  (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
  const started = Date.now();
  const cpus = os.cpus();
  const results: Results = {
    date: new Date().toISOString(),
    command: ["npm run bench", ...process.argv.slice(2)].join(" "),
    quick: args.quick,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      v8: process.versions.v8,
      nodeEnv: process.env.NODE_ENV,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    targets: [],
    errors: [],
  };
  console.log(
    `Keel benchmarks — ${results.machine.cpus} × ${results.machine.cpuModel}, Node ${process.version}, ` +
      `load average ${results.machine.loadAverageAtStart.join(" / ")}${args.quick ? " (--quick: short runs, noisier figures)" : ""}`,
  );
  if (results.machine.loadAverageAtStart[0]! > cpus.length * 0.75) {
    console.log("⚠ the machine is busy: absolute figures will be low; ratios measured in the same run are what to compare.");
  }
  console.log("");

  let failed = false;
  if (args.part === "all" || args.part === "evaluator") {
    try {
      const evaluator = await runEvaluatorBench(
        args.quick
          ? { reps: 3, minMs: 300, warmupMs: 200, verifyPairs: 20_000, verifyBulkUsers: 10, only: args.only }
          : { reps: 5, minMs: 1_000, warmupMs: 500, verifyPairs: 60_000, verifyBulkUsers: 40, only: args.only },
      );
      results.evaluator = evaluator;
      if (evaluator.ratios) results.targets.push({ part: "evaluator", ...evaluator.ratios.single }, { part: "evaluator", ...evaluator.ratios.bulk });
      if (!evaluator.ok) {
        failed = true;
        results.errors.push("part 1: the libraries do not compute the same workload (see evaluator.contenders[].verification)");
      }
    } catch (error) {
      failed = true;
      results.errors.push(`part 1: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`\nPart 1 failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log("");
  }
  if (args.part === "all" || args.part === "http") {
    try {
      const http = await runHttpBench(
        args.quick
          ? { durationS: 4, rounds: 2, warmupS: 1, connections: 50, threads: 1, loadGenerator: args.loadGenerator, skipNext: args.skipNext }
          : { durationS: 15, rounds: 5, warmupS: 2, connections: 50, threads: 1, loadGenerator: args.loadGenerator, skipNext: args.skipNext },
      );
      results.http = http;
      results.targets.push(...http.ratios.map((t) => ({ part: "http", ...t })));
    } catch (error) {
      failed = true;
      results.errors.push(`part 2: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`\nPart 2 failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      killAllChildren();
    }
    console.log("");
  }
  if (args.part === "all" || args.part === "measurement") {
    try {
      const measurement = await runMeasurementBench(
        args.quick
          ? { batches: 40, warmupBatches: 5, resultUnits: 1_000_000, resultRuns: 10, resultWarmups: 2, largeBatches: 4 }
          : { batches: 320, warmupBatches: 10, resultUnits: 1_000_000, resultRuns: 20, resultWarmups: 3, largeBatches: 10 },
      );
      results.measurement = measurement;
      results.targets.push(...measurement.targets.map((t) => ({ part: "measurement", ...t })));
      if (!measurement.ingestion.check.ok || !measurement.results.check.ok) {
        failed = true;
        results.errors.push("part 3: a consistency check failed (see measurement.ingestion.check and measurement.results.check)");
      }
    } catch (error) {
      failed = true;
      results.errors.push(`part 3: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`\nPart 3 failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      killAllChildren();
    }
    console.log("");
  }

  if (args.part === "all" || args.part === "guardrails") {
    try {
      const guardrails = await runGuardrailBench({ rounds: args.quick ? 2 : 5 });
      results.guardrails = guardrails;
      results.targets.push(...guardrails.targets.map((t) => ({ part: "guardrails", ...t })));
    } catch (error) {
      failed = true;
      results.errors.push(`part 4: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`\nPart 4 failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      killAllChildren();
    }
    console.log("");
  }

  if (args.part === "all" || args.part === "scan") {
    try {
      const scan = await runScanBench(args.quick ? { runs: 3, warmups: 1 } : { runs: 9, warmups: 1 });
      results.scan = scan;
      results.targets.push(...scan.targets.map((t) => ({ part: "scan", ...t })));
      if (!scan.check.ok) {
        failed = true;
        results.errors.push(`part 5: the scan did not find exactly the planted references (${scan.check.problems.join("; ")})`);
      }
    } catch (error) {
      failed = true;
      results.errors.push(`part 5: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      console.error(`\nPart 5 failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log("");
  }

  results.machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  results.durationS = Math.round((Date.now() - started) / 100) / 10;
  const file = path.join(__dirname, "results", "latest.json");
  mkdirSync(path.dirname(file), { recursive: true });
  const written = args.part === "all" ? results : withCarriedOver(results, file, args.part);
  writeFileSync(file, JSON.stringify(written, (_key, value: unknown) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2) + "\n");

  console.log("Targets");
  for (const t of results.targets) {
    const shown =
      t.part === "measurement"
        ? formatMeasurementTarget(t)
        : t.part === "guardrails"
          ? `${(t.value / 1000).toFixed(2)} s`
        : t.part === "scan"
          ? `${t.value.toFixed(2)}× grep's time`
        : t.name.includes("p99")
          ? `${t.value.toFixed(2)} ms`
          : t.part === "http"
            ? `${(t.value * 100).toFixed(0)} %`
            : `${t.value.toFixed(2)}×`;
    console.log(`  ${t.met ? "✓ target met   " : "✗ target MISSED"}  ${t.name}: ${shown} (target ${t.target})`);
  }
  if (results.errors.length) console.log(`\n${results.errors.length} error(s): see above.`);
  console.log(`\nResults: ${path.relative(process.cwd(), file)} (${results.durationS} s)`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  killAllChildren();
  process.exit(1);
});
