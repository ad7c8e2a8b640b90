/**
 * Keel's configuration, from environment variables, validated with zod at start-up
 * (server/start.ts calls loadEnv() before serving). Errors name the variable and the fix.
 */
import { z } from "zod";
import { databaseTarget } from "./db/database-url";
import { DEFAULT_MAX_FLAG_LIFETIME_DAYS } from "./core/flags/expiry";

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          databaseTarget(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`).")
      .optional(),
    NEXTAUTH_URL: z.url("NEXTAUTH_URL must be the public URL of Keel, e.g. https://keel.example.com").optional(),
    OIDC_ISSUER: z.url("OIDC_ISSUER must be the issuer URL of your identity provider, e.g. https://login.example.com").optional(),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_NAME: z.string().trim().min(1).default("SSO"),
    KEEL_MAX_FLAG_LIFETIME_DAYS: z.coerce
      .number({ error: "KEEL_MAX_FLAG_LIFETIME_DAYS must be a whole number of days." })
      .int("KEEL_MAX_FLAG_LIFETIME_DAYS must be a whole number of days.")
      .min(1, "KEEL_MAX_FLAG_LIFETIME_DAYS must be between 1 and 365.")
      .max(365, "KEEL_MAX_FLAG_LIFETIME_DAYS must be between 1 and 365.")
      .default(DEFAULT_MAX_FLAG_LIFETIME_DAYS),
    KEEL_RATE_LIMIT_PER_KEY: z.coerce
      .number({ error: "KEEL_RATE_LIMIT_PER_KEY must be a number of requests per second (0 turns the limit off)." })
      .min(0, "KEEL_RATE_LIMIT_PER_KEY must be 0 (off) or more requests per second.")
      .default(2000),
    PORT: z.coerce.number().int().min(1).max(65535, "PORT must be between 1 and 65535.").default(3000),
    HOST: z.string().default("0.0.0.0"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "SSO needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (or none of them).",
      });
    }
  });

export type KeelEnv = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): KeelEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  • ${i.path.join(".") || "environment"}: ${i.message}`);
  throw new EnvError(`Keel cannot start: the environment is not valid.\n${lines.join("\n")}`);
}

let cached: KeelEnv | undefined;
/** The validated environment of this process. */
export function loadEnv(): KeelEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

export function oidcConfigured(env: KeelEnv): env is KeelEnv & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string } {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}
