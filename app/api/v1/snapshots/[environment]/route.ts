/** Service-facing route, mounted in Next for deployments that run Next alone; `npm start` answers it on the fast path first. */
import { serveFetchRequest } from "@/server/http/fetch-mount";
import { getEvaluationRuntime } from "@/server/services/evaluation/runtime-instance";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function handle(request: Request): Promise<Response> {
  return serveFetchRequest(getEvaluationRuntime(), request, new URL(request.url).pathname);
}

export { handle as GET, handle as POST, handle as OPTIONS, handle as PUT, handle as DELETE, handle as PATCH };
