/**
 * The edge route's source: no database. On the first request with a key it fetches the
 * environment's snapshot from Keel's snapshot endpoint (KEEL_SNAPSHOT_ORIGIN, else the origin of
 * the request, so it works behind the same host) and keeps it in the isolate's memory, re-checking
 * it with If-None-Match at most once a second. Keel checks the key on every such fetch, so a
 * revoked key stops working within a second. Staleness bound: 1 s here, plus the CDN's
 * s-maxage + stale-while-revalidate if a CDN sits in front of the snapshot endpoint.
 */
import { sdkKeyKindOf } from "../core/sdk-keys/sdk-key";
import { createRemoteSnapshotSync, type RemoteSnapshotSync } from "./remote-snapshot";
import { serveFetchRequest } from "./fetch-mount";
import { decodeURIComponentSafe, type EvaluationSource, type Resolution } from "./service-http";

export const EDGE_REFRESH_MS = 1_000;
const MAX_CACHED_KEYS = 1_000;
const cache = new Map<string, { sync: RemoteSnapshotSync; checkedAt: number }>();

export function edgeSource(keelUrl: string, environmentKey: string): EvaluationSource {
  return {
    async resolve(secret): Promise<Resolution> {
      if (!secret) return { ok: false, status: 401, details: "Send an SDK key." };
      const id = `${environmentKey}\n${secret}`;
      let entry = cache.get(id);
      if (!entry) {
        if (cache.size >= MAX_CACHED_KEYS) cache.clear();
        entry = { sync: createRemoteSnapshotSync({ keelUrl, environmentKey, secret }), checkedAt: 0 };
        cache.set(id, entry);
      }
      if (Date.now() - entry.checkedAt >= EDGE_REFRESH_MS) {
        entry.checkedAt = Date.now();
        await entry.sync.refresh();
      }
      const { refused, lastError } = entry.sync.status();
      if (refused) {
        cache.delete(id);
        return { ok: false, status: refused.status, details: refused.details };
      }
      const snapshot = entry.sync.current();
      if (!snapshot) {
        cache.delete(id);
        return { ok: false, status: 503, details: `The edge could not load the ${environmentKey} snapshot from Keel (${lastError ?? "no answer"}); retry shortly.` };
      }
      return { ok: true, key: { id: "edge", kind: sdkKeyKindOf(secret) ?? "server", environmentKey }, snapshot };
    },
  };
}

const EDGE_PREFIX = /^\/api\/v1\/edge\/([^/]+)(\/ofrep\/.*)$/;

/** The edge route handler: /api/v1/edge/{environment}/ofrep/v1/… answered as /ofrep/v1/… for that environment. */
export function handleEdgeRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [, environment = "", path = ""] = EDGE_PREFIX.exec(url.pathname) ?? [];
  const origin = process.env.KEEL_SNAPSHOT_ORIGIN || url.origin;
  return serveFetchRequest(edgeSource(origin, decodeURIComponentSafe(environment)), request, path);
}
