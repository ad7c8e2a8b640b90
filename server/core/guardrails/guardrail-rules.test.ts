import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { DEFAULT_ENVIRONMENT_GUARDRAILS as D } from "./environment-guardrails";
import { prefillGuardrailRules, rulesFromStored, validateGuardrailRules, type RuleMetric } from "./guardrail-rules";

const errors: RuleMetric = { key: "error-rate", kind: "error_rate", eventName: "request_failed", guardrailThreshold: null };
const latency: RuleMetric = { key: "p95-latency", kind: "latency", eventName: "page_timing", guardrailThreshold: 0.3 };
const auth: RuleMetric = { key: "login-failures", kind: "error_rate", eventName: "auth_failed", guardrailThreshold: null };
const conversion: RuleMetric = { key: "checkout", kind: "conversion", eventName: "checkout_completed", guardrailThreshold: null };

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("prefillGuardrailRules", () => {
  it("starts from the environment's defaults and each guardrail metric's kind", () => {
    expect(prefillGuardrailRules(D, [errors, latency, auth, conversion])).toEqual([
      { kind: "security_signal" },
      { kind: "error_rate", metricKey: "error-rate", minRelativeIncrease: D.errorRateIncrease },
      { kind: "sla_burn", metricKey: "error-rate" },
      { kind: "latency", metricKey: "p95-latency", maxMeanIncrease: 0.3, maxP95Increase: D.latencyP95Increase },
      { kind: "auth_failure", metricKey: "login-failures", minRelativeIncrease: D.authFailureIncrease, maxRate: D.authFailureMaxRate },
      { kind: "degradation", metricKey: "checkout", minRelativeChange: D.errorRateIncrease },
    ]);
  });
});

describe("validateGuardrailRules", () => {
  const metrics = [errors, latency, conversion];
  it("accepts rules on the experiment's metrics", () => {
    const rules = [{ kind: "security_signal" }, { kind: "error_rate", metricKey: "error-rate", minRelativeIncrease: 0.2 }];
    expect(validateGuardrailRules(rules, metrics)).toEqual(rules);
  });
  it("refuses impossible thresholds, naming the field", () => {
    const zero = refusal(() => validateGuardrailRules([{ kind: "security_signal" }, { kind: "error_rate", metricKey: "error-rate", minRelativeIncrease: 0 }], metrics));
    expect(zero.fieldErrors["rules.1.minRelativeIncrease"]?.[0]).toMatch(/more than 0 %: a 0 % threshold would abort on noise/);
    const rate = refusal(() =>
      validateGuardrailRules([{ kind: "security_signal" }, { kind: "auth_failure", metricKey: "error-rate", minRelativeIncrease: 0.1, maxRate: 1.5 }], metrics),
    );
    expect(rate.fieldErrors["rules.1.maxRate"]?.[0]).toMatch(/below 100 %/);
  });
  it("refuses a metric the experiment does not measure, or of the wrong kind", () => {
    const unknown = refusal(() => validateGuardrailRules([{ kind: "security_signal" }, { kind: "sla_burn", metricKey: "nope" }], metrics));
    expect(unknown.fieldErrors["rules.1.metricKey"]?.[0]).toMatch(/“nope” is not a metric of this experiment/);
    const kind = refusal(() => validateGuardrailRules([{ kind: "security_signal" }, { kind: "latency", metricKey: "checkout", maxMeanIncrease: 0.1, maxP95Increase: 0.1 }], metrics));
    expect(kind.fieldErrors["rules.1.metricKey"]?.[0]).toBe("rules.1.metricKey: Latency degradation watches latency metrics; “checkout” is a conversion metric.");
  });
  it("keeps the security-signal rule and refuses duplicates", () => {
    expect(refusal(() => validateGuardrailRules([], metrics)).fieldErrors.rules?.[0]).toMatch(/keep the security-signal rule/);
    const twice = refusal(() => validateGuardrailRules([{ kind: "security_signal" }, { kind: "sla_burn", metricKey: "error-rate" }, { kind: "sla_burn", metricKey: "error-rate" }], metrics));
    expect(twice.fieldErrors["rules.2"]?.[0]).toMatch(/listed twice/);
  });
});

describe("rulesFromStored", () => {
  it("reads stored rules and falls back to the pre-filled ones on null or unreadable JSON", () => {
    expect(rulesFromStored(JSON.stringify([{ kind: "security_signal" }]))).toEqual([{ kind: "security_signal" }]);
    expect(rulesFromStored(null)).toBeNull();
    expect(rulesFromStored("{oops")).toBeNull();
  });
});
