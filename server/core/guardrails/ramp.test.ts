import { describe, expect, it } from "vitest";
import type { GuardrailCheck, RuleVerdict } from "./check-guardrails";
import { nextRampStep, rampPlanSchema, rampReadiness, rampSchedule } from "./ramp";

const verdict = (status: RuleVerdict["status"]): RuleVerdict => ({
  rule: { kind: "error_rate", metricKey: "errors", minRelativeIncrease: 0.1 },
  label: "Error rate increase",
  metricKey: "errors",
  status,
  variation: "on",
  summary: status === "insufficient_data" ? "Not enough data yet: 40 of 100 units in the smallest arm." : "errors: on 0.06 vs control 0.02",
  figures: {},
});
const guardrails = (status: RuleVerdict["status"]): GuardrailCheck => ({ verdicts: [verdict(status)], breach: status === "breached" ? verdict(status) : null, healthy: status === "healthy" });

describe("ramp schedule", () => {
  it("climbs the default steps up to the planned exposure", () => {
    expect(rampSchedule([], 100)).toEqual([5, 10, 25, 50, 100]);
    expect(rampSchedule([], 40)).toEqual([5, 10, 25, 40]);
    expect(rampSchedule([2, 5, 20], 50)).toEqual([2, 5, 20, 50]);
    expect(nextRampStep([5, 10, 25, 40], 10)).toBe(25);
    expect(nextRampStep([5, 10, 25, 40], 40)).toBeNull();
  });
  it("refuses a plan that does not start at ≤ 5 % or does not increase", () => {
    expect(rampPlanSchema.safeParse({ steps: [10, 20], stepMinutes: 60, autoAdvance: false }).error?.issues[0]?.message).toMatch(/first ramp step must be at most 5 %/);
    expect(rampPlanSchema.safeParse({ steps: [5, 5], stepMinutes: 60, autoAdvance: false }).error?.issues[0]?.message).toMatch(/must increase/);
  });
});

describe("rampReadiness", () => {
  const base = { schedule: [5, 10, 25, 50, 100], currentExposure: 5, stepStartedAtMs: 0, stepMinutes: 60, nowMs: 60 * 60_000 };
  it("allows the next step after the minimum time with every guardrail healthy", () => {
    expect(rampReadiness({ ...base, guardrails: guardrails("healthy") })).toEqual({ ready: true, next: 10 });
  });
  it("waits for the minimum time", () => {
    expect(rampReadiness({ ...base, nowMs: 45 * 60_000, guardrails: guardrails("healthy") })).toEqual({
      ready: false,
      next: 10,
      reason: "The 5 % step runs at least 60 min; 15 min to go before 10 %.",
      readyAtMs: 60 * 60_000,
    });
  });
  it("refuses while a guardrail is breached or has no verdict yet", () => {
    expect(rampReadiness({ ...base, guardrails: guardrails("breached") })).toMatchObject({ ready: false, reason: /^Guardrail breached: Error rate increase/ });
    expect(rampReadiness({ ...base, guardrails: guardrails("insufficient_data") })).toMatchObject({
      ready: false,
      reason: "No guardrail verdict yet for error rate increase: Not enough data yet: 40 of 100 units in the smallest arm.",
    });
  });
  it("stops at the planned exposure", () => {
    expect(rampReadiness({ ...base, currentExposure: 100, guardrails: guardrails("healthy") })).toMatchObject({ ready: false, next: null });
  });
});
