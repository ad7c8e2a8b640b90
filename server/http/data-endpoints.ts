/**
 * The data APIs for services and data teams, beside evaluation:
 *   POST /api/v1/events    a batch of exposures and metric events (server SDK key), stored once per id
 *   POST /api/v1/analysis  stateless analysis of summary statistics (server SDK key): JSON in, JSON out
 *   POST /api/v1/code-references  a `keel scan` result, the latest scan of its repository (server SDK key)
 *   GET  /api/v1/code-references  the flag keys a scan looks for: every flag that is not archived (server SDK key)
 * Errors: 400 with `field` and `fieldErrors` naming what to fix, 401/403 for the key, 413 for a
 * batch or body that is too large. Formats: README.md ("Measure").
 */
import { AppError } from "../core/errors";
import { ScanTooLargeError } from "../core/code-references/upload-input";
import { BatchTooLargeError } from "../core/events/event-batch";
import { analyze } from "../core/stats/analyze";
import { authorise } from "./authorise";
import { json, presentedKey, type EvaluationSource, type ServiceRequest, type ServiceResponse } from "./service-http";

function parseJson(body: string): { ok: true; value: unknown } | { ok: false; response: ServiceResponse } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false, response: json(400, { errorCode: "PARSE_ERROR", errorDetails: "The body is not valid JSON." }) };
  }
}

function badInput(error: AppError): ServiceResponse {
  const [field] = Object.keys(error.fieldErrors);
  const status = error instanceof BatchTooLargeError || error instanceof ScanTooLargeError ? 413 : 400;
  return json(status, { errorCode: "INVALID_INPUT", errorDetails: error.message, field: field ?? null, fieldErrors: error.fieldErrors });
}

/** Authorises a server key; data APIs are not for browsers holding public client keys. */
async function serverKey(source: EvaluationSource, request: ServiceRequest) {
  const auth = await authorise(source, presentedKey(request));
  if (!auth.ok) return auth;
  if (auth.key.kind !== "server") {
    return {
      ok: false as const,
      response: json(403, { errorDetails: "This endpoint needs a server SDK key; client keys are public and may only evaluate (Settings → SDK keys)." }),
    };
  }
  return auth;
}

export async function postEvents(source: EvaluationSource, request: ServiceRequest): Promise<ServiceResponse> {
  const auth = await serverKey(source, request);
  if (!auth.ok) return auth.response;
  if (!source.recordEvents) return json(404, { errorDetails: "This server does not take events; send them to the Keel app." });
  const body = parseJson(request.body);
  if (!body.ok) return body.response;
  try {
    return json(200, await source.recordEvents(auth.key, body.value));
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return badInput(error);
    throw error;
  }
}

export async function postAnalysis(source: EvaluationSource, request: ServiceRequest): Promise<ServiceResponse> {
  const auth = await serverKey(source, request);
  if (!auth.ok) return auth.response;
  const body = parseJson(request.body);
  if (!body.ok) return body.response;
  try {
    return json(200, analyze(body.value));
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return badInput(error);
    throw error;
  }
}

export async function postCodeReferences(source: EvaluationSource, request: ServiceRequest): Promise<ServiceResponse> {
  const auth = await serverKey(source, request);
  if (!auth.ok) return auth.response;
  if (!source.uploadCodeReferences) return json(404, { errorDetails: "This server does not take code references; send them to the Keel app." });
  const body = parseJson(request.body);
  if (!body.ok) return body.response;
  try {
    return json(200, await source.uploadCodeReferences(auth.key, body.value));
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_INPUT") return badInput(error);
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return json(401, { errorDetails: error.message });
    throw error;
  }
}

export async function getCodeReferenceFlagKeys(source: EvaluationSource, request: ServiceRequest): Promise<ServiceResponse> {
  const auth = await serverKey(source, request);
  if (!auth.ok) return auth.response;
  if (!source.listFlagKeys) return json(404, { errorDetails: "This server does not list flags; ask the Keel app." });
  return json(200, { flagKeys: await source.listFlagKeys() });
}
