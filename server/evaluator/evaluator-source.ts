/**
 * The standalone evaluator's source of keys and snapshots: like LaunchDarkly's relay, it is
 * configured with an SDK key of one environment; it polls Keel's snapshot endpoint with that key
 * (ETag, so an unchanged snapshot costs a 304) and services call it with the same key.
 * If Keel is unreachable it keeps serving the last good snapshot; if Keel revokes the key, it stops.
 */
import { sdkKeyKindOf } from "../core/sdk-keys/sdk-key";
import { createRateLimiter } from "../core/rate-limit/token-bucket";
import { createRemoteSnapshotSync } from "../http/remote-snapshot";
import type { EvaluationSource, Resolution } from "../http/service-http";

export type EvaluatorOptions = {
  keelUrl: string;
  environmentKey: string;
  secret: string;
  pollIntervalMs: number;
  rateLimitPerSecond: number;
  fetch?: typeof fetch;
};

export type EvaluatorSource = EvaluationSource & {
  start(): Promise<void>;
  stop(): void;
  health(): { status: "starting" | "ok" | "stale" | "refused"; keel: string; revision: number | null; lastSyncedAt: string | null; lastError: string | null };
};

export function createEvaluatorSource(options: EvaluatorOptions): EvaluatorSource {
  const sync = createRemoteSnapshotSync({ keelUrl: options.keelUrl, environmentKey: options.environmentKey, secret: options.secret, fetch: options.fetch });
  const limiter = createRateLimiter({ perSecond: options.rateLimitPerSecond });
  const key = { id: "configured-key", kind: sdkKeyKindOf(options.secret) ?? "server", environmentKey: options.environmentKey } as const;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;

  function loop() {
    timer = setTimeout(async () => {
      await sync.refresh();
      if (running) loop();
    }, options.pollIntervalMs);
  }

  return {
    async start() {
      running = true;
      await sync.refresh();
      loop();
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
    },
    resolve(secret, environmentKey): Resolution {
      if (!secret || !sameSecret(secret, options.secret)) {
        return { ok: false, status: 401, details: "This evaluator only accepts the SDK key it is configured with (KEEL_SERVER_KEY)." };
      }
      if (environmentKey !== undefined && environmentKey !== options.environmentKey) {
        return { ok: false, status: 403, details: `This evaluator serves environment “${options.environmentKey}”, not “${environmentKey}”.` };
      }
      const refused = sync.status().refused;
      if (refused) return { ok: false, status: refused.status, details: `Keel refused this key: ${refused.details}` };
      const snapshot = sync.current();
      if (!snapshot) return { ok: false, status: 503, details: "The evaluator has not loaded a snapshot from Keel yet; retry in a second." };
      return { ok: true, key, snapshot };
    },
    rateLimit: () => limiter.take(key.id, Date.now()),
    health() {
      const status = sync.status();
      const snapshot = sync.current();
      const fresh = status.lastSyncedAt !== null && Date.now() - status.lastSyncedAt.getTime() < Math.max(5_000, options.pollIntervalMs * 5);
      return {
        status: status.refused ? "refused" : !snapshot ? "starting" : fresh ? "ok" : "stale",
        keel: status.lastError === null ? "ok" : "unreachable",
        revision: snapshot?.revision ?? null,
        lastSyncedAt: status.lastSyncedAt?.toISOString() ?? null,
        lastError: status.lastError,
      };
    },
  };
}

/** Compares without stopping at the first difference, so timing does not reveal the key. */
function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
