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
 */
import { compileSnapshot } from "../../core/evaluation";
import type { Snapshot } from "../../core/evaluation/snapshot-format";
import { createRateLimiter } from "../../core/rate-limit/token-bucket";
import type { Db } from "../../db/client";
import { findSnapshot, listSnapshotRevisions } from "../../db/snapshots";
import { listActiveSdkKeys, recordSdkKeysUsed, type ActiveSdkKey } from "../../db/sdk-keys";
import { recordEvents } from "../events/record-events";
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
      flushTimer = setInterval(() => void flushUsage(), usageFlushMs);
      flushTimer.unref?.();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (flushTimer) clearInterval(flushTimer);
      await flushUsage();
    },
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

/** One line for the health report, even for errors without a message (a refused connection is an AggregateError with none). */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return error.message.split("\n")[0] || (typeof code === "string" ? code : "") || error.name || "database error";
  }
  return String(error) || "database error";
}
