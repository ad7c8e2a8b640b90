/**
 * Part 1: Keel's in-process evaluator against GrowthBook, Unleash and flagd-core on the same
 * workload (workload.ts), each library configured natively and called through its public API.
 *
 * Each library first has to prove it computes the same thing: among (user, flag) pairs matching
 * the rule, 22–28 % must be "on", nobody outside the rule may be "on", and its bulk answers must
 * equal its single answers. Then, round-robin so drift hits everyone alike:
 *   single: evaluations/s of one flag for one user (random users × random flags)
 *   bulk:   users/s for which all 1,000 flags are evaluated (each library's bulk API, or a loop)
 * Every measurement runs ≥ minMs after a warm-up; the reported figure is the median of the repetitions.
 */
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { buildSync } from "esbuild";
import { GrowthBook, GrowthBookClient, type UserContext } from "@growthbook/growthbook";
import { FlagdCore } from "@openfeature/flagd-core";
import { InMemStorageProvider, Unleash, type Context as UnleashContext } from "unleash-client";
import { compileSnapshot, snapshotSchema, type EvaluationContext } from "../core/evaluation";
import { formatPercent, formatRate, formatRatio, median, nowMs, table, targetLine, type Target } from "./stats";
import {
  createWorkload,
  toFlagdConfiguration,
  toGrowthBookFeatures,
  toKeelSnapshot,
  toUnleashFeatures,
  ROLLOUT_PERCENT,
  type Workload,
} from "./workload";

/** One library, wrapped so the harness can drive it. Each loop is its own function, so its call sites stay monomorphic. */
type Contender = {
  name: string;
  /** the public API measured */
  api: string;
  /** how "all flags for one user" is done */
  bulkApi: string;
  /** evaluates sequence pairs [from, from + count) and returns how many were on */
  single(from: number, count: number): number;
  /** evaluates every flag for the users seqUser[from .. from + count) and returns how many were on */
  bulk(from: number, count: number): number;
  one(f: number, u: number): boolean;
  all(u: number): boolean[];
  /** anything notable while it ran (e.g. network attempts) */
  notes(): string[];
  close(): Promise<void> | void;
};

const ROOT = path.resolve(__dirname, "../..");
const KEEL_BUNDLED = "Keel (esbuild bundle)";

