/**
 * `npm run keel -- simulate --env <environment> --experiment <key> --users <n> --lift <x> [...]`:
 * simulated traffic for a running experiment, through the same HTTP APIs services use, so a demo
 * (or a check of the analysis) has real exposures and metric events:
 *   1. every simulated user (targetingKey sim-<seed>-<i>) is evaluated through OFREP;
 *   2. a user the answer puts in the experiment gets an exposure event and, per metric of the
 *      experiment, metric events whose true effect in the non-control variations is --lift
 *      (server/core/measurement/simulated-traffic.ts), sent to POST /api/v1/events in batches.
 * Event ids depend only on the seed, the user and the event's index: a rerun with the same seed
 * is reported back as duplicates and counts nothing twice. --imbalance drops that share of the
 * variants' users (exposure and events) to demo a sample ratio mismatch.
 */
import { parseArgs } from "node:util";
import { exposureFor } from "../core/events/exposure";
import type { EvaluationResult } from "../core/evaluation/result";
import { AppError, fieldError, type FieldErrors } from "../core/errors";
import { planMetrics, simulatedUnitId, simulateUnit } from "../core/measurement/simulated-traffic";
import { findSimulationExperiment, type SimulationExperiment } from "../db/simulation";
import type { ServiceContext } from "../services/context";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { revokeSdkKey } from "../services/sdk-keys/revoke-sdk-key";

export type SimulateOptions = {
  env?: string;
  experiment?: string;
  users?: string;
  lift?: string;
  url?: string;
  key?: string;
  imbalance?: string;
  errorFactor?: string;
  concurrency?: string;
  seed?: string;
};

/** The command's options as parseArgs (node:util) takes them. */
const SIMULATE_OPTIONS = {
  env: { type: "string" },
  experiment: { type: "string" },
  users: { type: "string" },
  lift: { type: "string" },
  url: { type: "string" },
  key: { type: "string" },
  imbalance: { type: "string" },
  "error-factor": { type: "string" },
  concurrency: { type: "string" },
  seed: { type: "string" },
} as const;

/**
 * The command line after `simulate`. A negative number is taken as an option's value
 * (`--lift -0.05`), which parseArgs alone would refuse as a missing argument.
 */
export function parseSimulateArgs(args: readonly string[]): SimulateOptions {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (/^--[a-z]+$/.test(arg) && Object.hasOwn(SIMULATE_OPTIONS, arg.slice(2)) && value !== undefined && /^-(\d|\.\d)/.test(value)) {
      joined.push(`${arg}=${value}`);
      i += 1;
    } else {
      joined.push(arg);
    }
  }
  const { "error-factor": errorFactor, ...values } = parseArgs({ args: joined, options: SIMULATE_OPTIONS }).values;
  return { ...values, errorFactor };
}

export const MAX_SIMULATED_USERS = 10_000_000;
/** events per POST /api/v1/events (the API takes up to 1,000) */
export const EVENTS_PER_BATCH = 500;
/** a new key reaches the app's in-memory key store within ~250 ms; 401s are retried this long */
const NEW_KEY_GRACE_MS = 5_000;
const MAX_ATTEMPTS = 8;
const REQUEST_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 2_000;
/** exposures are stamped this long before the evaluation, so every metric event (≤ 1 s after it) lies in the past */
const EXPOSURE_LAG_MS = 2_000;
/** batches waiting to be sent before the evaluations wait for them */
const MAX_QUEUED_BATCHES = 8;

type Settings = {
  env: string;
  experimentKey: string;
  users: number;
  lift: number;
  url: string;
  key: string | null;
  imbalance: number;
  errorFactor: number;
  concurrency: number;
  seed: number;
};

type Io = { progress(line: string): void; env: Record<string, string | undefined> };

const defaultIo: Io = { progress: (line) => console.error(line), env: process.env };

