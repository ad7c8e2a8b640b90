import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { analyze, type AnalyzeInput, type AnalyzeResult, type VariantResult } from "./analyze";

/*
 * End-to-end checks of analyze(). The statistics are those of the module tests, whose reference
 * values come from SciPy 1.17.1 and mpmath (see welch.test.ts, proportions.test.ts,
 * sequential.test.ts, srm.test.ts). The family of this file, computed by hand from SciPy's raw
 * p-values with R's p.adjust formulas:
 *   raw   [0.012350947711191402 (checkout, B: 200/2000 → 250/2000),
 *          0.6021551941138704   (checkout, C: 200/2000 → 210/2000; scipy chi2_contingency),
 *          0.013321512040309945 (latency, B: the small Welch sample),
 *          1                    (latency, C: identical to the control)]
 *   holm  [4·p₁ = 0.04940379084476561, 1, max(4·p₁, 3·p₃) = 0.04940379084476561, 1]
 *   BH    [min(4p₁, 4p₃/2) = 0.02664302408061989, 4p₂/3 = 0.8028735921518272, 0.02664302408061989, 1]
 */

const P_B = 0.012350947711191402;
const P_C = 0.6021551941138704;
const P_LATENCY_B = 0.013321512040309945;

function experiment(overrides: Partial<AnalyzeInput> = {}): AnalyzeInput {
  return {
    metrics: [
      {
        key: "checkout",
        kind: "proportion",
        direction: "increase",
        variants: [
          { key: "A", units: 2000, conversions: 200 },
          { key: "B", units: 2000, conversions: 250 },
          { key: "C", units: 2000, conversions: 210 },
        ],
      },
      {
        key: "latency",
        kind: "mean",
        direction: "decrease",
        variants: [
          { key: "A", units: 7, sum: 139.9, sumSquares: 2813.01 },
          { key: "B", units: 8, sum: 180.5, sumSquares: 4095.13 },
          { key: "C", units: 7, sum: 139.9, sumSquares: 2813.01 },
        ],
      },
    ],
    ...overrides,
  };
}

function variant(result: AnalyzeResult, metric: string, key: string): VariantResult {
  const found = result.metrics.find((m) => m.key === metric)?.variants.find((v) => v.key === key);
  if (!found) throw new Error(`no result for ${metric}/${key}`);
  return found;
}

/** Every number in the output is finite (JSON-safe: no NaN, no Infinity). */
function expectJsonSafe(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  const walk = (v: unknown): void => {
    if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
}

function fieldErrorsOf(fn: () => unknown): Record<string, string[]> {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_INPUT");
    return (error as AppError).fieldErrors;
  }
  throw new Error("expected a BAD_INPUT error");
}

describe("analyze: results and methods", () => {
  it("takes JSON in and gives JSON out, naming every method, with defaults filled in", () => {
    const result = analyze(JSON.parse(JSON.stringify(experiment())));
    expectJsonSafe(result);
    expect(result.alpha).toBe(0.05);
    expect(result.correction).toMatchObject({ method: "holm", comparisons: 4, appliedTo: "fixed-horizon p-values" });
    expect(result.sequential).toMatchObject({ enabled: false, tuningParameter: 5000, appliesTo: "absolute lift" });
    const checkout = result.metrics[0];
    expect(checkout).toMatchObject({ key: "checkout", test: "two-proportion-z", control: { key: "A", units: 2000, mean: 0.1 } });
    expect(checkout?.testVariance).toMatch(/pooled/);
    expect(result.metrics[1]).toMatchObject({ test: "welch-t", variance: "sample variance (n − 1)" });
  });

  it("reports the two-proportion z-test as R prop.test (correct = FALSE) and the delta-method lift", () => {
    const b = variant(analyze(experiment()), "checkout", "B");
    expect(b.mean).toBe(0.125);
    expect(b.test).toBe("two-proportion-z");
    expect(b.statistic).toBeCloseTo(2.5019554168026719, 12);
    expect(b.pValue).toBeCloseTo(P_B, 14);
    expect(b.absoluteLift).toMatchObject({ interval: "wald, unpooled normal" });
    expect(b.absoluteLift.ci?.lower).toBeCloseTo(0.0054310085546560286, 14);
    expect(b.absoluteLift.ci?.upper).toBeCloseTo(0.044568991445343971, 14);
    expect(b.relativeLift.interval).toBe("delta-method, normal");
    expect(b.relativeLift.estimate).toBeCloseTo(0.25, 14);
    expect(b.relativeLift.ci?.lower).toBeCloseTo(0.030869364855854587, 14);
    expect(b.relativeLift.ci?.upper).toBeCloseTo(0.46913063514414527, 14);
    expect(b.verdict).toBe("better");
  });

  it("reports Welch's t-test for a mean metric and reads direction 'decrease'", () => {
    const b = variant(analyze(experiment()), "latency", "B");
    expect(b.test).toBe("welch-t");
    expect(b.statistic).toBeCloseTo(2.865723190510275, 9);
    expect(b.df).toBeCloseTo(12.919554042532264, 8);
    expect(b.pValue).toBeCloseTo(P_LATENCY_B, 10);
    expect(b.absoluteLift.interval).toMatch(/welch-t/);
    expect(b.absoluteLift.ci?.lower).toBeCloseTo(0.6330066583839451, 9);
    expect(b.relativeLift.estimate).toBeCloseTo(0.1289313795568262, 12);
    // latency rose while lower is better
    expect(b.verdict).toBe("worse");
    expect(b.reason).toMatch(/rose/);
  });

  it("gives p = 1 and 'no significant difference' for equal rates and equal means", () => {
    const result = analyze(experiment());
    const c = variant(result, "latency", "C");
    expect(c.pValue).toBeCloseTo(1, 14);
    expect(c.verdict).toBe("no significant difference");
    const equal = analyze({
      metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 1000, conversions: 100 }, { key: "B", units: 1000, conversions: 100 }] }],
    });
    expect(equal.metrics[0]?.variants[0]).toMatchObject({ pValue: 1, pValueAdjusted: 1, verdict: "no significant difference" });
  });

  it("stays accurate with a billion units per arm", () => {
    const result = analyze({
      metrics: [
        { key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 1e9, conversions: 1e8 }, { key: "B", units: 1e9, conversions: 100_030_000 }] },
      ],
    });
    const b = variant(result, "m", "B");
    expect(b.pValue).toBeCloseTo(0.025357082466905324, 9);
    expect(b.verdict).toBe("better");
    expectJsonSafe(result);
  });
});

