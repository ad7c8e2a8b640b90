import { describe, expect, it } from "vitest";
import { EXPOSURE_METRIC, type ArmHistogramRow, type ArmTotalRow } from "../measurement/aggregate-batch";
import { experimentResults, type ResultsMetric } from "../measurement/experiment-results";
import { histogramBucket } from "../measurement/latency-histogram";
import { checkGuardrails, type ErrorMinute, type SecuritySignal } from "./check-guardrails";
import { DEFAULT_ENVIRONMENT_GUARDRAILS } from "./environment-guardrails";
import type { GuardrailRule } from "./guardrail-rules";

const NOW = Date.parse("2026-12-05T10:00:00Z");
const errors: ResultsMetric = { id: "m-err", key: "errors", name: "Errors", kind: "error_rate", direction: "decrease", role: "guardrail", unit: "" };
const latency: ResultsMetric = { id: "m-lat", key: "latency", name: "Latency", kind: "latency", direction: "decrease", role: "guardrail", unit: "ms" };
const auth: ResultsMetric = { id: "m-auth", key: "auth-failures", name: "Auth failures", kind: "conversion", direction: "decrease", role: "guardrail", unit: "" };

/** Per-unit error rates of `units` users with 10 requests each and error probability p: their running sums. */
function errorArm(variation: string, units: number, p: number): ArmTotalRow {
  const meanSquare = (p * (1 - p)) / 10 + p * p;
  return { experimentId: "e", variation, metricId: errors.id, units, sum: units * p, sumSquares: units * meanSquare };
}

function exposures(units: number): ArmTotalRow[] {
  return ["off", "on"].map((variation) => ({ experimentId: "e", variation, metricId: EXPOSURE_METRIC, units, sum: 0, sumSquares: 0 }));
}

function results(totals: ArmTotalRow[], metrics: ResultsMetric[] = [errors], histograms: ArmHistogramRow[] = []) {
  return experimentResults({
    design: { controlVariation: "off", weights: { off: 50, on: 50 }, alpha: 0.05, plannedPerVariation: 2_000, metrics },
    totals,
    series: [],
    histograms,
    nowMs: NOW,
  });
}

const check = (rules: GuardrailRule[], totals: ArmTotalRow[], extra: { metrics?: ResultsMetric[]; minutes?: ErrorMinute[]; signals?: SecuritySignal[]; histograms?: ArmHistogramRow[] } = {}) =>
  checkGuardrails({
    rules,
    settings: DEFAULT_ENVIRONMENT_GUARDRAILS,
    results: results(totals, extra.metrics, extra.histograms),
    errorMinutes: extra.minutes ?? [],
    signals: extra.signals ?? [],
    nowMs: NOW,
  });

const errorRule: GuardrailRule = { kind: "error_rate", metricKey: "errors", minRelativeIncrease: 0.1 };

describe("error-rate increase", () => {
  it("breaches when the variant's error rate is 3× control with enough units", () => {
    const result = check([errorRule], [...exposures(1_000), errorArm("off", 1_000, 0.02), errorArm("on", 1_000, 0.06)]);
    expect(result.breach).toMatchObject({ label: "Error rate increase", variation: "on", status: "breached", figures: { control: 0.02, variant: 0.06, worseBy: 2 } });
    expect(result.breach!.summary).toMatch(/200 % worse, significant/);
    expect(result.healthy).toBe(false);
  });

  it("does not abort on a tiny sample, however bad it looks", () => {
    const result = check([errorRule], [...exposures(20), errorArm("off", 20, 0.02), errorArm("on", 20, 0.2)]);
    expect(result.breach).toBeNull();
    expect(result.verdicts[0]).toMatchObject({ status: "insufficient_data", summary: "Not enough data yet: 20 of 100 units in the smallest arm." });
    expect(result.healthy).toBe(false);
  });

  it("does not abort on an increase below the threshold, even when significant", () => {
    const result = check([{ ...errorRule, minRelativeIncrease: 0.5 }], [...exposures(50_000), errorArm("off", 50_000, 0.02), errorArm("on", 50_000, 0.022)]);
    expect(result.verdicts[0]!.status).toBe("healthy");
  });

  it("is healthy when the variant is no worse", () => {
    const result = check([errorRule], [...exposures(1_000), errorArm("off", 1_000, 0.02), errorArm("on", 1_000, 0.019)]);
    expect(result).toMatchObject({ breach: null, healthy: true });
  });
});

