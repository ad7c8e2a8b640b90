import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { method: string; path: string; contentType: string; body: unknown };

/**
 * A real local HTTP receiver for webhook tests: records every request and answers with the next
 * queued status (200 when none are queued), after `delayMs`.
 */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const statuses: number[] = [];
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      received.push({ method: req.method ?? "", path: req.url ?? "", contentType: req.headers["content-type"] ?? "", body: JSON.parse(raw) as unknown });
      const status = statuses.shift() ?? 200;
      setTimeout(() => res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no"), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Answers the next requests with these statuses, in order. */
    answerWith: (...next: number[]) => statuses.push(...next),
    delayAnswers: (ms: number) => (delayMs = ms),
    reset: () => {
      received.length = 0;
      statuses.length = 0;
      delayMs = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A URL on which nothing listens (the port of a server just closed). */
export async function unusedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}
