/**
 * Starts Keel: validates the environment, makes sure a session secret exists, then serves
 * the Next.js app from one Node HTTP server (`--dev` for development with hot reload).
 * The service-facing APIs (OFREP, snapshots) are answered here before Next's router — the fast
 * path: a bare node:http handler serves them at tens of thousands of requests/s where a Next route
 * handler serves about a thousand. Everything else goes to Next.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { EnvError, loadEnv } from "./env";
import { ensureAuthSecret } from "./auth/local-secret";
import { getDb } from "./db/client";
import { answerParserErrors, serveServiceRequest } from "./http/node-mount";
import { API_SECURITY_HEADERS } from "./http/security-headers";
import { publishMissingSnapshots } from "./services/evaluation/publish-snapshot";
import { getEvaluationRuntime } from "./services/evaluation/runtime-instance";
import { startWebhookDispatcher } from "./services/notifications/webhook-dispatcher";
import { getGuardrailMonitor } from "./services/guardrails/monitor-instance";
import { getCleanupReminderRunner } from "./services/cleanup/reminder-instance";

async function main() {
  const dev = process.argv.includes("--dev");
  process.env.NEXT_TELEMETRY_DISABLED ??= "1"; // a self-hosted Keel sends nothing home
  const root = path.resolve(__dirname, "..");
  const { secret, source } = ensureAuthSecret(process.env, path.join(root, ".keel"));
  process.env.NEXTAUTH_SECRET = secret;
  const env = loadEnv();
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;
  if (source === "generated") console.log("Generated a local session secret in .keel/secret (set NEXTAUTH_SECRET in production).");

  await publishMissingSnapshots(getDb(), new Date());
  const evaluation = getEvaluationRuntime();
  await evaluation.syncOnce();
  const stopWebhooks = startWebhookDispatcher(getDb());
  const guardrails = getGuardrailMonitor();
  const cleanupReminders = getCleanupReminderRunner();

  const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    if (serveServiceRequest(evaluation, req, res)) return;
    handle(req, res).catch((error: unknown) => {
      console.error("Request failed:", error);
      if (!res.headersSent) res.writeHead(500, { ...API_SECURITY_HEADERS, "content-type": "text/plain" });
      res.end("Internal error");
    });
  });
  answerParserErrors(server);
  server.listen(env.PORT, env.HOST, () => {
    console.log(`Keel is running at ${process.env.NEXTAUTH_URL} (${dev ? "development" : "production build"}, database: ${describeDb(env.DATABASE_URL)})`);
  });
  const stop = () => {
    void evaluation.stop();
    stopWebhooks();
    void guardrails.stop();
    void cleanupReminders.stop();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

function describeDb(url: string | undefined): string {
  return url?.startsWith("postgres") ? "PostgreSQL" : `SQLite ${url?.replace(/^file:/, "") ?? "./prisma/keel.db"}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError || error instanceof Error ? error.message : error);
  process.exit(1);
});
