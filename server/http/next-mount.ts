import { serveFetchRequest } from "./fetch-mount";
import { getEvaluationRuntime } from "../services/evaluation/runtime-instance";

/** The service routes as Next route handlers (Node runtime), on the process-wide evaluation runtime. */
export function handleServiceRoute(request: Request): Promise<Response> {
  return serveFetchRequest(getEvaluationRuntime(), request, new URL(request.url).pathname);
}
