import { describe, expect, it } from "vitest";
import { createFlagInput, updateFlagEnvironmentInput } from "./flag-input";
import { KEY_PATTERN } from "../keys";

describe("flag keys", () => {
  it.each(["new-checkout", "pricing_v2", "a1"])("accepts %s", (key) => expect(KEY_PATTERN.test(key)).toBe(true));
  it.each(["", "A", "New-Checkout", "1flag", "-flag", "new checkout", "flag!", "x".repeat(65)])("refuses %j", (key) =>
    expect(KEY_PATTERN.test(key)).toBe(false),
  );
});

describe("create flag input", () => {
  const valid = { key: "new-checkout", name: "New checkout", valueType: "boolean", expiresAt: "2026-12-31" };

  it("accepts a complete boolean flag", () => {
    expect(createFlagInput.parse(valid)).toMatchObject({ key: "new-checkout", description: "", variations: [] });
  });

  it("names the field and the rule when a key is invalid", () => {
    const result = createFlagInput.safeParse({ ...valid, key: "New Checkout" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["key"], message: expect.stringMatching(/^Flag key must use lowercase letters/) });
  });

  it("requires an expiry", () => {
    const result = createFlagInput.safeParse({ ...valid, expiresAt: "" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["expiresAt"], message: expect.stringMatching(/permanent flags are prohibited/) });
    expect(createFlagInput.safeParse({ ...valid, expiresAt: "soon" }).error?.issues[0]?.message).toMatch(/date such as/);
  });

  it("refuses unknown value types", () => {
    expect(createFlagInput.safeParse({ ...valid, valueType: "color" }).error?.issues[0]?.message).toMatch(/boolean, string, number, json/);
  });
});

describe("update flag environment input", () => {
  const base = { flagKey: "new-checkout", environmentKey: "staging" };
  it("needs something to change", () => {
    expect(updateFlagEnvironmentInput.safeParse(base).success).toBe(false);
    expect(updateFlagEnvironmentInput.safeParse({ ...base, enabled: true }).success).toBe(true);
  });
  it("keeps the rollout between 0 and 100 with at most two decimals", () => {
    expect(updateFlagEnvironmentInput.safeParse({ ...base, rolloutPercentage: 2.5 }).success).toBe(true);
    expect(updateFlagEnvironmentInput.safeParse({ ...base, rolloutPercentage: 0.01 }).success).toBe(true);
    expect(updateFlagEnvironmentInput.safeParse({ ...base, rolloutPercentage: 101 }).error?.issues[0]?.message).toMatch(/between 0 and 100/);
    expect(updateFlagEnvironmentInput.safeParse({ ...base, rolloutPercentage: -1 }).success).toBe(false);
    expect(updateFlagEnvironmentInput.safeParse({ ...base, rolloutPercentage: 1.234 }).error?.issues[0]?.message).toMatch(/two decimals/);
  });
});
