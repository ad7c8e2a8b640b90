import { describe, expect, it } from "vitest";
import { assertValidExpiry, expiryFromDateInput, latestAllowedExpiry, overdueFlagRefusal } from "./expiry";
import { AppError } from "../errors";

const now = new Date("2026-11-23T10:00:00Z");

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error("expected an AppError");
}

describe("flag expiry", () => {
  it("is required: permanent flags are prohibited", () => {
    const error = errorOf(() => assertValidExpiry(undefined, now, 90));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors.expiresAt?.[0]).toMatch(/required.*permanent flags are prohibited/i);
  });

  it("must be in the future", () => {
    expect(errorOf(() => assertValidExpiry(now, now, 90)).fieldErrors.expiresAt?.[0]).toMatch(/future/);
    expect(errorOf(() => assertValidExpiry(new Date("2026-11-01"), now, 90)).fieldErrors.expiresAt?.[0]).toMatch(/future/);
  });

  it("may be as late as the end of the day at the maximum lifetime, not later", () => {
    expect(latestAllowedExpiry(now, 90).toISOString()).toBe("2027-02-21T23:59:59.999Z");
    expect(assertValidExpiry(expiryFromDateInput("2027-02-21"), now, 90).toISOString()).toBe("2027-02-21T23:59:59.999Z");
    const error = errorOf(() => assertValidExpiry(expiryFromDateInput("2027-02-22"), now, 90));
    expect(error.fieldErrors.expiresAt?.[0]).toBe(
      "Expiry date must be within 90 days (on or before 2027-02-21); flags are temporary.",
    );
  });

  it("honours a configured maximum lifetime", () => {
    expect(() => assertValidExpiry(expiryFromDateInput("2026-12-01"), now, 7)).toThrow(/within 7 days/);
    expect(assertValidExpiry(expiryFromDateInput("2026-11-30"), now, 7)).toBeInstanceOf(Date);
  });

  it("reads a form's date as the end of that day (UTC) and keeps full timestamps as given", () => {
    expect(expiryFromDateInput("2026-12-01").toISOString()).toBe("2026-12-01T23:59:59.999Z");
    expect(expiryFromDateInput("2026-12-01T08:30:00Z").toISOString()).toBe("2026-12-01T08:30:00.000Z");
  });
});

describe("expiry status", () => {
  it("is expired from the expiry instant on, expiring soon within 14 days, active before", async () => {
    const { expiryStatus } = await import("./expiry");
    expect(expiryStatus(now, now)).toBe("expired");
    expect(expiryStatus(new Date("2026-12-07T10:00:00Z"), now)).toBe("expiring_soon");
    expect(expiryStatus(new Date("2026-12-07T10:00:01Z"), now)).toBe("active");
  });
});

describe("overdue flags", () => {
  const flag = { key: "new-checkout", expiresAt: new Date("2026-12-01T23:59:59.999Z") };
  it("refuse ramping once expired, naming the date and the way out", () => {
    expect(overdueFlagRefusal(flag, new Date("2026-12-01T12:00:00Z"), "be ramped")).toBeNull();
    expect(overdueFlagRefusal(flag, new Date("2026-12-02T00:00:00Z"), "be ramped")).toBe(
      "Flag “new-checkout” expired on 2026-12-01 and is overdue for cleanup: it keeps serving what it serves, but cannot be ramped. Extend its expiry with a reason, or clean it up.",
    );
  });
});
