import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  durationEstimate,
  MEAN_METHOD,
  minimumDetectableEffect,
  PROPORTION_METHOD,
  sampleSizePerVariation,
  zQuantile,
  type SampleSizeInput,
} from "./sample-size";

/*
 * Reference values. None is computed with the code under test (R was not run for these; the
 * numbers below come from the formulas evaluated independently):
 *
 * - z quantiles: textbook values z_{0.975} = 1.959963984540054, z_{0.8} = 0.8416212335729143,
 *   z_{0.9} = 1.2815515655446004, z_{0.9875} = 2.2414027276049454 (Bonferroni 0.05/2), checked with
 *   mpmath at 30 digits as √2·erfinv(2p − 1).
 * - Proportions: the closed form of the power equation of R's power.prop.test (strict = FALSE; R
 *   source src/library/stats/R/power.R: power = Φ((√n·|p1 − p2| − z_{1−α/2}·√((p1 + p2)(1 − (p1 + p2)/2)))
 *   / √(p1q1 + p2q2))), i.e. Fleiss without continuity correction, evaluated with mpmath at 30 digits
 *   and again with Python's statistics.NormalDist (an independent quantile, Wichura's AS241). R solves
 *   the same equation with uniroot (about 4 significant digits), so power.prop.test(p1 = 0.10,
 *   p2 = 0.11, power = 0.8) reports n ≈ 14750.79. R's documented example power.prop.test(n = 50,
 *   p1 = .5, p2 = .75) gives power = 0.7401659; the formula reproduces it (0.740165901).
 * - Means: 2(z_{1−α/2} + z_{1−β})²σ²/δ² at 30 digits (Chow, Shao & Wang, two-sample test for
 *   equality, σ known). R's power.t.test(delta = 1, sd = 1, power = 0.9) uses the t distribution and
 *   gives n = 22.02110 (rechecked with scipy's noncentral t: 22.021096; 16.714760 at power 0.8); the
 *   normal approximation is smaller by about z_{1−α/2}²/4 (Guenther 1981), which is checked below.
 */
const Z_975 = 1.959963984540054;
const Z_80 = 0.8416212335729143;
const Z_90 = 1.2815515655446004;
const Z_9875 = 2.2414027276049454;

const base = { alpha: 0.05, power: 0.8, variations: 2 } as const;

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

describe("zQuantile", () => {
  it("gives the textbook normal quantiles", () => {
    expect(zQuantile(0.975)).toBeCloseTo(Z_975, 14);
    expect(zQuantile(0.8)).toBeCloseTo(Z_80, 14);
    expect(zQuantile(0.9)).toBeCloseTo(Z_90, 14);
    expect(zQuantile(0.9875)).toBeCloseTo(Z_9875, 14);
    expect(zQuantile(0.5)).toBe(0);
  });
});