function parseSettings(raw: SimulateOptions, env: Io["env"]): Settings {
  const errors: FieldErrors = {};
  const refuse = (field: string, message: string) => (errors[field] = [message]);
  const number = (value: string | undefined) => (value === undefined || value.trim() === "" ? NaN : Number(value.replace(/[_,]/g, "")));
  const text = (value: string | undefined) => value?.trim() ?? "";

  const experimentKey = text(raw.experiment);
  if (!experimentKey) refuse("experiment", "Give the key of a running experiment, e.g. --experiment checkout-test.");
  const environment = text(raw.env);
  if (!environment) refuse("env", "Give the environment the experiment runs in, e.g. --env staging.");
  const users = number(raw.users);
  if (!Number.isInteger(users) || users < 1 || users > MAX_SIMULATED_USERS) {
    refuse("users", `Give the number of simulated users: a whole number from 1 to ${MAX_SIMULATED_USERS.toLocaleString("en-US")} (e.g. --users 50000).`);
  }
  const lift = number(raw.lift);
  if (!Number.isFinite(lift) || lift <= -1) {
    refuse("lift", "Give the true effect in the variants as a number greater than -1: the relative change over control (0.05 = 5 % better, -0.05 = 5 % worse).");
  }
  const imbalance = raw.imbalance === undefined ? 0 : number(raw.imbalance);
  if (!Number.isFinite(imbalance) || imbalance < 0 || imbalance >= 1) {
    refuse("imbalance", "Give the share of the variants' users to drop as a number from 0 up to (not including) 1, e.g. --imbalance 0.01.");
  }
  const errorFactor = raw.errorFactor === undefined ? 1 : number(raw.errorFactor);
  if (!Number.isFinite(errorFactor) || errorFactor < 0 || errorFactor > 50) {
    refuse("errorFactor", "Give the factor on the variants' error rates as a number from 0 to 50, e.g. --error-factor 3 for three times control's.");
  }
  const concurrency = raw.concurrency === undefined ? 16 : number(raw.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    refuse("concurrency", "Give the number of evaluations in flight: a whole number from 1 to 256 (default 16).");
  }
  const seed = raw.seed === undefined ? 1 : number(raw.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    refuse("seed", "Give the seed as a whole number from 0 to 4294967295 (default 1); the same seed gives the same users and events.");
  }
  const url = text(raw.url) || env.KEEL_URL?.trim() || "http://localhost:3000";
  if (!/^https?:\/\/[^/\s]+/i.test(url) || !URL.canParse(url)) {
    refuse("url", `“${url}” is not the address of a running Keel; give one such as --url http://localhost:3000 (or set KEEL_URL).`);
  }
  if (Object.keys(errors).length > 0) {
    throw new AppError("BAD_INPUT", Object.values(errors).map((m) => m[0]).join(" "), errors);
  }
  return {
    env: environment,
    experimentKey,
    users,
    lift,
    url: url.replace(/\/+$/, ""),
    key: text(raw.key) || env.KEEL_SDK_KEY?.trim() || null,
    imbalance,
    errorFactor,
    concurrency,
    seed,
  };
}

async function loadExperiment(ctx: Pick<ServiceContext, "db">, settings: Settings): Promise<SimulationExperiment & { startedAt: Date }> {
  const experiment = await findSimulationExperiment(ctx.db, settings.experimentKey);
  if (!experiment) throw fieldError("experiment", `Experiment “${settings.experimentKey}” does not exist.`);
  if (experiment.state !== "running" || !experiment.startedAt) {
    throw fieldError(
      "experiment",
      `Experiment “${experiment.key}” is ${experiment.state.replace(/_/g, " ")}, not running: it must be launched first (from its page) before it takes traffic.`,
    );
  }
  if (experiment.environmentKey !== settings.env) {
    throw fieldError("env", `Experiment “${experiment.key}” runs in “${experiment.environmentKey}”, not “${settings.env}”: use --env ${experiment.environmentKey}.`);
  }
  return { ...experiment, startedAt: experiment.startedAt };
}

/** A refusal or failure of the HTTP APIs: the command stops with exit code 1 and this message. */
export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SimulationError";
  }
}

