/**
 * OFREP on Next's edge runtime: evaluates with server/core against the environment's snapshot,
 * cached in the isolate (no database at request time). Point an OpenFeature OFREP provider at
 * `https://<keel>/api/v1/edge/<environment>`. See server/http/edge-source.ts for the staleness bound.
 */
import { serveFetchRequest } from "@/server/http/fetch-mount";
import { edgeSource } from "@/server/http/edge-source";

export const runtime = "edge";
export const dynamic = "force-dynamic";

const PREFIX = /^\/api\/v1\/edge\/([^/]+)(\/ofrep\/.*)$/;

function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [, environment = "", path = ""] = PREFIX.exec(url.pathname) ?? [];
  const origin = process.env.KEEL_SNAPSHOT_ORIGIN || url.origin;
  return serveFetchRequest(edgeSource(origin, decodeURIComponent(environment)), request, path);
}

export { handle as GET, handle as POST, handle as OPTIONS };
