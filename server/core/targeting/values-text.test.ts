import { describe, expect, it } from "vitest";
import { formatValuesText, inferValueKind, parseValuesText, sameValues } from "./values-text";

describe("parseValuesText", () => {
  it("splits lists on commas and trims", () => {
    expect(parseValuesText(" DE, FR ,, ", "in")).toEqual(["DE", "FR"]);
    expect(parseValuesText("@keel.local", "ends_with")).toEqual(["@keel.local"]);
  });
  it("keeps a single value whole", () => {
    expect(parseValuesText(" 1.4.0 ", "semver_gte")).toEqual(["1.4.0"]);
    expect(parseValuesText("a, b", "equals")).toEqual(["a, b"]);
    expect(parseValuesText("  ", "equals")).toEqual([]);
  });
  it("parses numbers for comparisons, leaving non-numbers for the server to refuse", () => {
    expect(parseValuesText("19.5", "gt")).toEqual([19.5]);
    expect(parseValuesText("abc", "lte")).toEqual(["abc"]);
  });
  it("uses the chosen kind for equality operators", () => {
    expect(parseValuesText("1, 2", "in", "number")).toEqual([1, 2]);
    expect(parseValuesText("1", "equals", "text")).toEqual(["1"]);
    expect(parseValuesText("TRUE", "equals", "boolean")).toEqual([true]);
    expect(parseValuesText("maybe", "equals", "boolean")).toEqual(["maybe"]);
  });
  it("takes no values for exists", () => {
    expect(parseValuesText("x", "exists")).toEqual([]);
  });
  it("round-trips through formatValuesText", () => {
    const values = parseValuesText("DE, FR", "in");
    expect(formatValuesText(values)).toBe("DE, FR");
    expect(sameValues(parseValuesText(formatValuesText(values), "in"), values)).toBe(true);
  });
});

describe("inferValueKind", () => {
  it("infers from existing values", () => {
    expect(inferValueKind([1, 2])).toBe("number");
    expect(inferValueKind([true])).toBe("boolean");
    expect(inferValueKind(["a", 1])).toBe("text");
    expect(inferValueKind([])).toBe("text");
  });
});