describe("sampleSizePerVariation: conversion metric (Fleiss, as R power.prop.test)", () => {
  it("p1 = 0.10, +10 % (p2 = 0.11), α = 0.05, power = 0.8 → 14750.79 per arm (R: 14750.79)", () => {
    const r = sampleSizePerVariation({ ...base, baselineRate: 0.1, minDetectableEffect: 0.1 });
    expect(r.perVariationExact).toBeCloseTo(14750.790469044939, 6);
    expect(r.perVariation).toBe(14751);
    expect(r.total).toBe(29502);
    expect(r.method).toBe(PROPORTION_METHOD);
    expect(r.metric).toBe("proportion");
    expect(r.zAlpha).toBeCloseTo(Z_975, 14);
    expect(r.zBeta).toBeCloseTo(Z_80, 14);
    expect(r.alphaPerComparison).toBe(0.05);
    expect(r.comparisons).toBe(1);
    expect(r.correction).toBe("bonferroni");
  });

  it("p1 = 0.5, p2 = 0.75, power = 0.9 → 76.7069 per arm (R's example power.prop.test(p1 = .50, p2 = .75, power = .90))", () => {
    const r = sampleSizePerVariation({ ...base, power: 0.9, baselineRate: 0.5, minDetectableEffect: 0.5 });
    expect(r.perVariationExact).toBeCloseTo(76.706928451777447, 9);
    expect(r.perVariation).toBe(77);
  });

  it("power 0.5 makes z_β = 0: n = z²·2p̄q̄/(p2 − p1)² = 7220.02", () => {
    const r = sampleSizePerVariation({ ...base, power: 0.5, baselineRate: 0.1, minDetectableEffect: 0.1 });
    expect(r.zBeta).toBe(0);
    // 1.959963984540054² · 2 · 0.105 · 0.895 / 0.01²
    expect(r.perVariationExact).toBeCloseTo(7220.0218534946097, 7);
    expect(r.perVariation).toBe(7221);
  });

  it("a very small effect (+0.1 % of 10 %) needs 141,342,622 per arm", () => {
    const r = sampleSizePerVariation({ ...base, baselineRate: 0.1, minDetectableEffect: 0.001 });
    expect(r.perVariationExact / 141342621.15278172).toBeCloseTo(1, 9);
    expect(r.perVariation).toBe(141342622);
  });

  it("a very small baseline rate (0.01 %, +10 %) needs 16,480,916 per arm", () => {
    const r = sampleSizePerVariation({ ...base, baselineRate: 0.0001, minDetectableEffect: 0.1 });
    expect(r.perVariationExact / 16480915.585214810).toBeCloseTo(1, 9);
    expect(r.perVariation).toBe(16480916);
  });

  it("splits α by Bonferroni over the variants: 3 arms → α' = 0.025, z = 2.2414, 17863.42 per arm", () => {
    const r = sampleSizePerVariation({ ...base, variations: 3, baselineRate: 0.1, minDetectableEffect: 0.1 });
    expect(r.alphaPerComparison).toBe(0.025);
    expect(r.comparisons).toBe(2);
    expect(r.zAlpha).toBeCloseTo(Z_9875, 14);
    expect(r.perVariationExact).toBeCloseTo(17863.419130644555, 6);
    expect(r.perVariation).toBe(17864);
    expect(r.total).toBe(3 * 17864);
  });

  it("4 arms → α' = 0.05/3: p1 = 0.2, +10 % → 8682.77 per arm", () => {
    const r = sampleSizePerVariation({ ...base, variations: 4, baselineRate: 0.2, minDetectableEffect: 0.1 });
    expect(r.alphaPerComparison).toBeCloseTo(0.05 / 3, 15);
    expect(r.perVariationExact).toBeCloseTo(8682.7683750993356, 6);
    expect(r.perVariation).toBe(8683);
    expect(r.total).toBe(4 * 8683);
  });

  it("without correction keeps α for every comparison", () => {
    const r = sampleSizePerVariation({ ...base, variations: 3, correction: "none", baselineRate: 0.1, minDetectableEffect: 0.1 });
    expect(r.alphaPerComparison).toBe(0.05);
    expect(r.correction).toBe("none");
    expect(r.perVariation).toBe(14751);
    expect(r.total).toBe(3 * 14751);
  });

  it("needs more units for a smaller effect, a higher power, a lower α", () => {
    const n = (o: Partial<SampleSizeInput>) => sampleSizePerVariation({ ...base, baselineRate: 0.1, minDetectableEffect: 0.1, ...o }).perVariationExact;
    expect(n({ minDetectableEffect: 0.05 })).toBeGreaterThan(n({}));
    expect(n({ power: 0.9 })).toBeGreaterThan(n({}));
    expect(n({ alpha: 0.01 })).toBeGreaterThan(n({}));
  });
});

describe("sampleSizePerVariation: mean metric", () => {
  it("δ = 1, σ = 1, power 0.9 → 21.0148 (normal); R's t-based power.t.test gives 22.02110 ≈ 21.0148 + z²/4", () => {
    const r = sampleSizePerVariation({ ...base, power: 0.9, baselineMean: 10, baselineStdDev: 1, minDetectableEffect: 0.1 });
    expect(r.method).toBe(MEAN_METHOD);
    expect(r.metric).toBe("mean");
    expect(r.perVariationExact).toBeCloseTo(21.014846122881243, 10);
    expect(r.perVariation).toBe(22);
    expect(Math.abs(r.perVariationExact + (Z_975 * Z_975) / 4 - 22.0211)).toBeLessThan(0.1);
  });

  it("δ = 1, σ = 1, power 0.8 → 15.6978 (R power.t.test: 16.71476 with t)", () => {
    const r = sampleSizePerVariation({ ...base, baselineMean: 10, baselineStdDev: 1, minDetectableEffect: 0.1 });
    expect(r.perVariationExact).toBeCloseTo(15.697759468698178, 10);
    expect(r.perVariation).toBe(16);
    expect(Math.abs(r.perVariationExact + (Z_975 * Z_975) / 4 - 16.7148)).toBeLessThan(0.1);
  });

  it("mean 50, σ 20, +5 % (δ = 2.5) → 1004.66 per arm", () => {
    const r = sampleSizePerVariation({ ...base, baselineMean: 50, baselineStdDev: 20, minDetectableEffect: 0.05 });
    expect(r.perVariationExact).toBeCloseTo(1004.6566059966834, 8);
    expect(r.perVariation).toBe(1005);
    expect(r.total).toBe(2010);
  });

  it("uses |mean| for a negative baseline", () => {
    const negative = sampleSizePerVariation({ ...base, baselineMean: -50, baselineStdDev: 20, minDetectableEffect: 0.05 });
    expect(negative.perVariation).toBe(1005);
  });

  it("power 0.5 → n = 2z²σ²/δ²", () => {
    const r = sampleSizePerVariation({ ...base, power: 0.5, baselineMean: 10, baselineStdDev: 1, minDetectableEffect: 0.1 });
    expect(r.perVariationExact).toBeCloseTo(2 * Z_975 * Z_975, 12);
    expect(r.perVariation).toBe(8);
  });
});

