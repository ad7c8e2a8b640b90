import { describe, expect, it } from "vitest";
import { createMetricInput } from "./metric-input";

const base = { key: "checkout-conversion", name: "Checkout conversion", kind: "conversion", direction: "increase", eventName: "checkout_completed" } as const;
const issues = (input: unknown) => {
  const result = createMetricInput.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("metric definitions", () => {
  it("accepts a conversion metric with defaults", () => {
    expect(createMetricInput.parse(base)).toMatchObject({ denominatorEventName: "", retentionDays: 7, guardrailThreshold: null, description: "" });
  });
  it("needs a different denominator event for error rate, and none for the other kinds", () => {
    expect(issues({ ...base, kind: "error_rate", eventName: "request_failed" })).toHaveProperty("denominatorEventName");
    expect(issues({ ...base, kind: "error_rate", eventName: "request_failed", denominatorEventName: "request_failed" }).denominatorEventName).toMatch(/must differ/);
    expect(issues({ ...base, kind: "error_rate", eventName: "request_failed", denominatorEventName: "request_served" })).toEqual({});
    expect(issues({ ...base, denominatorEventName: "request_served" }).denominatorEventName).toMatch(/Only error-rate/);
  });
  it("names bad fields", () => {
    expect(issues({ ...base, eventName: "9 bad" }).eventName).toMatch(/must start with a letter/);
    expect(issues({ ...base, kind: "retention", retentionDays: 120 }).retentionDays).toMatch(/1–90 days/);
    expect(issues({ ...base, guardrailThreshold: 2 }).guardrailThreshold).toMatch(/at most 1/);
    expect(issues({ ...base, direction: "up" }).direction).toMatch(/increase/);
  });
});
