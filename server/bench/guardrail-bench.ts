/**
 * Part 4 of `npm run bench`: guardrail reaction time. On a fresh SQLite file, a separate process
 * (guardrail-latency.ts) runs Keel's events service, guardrail monitor and evaluation runtime as
 * `npm start` does, and times each round from the breaching batch being stored to the runtime's
 * snapshot serving the flag off. The baseline, measured in the same run, is a person's "Disable
 * now" reaching the evaluations (the snapshot poll alone). Target (issue 15): ≤ 10 s.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LatencyCase } from "./guardrail-latency";
import { runToCompletion } from "./processes";
import { median, table, type Target } from "./stats";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const TARGET_MS = 10_000;

const LABELS: Record<LatencyCase, string> = {
  securitySignal: "security signal (monitor nudged by the batch)",
  errorRateNudged: "error rate ~4× control (nudged by the batch)",
  errorRatePeriodic: "error rate ~4× control (the 2 s pass alone)",
  manualDisable: "baseline: a person's “Disable now”",
};

export type GuardrailBenchResult = {
  rounds: number;
  /** milliseconds from the stored batch (or the disable) to evaluations serving off, per round */
  samples: Record<LatencyCase, number[]>;
  medianMs: Record<LatencyCase, number>;
  maxMs: Record<LatencyCase, number>;
  targets: Target[];
};

export async function runGuardrailBench(options: { rounds: number }, log: (line: string) => void = console.log): Promise<GuardrailBenchResult> {
  log("Part 4 — guardrails: from a breaching events batch stored to evaluations serving the flag off (SQLite, one Keel process)");
  const dir = mkdtempSync(path.join(os.tmpdir(), "keel-bench-guardrails-"));
  const url = `file:${path.join(dir, "keel.db")}`;
  const out = path.join(dir, "samples.json");
  try {
    await runToCompletion("db deploy", process.execPath, [TSX, "prisma/tools/db.ts", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, timeoutMs: 180_000 });
    await runToCompletion("guardrail latency", process.execPath, [TSX, "server/bench/guardrail-latency.ts", String(options.rounds), out], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
      timeoutMs: 600_000,
    });
    const samples = JSON.parse(readFileSync(out, "utf8")) as Record<LatencyCase, number[]>;
    const cases = Object.keys(LABELS) as LatencyCase[];
    const medianMs = Object.fromEntries(cases.map((c) => [c, median(samples[c])])) as Record<LatencyCase, number>;
    const maxMs = Object.fromEntries(cases.map((c) => [c, Math.max(...samples[c])])) as Record<LatencyCase, number>;
    const ms = (v: number) => `${Math.round(v)} ms`;
    log(
      table([
        ["case", "median", "max", "× baseline (median)"],
        ...cases.map((c) => [LABELS[c], ms(medianMs[c]), ms(maxMs[c]), c === "manualDisable" ? "1.00×" : `${(medianMs[c] / medianMs.manualDisable).toFixed(2)}×`]),
      ]).replace(/^/gm, "  "),
    );
    const targets: Target[] = (["securitySignal", "errorRateNudged", "errorRatePeriodic"] as const).map((c) => ({
      name: `guardrail abort → evaluations off, ${LABELS[c]} (max of ${options.rounds})`,
      value: maxMs[c],
      target: `≤ ${TARGET_MS / 1000} s`,
      met: maxMs[c] <= TARGET_MS,
    }));
    return { rounds: options.rounds, samples, medianMs, maxMs, targets };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