describe("analyze: multiple comparisons across variants × metrics", () => {
  it("adjusts all four comparisons together with Holm (the default)", () => {
    const r = analyze(experiment());
    expect(variant(r, "checkout", "B").pValueAdjusted).toBeCloseTo(0.04940379084476561, 14);
    expect(variant(r, "checkout", "C").pValueAdjusted).toBe(1);
    expect(variant(r, "latency", "B").pValueAdjusted).toBeCloseTo(0.04940379084476561, 14);
    expect(variant(r, "latency", "C").pValueAdjusted).toBe(1);
    expect(variant(r, "checkout", "C").pValue).toBeCloseTo(P_C, 13);
  });

  it("uses Benjamini–Hochberg when asked", () => {
    const r = analyze(experiment({ correction: "benjamini-hochberg" }));
    expect(r.correction.description).toMatch(/Benjamini–Hochberg/);
    expect(variant(r, "checkout", "B").pValueAdjusted).toBeCloseTo(0.02664302408061989, 14);
    expect(variant(r, "checkout", "C").pValueAdjusted).toBeCloseTo(0.8028735921518272, 13);
    expect(variant(r, "latency", "B").pValueAdjusted).toBeCloseTo(0.02664302408061989, 12);
  });

  it("decides on the adjusted p-value: Holm withdraws what raw p-values would claim at α = 0.045", () => {
    const raw = analyze(experiment({ alpha: 0.045, correction: "none" }));
    expect(variant(raw, "checkout", "B").verdict).toBe("better");
    expect(variant(raw, "checkout", "B").pValueAdjusted).toBe(variant(raw, "checkout", "B").pValue);
    const holm = analyze(experiment({ alpha: 0.045, correction: "holm" }));
    expect(variant(holm, "checkout", "B").verdict).toBe("no significant difference");
    expect(variant(holm, "latency", "B").verdict).toBe("no significant difference");
    expect(variant(holm, "checkout", "B").reason).toMatch(/holm-adjusted/);
  });
});

