/**
 * The framework-free shape of Keel's service-facing HTTP APIs (OFREP, snapshots). One
 * implementation, two mounts: server/start.ts answers these paths from a bare node:http server
 * before Next's router (the fast path), and app/ route handlers mount the same handlers for
 * deployments that run Next alone. Nothing here imports Node built-ins, so the handlers also run
 * on Next's edge runtime.
 */
import type { CompiledSnapshot } from "../core/evaluation";
import { API_SECURITY_HEADERS } from "./security-headers";

export type ServiceRequest = {
  method: string;
  /** path without the query string, e.g. /ofrep/v1/evaluate/flags/new-checkout */
  path: string;
  /** lower-case header name → value */
  header(name: string): string | undefined;
  /** the request body, already bounded by MAX_BODY_BYTES (the mounts answer 413 beyond it) */
  body: string;
};

export type ServiceResponse = { status: number; headers: Record<string, string>; body: string };

/**
 * A value now, or later when something had to wait (a database read, a first sync). Handlers
 * answer synchronously whenever they can, so an evaluation allocates no promise and waits for no
 * microtask on the hot path; `await` accepts both.
 */
export type Answer<T> = T | Promise<T>;

/** Evaluation contexts are small; a bounded body keeps a hostile client from exhausting memory. */
export const MAX_BODY_BYTES = 64 * 1024;

export type SdkKeyKind = "server" | "client";
export type AuthenticatedKey = { id: string; kind: SdkKeyKind; environmentKey: string };

/** An environment's snapshot as an instance holds it in memory. */
export type LiveSnapshot = {
  environmentKey: string;
  revision: number;
  /** the published JSON document, byte for byte, and its strong validator */
  payload: string;
  etag: string;
  compiled: CompiledSnapshot;
};

export type Resolution =
  | { ok: true; key: AuthenticatedKey; snapshot: LiveSnapshot }
  | { ok: false; status: 401 | 403 | 503; details: string };

/**
 * Where handlers get keys and snapshots: the app's in-memory store (synced from the database),
 * the standalone evaluator (synced from a Keel URL) or the edge route (fetched and cached).
 * `environmentKey` is set when the URL names an environment; the key must belong to it.
 */
export type EvaluationSource = {
  resolve(secret: string | undefined, environmentKey?: string): Answer<Resolution>;
  /** per-key limiter verdict; absent = unlimited */
  rateLimit?(key: AuthenticatedKey): { allowed: true } | { allowed: false; retryAfterSeconds: number };
  /**
   * Stores a batch for POST /api/v1/events and returns the intake report; absent where there is
   * no database (the standalone evaluator, the edge route). Throws AppError on bad input.
   */
  recordEvents?(key: AuthenticatedKey, body: unknown): Promise<object>;
  /** Stores a `keel scan` result for POST /api/v1/code-references; absent where there is no database. Throws AppError on bad input. */
  uploadCodeReferences?(key: AuthenticatedKey, body: unknown): Promise<object>;
  /** The keys of Keel's flags that are not archived, for GET /api/v1/code-references (what `keel scan` looks for); absent where there is no database. */
  listFlagKeys?(): Promise<string[]>;
  /**
   * Hears that a flag was evaluated in the key's environment (null = a bulk evaluation: every flag
   * of its snapshot), for the Cleanup page's "not evaluated for 30 days" list. Called on the hot
   * path, so it must only mark in memory; absent where there is no database.
   */
  noteEvaluated?(key: AuthenticatedKey, flagKey: string | null): void;
};

/** CORS on every answer: any origin may call, and may read the ETag and Retry-After. */
const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag, Retry-After",
};

/**
 * CORS that only a preflight (OPTIONS) answer carries: the Fetch standard reads the allowed
 * methods, headers and max-age from the preflight alone, so other answers leave them out.
 */
const PREFLIGHT_HEADERS: Record<string, string> = {
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "Content-Type, Authorization, X-API-Key, If-None-Match",
  "access-control-max-age": "86400",
};

/** On every service response: CORS (browsers call from any origin) and the API security headers. */
export const SERVICE_HEADERS: Record<string, string> = { ...CORS_HEADERS, ...API_SECURITY_HEADERS };

/** The headers of a JSON answer; one shared, frozen object (merging a literal per response costs microseconds). */
export const JSON_HEADERS: Record<string, string> = Object.freeze({ ...SERVICE_HEADERS, "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });

export function json(status: number, body: unknown, headers?: Record<string, string>): ServiceResponse {
  return { status, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS, body: JSON.stringify(body) };
}

export function preflight(): ServiceResponse {
  return { status: 204, headers: { ...SERVICE_HEADERS, ...PREFLIGHT_HEADERS }, body: "" };
}

const BEARER = /^\s*bearer\s+(.*?)\s*$/i;

/** The SDK key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedKey(request: ServiceRequest): string | undefined {
  const apiKey = request.header("x-api-key")?.trim();
  if (apiKey) return apiKey;
  const authorization = request.header("authorization");
  return (authorization === undefined ? undefined : BEARER.exec(authorization)?.[1]) || undefined;
}

/** True when an If-None-Match header lists `etag` (or `*`); weak comparison, as RFC 9110 says for it. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => {
    const c = candidate.trim();
    return c === "*" || c.replace(/^W\//, "") === bare;
  });
}

/** decodeURIComponent that leaves a malformed escape (e.g. "%E0%A4%A") as it is instead of throwing. */
export function decodeURIComponentSafe(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