describe("minimumDetectableEffect", () => {
  it("means: closed form (z_{1−α/2} + z_{1−β})·σ·√(2/n)/|mean| → 0.012529 for n = 1000, σ = 1, mean = 10", () => {
    const r = minimumDetectableEffect({ ...base, perVariation: 1000, baselineMean: 10, baselineStdDev: 1 });
    expect(r.minDetectableEffect).toBeCloseTo(0.012529069984918345, 14);
    expect(r.absoluteEffect).toBeCloseTo(0.12529069984918345, 13);
    expect(r.method).toBe(MEAN_METHOD);
  });

  it("proportions: n = 50, p1 = 0.5 at R's power 0.7401659 (power.prop.test(n = 50, p1 = .5, p2 = .75)) → p2 = 0.75", () => {
    const r = minimumDetectableEffect({ ...base, power: 0.7401659, perVariation: 50, baselineRate: 0.5 });
    expect(r.absoluteEffect).toBeCloseTo(0.25, 6);
    expect(r.minDetectableEffect).toBeCloseTo(0.5, 6);
    expect(r.method).toBe(PROPORTION_METHOD);
  });

  it("proportions: n = 14750.790469 at p1 = 0.10 → +10 % (R: power.prop.test(p1 = .1, p2 = .11, power = .8))", () => {
    const r = minimumDetectableEffect({ ...base, perVariation: 14750.790469044939, baselineRate: 0.1 });
    expect(r.minDetectableEffect).toBeCloseTo(0.1, 10);
  });

  it("proportions: null when even a rate of 100 % is not detectable with so few units", () => {
    // n at p2 = 1 for p1 = 0.5: (1.96·√(2·0.75·0.25) + 0.8416·√0.25)²/0.25 = 10.5
    const r = minimumDetectableEffect({ ...base, perVariation: 2, baselineRate: 0.5 });
    expect(r.minDetectableEffect).toBeNull();
    expect(r.absoluteEffect).toBeNull();
    expect(minimumDetectableEffect({ ...base, perVariation: 11, baselineRate: 0.5 }).minDetectableEffect).toBeLessThan(1);
  });

  it("shrinks with more units (the analysis shows it falling as data arrive)", () => {
    const mde = (perVariation: number) => minimumDetectableEffect({ ...base, perVariation, baselineRate: 0.1 }).minDetectableEffect!;
    expect(mde(1_000)).toBeGreaterThan(mde(10_000));
    expect(mde(10_000)).toBeGreaterThan(mde(100_000));
  });

  it("rejects a non-positive sample", () => {
    expect(fieldErrorsOf(() => minimumDetectableEffect({ ...base, perVariation: 0, baselineRate: 0.1 }))).toHaveProperty("perVariation");
    expect(fieldErrorsOf(() => minimumDetectableEffect({ ...base, perVariation: Number.NaN, baselineRate: 0.1 }))).toHaveProperty("perVariation");
  });
});