describe("analyze: edge cases", () => {
  it("says 'not enough data' with one unit in an arm, and leaks no NaN", () => {
    const result = analyze({
      metrics: [
        { key: "m", kind: "mean", direction: "increase", variants: [{ key: "A", units: 1, sum: 3, sumSquares: 9 }, { key: "B", units: 1, sum: 5, sumSquares: 25 }] },
        { key: "p", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 1, conversions: 1 }, { key: "B", units: 1, conversions: 0 }] },
      ],
    });
    expectJsonSafe(result);
    for (const metric of result.metrics) {
      const v = metric.variants[0];
      expect(v).toMatchObject({ verdict: "not enough data", pValue: null, pValueAdjusted: null, statistic: null });
      expect(v?.absoluteLift.ci).toBeNull();
      expect(v?.reason).toMatch(/at least 2 units/);
    }
    expect(result.metrics[0]?.control.variance).toBeNull();
    expect(result.metrics[0]?.variants[0]?.absoluteLift.estimate).toBe(2);
    expect(result.correction.comparisons).toBe(0);
  });

  it("handles an arm with no units: null mean, 'not enough data', and a sample ratio mismatch", () => {
    const result = analyze({
      metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 500, conversions: 50 }, { key: "B", units: 0, conversions: 0 }] }],
    });
    expectJsonSafe(result);
    expect(result.metrics[0]?.variants[0]).toMatchObject({ mean: null, variance: null, verdict: "not enough data" });
    expect(result.metrics[0]?.variants[0]?.absoluteLift.estimate).toBeNull();
    expect(result.srm.srm).toBe(true);
  });

  it("handles zero conversions: in both arms → 'not enough data'; in the control only → a result without relative lift", () => {
    const none = analyze({
      metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 100, conversions: 0 }, { key: "B", units: 100, conversions: 0 }] }],
    });
    expectJsonSafe(none);
    expect(none.metrics[0]?.variants[0]).toMatchObject({ verdict: "not enough data", pValue: null });
    expect(none.metrics[0]?.variants[0]?.reason).toMatch(/converted/);
    const controlZero = analyze({
      metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 50, conversions: 0 }, { key: "B", units: 50, conversions: 5 }] }],
    });
    expectJsonSafe(controlZero);
    const b = variant(controlZero, "m", "B");
    expect(b.pValue).toBeCloseTo(0.021781462791119595, 14);
    expect(b.relativeLift).toEqual({ interval: "delta-method, normal", estimate: null, standardError: null, ci: null });
    expect(b.verdict).toBe("better");
  });

  it("says 'not enough data' when a mean metric does not vary at all", () => {
    const result = analyze({
      metrics: [{ key: "m", kind: "mean", direction: "increase", variants: [{ key: "A", units: 10, sum: 20, sumSquares: 40 }, { key: "B", units: 10, sum: 30, sumSquares: 90 }] }],
    });
    expectJsonSafe(result);
    expect(result.metrics[0]?.variants[0]).toMatchObject({ verdict: "not enough data", absoluteLift: { estimate: 1 } });
  });
});

describe("analyze: sample ratio mismatch", () => {
  const split = (a: number, b: number): AnalyzeInput => ({
    metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: a, conversions: 0 }, { key: "B", units: b, conversions: 0 }] }],
  });

  it("flags 5000 vs 4600 against a 50/50 plan (p = 4.4557e-5) but not 5000 vs 4700 (p = 0.00232)", () => {
    const bad = analyze({ ...split(5000, 4600), plannedWeights: [50, 50] });
    expect(bad.srm).toMatchObject({ srm: true, test: "chi-square goodness of fit", df: 1 });
    expect(bad.srm.pValue).toBeCloseTo(4.455709060405612e-5, 15);
    const ok = analyze(split(5000, 4700));
    expect(ok.srm.srm).toBe(false);
    expect(ok.srm.pValue).toBeCloseTo(0.002318781454334581, 14);
  });

  it("compares against the planned weights, whatever their scale", () => {
    const planned = analyze({ ...split(5000, 4600), plannedWeights: [5000, 4600] });
    expect(planned.srm).toMatchObject({ srm: false, pValue: 1 });
  });
});

describe("analyze: sequential testing", () => {
  const sequentialInput = (xt: number, enabled = true): AnalyzeInput => ({
    sequential: { enabled },
    metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 10_000, conversions: 1000 }, { key: "B", units: 10_000, conversions: xt }] }],
  });

  it("decides on the always-valid interval, which is wider than the fixed one", () => {
    const result = analyze(sequentialInput(1150));
    expect(result.correction.appliedTo).toBe("always-valid p-values");
    expect(result.sequential).toMatchObject({ enabled: true, tuningParameter: 5000 });
    expect(result.sequential.rho).toBeCloseTo(0.039840066771373678, 15);
    const b = variant(result, "m", "B");
    // SciPy chi2_contingency([[1150, 8850], [1000, 9000]], correction=False): p = 0.0006164549192148469
    expect(b.pValue).toBeCloseTo(0.0006164549192148469, 14);
    expect(b.sequential?.halfWidth).toBeCloseTo(0.013694296589983163, 15);
    expect(b.sequential?.pValue).toBeCloseTo(0.019395219955838708, 13);
    expect(b.sequential?.excludesZero).toBe(true);
    expect(b.pValueAdjusted).toBe(b.sequential?.pValue);
    expect(b.verdict).toBe("better");
    expect(b.reason).toMatch(/always-valid/);
    const fixedWidth = (b.absoluteLift.ci?.upper ?? 0) - (b.absoluteLift.ci?.lower ?? 0);
    expect(2 * (b.sequential?.halfWidth ?? 0)).toBeGreaterThan(fixedWidth);
  });

  it("withholds a verdict the fixed-horizon test would give: 1000 vs 1100 of 10,000 (fixed p ≈ 0.02, always-valid p = 0.434)", () => {
    const fixed = variant(analyze(sequentialInput(1100, false)), "m", "B");
    // SciPy chi2_contingency([[1100, 8900], [1000, 9000]], correction=False): p = 0.021075189273797777
    expect(fixed.pValue).toBeCloseTo(0.021075189273797777, 14);
    expect(fixed.verdict).toBe("better");
    expect(fixed.sequential).toBeNull();
    const seq = variant(analyze(sequentialInput(1100)), "m", "B");
    expect(seq.sequential?.pValue).toBeCloseTo(0.43372021342570498, 13);
    expect(seq.sequential?.excludesZero).toBe(false);
    expect(seq.verdict).toBe("no significant difference");
  });

  it("uses the tuning parameter it is given", () => {
    const result = analyze({
      sequential: { enabled: true, tuningParameter: 4000 },
      metrics: [{ key: "m", kind: "proportion", direction: "increase", variants: [{ key: "A", units: 2000, conversions: 200 }, { key: "B", units: 2000, conversions: 250 }] }],
    });
    expect(result.sequential.tuningParameter).toBe(4000);
    expect(variant(result, "m", "B").sequential?.halfWidth).toBeCloseTo(0.030304627654391569, 15);
  });
});