type Answer = { status: number; body: Record<string, unknown> | null; retryAfterMs: number | null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs JSON, retrying what a later attempt can fix: network errors, 5xx, 429 (after its
 * Retry-After) and, while a key just created is reaching the app, 401. Same body every time, so
 * a retried event batch keeps its ids.
 */
async function post(url: string, key: string, body: string, keyReadyAt: number): Promise<Answer> {
  let lastProblem = "";
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let answer: Answer | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      let parsed: Record<string, unknown> | null = null;
      try {
        const value = text ? (JSON.parse(text) as unknown) : null;
        parsed = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
      } catch {
        parsed = null;
      }
      const retryAfter = Number(response.headers.get("retry-after"));
      answer = { status: response.status, body: parsed, retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null };
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      lastProblem = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    }
    if (answer) {
      const retryable = answer.status >= 500 || answer.status === 429 || (answer.status === 401 && Date.now() < keyReadyAt);
      if (!retryable) return answer;
      lastProblem = `HTTP ${answer.status}: ${details(answer)}`;
    }
    if (attempt < MAX_ATTEMPTS) {
      const backoff = Math.min(5_000, 200 * 2 ** (attempt - 1));
      await sleep(answer?.retryAfterMs ?? backoff);
    }
  }
  throw new SimulationError(`POST ${url} failed ${MAX_ATTEMPTS} times; last: ${lastProblem}. Is Keel running at that address?`);
}

function details(answer: Answer): string {
  const d = answer.body?.errorDetails;
  return typeof d === "string" ? d : answer.body ? JSON.stringify(answer.body) : "(no body)";
}

function isEvaluation(body: Record<string, unknown> | null): body is EvaluationResult & Record<string, unknown> {
  const metadata = body?.metadata;
  return typeof body?.variant === "string" && typeof metadata === "object" && metadata !== null;
}

type IntakeTotals = { accepted: number; duplicates: number; notCollecting: number; unattributed: number };

/** Sends event batches one at a time, in order (a user's exposure and events always share a batch). */
class EventSender {
  private pending: object[] = [];
  private chain: Promise<void> = Promise.resolve();
  private queued = 0;
  failure: Error | null = null;
  sent = 0;
  readonly totals: IntakeTotals = { accepted: 0, duplicates: 0, notCollecting: 0, unattributed: 0 };
  readonly warnings: string[] = [];

  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly keyReadyAt: number,
  ) {}

  /** One user's exposure and events: kept in one batch so the exposure is never stored after its events. */
  add(events: object[]) {
    if (this.pending.length + events.length > EVENTS_PER_BATCH) this.flush();
    for (let i = 0; i < events.length; i += EVENTS_PER_BATCH) {
      this.pending.push(...events.slice(i, i + EVENTS_PER_BATCH));
      if (this.pending.length >= EVENTS_PER_BATCH) this.flush();
    }
  }

  flush() {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.queued += 1;
    this.chain = this.chain
      .then(() => (this.failure ? undefined : this.send(batch)))
      .catch((error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
      })
      .finally(() => {
        this.queued -= 1;
      });
  }

  /** Waits while too many batches are waiting (the database is slower than the evaluations). */
  async backpressure() {
    while (this.queued > MAX_QUEUED_BATCHES && !this.failure) await this.chain;
  }

  async drain() {
    this.flush();
    await this.chain;
  }

  private async send(batch: object[]) {
    const answer = await post(`${this.url}/api/v1/events`, this.key, JSON.stringify({ events: batch }), this.keyReadyAt);
    if (answer.status !== 200 || !answer.body) {
      const field = typeof answer.body?.field === "string" ? ` (${answer.body.field})` : "";
      throw new SimulationError(`POST /api/v1/events answered ${answer.status}${field}: ${details(answer)}`);
    }
    const report = answer.body as { accepted?: number; duplicates?: number; exposures?: { notCollecting?: number }; metricEvents?: { unattributed?: number }; warnings?: unknown };
    this.sent += batch.length;
    this.totals.accepted += report.accepted ?? 0;
    this.totals.duplicates += report.duplicates ?? 0;
    this.totals.notCollecting += report.exposures?.notCollecting ?? 0;
    this.totals.unattributed += report.metricEvents?.unattributed ?? 0;
    if (Array.isArray(report.warnings) && this.warnings.length < 3) {
      for (const w of report.warnings) if (typeof w === "string" && this.warnings.length < 3) this.warnings.push(w);
    }
  }
}

