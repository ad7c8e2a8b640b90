import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureAuthSecret } from "./local-secret";

describe("session secret", () => {
  it("uses the configured secret", () => {
    expect(ensureAuthSecret({ NEXTAUTH_SECRET: "s".repeat(40) }, "/nonexistent")).toEqual({ secret: "s".repeat(40), source: "environment" });
  });

  it("generates one on first start, keeps it private and reuses it", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "keel-")), ".keel");
    const first = ensureAuthSecret({}, dir);
    expect(first.source).toBe("generated");
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, "secret")).mode & 0o077).toBe(0);
    expect(readFileSync(path.join(dir, "secret"), "utf8").trim()).toBe(first.secret);
    expect(ensureAuthSecret({}, dir)).toEqual({ secret: first.secret, source: "file" });
  });

  it("refuses to start in production without one", () => {
    expect(() => ensureAuthSecret({ NODE_ENV: "production" }, "/nonexistent")).toThrow(/NEXTAUTH_SECRET is not set/);
  });
});
