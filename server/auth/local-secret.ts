import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";

/**
 * NEXTAUTH_SECRET signs sessions. When none is configured, a local install generates one on
 * first start and keeps it in .keel/secret (git-ignored), so sessions survive restarts.
 * With NODE_ENV=production set by the operator, Keel refuses to start without one.
 */
export function ensureAuthSecret(
  env: Record<string, string | undefined>,
  dataDir: string,
): { secret: string; source: "environment" | "generated" | "file" } {
  if (env.NEXTAUTH_SECRET) return { secret: env.NEXTAUTH_SECRET, source: "environment" };
  if (env.NODE_ENV === "production") {
    throw new Error(
      "Keel cannot start: NEXTAUTH_SECRET is not set. In production, set it to a long random value (e.g. `openssl rand -base64 32`).",
    );
  }
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, source: "file" };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: "generated" };
}
