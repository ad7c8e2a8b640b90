/**
 * `npm run evaluator`: a small standalone OFREP server for services that scale out without the
 * Keel app (as Unleash Edge, the GrowthBook proxy and LaunchDarkly's relay do). Configuration:
 *   KEEL_URL           the Keel app, e.g. https://keel.example.com (required)
 *   KEEL_SERVER_KEY    a server SDK key of the environment to serve (required); services call the evaluator with it
 *   KEEL_ENVIRONMENT   that environment's key, e.g. production (required)
 *   PORT, HOST         where to listen (default 3400, 0.0.0.0)
 *   KEEL_POLL_MS       how often to poll Keel for a new snapshot (default 500; a 304 when unchanged)
 *   KEEL_RATE_LIMIT_PER_KEY  requests per second (default 0: off; the evaluator serves one key)
 */
import { z } from "zod";
import { startEvaluator } from "./evaluator-server";

const envSchema = z.object({
  KEEL_URL: z.url("KEEL_URL must be the URL of your Keel app, e.g. https://keel.example.com"),
  KEEL_SERVER_KEY: z.string({ error: "KEEL_SERVER_KEY is required: create a server key in Settings → SDK keys." }).min(10, "KEEL_SERVER_KEY must be a Keel SDK key (keel_srv_…)."),
  KEEL_ENVIRONMENT: z.string({ error: "KEEL_ENVIRONMENT is required: the key of the environment the server key belongs to (e.g. production)." }).min(1),
  PORT: z.coerce.number().int().min(0).max(65535, "PORT must be between 0 and 65535.").default(3400),
  HOST: z.string().default("0.0.0.0"),
  KEEL_POLL_MS: z.coerce.number().int().min(100, "KEEL_POLL_MS must be at least 100 ms.").default(500),
  KEEL_RATE_LIMIT_PER_KEY: z.coerce.number().min(0).default(0),
});

async function main() {
  const cleaned = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    console.error(["The evaluator cannot start:", ...parsed.error.issues.map((i) => `  • ${i.path.join(".")}: ${i.message}`)].join("\n"));
    process.exit(1);
  }
  const env = parsed.data;
  const evaluator = await startEvaluator({
    keelUrl: env.KEEL_URL,
    secret: env.KEEL_SERVER_KEY,
    environmentKey: env.KEEL_ENVIRONMENT,
    pollIntervalMs: env.KEEL_POLL_MS,
    rateLimitPerSecond: env.KEEL_RATE_LIMIT_PER_KEY,
    port: env.PORT,
    host: env.HOST,
  });
  const health = evaluator.source.health();
  console.log(
    `Keel evaluator for ${env.KEEL_ENVIRONMENT} listening on http://${env.HOST}:${evaluator.port} ` +
      `(snapshot ${health.revision === null ? `not loaded yet: ${health.lastError ?? "waiting"}` : `revision ${health.revision}`}, polling ${env.KEEL_URL} every ${env.KEEL_POLL_MS} ms)`,
  );
  const stop = () => void evaluator.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
