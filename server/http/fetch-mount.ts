/**
 * The same service handlers mounted as Next route handlers (Web Request → Response), for
 * deployments that run Next alone and for the edge route. No Node built-ins: runs on the edge runtime.
 */
import { maxBodyBytes, routeServiceRequest } from "./routes";
import { json, type EvaluationSource, type ServiceResponse } from "./service-http";

export async function serveFetchRequest(source: EvaluationSource, request: Request, path: string): Promise<Response> {
  const limit = maxBodyBytes(path);
  const body = await readBody(request, limit);
  if (body === null) return toResponse(json(413, { errorCode: "GENERAL", errorDetails: `The request body is larger than ${limit} bytes.` }));
  let response: ServiceResponse;
  try {
    const answer = routeServiceRequest(source, { method: request.method, path, header: (name) => request.headers.get(name) ?? undefined, body });
    response = (await answer) ?? json(404, { errorDetails: "Not found." });
  } catch (error) {
    console.error("Service request failed:", error);
    response = json(500, { errorDetails: "Keel could not answer this request; it has been logged." });
  }
  return toResponse(response);
}

function toResponse(response: ServiceResponse): Response {
  const nullBody = response.status === 204 || response.status === 304;
  return new Response(nullBody ? null : response.body, { status: response.status, headers: response.headers });
}

async function readBody(request: Request, limit: number): Promise<string | null> {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS" || !request.body) return "";
  if (Number(request.headers.get("content-length") ?? 0) > limit) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
