import { describe, expect, it } from "vitest";
import { draftContent } from "./draft-defaults";

const base = { name: "N", type: "ab_test" as const, flagKey: "f", environmentKey: "staging", team: "growth" };

describe("draftContent", () => {
  it("uses the off variation as control and splits evenly, summing to exactly 100", () => {
    const d = draftContent({ ...base, variationKeys: ["a", "off", "c"], offVariationKey: "off" }).design;
    expect(d.controlVariation).toBe("off");
    expect(d.weights).toEqual({ a: 33.34, off: 33.33, c: 33.33 });
    expect(Object.values(d.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(100, 10);
  });
  it("starts unconfirmed: the author must confirm the security statement", () => {
    expect(draftContent({ ...base, variationKeys: ["on", "off"], offVariationKey: "off" }).sensitivity.confirmsNoSecurityChange).toBe(false);
  });
});
