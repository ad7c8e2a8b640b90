import { describe, expect, it } from "vitest";
import { DEFAULT_ENVIRONMENT_GUARDRAILS as D, environmentGuardrailsFromStored, environmentGuardrailsSchema, errorBudget } from "./environment-guardrails";

const issues = (value: unknown) => {
  const parsed = environmentGuardrailsSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("environment reliability budget", () => {
  it("defaults to a 99.9 % SLA over 30 days with a 14.4× burn alert over 5 min and 1 h", () => {
    expect(issues(D)).toEqual([]);
    expect(errorBudget(D)).toBeCloseTo(0.001, 10);
  });
  it("refuses impossible settings, naming the field", () => {
    expect(issues({ ...D, slaTarget: 1 })).toEqual(["slaTarget: SLA target must be at most 99.999 %: a 100 % target leaves no error budget to protect."]);
    expect(issues({ ...D, slaTarget: 0.99, burnRateThreshold: 150 })).toEqual([
      "burnRateThreshold: A burn rate above 100× cannot happen with a 99 % SLA (every request would fail): choose at most 100.",
    ]);
    expect(issues({ ...D, shortWindowMinutes: 60, longWindowMinutes: 30 })).toEqual(["longWindowMinutes: The long burn-rate window must be longer than the short one."]);
  });
  it("merges stored values over the defaults and ignores unreadable ones", () => {
    expect(environmentGuardrailsFromStored('{"slaTarget":0.99}')).toEqual({ ...D, slaTarget: 0.99 });
    expect(environmentGuardrailsFromStored("{}")).toEqual(D);
    expect(environmentGuardrailsFromStored('{"slaTarget":2}')).toEqual(D);
  });
});
