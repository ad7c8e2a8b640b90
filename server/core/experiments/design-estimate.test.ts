import { describe, expect, it } from "vitest";
import { estimateDesign } from "./design-estimate";
import { sampleSizePerVariation } from "../stats/sample-size";

const design = {
  weights: { control: 50, treatment: 50 },
  alpha: 0.05,
  power: 0.8,
  minDetectableEffect: 0.1,
  baselineRate: 0.1,
  exposurePercentage: 100,
  expectedDailyUnits: 5_000,
  plannedDurationDays: 14,
};

describe("estimateDesign", () => {
  it("uses the two-proportion sample size and says the planned duration reaches it", () => {
    const n = sampleSizePerVariation({ baselineRate: 0.1, alpha: 0.05, power: 0.8, minDetectableEffect: 0.1, variations: 2 }).perVariation;
    const estimate = estimateDesign(design);
    expect(estimate.perVariation).toBe(n);
    expect(estimate.total).toBe(2 * n);
    expect(estimate.daysNeeded).toBe(Math.ceil((2 * n) / 5_000));
    expect(estimate.reachable).toBe(true);
    expect(estimate.warning).toBeNull();
    expect(estimate.method).toContain("Fleiss");
  });
  it("warns when the planned duration cannot reach the sample", () => {
    const estimate = estimateDesign({ ...design, exposurePercentage: 5, plannedDurationDays: 7 });
    expect(estimate.reachable).toBe(false);
    expect(estimate.warning).toContain("The planned 7 days cannot reach the sample");
  });
  it("asks for traffic when none is given, and explains impossible designs instead of failing", () => {
    expect(estimateDesign({ ...design, expectedDailyUnits: 0 }).warning).toContain("expected daily units");
    const impossible = estimateDesign({ ...design, baselineRate: 0.6, minDetectableEffect: 1 });
    expect(impossible.perVariation).toBeNull();
    expect(impossible.warning).toMatch(/effect/i);
  });
});