/** Bundles server/core/evaluation with esbuild into .keel/bench/ and loads it. */
function loadBundledEvaluation(): typeof import("../core/evaluation") {
  const outfile = path.join(ROOT, ".keel/bench/evaluation.bundle.cjs");
  mkdirSync(path.dirname(outfile), { recursive: true });
  buildSync({
    entryPoints: [path.join(ROOT, "server/core/evaluation/index.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: `node${process.versions.node.split(".")[0]}`,
    outfile,
    logLevel: "silent",
  });
  return createRequire(__filename)(outfile) as typeof import("../core/evaluation");
}

function keel(w: Workload): Contender {
  const snapshot = snapshotSchema.parse(toKeelSnapshot(w));
  const compiled = compileSnapshot(snapshot);
  const keys = w.flagKeys;
  const contexts: EvaluationContext[] = w.users.map((u) => ({ targetingKey: u.id, country: u.country, plan: u.plan }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  return {
    name: "Keel",
    api: "compileSnapshot(snapshot).evaluate(key, context)",
    bulkApi: "evaluateAll(context)",
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        if (compiled.evaluate(keys[seqFlag[i]!]!, contexts[seqUser[i]!]!)?.value === true) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const results = compiled.evaluateAll(contexts[seqUser[(from + k) & mask]!]!);
        for (let j = 0; j < results.length; j++) if (results[j]!.value === true) on++;
      }
      return on;
    },
    one: (f, u) => compiled.evaluate(keys[f]!, contexts[u]!)?.value === true,
    all: (u) => compiled.evaluateAll(contexts[u]!).map((r) => r.value === true),
    notes: () => [],
    close() {},
  };
}

/**
 * Keel's evaluator as one esbuild bundle instead of tsx's file-by-file transform (how `npm start`,
 * `npm run evaluator` and this benchmark load server/core). Informational: it shows what the module
 * layout costs on the hot path. A copy of keel() on purpose: sharing the loop code between the two
 * would make its call sites polymorphic and slow both down.
 */
function keelBundled(w: Workload): Contender {
  const { compileSnapshot, snapshotSchema } = loadBundledEvaluation();
  const snapshot = snapshotSchema.parse(toKeelSnapshot(w));
  const compiled = compileSnapshot(snapshot);
  const keys = w.flagKeys;
  const contexts: EvaluationContext[] = w.users.map((u) => ({ targetingKey: u.id, country: u.country, plan: u.plan }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  return {
    name: KEEL_BUNDLED,
    api: "the same code bundled into one file by esbuild: compileSnapshot(snapshot).evaluate(key, context)",
    bulkApi: "evaluateAll(context)",
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        if (compiled.evaluate(keys[seqFlag[i]!]!, contexts[seqUser[i]!]!)?.value === true) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const results = compiled.evaluateAll(contexts[seqUser[(from + k) & mask]!]!);
        for (let j = 0; j < results.length; j++) if (results[j]!.value === true) on++;
      }
      return on;
    },
    one: (f, u) => compiled.evaluate(keys[f]!, contexts[u]!)?.value === true,
    all: (u) => compiled.evaluateAll(contexts[u]!).map((r) => r.value === true),
    notes: () => [],
    close() {},
  };
}

/** GrowthBook's server-side API since 1.x: one GrowthBookClient, a user context per call. */
function growthBookClient(w: Workload): Contender {
  const client = new GrowthBookClient().initSync({ payload: { features: toGrowthBookFeatures(w) } });
  const keys = w.flagKeys;
  const contexts: UserContext[] = w.users.map((u) => ({ attributes: { id: u.id, country: u.country, plan: u.plan } }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  return {
    name: "GrowthBook",
    api: "GrowthBookClient.isOn(key, userContext)",
    bulkApi: "isOn(key, userContext) for each key (no bulk API)",
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        if (client.isOn(keys[seqFlag[i]!]!, contexts[seqUser[i]!]!)) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const context = contexts[seqUser[(from + k) & mask]!]!;
        for (let j = 0; j < keys.length; j++) if (client.isOn(keys[j]!, context)) on++;
      }
      return on;
    },
    one: (f, u) => client.isOn(keys[f]!, contexts[u]!),
    all: (u) => keys.map((key) => client.isOn(key, contexts[u]!)),
    notes: () => [],
    close: () => client.destroy(),
  };
}

/** The classic GrowthBook instance, re-used across users: setAttributes(user) then isOn(key). */
function growthBookInstance(w: Workload): Contender {
  const gb = new GrowthBook({ features: toGrowthBookFeatures(w) });
  const keys = w.flagKeys;
  const attributes = w.users.map((u) => ({ id: u.id, country: u.country, plan: u.plan }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  // setAttributes is async but has nothing to await without sticky bucketing or remote evaluation:
  // the attributes are in place when it returns.
  const setUser = (u: number) => void gb.setAttributes(attributes[u]!);
  return {
    name: "GrowthBook (instance)",
    api: "GrowthBook.setAttributes(user); isOn(key)",
    bulkApi: "setAttributes(user) once, isOn(key) for each key",
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        setUser(seqUser[i]!);
        if (gb.isOn(keys[seqFlag[i]!]!)) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        setUser(seqUser[(from + k) & mask]!);
        for (let j = 0; j < keys.length; j++) if (gb.isOn(keys[j]!)) on++;
      }
      return on;
    },
    one(f, u) {
      setUser(u);
      return gb.isOn(keys[f]!);
    },
    all(u) {
      setUser(u);
      return keys.map((key) => gb.isOn(key));
    },
    notes: () => [],
    close: () => gb.destroy(),
  };
}

async function unleash(w: Workload): Promise<Contender> {
  const errors: string[] = [];
  const client = new Unleash({
    appName: "keel-bench",
    // refreshInterval 0 turns fetching off entirely (unleash-client 6.x returns before any request),
    // so this address is never contacted; nothing listens there anyway.
    url: "http://127.0.0.1:9/api/",
    refreshInterval: 0,
    disableMetrics: true,
    storageProvider: new InMemStorageProvider(),
    bootstrap: { data: toUnleashFeatures(w) },
    skipInstanceCountWarning: true,
  });
  client.on("error", (error: unknown) => errors.push(error instanceof Error ? error.message : String(error)));
  client.on("warn", () => {});
  await once(client, "ready");
  const keys = w.flagKeys;
  const contexts: UnleashContext[] = w.users.map((u) => ({ userId: u.id, properties: { country: u.country, plan: u.plan } }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  return {
    name: "Unleash",
    api: "Unleash.isEnabled(name, context) (bootstrapped, metrics off)",
    bulkApi: "isEnabled(name, context) for each name (no bulk API)",
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        if (client.isEnabled(keys[seqFlag[i]!]!, contexts[seqUser[i]!]!)) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const context = contexts[seqUser[(from + k) & mask]!]!;
        for (let j = 0; j < keys.length; j++) if (client.isEnabled(keys[j]!, context)) on++;
      }
      return on;
    },
    one: (f, u) => client.isEnabled(keys[f]!, contexts[u]!),
    all: (u) => keys.map((key) => client.isEnabled(key, contexts[u]!)),
    notes: () => [`'error' events (network or otherwise; expected 0): ${errors.length}${errors.length ? ` — first: ${errors[0]}` : ""}`],
    close: () => client.destroy(),
  };
}

type FlagdContext = NonNullable<Parameters<FlagdCore["resolveAll"]>[0]>;
type FlagdLogger = NonNullable<Parameters<FlagdCore["resolveAll"]>[1]>;

function flagd(w: Workload): Contender {
  const messages: string[] = [];
  const logger: FlagdLogger = {
    error: (...args: unknown[]) => void messages.push(args.map(String).join(" ")),
    warn: (...args: unknown[]) => void messages.push(args.map(String).join(" ")),
    info: () => {},
    debug: () => {},
  };
  const core = new FlagdCore(undefined, logger);
  core.setConfigurations(toFlagdConfiguration(w));
  const keys = w.flagKeys;
  const contexts: FlagdContext[] = w.users.map((u) => ({ targetingKey: u.id, country: u.country, plan: u.plan }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  return {
    name: "flagd-core",
    api: "FlagdCore.resolveBooleanEvaluation(key, false, context, logger)",
    bulkApi: "resolveAll(context, logger)",
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        if (core.resolveBooleanEvaluation(keys[seqFlag[i]!]!, false, contexts[seqUser[i]!]!, logger).value) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const results = core.resolveAll(contexts[seqUser[(from + k) & mask]!]!, logger);
        for (let j = 0; j < results.length; j++) if (results[j]!.value === true) on++;
      }
      return on;
    },
    one: (f, u) => core.resolveBooleanEvaluation(keys[f]!, false, contexts[u]!, logger).value,
    all(u) {
      const byKey = new Map(core.resolveAll(contexts[u]!, logger).map((d) => [d.flagKey, d.value === true]));
      return keys.map((key) => byKey.get(key) ?? false);
    },
    notes: () => (messages.length ? [`logged ${messages.length} errors/warnings, first: ${messages[0]}`] : []),
    close() {},
  };
}

// ---------------------------------------------------------------------------------------------

export type Verification = {
  pairs: number;
  matchRate: number;
  onShareOfMatching: number;
  onOutsideRule: number;
  bulkUsers: number;
  bulkMismatches: number;
  bulkOnShareOfMatching: number;
  ok: boolean;
  problems: string[];
};

const SHARE_MIN = 0.22;
const SHARE_MAX = 0.28;

/** Checks that a library computes the workload: ~25 % on among rule matches, nobody on outside, bulk = single. */
function verify(c: Contender, w: Workload, pairs: number, bulkUsers: number): Verification {
  let matching = 0;
  let onMatching = 0;
  let onOutside = 0;
  for (let i = 0; i < pairs; i++) {
    const f = w.seqFlag[i]!;
    const u = w.seqUser[i]!;
    const on = c.one(f, u);
    if (w.matches(f, u)) {
      matching++;
      if (on) onMatching++;
    } else if (on) onOutside++;
  }
  let bulkMismatches = 0;
  let bulkMatching = 0;
  let bulkOn = 0;
  for (let k = 0; k < bulkUsers; k++) {
    const u = w.seqUser[k]!;
    const all = c.all(u);
    for (let f = 0; f < w.flags.length; f++) {
      const on = all[f] === true;
      if (on !== c.one(f, u)) bulkMismatches++;
      if (w.matches(f, u)) {
        bulkMatching++;
        if (on) bulkOn++;
      } else if (on) onOutside++;
    }
  }
  const share = onMatching / matching;
  const bulkShare = bulkOn / bulkMatching;
  const problems: string[] = [];
  if (!(share >= SHARE_MIN && share <= SHARE_MAX)) problems.push(`on-share among matching users ${formatPercent(share, 2)} is outside 22–28 %`);
  if (!(bulkShare >= SHARE_MIN && bulkShare <= SHARE_MAX)) problems.push(`bulk on-share among matching users ${formatPercent(bulkShare, 2)} is outside 22–28 %`);
  if (onOutside > 0) problems.push(`${onOutside} users outside the rule got "on"`);
  if (bulkMismatches > 0) problems.push(`${bulkMismatches} bulk answers differ from single answers`);
  return {
    pairs,
    matchRate: matching / pairs,
    onShareOfMatching: share,
    onOutsideRule: onOutside,
    bulkUsers,
    bulkMismatches,
    bulkOnShareOfMatching: bulkShare,
    ok: problems.length === 0,
    problems,
  };
}

type Sample = { perCpuSecond: number; perWallSecond: number; ops: number; cpuMs: number; wallMs: number };

/** CPU time of this process (all its threads: GC and JIT work count), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `loop` in batches until this process has used `minMs` of CPU time (or, on a machine so
 * busy that this takes long, `2 × minMs` of wall time have passed). Rates are reported per CPU
 * second (stable when other processes share the machine) and per wall-clock second.
 */
function measure(loop: (from: number, count: number) => number, cursor: { at: number }, batch: number, minMs: number, sink: { on: number }): Sample {
  let ops = 0;
  const wall0 = nowMs();
  const cpu0 = cpuMs();
  let cpu = 0;
  let wall = 0;
  do {
    sink.on += loop(cursor.at, batch);
    cursor.at += batch;
    ops += batch;
    cpu = cpuMs() - cpu0;
    wall = nowMs() - wall0;
  } while (cpu < minMs && wall < 2 * minMs);
  return { perCpuSecond: (ops / cpu) * 1000, perWallSecond: (ops / wall) * 1000, ops, cpuMs: cpu, wallMs: wall };
}

/**
 * The harness's own cost: the same loops reading the flag key and the user's three attributes,
 * evaluating nothing. Every library's figures include it (mostly memory latency: 100,000 users
 * do not fit in the CPU caches, so the single loop touches a cold context most of the time).
 */
function harnessFloor(w: Workload): Pick<Contender, "single" | "bulk"> {
  const keys = w.flagKeys;
  const contexts = w.users.map((u) => ({ targetingKey: u.id, country: u.country, plan: u.plan }));
  const { seqFlag, seqUser } = w;
  const mask = seqFlag.length - 1;
  const touch = (key: string, c: { targetingKey: string; country: string; plan: string }) =>
    key.length + c.targetingKey.length + c.country.length + c.plan.length === 0;
  return {
    single(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const i = (from + k) & mask;
        if (touch(keys[seqFlag[i]!]!, contexts[seqUser[i]!]!)) on++;
      }
      return on;
    },
    bulk(from, count) {
      let on = 0;
      for (let k = 0; k < count; k++) {
        const context = contexts[seqUser[(from + k) & mask]!]!;
        for (let j = 0; j < keys.length; j++) if (touch(keys[j]!, context)) on++;
      }
      return on;
    },
  };
}

export type EvaluatorBenchOptions = {
  reps: number;
  minMs: number;
  warmupMs: number;
  verifyPairs: number;
  verifyBulkUsers: number;
  /** only these competitors (names, case-insensitive prefixes); Keel always runs */
  only?: string[];
};

/** A rate: the median over the repetitions, per CPU second (the figure compared) and per wall-clock second. */
export type Rate = { perCpuSecond: number; perWallSecond: number; samplesPerCpuSecond: number[] };

export type ContenderResult = {
  name: string;
  api: string;
  bulkApi: string;
  setupMs: number;
  verification: Verification;
  notes: string[];
  /** single-flag evaluations (one flag, one user) */
  single: Rate & { nsPerEvaluation: number };
  /** users for whom all flags were evaluated */
  bulk: Rate & { flagEvaluationsPerCpuSecond: number; msPerUser: number };
};

export type EvaluatorBenchResult = {
  ok: boolean;
  workload: { seed: number; flags: number; users: number; rule: string; rolloutPercent: number; matchRate: number };
  options: EvaluatorBenchOptions;
  timing: string;
  harnessFloor: { single: Rate & { nsPerEvaluation: number }; bulk: Rate & { msPerUser: number } } | null;
  contenders: ContenderResult[];
  ratios: { single: Target & { against: string }; bulk: Target & { against: string } } | null;
  /** informational: the esbuild-bundled evaluator against the same fastest competitors */
  bundledRatios: { single: number; bulk: number } | null;
};

function rateOf(samples: Sample[]): Rate {
  return {
    perCpuSecond: Math.round(median(samples.map((s) => s.perCpuSecond))),
    perWallSecond: Math.round(median(samples.map((s) => s.perWallSecond))),
    samplesPerCpuSecond: samples.map((s) => Math.round(s.perCpuSecond)),
  };
}

export async function runEvaluatorBench(options: EvaluatorBenchOptions, log: (line: string) => void = console.log): Promise<EvaluatorBenchResult> {
  log("Part 1 — in-process evaluation: Keel vs GrowthBook, Unleash, flagd-core");
  const started = nowMs();
  const w = createWorkload();
  log(
    `  workload: ${w.flags.length} boolean flags (country in 5 of 8 AND plan in [pro, enterprise] → ${ROLLOUT_PERCENT} % on, else off), ` +
      `${w.users.length} users, seed ${w.seed}`,
  );

  const factories: [string, () => Contender | Promise<Contender>][] = [
    ["Keel", () => keel(w)],
    [KEEL_BUNDLED, () => keelBundled(w)],
    ["GrowthBook", () => growthBookClient(w)],
    ["GrowthBook (instance)", () => growthBookInstance(w)],
    ["Unleash", () => unleash(w)],
    ["flagd-core", () => flagd(w)],
  ];
  const wanted = (name: string) =>
    name === "Keel" || name === KEEL_BUNDLED || !options.only?.length || options.only.some((o) => name.toLowerCase().startsWith(o.toLowerCase()));
  const contenders: Contender[] = [];
  const setupMs = new Map<string, number>();
  try {
    for (const [name, make] of factories) {
      if (!wanted(name)) continue;
      const t = nowMs();
      contenders.push(await make());
      setupMs.set(name, nowMs() - t);
    }

    // 1. Do they all compute the same thing?
    const verifications = new Map<string, Verification>();
    for (const c of contenders) verifications.set(c.name, verify(c, w, options.verifyPairs, options.verifyBulkUsers));
    log("");
    log(`  equivalence check (${options.verifyPairs.toLocaleString("en")} random (user, flag) pairs; bulk vs single for ${options.verifyBulkUsers} users):`);
    log(
      indent(
        table([
          ["library", "match rate", "on among matching", "on outside rule", "bulk on-share", "bulk = single", "check"],
          ...contenders.map((c) => {
            const v = verifications.get(c.name)!;
            return [
              c.name,
              formatPercent(v.matchRate, 2),
              formatPercent(v.onShareOfMatching, 2),
              String(v.onOutsideRule),
              formatPercent(v.bulkOnShareOfMatching, 2),
              v.bulkMismatches === 0 ? "yes" : `${v.bulkMismatches} differ`,
              v.ok ? "ok" : "FAILED",
            ];
          }),
        ]),
      ),
    );
    const failed = contenders.filter((c) => !verifications.get(c.name)!.ok);
    for (const c of failed) log(`  ✗ ${c.name}: ${verifications.get(c.name)!.problems.join("; ")}`);
    const base = {
      workload: {
        seed: w.seed,
        flags: w.flags.length,
        users: w.users.length,
        rule: "country in [5 of US, GB, DE, FR, NL, SE, ES, BR] AND plan in [pro, enterprise] → 25 % rollout of on; otherwise off",
        rolloutPercent: ROLLOUT_PERCENT,
        matchRate: verifications.get("Keel")!.matchRate,
      },
      options,
      timing:
        "rates per CPU second of the benchmark process (process.cpuUsage: all threads, so GC work counts), median of the repetitions; " +
        "each repetition runs until minMs of CPU or 2 × minMs of wall time; wall-clock rates recorded alongside",
    };
    if (failed.length > 0) {
      log("\n  The libraries do not compute the same workload: no timings taken.");
      return {
        ok: false,
        ...base,
        harnessFloor: null,
        contenders: contenders.map((c) => ({
          name: c.name,
          api: c.api,
          bulkApi: c.bulkApi,
          setupMs: Math.round(setupMs.get(c.name)!),
          verification: verifications.get(c.name)!,
          notes: c.notes(),
          single: { perCpuSecond: NaN, perWallSecond: NaN, samplesPerCpuSecond: [], nsPerEvaluation: NaN },
          bulk: { perCpuSecond: NaN, perWallSecond: NaN, samplesPerCpuSecond: [], flagEvaluationsPerCpuSecond: NaN, msPerUser: NaN },
        })),
        ratios: null,
        bundledRatios: null,
      };
    }

    // 2. Warm-up, then round-robin repetitions (the first contender rotates), median reported.
    const SINGLE_BATCH = 5_000;
    const BULK_BATCH = 5;
    const floor = { name: "(harness floor)", ...harnessFloor(w) };
    const runners = [...contenders, floor];
    const sink = { on: 0 };
    const singleSamples = new Map<string, Sample[]>(runners.map((c) => [c.name, []]));
    const bulkSamples = new Map<string, Sample[]>(runners.map((c) => [c.name, []]));
    const cursors = new Map(runners.map((c) => [c.name, { single: { at: 0 }, bulk: { at: 0 } }]));
    log(`\n  warming up (${options.warmupMs} ms of CPU per library and mode)…`);
    for (const c of runners) {
      measure(c.single, cursors.get(c.name)!.single, SINGLE_BATCH, options.warmupMs, sink);
      measure(c.bulk, cursors.get(c.name)!.bulk, BULK_BATCH, options.warmupMs, sink);
    }
    log(`  measuring: ${options.reps} repetitions × ${options.minMs} ms of CPU (at most ${2 * options.minMs} ms wall) per library and mode, round-robin…`);
    for (let r = 0; r < options.reps; r++) {
      for (let k = 0; k < runners.length; k++) {
        const c = runners[(k + r) % runners.length]!;
        singleSamples.get(c.name)!.push(measure(c.single, cursors.get(c.name)!.single, SINGLE_BATCH, options.minMs, sink));
      }
      for (let k = 0; k < runners.length; k++) {
        const c = runners[(k + r) % runners.length]!;
        bulkSamples.get(c.name)!.push(measure(c.bulk, cursors.get(c.name)!.bulk, BULK_BATCH, options.minMs, sink));
      }
    }

    const results: ContenderResult[] = contenders.map((c) => {
      const single = rateOf(singleSamples.get(c.name)!);
      const bulk = rateOf(bulkSamples.get(c.name)!);
      return {
        name: c.name,
        api: c.api,
        bulkApi: c.bulkApi,
        setupMs: Math.round(setupMs.get(c.name)!),
        verification: verifications.get(c.name)!,
        notes: c.notes(),
        single: { ...single, nsPerEvaluation: 1e9 / single.perCpuSecond },
        bulk: { ...bulk, flagEvaluationsPerCpuSecond: bulk.perCpuSecond * w.flags.length, msPerUser: 1000 / bulk.perCpuSecond },
      };
    });
    const floorSingle = rateOf(singleSamples.get(floor.name)!);
    const floorBulk = rateOf(bulkSamples.get(floor.name)!);
    const harnessFloorResult = {
      single: { ...floorSingle, nsPerEvaluation: 1e9 / floorSingle.perCpuSecond },
      bulk: { ...floorBulk, msPerUser: 1000 / floorBulk.perCpuSecond },
    };

    const keelResult = results.find((r) => r.name === "Keel")!;
    const others = results.filter((r) => r.name !== "Keel" && r.name !== KEEL_BUNDLED);
    let ratios: EvaluatorBenchResult["ratios"] = null;
    let bundledRatios: EvaluatorBenchResult["bundledRatios"] = null;
    const bundled = results.find((r) => r.name === KEEL_BUNDLED);
    if (others.length > 0) {
      const fastestSingle = others.reduce((a, b) => (b.single.perCpuSecond > a.single.perCpuSecond ? b : a));
      const fastestBulk = others.reduce((a, b) => (b.bulk.perCpuSecond > a.bulk.perCpuSecond ? b : a));
      const singleRatio = keelResult.single.perCpuSecond / fastestSingle.single.perCpuSecond;
      const bulkRatio = keelResult.bulk.perCpuSecond / fastestBulk.bulk.perCpuSecond;
      ratios = {
        single: { name: `single: Keel / fastest competitor (${fastestSingle.name})`, value: singleRatio, target: "≥ 3×", met: singleRatio >= 3, against: fastestSingle.name },
        bulk: { name: `bulk: Keel / fastest competitor (${fastestBulk.name})`, value: bulkRatio, target: "≥ 5×", met: bulkRatio >= 5, against: fastestBulk.name },
      };
      if (bundled) {
        bundledRatios = {
          single: bundled.single.perCpuSecond / fastestSingle.single.perCpuSecond,
          bulk: bundled.bulk.perCpuSecond / fastestBulk.bulk.perCpuSecond,
        };
      }
    }

    log("");
    log(
      indent(
        table([
          ["library", "single evals/s", "ns/eval", "(wall evals/s)", "bulk users/s", "flag evals/s", "ms/user", "(wall users/s)", "vs Keel single", "vs Keel bulk"],
          ...results.map((r) => [
            r.name,
            formatRate(r.single.perCpuSecond),
            r.single.nsPerEvaluation.toFixed(0),
            formatRate(r.single.perWallSecond),
            formatRate(r.bulk.perCpuSecond),
            formatRate(r.bulk.flagEvaluationsPerCpuSecond),
            r.bulk.msPerUser.toFixed(3),
            formatRate(r.bulk.perWallSecond),
            formatRatio(keelResult.single.perCpuSecond / r.single.perCpuSecond),
            formatRatio(keelResult.bulk.perCpuSecond / r.bulk.perCpuSecond),
          ]),
          [
            "(harness floor)",
            formatRate(harnessFloorResult.single.perCpuSecond),
            harnessFloorResult.single.nsPerEvaluation.toFixed(0),
            formatRate(harnessFloorResult.single.perWallSecond),
            formatRate(harnessFloorResult.bulk.perCpuSecond),
            "",
            harnessFloorResult.bulk.msPerUser.toFixed(3),
            formatRate(harnessFloorResult.bulk.perWallSecond),
            "",
            "",
          ],
        ]),
      ),
    );
    log("  rates per CPU second of the benchmark process (median of the repetitions); wall-clock rates in parentheses.");
    log("  (harness floor) = the same loops only reading the flag key and the user's attributes: a cost included in every row.");
    log("  APIs measured:");
    for (const r of results) log(`    ${r.name}: ${r.api}; bulk: ${r.bulkApi}`);
    for (const r of results) for (const note of r.notes) log(`  note (${r.name}): ${note}`);
    log("");
    if (ratios) {
      log(`  ${targetLine(ratios.single)}`);
      log(`  ${targetLine(ratios.bulk)}`);
    } else log("  (no competitor selected: no ratios)");
    if (bundledRatios) {
      log(
        `  (informational: ${KEEL_BUNDLED} / the same competitors: ${formatRatio(bundledRatios.single)} single, ${formatRatio(bundledRatios.bulk)} bulk — ` +
          `what the evaluator does when it is not loaded file by file through tsx)`,
      );
    }
    log(`  (part 1 took ${((nowMs() - started) / 1000).toFixed(1)} s; sink ${sink.on})`);

    return { ok: true, ...base, harnessFloor: harnessFloorResult, contenders: results, ratios, bundledRatios };
  } finally {
    for (const c of contenders) await c.close();
  }
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
