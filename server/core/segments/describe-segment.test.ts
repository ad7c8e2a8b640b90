import { describe, expect, it } from "vitest";
import { describeSegmentDefinition, parseUnitIdsText } from "./describe-segment";

describe("describeSegmentDefinition", () => {
  it("describes conditions and counts", () => {
    expect(
      describeSegmentDefinition({ conditions: [{ attribute: "email", operator: "ends_with", values: ["@keel.local"] }], includedCount: 12, excludedCount: 1 }),
    ).toBe("email ends with @keel.local; 12 included, 1 excluded");
    expect(describeSegmentDefinition({ conditions: [], includedCount: 1200, excludedCount: 0 })).toBe("1,200 included");
    expect(describeSegmentDefinition({ conditions: [], includedCount: 0, excludedCount: 0 })).toBe("nobody");
  });
});

describe("parseUnitIdsText", () => {
  it("splits on lines and commas, trims and deduplicates", () => {
    expect(parseUnitIdsText(" u1\nu2, u3\n\n u1 ,")).toEqual(["u1", "u2", "u3"]);
    expect(parseUnitIdsText("   ")).toEqual([]);
  });
});
