import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { databaseTarget } from "./db/database-url";

describe("environment", () => {
  it("has working defaults for a local try-out", () => {
    const env = parseEnv({});
    expect(env.KEEL_MAX_FLAG_LIFETIME_DAYS).toBe(90);
    expect(env.PORT).toBe(3000);
    expect(databaseTarget(env.DATABASE_URL)).toEqual({ provider: "sqlite", url: "file:./prisma/keel.db" });
  });

  it("picks PostgreSQL from the URL scheme", () => {
    expect(databaseTarget("postgresql://u:p@h:5432/d").provider).toBe("postgresql");
    expect(databaseTarget("postgres://u:p@h/d").provider).toBe("postgresql");
  });

  it("names the variable and the fix when something is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: DATABASE_URL must start with "file:"/);
    expect(() => parseEnv({ KEEL_MAX_FLAG_LIFETIME_DAYS: "400" })).toThrow(/KEEL_MAX_FLAG_LIFETIME_DAYS must be between 1 and 365/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET must be at least 32 characters/);
    expect(() => parseEnv({ OIDC_ISSUER: "https://login.example.com" })).toThrow(/all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
  });
});
