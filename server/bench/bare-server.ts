/**
 * The HTTP baseline: a bare node:http server doing the least an OFREP endpoint must do: read the
 * POST body, parse it as JSON, check it has a context with a targetingKey and an Authorization
 * header, and answer a fixed small JSON body. Run by http-bench.ts as a child process:
 *   PORT=… HOST=127.0.0.1 tsx server/bench/bare-server.ts
 */
import http from "node:http";

const BODY = JSON.stringify({
  key: "new-checkout",
  value: true,
  variant: "on",
  reason: "SPLIT",
  metadata: { flagVersion: 2, revision: 3, inExperiment: false },
});
const ERROR = JSON.stringify({ errorCode: "INVALID_CONTEXT", errorDetails: "bad request" });
const HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let ok = false;
    try {
      const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
      const parsed = JSON.parse(text) as { context?: { targetingKey?: unknown } };
      ok = typeof parsed.context?.targetingKey === "string" && typeof req.headers.authorization === "string";
    } catch {
      ok = false;
    }
    res.writeHead(ok ? 200 : 400, HEADERS);
    res.end(ok ? BODY : ERROR);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3999), process.env.HOST ?? "127.0.0.1", () => {
  console.log(`bare node:http baseline listening on ${process.env.HOST ?? "127.0.0.1"}:${process.env.PORT ?? 3999}`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
