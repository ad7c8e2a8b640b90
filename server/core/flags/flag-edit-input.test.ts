import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { checkWeights, extendedExpiry, extendFlagExpiryInput, variationUsages } from "./flag-edit-input";

const now = new Date("2026-11-25T12:00:00Z");

function fieldErrorsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("extending a flag's expiry", () => {
  const current = new Date("2026-12-10T23:59:59.999Z");

  it("moves the expiry to the end of the chosen day", () => {
    expect(extendedExpiry(current, "2027-01-31", now, 90).toISOString()).toBe("2027-01-31T23:59:59.999Z");
  });

  it("refuses a date that is not later than the current expiry", () => {
    expect(fieldErrorsOf(() => extendedExpiry(current, "2026-12-01", now, 90)).expiresAt?.[0]).toMatch(/later than the current one \(2026-12-10\)/);
  });

  it("refuses a date past the maximum lifetime counted from today", () => {
    expect(fieldErrorsOf(() => extendedExpiry(current, "2027-03-01", now, 90)).expiresAt?.[0]).toMatch(/within 90 days \(on or before 2027-02-23\)/);
  });

  it("requires a reason", () => {
    const result = extendFlagExpiryInput.safeParse({ flagKey: "f-1", expiresAt: "2027-01-01", reason: " " });
    expect(result.error?.issues[0]).toMatchObject({ path: ["reason"], message: expect.stringMatching(/^Reason is required/) });
  });
});

describe("variation weights", () => {
  it("accepts weights that add up to 100 %, in variation order", () => {
    expect(checkWeights({ b: 2_500, a: 7_500 }, ["a", "b"])).toEqual({ a: 7_500, b: 2_500 });
  });

  it("refuses weights that do not add up to 100 %, or name another variation", () => {
    expect(fieldErrorsOf(() => checkWeights({ a: 5_000, b: 4_000 }, ["a", "b"])).weights?.[0]).toBe("Variation weights must add up to 100 % (they add up to 90 %).");
    expect(fieldErrorsOf(() => checkWeights({ a: 5_000, zz: 5_000 }, ["a", "b"]))["weights.zz"]?.[0]).toMatch(/not one of this flag's variations/);
  });
});

describe("where a variation is still served", () => {
  it("finds weights, rules and targets that use it", () => {
    const uses = variationUsages("bold", [
      {
        environmentName: "Staging",
        weights: { control: 5_000, bold: 5_000 },
        rules: [{ id: "r1", serve: { variation: "bold" } }, { id: "r2", serve: { rollout: { weights: [{ variation: "bold", weight: 0 }] } } }],
        targets: [{ variation: "bold", values: ["qa"] }],
      },
      { environmentName: "Production", weights: { control: 10_000, bold: 0 }, rules: [], targets: [] },
    ]);
    expect(uses).toEqual(["the split in Staging", "rule r1 in Staging", "individual targets in Staging"]);
  });
});
