/**
 * Starts Keel: validates the environment, makes sure a session secret exists, then serves
 * the Next.js app from one Node HTTP server (`--dev` for development with hot reload).
 * The service-facing fast paths (/ofrep/*) will be answered here before Next's router.
 */
import http from "node:http";
import path from "node:path";
import next from "next";
import { EnvError, loadEnv } from "./env";
import { ensureAuthSecret } from "./auth/local-secret";

async function main() {
  const dev = process.argv.includes("--dev");
  process.env.NEXT_TELEMETRY_DISABLED ??= "1"; // a self-hosted Keel sends nothing home
  const root = path.resolve(__dirname, "..");
  const { secret, source } = ensureAuthSecret(process.env, path.join(root, ".keel"));
  process.env.NEXTAUTH_SECRET = secret;
  const env = loadEnv();
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;
  if (source === "generated") console.log("Generated a local session secret in .keel/secret (set NEXTAUTH_SECRET in production).");

  const app = next({ dev, dir: root, hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("Request failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("Internal error");
    });
  });
  server.listen(env.PORT, env.HOST, () => {
    console.log(`Keel is running at ${process.env.NEXTAUTH_URL} (${dev ? "development" : "production build"}, database: ${describeDb(env.DATABASE_URL)})`);
  });
  const stop = () => server.close(() => process.exit(0));
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