export type SimulationSummary = {
  users: number;
  inExperiment: number;
  exposedByVariation: Record<string, number>;
  droppedByImbalance: number;
  eventsSent: number;
  exposuresSent: number;
  metricEventsSent: number;
  duplicates: number;
  notCollecting: number;
  unattributed: number;
  elapsedSeconds: number;
  /** the summary as printed on stdout */
  lines: string[];
};

/** Runs the simulation; returns the summary (its `lines` go to stdout). Progress goes to `io.progress`. */
export async function simulateTraffic(ctx: ServiceContext, raw: SimulateOptions, io: Io = defaultIo): Promise<SimulationSummary> {
  const settings = parseSettings(raw, io.env);
  const experiment = await loadExperiment(ctx, settings);
  const plan = planMetrics(experiment.metrics);
  for (const skipped of plan.skipped) io.progress(`Metric “${skipped.key}” gets no simulated events: ${skipped.reason}.`);
  if (plan.simulated.length === 0) io.progress(`Experiment “${experiment.key}” has no metric to simulate: only exposures are sent.`);

  let key = settings.key;
  let keyReadyAt = 0;
  let createdKeyId: string | null = null;
  if (key === null) {
    const created = await createSdkKey(ctx, { environmentKey: settings.env, kind: "server", name: "traffic simulator" });
    key = created.secret;
    createdKeyId = created.key.id;
    keyReadyAt = Date.now() + NEW_KEY_GRACE_MS;
    io.progress(`Created server key ${created.key.keyPrefix} “traffic simulator” for ${settings.env}; it is revoked when the run ends (pass --key or KEEL_SDK_KEY to use your own).`);
  }
  try {
    return await run(settings, experiment, plan.simulated, key, keyReadyAt, io);
  } finally {
    if (createdKeyId) await revokeSdkKey(ctx, { id: createdKeyId }).catch(() => undefined);
  }
}

