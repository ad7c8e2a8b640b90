/**
 * What every app instance evaluates from: an in-memory copy of each environment's published
 * snapshot and of the active SDK keys. No database read on the hot path.
 *
 * How changes arrive: a loop polls the snapshot revisions (one small query) every
 * `pollIntervalMs` (250 ms by default) and loads and compiles a snapshot only when its revision
 * moved, so a published change is served within ~0.3 s and always within 1 s. The same loop
 * refreshes the active SDK keys, so a revoked key stops working within a second.
 * If the database is unreachable, the instance keeps serving the last snapshots it holds and
 * reports it in health() (GET /api/health).
 *
 * What was used, written every `usageFlushMs` (10 s) and on stop(), never on the hot path: each
 * SDK key's last use, and when each flag was last evaluated per environment (the Cleanup page's
 * "no evaluations for 30 days"). An evaluation only adds a mark to an in-memory set: the flag key
 * in its environment, or for a bulk evaluation just the environment, expanded to its snapshot's
 * flag keys at flush time. Marks are stamped with the flush's time, and a (flag, environment)
 * this instance wrote less than an hour ago is not written again, so hot flags cost no writes.
 */
import { compileSnapshot } from "../../core/evaluation";
import type { Snapshot } from "../../core/evaluation/snapshot-format";
import { createRateLimiter } from "../../core/rate-limit/token-bucket";
import type { Db } from "../../db/client";
import { findSnapshot, listSnapshotRevisions } from "../../db/snapshots";
import { listActiveSdkKeys, recordSdkKeysUsed, type ActiveSdkKey } from "../../db/sdk-keys";
import { recordFlagEvaluations, type FlagEvaluationMark } from "../../db/flag-activity";
import { recordEvents } from "../events/record-events";
import { listFlagChoices } from "../../db/flags";
import { uploadCodeReferences } from "../code-references/upload-code-references";
import { hashSdkKey } from "../sdk-keys/key-secret";
import type { AuthenticatedKey, EvaluationSource, LiveSnapshot, Resolution } from "../../http/service-http";

export type RuntimeHealth = {
  /** ok: synced within the last 5 s; stale: serving the last snapshots held (database unreachable) */
  status: "starting" | "ok" | "stale";
  database: "ok" | "unreachable";
  lastSyncedAt: string | null;
  lastError: string | null;
  environments: Record<string, number>;
};

export type EvaluationRuntime = EvaluationSource & {
  syncOnce(): Promise<void>;
  start(): void;
  stop(): Promise<void>;
  health(): RuntimeHealth;
  snapshotFor(environmentKey: string): LiveSnapshot | undefined;
  /** writes the SDK-key uses and flag evaluations marked since the last flush now (the timer does it every usageFlushMs) */
  flushUsage(): Promise<void>;
};

export type RuntimeOptions = {
  db: Db;
  pollIntervalMs?: number;
  /** requests per second per SDK key (0 = unlimited) */
  rateLimitPerSecond?: number;
  usageFlushMs?: number;
  now?: () => Date;
  /** hears which experiments each committed events batch changed (the guardrail monitor checks them at once) */
  afterEvents?: (experimentIds: string[]) => void;
};