describe("round trip: minimumDetectableEffect(sampleSizePerVariation(mde)) ≈ mde", () => {
  const designs: { name: string; design: Omit<SampleSizeInput, "minDetectableEffect"> }[] = [
    { name: "p = 0.1", design: { ...base, baselineRate: 0.1 } },
    { name: "p = 0.0001", design: { ...base, baselineRate: 0.0001 } },
    { name: "p = 0.9, power 0.95, α 0.01", design: { alpha: 0.01, power: 0.95, variations: 2, baselineRate: 0.9 } },
    { name: "p = 0.3, 5 arms, power 0.5", design: { alpha: 0.1, power: 0.5, variations: 5, baselineRate: 0.3 } },
    { name: "mean", design: { ...base, baselineMean: 42, baselineStdDev: 17 } },
    { name: "mean, 3 arms, power 0.999", design: { alpha: 0.5, power: 0.999, variations: 3, baselineMean: -3, baselineStdDev: 9 } },
  ];
  for (const { name, design } of designs) {
    it(name, () => {
      for (const mde of [0.001, 0.01, 0.05, 0.1]) {
        const n = sampleSizePerVariation({ ...design, minDetectableEffect: mde });
        const exact = minimumDetectableEffect({ ...design, perVariation: n.perVariationExact }).minDetectableEffect!;
        expect(exact / mde).toBeCloseTo(1, 9);
        // the rounded-up sample detects at least the requested effect
        const rounded = minimumDetectableEffect({ ...design, perVariation: n.perVariation }).minDetectableEffect!;
        expect(rounded).toBeLessThanOrEqual(mde * (1 + 1e-12));
        expect(rounded / mde).toBeGreaterThan(0.99);
      }
    });
  }
});

describe("input checks", () => {
  const ok: SampleSizeInput = { ...base, baselineRate: 0.1, minDetectableEffect: 0.1 };
  const errors = (input: Partial<SampleSizeInput>) => fieldErrorsOf(() => sampleSizePerVariation({ ...ok, ...input }));

  it.each([
    [{ alpha: 0 }, "alpha"],
    [{ alpha: 0.51 }, "alpha"],
    [{ alpha: Number.NaN }, "alpha"],
    [{ power: 0.49 }, "power"],
    [{ power: 0.9999 }, "power"],
    [{ power: 1 }, "power"],
    [{ minDetectableEffect: 0 }, "minDetectableEffect"],
    [{ minDetectableEffect: -0.1 }, "minDetectableEffect"],
    [{ minDetectableEffect: Number.POSITIVE_INFINITY }, "minDetectableEffect"],
    [{ baselineRate: 0 }, "baselineRate"],
    [{ baselineRate: 1 }, "baselineRate"],
    [{ baselineRate: 1.5 }, "baselineRate"],
    [{ variations: 1 }, "variations"],
    [{ variations: 2.5 }, "variations"],
    [{ correction: "holm" as never }, "correction"],
  ] as [Partial<SampleSizeInput>, string][])("%o → %s", (input, field) => {
    const fe = errors(input);
    expect(Object.keys(fe)).toEqual([field]);
    expect(fe[field]![0]).toMatch(/must/);
  });

  it("accepts the edges α = 0.5, power 0.5 and 0.999", () => {
    expect(sampleSizePerVariation({ ...ok, alpha: 0.5 }).perVariation).toBeGreaterThan(0);
    expect(sampleSizePerVariation({ ...ok, power: 0.5 }).perVariation).toBeGreaterThan(0);
    expect(sampleSizePerVariation({ ...ok, power: 0.999 }).perVariation).toBeGreaterThan(0);
  });

  it("names the fix in the message", () => {
    expect(errors({ alpha: 0.6 }).alpha).toEqual(["Alpha must be more than 0 and at most 0.5 (a two-sided significance level such as 0.05)."]);
    expect(errors({ power: 0.4 }).power).toEqual(["Power must be between 0.5 and 0.999 (e.g. 0.8 for 80 %)."]);
  });

  it("refuses an effect that pushes the rate to 100 % or more", () => {
    expect(errors({ baselineRate: 0.6, minDetectableEffect: 0.7 }).minDetectableEffect![0]).toContain("less than 0.6667");
    expect(errors({ baselineRate: 0.5, minDetectableEffect: 1 })).toHaveProperty("minDetectableEffect");
    expect(sampleSizePerVariation({ ...ok, baselineRate: 0.5, minDetectableEffect: 0.99 }).perVariation).toBeGreaterThan(0);
  });

  it("refuses an effect so small the sample size is not a finite number", () => {
    expect(errors({ minDetectableEffect: 1e-200 }).minDetectableEffect![0]).toContain("too small");
  });

  it("needs exactly one kind of baseline", () => {
    expect(errors({ baselineRate: undefined })).toHaveProperty("baselineRate");
    expect(errors({ baselineMean: 10, baselineStdDev: 2 }).baselineRate![0]).toContain("not both");
    const mean = { ...ok, baselineRate: undefined };
    expect(fieldErrorsOf(() => sampleSizePerVariation({ ...mean, baselineMean: 10 }))).toHaveProperty("baselineStdDev");
    expect(fieldErrorsOf(() => sampleSizePerVariation({ ...mean, baselineStdDev: 2 }))).toHaveProperty("baselineMean");
    expect(fieldErrorsOf(() => sampleSizePerVariation({ ...mean, baselineMean: 0, baselineStdDev: 2 }))).toHaveProperty("baselineMean");
    expect(fieldErrorsOf(() => sampleSizePerVariation({ ...mean, baselineMean: 10, baselineStdDev: 0 }))).toHaveProperty("baselineStdDev");
  });

  it("checks the design of minimumDetectableEffect the same way", () => {
    expect(fieldErrorsOf(() => minimumDetectableEffect({ ...base, alpha: 0, perVariation: 100, baselineRate: 0.1 }))).toHaveProperty("alpha");
    expect(fieldErrorsOf(() => minimumDetectableEffect({ ...base, perVariation: 100 }))).toHaveProperty("baselineRate");
  });
});

