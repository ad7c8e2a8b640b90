import { json, type Answer, type AuthenticatedKey, type EvaluationSource, type LiveSnapshot, type Resolution, type ServiceResponse } from "./service-http";

export type Authorised = { ok: true; key: AuthenticatedKey; snapshot: LiveSnapshot } | { ok: false; response: ServiceResponse };

/**
 * Resolves the presented SDK key to its environment's snapshot, then applies the per-key rate
 * limit. Synchronous when the source answers from memory (the hot path), a promise when it waits.
 */
export function authorise(source: EvaluationSource, secret: string | undefined, environmentKey?: string): Answer<Authorised> {
  if (!secret) {
    return {
      ok: false,
      response: json(401, { errorDetails: "Send an SDK key as `Authorization: Bearer <key>` or `X-API-Key: <key>` (Settings → SDK keys)." }),
    };
  }
  const resolution = source.resolve(secret, environmentKey);
  return resolution instanceof Promise ? resolution.then((resolved) => admit(source, resolved)) : admit(source, resolution);
}

function admit(source: EvaluationSource, resolution: Resolution): Authorised {
  if (!resolution.ok) {
    const headers: Record<string, string> = resolution.status === 503 ? { "retry-after": "1" } : {};
    return { ok: false, response: json(resolution.status, { errorDetails: resolution.details }, headers) };
  }
  const verdict = source.rateLimit?.(resolution.key);
  if (verdict && !verdict.allowed) {
    return {
      ok: false,
      response: json(
        429,
        { errorDetails: `Too many requests for this SDK key; retry after ${verdict.retryAfterSeconds} s.` },
        { "retry-after": String(verdict.retryAfterSeconds) },
      ),
    };
  }
  return resolution;
}
