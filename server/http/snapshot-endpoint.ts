/**
 * GET /api/v1/snapshots/{environmentKey}: the environment's published snapshot ("keel-snapshot/1",
 * server/core/evaluation/README.md), for SDKs that evaluate locally, the standalone evaluator and
 * the edge route. ETag / If-None-Match → 304. Client keys are public, so their answer may be held
 * by a CDN (`public, s-maxage`); server keys get a private answer that shared caches must not keep.
 */
import { authorise } from "./authorise";
import { SERVICE_HEADERS, etagMatches, json, presentedKey, type ServiceRequest, type ServiceResponse, type EvaluationSource } from "./service-http";

/** A CDN may serve a client snapshot up to CDN_MAX_AGE + CDN_STALE seconds old (documented in the README). */
export const CDN_MAX_AGE_SECONDS = 1;
export const CDN_STALE_SECONDS = 10;

export async function getSnapshot(source: EvaluationSource, request: ServiceRequest, environmentKey: string): Promise<ServiceResponse> {
  const auth = await authorise(source, presentedKey(request), environmentKey);
  if (!auth.ok) return auth.response;
  const cacheControl =
    auth.key.kind === "client"
      ? `public, max-age=0, s-maxage=${CDN_MAX_AGE_SECONDS}, stale-while-revalidate=${CDN_STALE_SECONDS}`
      : "private, no-cache";
  const headers = { ...SERVICE_HEADERS, etag: auth.snapshot.etag, "cache-control": cacheControl, vary: "Authorization, X-API-Key" };
  if (etagMatches(request.header("if-none-match"), auth.snapshot.etag)) return { status: 304, headers, body: "" };
  return { status: 200, headers: { ...headers, "content-type": "application/json; charset=utf-8" }, body: auth.snapshot.payload };
}

export function methodNotAllowed(allowed: string): ServiceResponse {
  return json(405, { errorDetails: `Use ${allowed} on this endpoint.` }, { allow: allowed });
}