describe("durationEstimate", () => {
  const plan = { perVariation: 14751, variations: 2, exposurePercentage: 50, expectedDailyUnits: 2000, plannedDurationDays: 30 };

  it("30 days of 1000 exposed units a day reach 2 × 14751 = 29502 (29.5 days → 30)", () => {
    expect(durationEstimate(plan)).toEqual({ daysNeeded: 30, reachable: true, unitsByEnd: 30000, unitsNeeded: 29502, dailyUnits: 1000 });
  });

  it("warns when the planned duration cannot reach the sample", () => {
    expect(durationEstimate({ ...plan, plannedDurationDays: 29 })).toEqual({
      daysNeeded: 30,
      reachable: false,
      unitsByEnd: 29000,
      unitsNeeded: 29502,
      dailyUnits: 1000,
    });
  });

  it("counts every arm: 3 arms need 1.5 × the days of 2", () => {
    expect(durationEstimate({ ...plan, perVariation: 1000, variations: 3, plannedDurationDays: 2 })).toMatchObject({ daysNeeded: 3, reachable: false });
  });

  it("has no answer without traffic or exposure", () => {
    const none = { daysNeeded: null, reachable: false, unitsByEnd: 0, unitsNeeded: 29502, dailyUnits: 0 };
    expect(durationEstimate({ ...plan, exposurePercentage: 0 })).toEqual(none);
    expect(durationEstimate({ ...plan, expectedDailyUnits: 0 })).toEqual(none);
  });

  it("does not add a day for floating-point noise", () => {
    // 100 × 57 / 100 is 56.99999999999999 in floating point; 57 units a day fill 2 × 57 in exactly 2 days
    expect(durationEstimate({ perVariation: 57, variations: 2, exposurePercentage: 57, expectedDailyUnits: 100, plannedDurationDays: 2 })).toMatchObject({
      daysNeeded: 2,
      reachable: true,
      unitsByEnd: 114,
    });
  });

  it("lets the smallest arm of an unequal split set the pace", () => {
    // 10 % of 1000 a day reach 14751 after 147.51 → 148 days; 147,510 units must enter in all
    const r = durationEstimate({ ...plan, weights: [90, 10], plannedDurationDays: 148 });
    expect(r).toEqual({ daysNeeded: 148, reachable: true, unitsByEnd: 148000, unitsNeeded: 147510, dailyUnits: 1000 });
    expect(durationEstimate({ ...plan, weights: [50, 50] }).daysNeeded).toBe(30);
  });

  it.each([
    [{ perVariation: 0 }, "perVariation"],
    [{ variations: 1 }, "variations"],
    [{ exposurePercentage: 101 }, "exposurePercentage"],
    [{ exposurePercentage: -1 }, "exposurePercentage"],
    [{ expectedDailyUnits: -5 }, "expectedDailyUnits"],
    [{ plannedDurationDays: Number.NaN }, "plannedDurationDays"],
    [{ weights: [50, 40] }, "weights"],
    [{ weights: [100] }, "weights"],
    [{ weights: [100, 0] }, "weights"],
  ] as [Record<string, unknown>, string][])("%o → %s", (input, field) => {
    expect(Object.keys(fieldErrorsOf(() => durationEstimate({ ...plan, ...input })))).toEqual([field]);
  });
});
