/**
 * The fast path: answers the service routes straight from node:http, without Next's router
 * (server/start.ts calls this before handing a request to Next; the standalone evaluator uses it
 * as its whole server).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { isServicePath, maxBodyBytes, routeServiceRequest } from "./routes";
import { json, type Answer, type EvaluationSource, type ServiceRequest, type ServiceResponse } from "./service-http";
import { API_SECURITY_HEADERS, forwardedOverHttps, STRICT_TRANSPORT_SECURITY } from "./security-headers";
import { createTurnWriter } from "./turn-writer";

/** Handles the request if it is a service route and returns true; false leaves it to the caller. */
export function serveServiceRequest(source: EvaluationSource, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (!isServicePath(path)) return false;
  const https = forwardedOverHttps(req.headers["x-forwarded-proto"]);
  const limit = maxBodyBytes(path);
  readBody(req, limit, (body) => {
    if (body === null) {
      send(res, https, json(413, { errorCode: "GENERAL", errorDetails: `The request body is larger than ${limit} bytes.` }, { connection: "close" }));
      return;
    }
    let answer: Answer<ServiceResponse> | null;
    try {
      answer = routeServiceRequest(source, new NodeServiceRequest(req, path, body));
    } catch (error) {
      failed(res, https, error);
      return;
    }
    if (answer === null) send(res, https, json(404, { errorDetails: "Not found." }));
    else if (answer instanceof Promise) answer.then((response) => send(res, https, response), (error: unknown) => failed(res, https, error));
    else send(res, https, answer);
  });
  return true;
}

/** The handlers' view of a node:http request (a class: no closures to build per request). */
class NodeServiceRequest implements ServiceRequest {
  readonly method: string;
  constructor(
    private readonly req: IncomingMessage,
    readonly path: string,
    readonly body: string,
  ) {
    this.method = req.method ?? "GET";
  }

  header(name: string): string | undefined {
    const value = this.req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  }
}

function failed(res: ServerResponse, https: boolean, error: unknown) {
  console.error("Service request failed:", error);
  send(res, https, json(500, { errorDetails: "Keel could not answer this request; it has been logged." }));
}

/** Reads the body up to `limit` bytes; null when it is larger (the rest is not read). */
function readBody(req: IncomingMessage, limit: number, done: (body: string | null) => void) {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) {
    req.resume();
    done(null);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on("data", (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > limit) {
      over = true;
      chunks.length = 0;
      done(null);
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (!over) done(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8"));
  });
  req.on("error", () => {
    if (!over) {
      over = true;
      done(null);
    }
  });
}

type Answered = { res: ServerResponse; https: boolean; response: ServiceResponse };

/** Writes the answers queued by `send`; `https`: the request came over HTTPS (X-Forwarded-Proto), so the answer carries HSTS. */
const answers = createTurnWriter<Answered>(({ res, https, response }) => {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, https ? { ...response.headers, "strict-transport-security": STRICT_TRANSPORT_SECURITY } : response.headers);
  res.end(response.body);
});

/**
 * Queues the answer; it is written when the current event-loop turn ends, together with the
 * turn's other answers (turn-writer.ts explains why).
 */
function send(res: ServerResponse, https: boolean, response: ServiceResponse) {
  answers.write({ res, https, response });
}

const PARSER_ERROR_SECURITY_LINES = Object.entries(API_SECURITY_HEADERS)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join("");

/**
 * Requests Node's HTTP parser refuses before any handler runs (headers over 16 KiB, malformed
 * request lines) still get a JSON error body in the protocol's shape, not an empty answer.
 */
export function answerParserErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    const body = JSON.stringify(
      tooLarge
        ? { errorCode: "GENERAL", errorDetails: "The request headers are too large." }
        : { errorCode: "PARSE_ERROR", errorDetails: "The request is not valid HTTP." },
    );
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${PARSER_ERROR_SECURITY_LINES}Connection: close\r\n\r\n${body}`,
    );
  });
}
