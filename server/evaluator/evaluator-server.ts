import http from "node:http";
import { answerParserErrors, serveServiceRequest } from "../http/node-mount";
import { createEvaluatorSource, type EvaluatorOptions } from "./evaluator-source";

/** Starts the evaluator's HTTP server: the OFREP and snapshot endpoints, plus GET /health. */
export async function startEvaluator(options: EvaluatorOptions & { port: number; host: string }) {
  const source = createEvaluatorSource(options);
  await source.start();
  const server = http.createServer((req, res) => {
    if (serveServiceRequest(source, req, res)) return;
    if (req.url === "/health") {
      const health = source.health();
      res.writeHead(health.status === "ok" || health.status === "stale" ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify(health));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ errorDetails: "Not found: the evaluator serves /ofrep/v1/evaluate/flags[/{key}], /api/v1/snapshots/{environment} and /health." }));
  });
  server.keepAliveTimeout = 65_000;
  answerParserErrors(server);
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    source,
    close: () =>
      new Promise<void>((resolve) => {
        source.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
