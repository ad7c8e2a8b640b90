/**
 * A snapshot kept in sync with a Keel server over HTTP: conditional GETs of
 * /api/v1/snapshots/{environment} with the SDK key and If-None-Match (304 when nothing changed).
 * Used by the standalone evaluator (polling) and the edge route (refresh on use). If Keel is
 * unreachable or answers 5xx, the last good snapshot keeps being served; if Keel refuses the key
 * (401/403: revoked), the snapshot is dropped. No Node built-ins: runs on the edge runtime.
 */
import { compileSnapshot } from "../core/evaluation";
import { snapshotSchema } from "../core/evaluation/snapshot-format";
import type { LiveSnapshot } from "./service-http";

export type RemoteSyncStatus = {
  lastSyncedAt: Date | null;
  lastError: string | null;
  /** Keel refused the key (401/403) at the last sync */
  refused: { status: 401 | 403; details: string } | null;
};

export type RemoteSnapshotSync = {
  refresh(): Promise<void>;
  current(): LiveSnapshot | undefined;
  status(): RemoteSyncStatus;
};

export function createRemoteSnapshotSync(options: {
  keelUrl: string;
  environmentKey: string;
  secret: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}): RemoteSnapshotSync {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const url = `${options.keelUrl.replace(/\/+$/, "")}/api/v1/snapshots/${encodeURIComponent(options.environmentKey)}`;
  let snapshot: LiveSnapshot | undefined;
  const status: RemoteSyncStatus = { lastSyncedAt: null, lastError: null, refused: null };
  let inFlight: Promise<void> | null = null;

  async function fetchOnce(): Promise<void> {
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${options.secret}`, accept: "application/json" };
      if (snapshot) headers["if-none-match"] = snapshot.etag;
      const response = await doFetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 5_000), cache: "no-store" });
      if (response.status === 304) {
        await response.body?.cancel();
      } else if (response.status === 401 || response.status === 403) {
        const body = (await response.json().catch(() => ({}))) as { errorDetails?: string };
        status.refused = { status: response.status, details: body.errorDetails ?? "Keel refused this SDK key." };
        snapshot = undefined;
        return;
      } else if (response.ok) {
        const payload = await response.text();
        const parsed = snapshotSchema.parse(JSON.parse(payload));
        snapshot = {
          environmentKey: parsed.environment.key,
          revision: parsed.revision,
          payload,
          etag: response.headers.get("etag") ?? `"r${parsed.revision}"`,
          compiled: compileSnapshot(parsed),
        };
      } else {
        throw new Error(`Keel answered ${response.status} for ${url}`);
      }
      status.refused = null;
      status.lastError = null;
      status.lastSyncedAt = now();
    } catch (error) {
      status.lastError = (error instanceof Error ? error.message || error.name : String(error)) || "Keel did not answer";
    }
  }

  return {
    refresh() {
      inFlight ??= fetchOnce().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    current: () => snapshot,
    status: () => ({ ...status }),
  };
}
