/**
 * The service-facing routes, matched without any framework: the node:http fast path and the
 * Next route handlers both call `routeServiceRequest`.
 */
import { MAX_CODE_REFERENCES_BODY_BYTES } from "../core/code-references/upload-input";
import { MAX_EVENTS_BODY_BYTES } from "../core/events/event-batch";
import { getCodeReferenceFlagKeys, postAnalysis, postCodeReferences, postEvents } from "./data-endpoints";
import { evaluateAllFlags, evaluateFlag } from "./ofrep";
import { getSnapshot, methodNotAllowed } from "./snapshot-endpoint";
import { decodeURIComponentSafe, MAX_BODY_BYTES, preflight, type Answer, type EvaluationSource, type ServiceRequest, type ServiceResponse } from "./service-http";

const BULK = "/ofrep/v1/evaluate/flags";
const SINGLE = /^\/ofrep\/v1\/evaluate\/flags\/([^/]+)$/;
const SNAPSHOT = /^\/api\/v1\/snapshots\/([^/]+)$/;
const EVENTS = "/api/v1/events";
const ANALYSIS = "/api/v1/analysis";
const CODE_REFERENCES = "/api/v1/code-references";

/** True for the paths these handlers answer (the fast path reads the body only for them). */
export function isServicePath(path: string): boolean {
  return path === BULK || path === EVENTS || path === ANALYSIS || path === CODE_REFERENCES || SINGLE.test(path) || SNAPSHOT.test(path);
}

/** The body bound of a path: event batches and scan uploads are larger than evaluation contexts. */
export function maxBodyBytes(path: string): number {
  if (path === EVENTS) return MAX_EVENTS_BODY_BYTES;
  return path === CODE_REFERENCES ? MAX_CODE_REFERENCES_BODY_BYTES : MAX_BODY_BYTES;
}

/** Answers a service request, or returns null when the path is not a service route. */
export function routeServiceRequest(source: EvaluationSource, request: ServiceRequest): Answer<ServiceResponse> | null {
  const { method, path } = request;
  if (path === BULK) {
    if (method === "OPTIONS") return preflight();
    return method === "POST" ? evaluateAllFlags(source, request) : methodNotAllowed("POST");
  }
  const single = SINGLE.exec(path);
  if (single) {
    if (method === "OPTIONS") return preflight();
    return method === "POST" ? evaluateFlag(source, request, single[1]!) : methodNotAllowed("POST");
  }
  if (path === CODE_REFERENCES) {
    if (method === "OPTIONS") return preflight();
    if (method === "GET") return getCodeReferenceFlagKeys(source, request);
    return method === "POST" ? postCodeReferences(source, request) : methodNotAllowed("GET, POST");
  }
  if (path === EVENTS || path === ANALYSIS) {
    if (method === "OPTIONS") return preflight();
    if (method !== "POST") return methodNotAllowed("POST");
    return path === EVENTS ? postEvents(source, request) : postAnalysis(source, request);
  }
  const snapshot = SNAPSHOT.exec(path);
  if (snapshot) {
    if (method === "OPTIONS") return preflight();
    return method === "GET" ? getSnapshot(source, request, decodeURIComponentSafe(snapshot[1]!)) : methodNotAllowed("GET");
  }
  return null;
}
