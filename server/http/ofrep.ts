/**
 * OpenFeature Remote Evaluation Protocol (OFREP 0.3.0) endpoints, exactly as the protocol's
 * OpenAPI describes them (see ../shared/design/OFREP.md):
 *   POST /ofrep/v1/evaluate/flags/{key}  single flag, for server providers (server keys only)
 *   POST /ofrep/v1/evaluate/flags        every flag, for client providers; ETag / If-None-Match → 304
 * Errors carry the protocol's codes: PARSE_ERROR, TARGETING_KEY_MISSING, INVALID_CONTEXT (400),
 * FLAG_NOT_FOUND (404); 401/403 for keys, 429 with Retry-After, 413 for oversized bodies.
 */
import { murmur3_32, parseEvaluationContext, type EvaluationContext, type EvaluationResult } from "../core/evaluation";
import {
  etagMatches,
  json,
  JSON_HEADERS,
  type Answer,
  presentedKey,
  SERVICE_HEADERS,
  decodeURIComponentSafe,
  type EvaluationSource,
  type LiveSnapshot,
  type ServiceRequest,
  type ServiceResponse,
} from "./service-http";
import { authorise, type Authorised } from "./authorise";

type ParsedContext = { ok: true; context: EvaluationContext } | { ok: false; errorCode: string; errorDetails: string };

/** The request body's `context`, checked as the protocol requires. */
function parseBody(body: string): ParsedContext {
  if (body.trim() === "") {
    return { ok: false, errorCode: "PARSE_ERROR", errorDetails: 'The request body is empty; send {"context": {"targetingKey": "…"}}.' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, errorCode: "PARSE_ERROR", errorDetails: "The request body is not valid JSON." };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: 'The request body must be an object: {"context": {"targetingKey": "…"}}.' };
  }
  if (!Object.prototype.hasOwnProperty.call(parsed, "context")) {
    return { ok: false, errorCode: "INVALID_CONTEXT", errorDetails: 'The request body needs a "context" object with a "targetingKey".' };
  }
  return parseEvaluationContext((parsed as { context: unknown }).context);
}

export function evaluateFlag(source: EvaluationSource, request: ServiceRequest, rawFlagKey: string): Answer<ServiceResponse> {
  const auth = authorise(source, presentedKey(request));
  return auth instanceof Promise
    ? auth.then((authorised) => answerFlag(source, authorised, request, rawFlagKey))
    : answerFlag(source, auth, request, rawFlagKey);
}

function answerFlag(source: EvaluationSource, auth: Authorised, request: ServiceRequest, rawFlagKey: string): ServiceResponse {
  if (!auth.ok) return auth.response;
  if (auth.key.kind !== "server") {
    return json(403, {
      errorDetails: "Client keys are public and may only use bulk evaluation (POST /ofrep/v1/evaluate/flags); use a server key here.",
    });
  }
  const flagKey = decodeURIComponentSafe(rawFlagKey);
  const parsed = parseBody(request.body);
  if (!parsed.ok) return json(400, { key: flagKey, errorCode: parsed.errorCode, errorDetails: parsed.errorDetails });
  const result = auth.snapshot.compiled.evaluate(flagKey, parsed.context);
  if (!result) {
    return json(404, {
      key: flagKey,
      errorCode: "FLAG_NOT_FOUND",
      errorDetails: `Flag “${flagKey}” does not exist in environment ${auth.snapshot.environmentKey}.`,
    });
  }
  // Only an answer the service uses counts: a FLAG_NOT_FOUND or an error is no evaluation.
  source.noteEvaluated?.(auth.key, flagKey);
  return { status: 200, headers: JSON_HEADERS, body: resultJson(result) };
}

/**
 * A compiled snapshot answers with one of a few frozen results per flag (evaluate.ts), so each
 * one's JSON is serialised once and kept as long as its snapshot is.
 */
const serialised = new WeakMap<EvaluationResult, string>();

function resultJson(result: EvaluationResult): string {
  let text = serialised.get(result);
  if (text === undefined) {
    text = JSON.stringify(result);
    if (Object.isFrozen(result)) serialised.set(result, text);
  }
  return text;
}

export async function evaluateAllFlags(source: EvaluationSource, request: ServiceRequest): Promise<ServiceResponse> {
  const auth = await authorise(source, presentedKey(request));
  if (!auth.ok) return auth.response;
  const parsed = parseBody(request.body);
  if (!parsed.ok) return json(400, { errorCode: parsed.errorCode, errorDetails: parsed.errorDetails });
  const etag = bulkEtag(auth.snapshot, parsed.context);
  // A 304 counts as much as a 200: the client keeps using every flag of the answer it holds.
  source.noteEvaluated?.(auth.key, null);
  if (etagMatches(request.header("if-none-match"), etag)) {
    return { status: 304, headers: { ...SERVICE_HEADERS, etag, "cache-control": "private, no-cache" }, body: "" };
  }
  return json(
    200,
    {
      flags: auth.snapshot.compiled.evaluateAll(parsed.context),
      metadata: { environment: auth.snapshot.environmentKey, revision: auth.snapshot.revision },
    },
    { etag, "cache-control": "private, no-cache" },
  );
}

/**
 * Bulk results depend only on the snapshot revision and the context, so the ETag is derived from
 * those (two 32-bit MurmurHash3 digests of the context) and a 304 needs no evaluation at all.
 */
function bulkEtag(snapshot: LiveSnapshot, context: EvaluationContext): string {
  const text = JSON.stringify(context);
  const digest = murmur3_32(text, 0).toString(36) + murmur3_32(text, 0x9747b28c).toString(36);
  return `"${snapshot.environmentKey}-r${snapshot.revision}-${digest}"`;
}