export function createEvaluationRuntime(options: RuntimeOptions): EvaluationRuntime {
  const { db } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const usageFlushMs = options.usageFlushMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  const limiter = createRateLimiter({ perSecond: options.rateLimitPerSecond ?? 0 });

  const snapshots = new Map<string, LiveSnapshot>();
  let keysByHash = new Map<string, ActiveSdkKey>();
  let environmentIds = new Map<string, string>();
  const hashMemo = new Map<string, string>();
  const usedKeyIds = new Set<string>();
  /** environment key → flag keys evaluated one by one since the last flush */
  let evaluatedFlags = new Map<string, Set<string>>();
  /** environment keys served a bulk evaluation since the last flush */
  let bulkEvaluated = new Set<string>();
  /** "environment\0flag" → when this instance last wrote its evaluation (ms), kept for an hour */
  const activityWrittenAt = new Map<string, number>();
  let lastSyncedAt: Date | null = null;
  let lastError: string | null = null;
  let firstSync: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushTimer: ReturnType<typeof setInterval> | null = null;
  let running = false;

  async function syncOnce(): Promise<void> {
    try {
      const [revisions, keys] = await Promise.all([listSnapshotRevisions(db), listActiveSdkKeys(db)]);
      for (const { environmentId, environmentKey, revision } of revisions) {
        if (snapshots.get(environmentKey)?.revision === revision) continue;
        const row = await findSnapshot(db, environmentId);
        if (!row || row.payload === "") continue;
        const compiled = compileSnapshot(JSON.parse(row.payload) as Snapshot);
        snapshots.set(environmentKey, { environmentKey, revision: row.revision, payload: row.payload, etag: row.etag, compiled });
      }
      const present = new Set(revisions.map((r) => r.environmentKey));
      for (const key of snapshots.keys()) if (!present.has(key)) snapshots.delete(key);
      keysByHash = new Map(keys.map((k) => [k.keyHash, k]));
      environmentIds = new Map(revisions.map((r) => [r.environmentKey, r.environmentId]));
      lastSyncedAt = now();
      lastError = null;
    } catch (error) {
      lastError = describeError(error);
    }
  }

  function hashOf(secret: string): string {
    let hash = hashMemo.get(secret);
    if (hash === undefined) {
      if (hashMemo.size >= 10_000) hashMemo.clear();
      hash = hashSdkKey(secret);
      hashMemo.set(secret, hash);
    }
    return hash;
  }

  function resolveNow(secret: string | undefined, environmentKey?: string): Resolution {
    const key = secret ? keysByHash.get(hashOf(secret)) : undefined;
    if (!key) return { ok: false, status: 401, details: "This SDK key is unknown or has been revoked (Settings → SDK keys)." };
    if (environmentKey !== undefined && environmentKey !== key.environmentKey) {
      return { ok: false, status: 403, details: `This SDK key belongs to environment “${key.environmentKey}”, not “${environmentKey}”.` };
    }
    const snapshot = snapshots.get(key.environmentKey);
    if (!snapshot) return { ok: false, status: 503, details: `No snapshot of “${key.environmentKey}” is loaded yet; retry in a second.` };
    usedKeyIds.add(key.id);
    return { ok: true, key: { id: key.id, kind: key.kind, environmentKey: key.environmentKey }, snapshot };
  }

  async function flushUsage() {
    if (usedKeyIds.size === 0) return;
    const ids = [...usedKeyIds];
    usedKeyIds.clear();
    try {
      await recordSdkKeysUsed(db, ids, now());
    } catch {
      for (const id of ids) usedKeyIds.add(id); // the database is away: try again next time
    }
  }

  /** The hot path's part: one Set (and Map) lookup, no allocation once the environment's set exists. */
  function noteEvaluated(key: AuthenticatedKey, flagKey: string | null): void {
    if (flagKey === null) bulkEvaluated.add(key.environmentKey);
    else markEvaluated(key.environmentKey, flagKey);
  }

  function markEvaluated(environmentKey: string, flagKey: string): void {
    let flags = evaluatedFlags.get(environmentKey);
    if (flags === undefined) {
      flags = new Set();
      evaluatedFlags.set(environmentKey, flags);
    }
    flags.add(flagKey);
  }

  async function flushActivity() {
    if (evaluatedFlags.size === 0 && bulkEvaluated.size === 0) return;
    const singles = evaluatedFlags;
    const bulk = bulkEvaluated;
    evaluatedFlags = new Map();
    bulkEvaluated = new Set();
    const at = now();
    const atMs = at.getTime();
    for (const [id, writtenMs] of activityWrittenAt) if (atMs - writtenMs >= ACTIVITY_WRITE_INTERVAL_MS) activityWrittenAt.delete(id);
    const rows: FlagEvaluationMark[] = [];
    const ids: string[] = [];
    const mark = (environmentKey: string, flagKey: string) => {
      const id = `${environmentKey}\u0000${flagKey}`;
      if (activityWrittenAt.has(id)) return; // written within the hour (or just now, by the other set)
      activityWrittenAt.set(id, atMs);
      rows.push({ flagKey, environmentKey, at });
      ids.push(id);
    };
    for (const environmentKey of bulk) {
      const snapshot = snapshots.get(environmentKey);
      if (snapshot) for (const flagKey of snapshot.compiled.flagKeys) mark(environmentKey, flagKey);
    }
    for (const [environmentKey, flags] of singles) for (const flagKey of flags) mark(environmentKey, flagKey);
    if (rows.length === 0) return;
    try {
      await recordFlagEvaluations(db, rows);
    } catch {
      // the database is away: forget what was not written and keep the marks for next time
      for (const id of ids) activityWrittenAt.delete(id);
      for (const environmentKey of bulk) bulkEvaluated.add(environmentKey);
      for (const [environmentKey, flags] of singles) for (const flagKey of flags) markEvaluated(environmentKey, flagKey);
    }
  }

  function flushAll(): Promise<void> {
    return Promise.all([flushUsage(), flushActivity()]).then(() => undefined);
  }

  function loop() {
    timer = setTimeout(async () => {
      await syncOnce();
      if (running) loop();
    }, pollIntervalMs);
    timer.unref?.();
  }

  return {
    syncOnce,
    start() {
      if (running) return;
      running = true;
      firstSync ??= syncOnce();
      void firstSync.then(() => running && loop());
      flushTimer = setInterval(() => void flushAll(), usageFlushMs);
      flushTimer.unref?.();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (flushTimer) clearInterval(flushTimer);
      await flushAll();
    },
    flushUsage: flushAll,
    noteEvaluated,
    resolve(secret, environmentKey) {
      if (lastSyncedAt === null && firstSync) return firstSync.then(() => resolveNow(secret, environmentKey));
      return resolveNow(secret, environmentKey);
    },
    rateLimit(key: AuthenticatedKey) {
      return limiter.take(key.id, Date.now());
    },
    async recordEvents(key: AuthenticatedKey, body: unknown) {
      const environmentId = environmentIds.get(key.environmentKey);
      if (!environmentId) throw new Error(`Environment ${key.environmentKey} is not loaded`);
      return recordEvents(db, { id: environmentId, key: key.environmentKey }, body, now(), options.afterEvents);
    },
    uploadCodeReferences: (key: AuthenticatedKey, body: unknown) => uploadCodeReferences(db, key.id, body, now()),
    listFlagKeys: async () => (await listFlagChoices(db)).map((flag) => flag.key),
    snapshotFor: (environmentKey) => snapshots.get(environmentKey),
    health() {
      const fresh = lastSyncedAt !== null && now().getTime() - lastSyncedAt.getTime() < 5_000;
      return {
        status: lastSyncedAt === null ? "starting" : fresh ? "ok" : "stale",
        database: lastError === null ? "ok" : "unreachable",
        lastSyncedAt: lastSyncedAt?.toISOString() ?? null,
        lastError,
        environments: Object.fromEntries([...snapshots.values()].map((s) => [s.environmentKey, s.revision])),
      };
    },
  };
}

/** A (flag, environment) is written at most once an hour: "not evaluated for 30 days" needs no finer grain. */
const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;

/** One line for the health report, even for errors without a message (a refused connection is an AggregateError with none). */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message.split("\n")[0] || (typeof code === "string" ? code : "") || error.name || "database error";
  }
  return String(error) || "database error";
}