describe("security signals", () => {
  const signal = (variation: string): SecuritySignal => ({ variation, unitId: "u-7", eventId: "ev-1", eventName: "token_replay", atMs: NOW - 1_000 });
  it("abort at once from a variant's unit, with no minimum sample", () => {
    const result = check([{ kind: "security_signal" }, errorRule], exposures(3), { signals: [signal("on")] });
    expect(result.breach).toMatchObject({ rule: { kind: "security_signal" }, variation: "on", figures: { eventName: "token_replay", unitId: "u-7" } });
    expect(result.breach!.summary).toBe("Security signal “token_replay” from unit u-7 in variation on (1 in all).");
  });
  it("from the control's units do not blame the variant", () => {
    expect(check([{ kind: "security_signal" }], exposures(3), { signals: [signal("off")] })).toMatchObject({ breach: null, healthy: true });
  });
});

describe("latency", () => {
  function latencyArm(variation: string, units: number, mean: number): ArmTotalRow {
    return { experimentId: "e", variation, metricId: latency.id, units, sum: units * mean, sumSquares: units * (mean * mean + (0.2 * mean) ** 2) };
  }
  const rule: GuardrailRule = { kind: "latency", metricKey: "latency", maxMeanIncrease: 0.2, maxP95Increase: 0.25 };
  it("breaches on a significant mean increase above the threshold", () => {
    const result = check([rule], [...exposures(500), latencyArm("off", 500, 200), latencyArm("on", 500, 300)], { metrics: [latency] });
    expect(result.breach).toMatchObject({ variation: "on", figures: { control: 200, variant: 300, worseBy: 0.5 } });
  });
  it("breaches on the p95 alone", () => {
    const histogram = (variation: string, value: number): ArmHistogramRow => ({ experimentId: "e", variation, metricId: latency.id, bucket: histogramBucket(value), count: 500 });
    const result = check([rule], [...exposures(500), latencyArm("off", 500, 200), latencyArm("on", 500, 200)], {
      metrics: [latency],
      histograms: [histogram("off", 250), histogram("on", 500)],
    });
    expect(result.breach!.summary).toMatch(/p95 .* in on is .* above control's/);
  });
});

describe("authentication breakage", () => {
  const conversions = (variation: string, units: number, rate: number): ArmTotalRow => ({ experimentId: "e", variation, metricId: auth.id, units: 0, sum: units * rate, sumSquares: units * rate });
  it("breaches when a variant's auth-failure rate passes the absolute bound", () => {
    const rule: GuardrailRule = { kind: "auth_failure", metricKey: "auth-failures", minRelativeIncrease: 5, maxRate: 0.05 };
    const result = check([rule], [...exposures(400), conversions("off", 400, 0.05), conversions("on", 400, 0.06)], { metrics: [auth] });
    expect(result.breach!.summary).toBe("auth-failures: on 0.06 vs control 0.05: the rate 6 % is above the bound 5 %.");
  });
});

describe("SLA burn rate", () => {
  const rule: GuardrailRule = { kind: "sla_burn", metricKey: "errors" };
  const minute = (variation: string, agoMinutes: number, requests: number, errorCount: number): ErrorMinute => ({
    variation,
    metricId: errors.id,
    minuteMs: Math.floor((NOW - agoMinutes * 60_000) / 60_000) * 60_000,
    requests,
    errors: errorCount,
  });
  const totals = [...exposures(1_000), errorArm("off", 1_000, 0.02), errorArm("on", 1_000, 0.06)];

  it("breaches when the variant's extra errors burn the budget past the threshold in both windows", () => {
    const result = check([rule], totals, { minutes: [minute("off", 1, 5_000, 100), minute("on", 1, 5_000, 300)] });
    expect(result.breach).toMatchObject({ variation: "on", figures: { shortBurn: 40, longBurn: 40 } });
    expect(result.breach!.summary).toMatch(/burn the 99.9 % SLA's error budget at 40× over 5 min/);
  });

  it("needs the short window too: an old burst that has stopped is not an SLA risk", () => {
    const result = check([rule], totals, { minutes: [minute("off", 30, 5_000, 100), minute("on", 30, 5_000, 300), minute("off", 1, 5_000, 100), minute("on", 1, 5_000, 100)] });
    expect(result.verdicts[0]!.status).toBe("healthy");
  });

  it("waits for the minimum requests in each window", () => {
    const result = check([rule], totals, { minutes: [minute("off", 1, 50, 1), minute("on", 1, 50, 10)] });
    expect(result.verdicts[0]).toMatchObject({ status: "insufficient_data" });
  });
});
