/** Test helper: Keel's service-facing fast path on a real node:http server and a random port. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "../db/client";
import { answerParserErrors, serveServiceRequest } from "../http/node-mount";
import { createEvaluationRuntime, type EvaluationRuntime, type RuntimeOptions } from "../services/evaluation/evaluation-runtime";

export type ServiceServer = { url: string; runtime: EvaluationRuntime; close(): Promise<void> };

export async function startServiceServer(options: Partial<RuntimeOptions> = {}): Promise<ServiceServer> {
  const runtime = createEvaluationRuntime({ db: getDb(), pollIntervalMs: 50, rateLimitPerSecond: 0, ...options });
  await runtime.syncOnce();
  runtime.start();
  const server = http.createServer((req, res) => {
    if (!serveServiceRequest(runtime, req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  answerParserErrors(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    runtime,
    async close() {
      await runtime.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Waits until `check` holds (polling), failing after `timeoutMs`: for changes that arrive asynchronously. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