async function run(
  settings: Settings,
  experiment: SimulationExperiment & { startedAt: Date },
  metrics: ReturnType<typeof planMetrics>["simulated"],
  key: string,
  keyReadyAt: number,
  io: Io,
): Promise<SimulationSummary> {
  const started = Date.now();
  const evaluateUrl = `${settings.url}/ofrep/v1/evaluate/flags/${encodeURIComponent(experiment.flagKey)}`;
  const sender = new EventSender(settings.url, key, keyReadyAt);
  const exposed: Record<string, number> = Object.fromEntries(experiment.variations.map((v) => [v, 0]));
  let evaluated = 0;
  let inExperiment = 0;
  let dropped = 0;
  let exposuresSent = 0;
  let metricEvents = 0;
  let failure: Error | null = null;
  let next = 0;

  io.progress(
    `Simulating ${settings.users.toLocaleString("en-US")} users of experiment “${experiment.key}” (flag ${experiment.flagKey}, ${settings.env}) at ${settings.url}; ` +
      `metrics: ${metrics.map((m) => `${m.key} (${m.kind})`).join(", ") || "none"}.`,
  );
  const progress = setInterval(() => {
    io.progress(`… ${evaluated.toLocaleString("en-US")}/${settings.users.toLocaleString("en-US")} users evaluated, ${inExperiment.toLocaleString("en-US")} in the experiment, ${sender.sent.toLocaleString("en-US")} events sent`);
  }, PROGRESS_EVERY_MS);
  progress.unref?.();

  const evaluate = async (index: number) => {
    const unitId = simulatedUnitId(settings.seed, index);
    const context = { targetingKey: unitId };
    const answer = await post(evaluateUrl, key, JSON.stringify({ context }), keyReadyAt);
    if (answer.status !== 200 || !isEvaluation(answer.body)) {
      throw new SimulationError(`OFREP evaluation of flag “${experiment.flagKey}” answered ${answer.status}: ${details(answer)}`);
    }
    evaluated += 1;
    const result = answer.body;
    if (!result.metadata.inExperiment || result.metadata.experimentKey !== experiment.key) return;
    if (!experiment.variations.includes(result.variant)) {
      throw new SimulationError(`OFREP served variation “${result.variant}”, which is not in experiment “${experiment.key}” (${experiment.variations.join(", ")}).`);
    }
    inExperiment += 1;
    const exposedAt = new Date(Math.max(experiment.startedAt.getTime() + 1, Date.now() - EXPOSURE_LAG_MS));
    const unit = simulateUnit({
      seed: settings.seed,
      index,
      experimentKey: experiment.key,
      isControl: result.variant === experiment.controlVariation,
      lift: settings.lift,
      imbalance: settings.imbalance,
      errorFactor: settings.errorFactor,
      baselineRate: experiment.baselineRate,
      metrics,
      exposedAtMs: exposedAt.getTime(),
    });
    if (unit.dropped) {
      dropped += 1;
      return;
    }
    const exposure = exposureFor({ ...result, key: experiment.flagKey }, context, settings.env, exposedAt);
    if (!exposure) return;
    exposed[result.variant] = (exposed[result.variant] ?? 0) + 1;
    exposuresSent += 1;
    metricEvents += unit.events.length;
    sender.add([exposure, ...unit.events]);
    await sender.backpressure();
  };

  const worker = async () => {
    while (!failure && !sender.failure) {
      const index = next++;
      if (index >= settings.users) return;
      try {
        await evaluate(index);
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(settings.concurrency, settings.users) }, worker));
    if (!failure) await sender.drain();
  } finally {
    clearInterval(progress);
  }
  const problem = failure ?? sender.failure;
  if (problem) {
    io.progress(
      `Stopped after ${evaluated.toLocaleString("en-US")} users evaluated and ${sender.sent.toLocaleString("en-US")} events sent (a rerun with --seed ${settings.seed} sends the same events; the API counts each once).`,
    );
    throw problem;
  }
  for (const warning of sender.warnings) io.progress(`API warning: ${warning}`);

  const elapsedSeconds = Math.round((Date.now() - started) / 100) / 10;
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    `users             ${n(settings.users)}`,
    `in experiment     ${n(inExperiment)}${dropped ? ` (${n(dropped)} dropped by --imbalance ${settings.imbalance})` : ""}`,
    ...experiment.variations.map((v) => `exposed ${v.padEnd(9)} ${n(exposed[v] ?? 0)}${v === experiment.controlVariation ? " (control)" : ""}`),
    `events sent       ${n(sender.sent)} (${n(exposuresSent)} exposures, ${n(metricEvents)} metric events)`,
    `duplicates        ${n(sender.totals.duplicates)}${sender.totals.duplicates ? " (already stored by an earlier run with this seed: not counted again)" : ""}`,
    ...(sender.totals.notCollecting || sender.totals.unattributed
      ? [`not counted       ${n(sender.totals.notCollecting)} exposures, ${n(sender.totals.unattributed)} metric events (see the API warnings above)`]
      : []),
    `elapsed           ${elapsedSeconds} s`,
  ];
  return {
    users: settings.users,
    inExperiment,
    exposedByVariation: exposed,
    droppedByImbalance: dropped,
    eventsSent: sender.sent,
    exposuresSent,
    metricEventsSent: metricEvents,
    duplicates: sender.totals.duplicates,
    notCollecting: sender.totals.notCollecting,
    unattributed: sender.totals.unattributed,
    elapsedSeconds,
    lines,
  };
}
