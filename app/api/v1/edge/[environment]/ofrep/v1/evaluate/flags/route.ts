/**
 * OFREP on Next's edge runtime: evaluates with server/core against the environment's snapshot,
 * cached in the isolate (no database at request time). Point an OpenFeature OFREP provider at
 * `https://<keel>/api/v1/edge/<environment>`. See server/http/edge-source.ts for the staleness bound.
 */
import { handleEdgeRequest } from "@/server/http/edge-source";

export const runtime = "edge";
export const dynamic = "force-dynamic";

export { handleEdgeRequest as GET, handleEdgeRequest as POST, handleEdgeRequest as OPTIONS };
