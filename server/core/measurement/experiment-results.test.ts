import { describe, expect, it } from "vitest";
import { analyze } from "../stats/analyze";
import { EXPOSURE_METRIC, type ArmSeriesRow, type ArmTotalRow } from "./aggregate-batch";
import { experimentResults, sequentialTuningFor, type ResultsDesign } from "./experiment-results";

const design: ResultsDesign = {
  controlVariation: "off",
  weights: { off: 50, on: 50 },
  alpha: 0.05,
  plannedPerVariation: 1000,
  metrics: [{ id: "conv", key: "checkout", name: "Checkout", kind: "conversion", direction: "increase", role: "success", unit: "" }],
};
const total = (variation: string, metricId: string, units: number, sum = 0): ArmTotalRow => ({ experimentId: "e", variation, metricId, units, sum, sumSquares: sum });
const at = (row: ArmTotalRow, bucketMs: number): ArmSeriesRow => ({ ...row, bucketMs });

describe("experiment results from running totals", () => {
  it("analyses conversions against all exposed units, exactly as the analysis API does", () => {
    const totals = [total("off", EXPOSURE_METRIC, 2000), total("on", EXPOSURE_METRIC, 2000), total("off", "conv", 0, 200), total("on", "conv", 0, 250)];
    const r = experimentResults({ design, totals, series: [], histograms: [], nowMs: 0 });
    const direct = analyze({
      sequential: { enabled: true, tuningParameter: 2000 },
      plannedWeights: [50, 50],
      metrics: [{ key: "checkout", kind: "proportion", direction: "increase", variants: [{ key: "off", units: 2000, conversions: 200 }, { key: "on", units: 2000, conversions: 250 }] }],
    });
    expect(r.metrics[0]!.analysis).toEqual(direct.metrics[0]);
    expect(r.method.sequential).toMatchObject({ enabled: true, tuningParameter: 2000 });
    expect(r.sample).toEqual({ plannedPerVariation: 1000, smallestArm: 2000, progress: 1 });
    expect(r.measurement).toMatchObject({ measured: true });
  });

  it("raises a sample ratio mismatch for a 1 % imbalance on a large sample, and refuses measurement", () => {
    // 50.5 % / 49.5 % of 200,000 units against a 50/50 plan: χ² = 20, p ≈ 7.7e-6
    const totals = [total("off", EXPOSURE_METRIC, 101_000), total("on", EXPOSURE_METRIC, 99_000)];
    const r = experimentResults({ design, totals, series: [], histograms: [], nowMs: 0 });
    expect(r.srm.srm).toBe(true);
    expect(r.srm.pValue).toBeCloseTo(7.744216e-6, 10);
    expect(r.measurement).toMatchObject({ measured: false, reason: expect.stringMatching(/^Sample ratio mismatch/) });
  });

  it("is not measured before the planned sample without a significant result", () => {
    const totals = [total("off", EXPOSURE_METRIC, 300), total("on", EXPOSURE_METRIC, 310), total("off", "conv", 0, 30), total("on", "conv", 0, 33)];
    const r = experimentResults({ design, totals, series: [], histograms: [], nowMs: 0 });
    expect(r.metrics[0]!.alwaysValidLift.on!.lower).toBeLessThan(0); // matches the verdict below
    expect(r.measurement).toEqual({ measured: false, reason: "Not measured yet: 300 of 1,000 units in the smallest variation, and no success metric shows a significant sequential result." });
    expect(r.metrics[0]!.analysis.variants[0]!.verdict).toBe("no significant difference");
  });

  it("builds cumulative points over time whose last point equals the totals", () => {
    const series = [
      at(total("off", EXPOSURE_METRIC, 100), 0),
      at(total("on", EXPOSURE_METRIC, 100), 0),
      at(total("off", "conv", 0, 10), 0),
      at(total("on", "conv", 0, 20), 0),
      at(total("off", EXPOSURE_METRIC, 100), 60_000),
      at(total("on", EXPOSURE_METRIC, 100), 60_000),
      at(total("on", "conv", 0, 20), 60_000),
    ];
    const r = experimentResults({ design, totals: [], series, histograms: [], nowMs: 150_000 });
    const [first, last] = r.metrics[0]!.series;
    expect(first).toMatchObject({ atMs: 60_000, units: { off: 100, on: 100 }, values: { off: 0.1, on: 0.2 } });
    expect(first!.lift.on!.estimate).toBeCloseTo(1, 12);
    expect(last).toMatchObject({ atMs: 150_000, units: { off: 200, on: 200 }, values: { off: 0.05, on: 0.2 } });
    expect(last!.lift.on!.lower).toBeLessThan(last!.lift.on!.estimate);
    expect(last!.lift.on!.upper).toBeGreaterThan(last!.lift.on!.estimate);
  });

  it("tunes the sequential test to the planned total sample, else GrowthBook's default", () => {
    expect(sequentialTuningFor(design)).toBe(2000);
    expect(sequentialTuningFor({ ...design, plannedPerVariation: null })).toBe(5000);
  });
});