describe("analyze: input checks name the field", () => {
  const base = experiment();
  const withVariant = (metric: number, index: number, patch: Record<string, unknown>) => {
    const copy = JSON.parse(JSON.stringify(base)) as AnalyzeInput;
    const target = copy.metrics[metric]?.variants[index];
    if (target) Object.assign(target, patch);
    return copy;
  };

  it.each([
    ["metrics.0.variants.1.units", withVariant(0, 1, { units: -1 }), "metrics.0.variants.1.units must be a whole number ≥ 0"],
    ["metrics.0.variants.1.units", withVariant(0, 1, { units: 2.5 }), "whole number"],
    ["metrics.0.variants.2.conversions", withVariant(0, 2, { conversions: 2001 }), "from 0 to units (2000)"],
    ["metrics.0.variants.0.conversions", withVariant(0, 0, { conversions: undefined }), "conversions"],
    ["metrics.1.variants.1.sum", withVariant(1, 1, { sum: undefined }), "sum must be a finite number"],
    ["metrics.1.variants.1.sumSquares", withVariant(1, 1, { sumSquares: 1 }), "at least sum²/units"],
    ["metrics.1.variants.0.conversions", withVariant(1, 0, { conversions: 3 }), "belongs to proportion metrics"],
    ["metrics.0.variants.2.key", withVariant(0, 2, { key: "B" }), "used twice"],
    ["metrics.1.variants", withVariant(1, 2, { key: "D" }), "same variant keys"],
  ])("%s", (field, input, message) => {
    const errors = fieldErrorsOf(() => analyze(input));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]?.[0]).toContain(message);
  });

  it("checks the settings", () => {
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, alpha: 0 })))).toEqual(["alpha"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, alpha: 0.6 })))).toEqual(["alpha"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, correction: "bonferroni" as never })))).toEqual(["correction"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, sequential: { enabled: true, tuningParameter: 0 } })))).toEqual(["sequential.tuningParameter"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, sequential: { enabled: "yes" as never } })))).toEqual(["sequential.enabled"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, plannedWeights: [1, 1] })))).toEqual(["plannedWeights"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ ...base, plannedWeights: [1, 0, 1] })))).toEqual(["plannedWeights"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ metrics: [] })))).toEqual(["metrics"]);
    expect(Object.keys(fieldErrorsOf(() => analyze(null)))).toEqual(["metrics"]);
  });

  it("checks each metric", () => {
    const metric = (patch: Record<string, unknown>) => ({ metrics: [{ ...base.metrics[0], ...patch }] });
    expect(Object.keys(fieldErrorsOf(() => analyze(metric({ kind: "ratio" }))))).toEqual(["metrics.0.kind"]);
    expect(Object.keys(fieldErrorsOf(() => analyze(metric({ direction: "up" }))))).toEqual(["metrics.0.direction"]);
    expect(Object.keys(fieldErrorsOf(() => analyze(metric({ key: "" }))))).toEqual(["metrics.0.key"]);
    expect(Object.keys(fieldErrorsOf(() => analyze(metric({ variants: [{ key: "A", units: 1, conversions: 0 }] }))))).toEqual(["metrics.0.variants"]);
    expect(Object.keys(fieldErrorsOf(() => analyze({ metrics: [base.metrics[0], base.metrics[0]] })))).toEqual(["metrics.1.key"]);
  });
});
