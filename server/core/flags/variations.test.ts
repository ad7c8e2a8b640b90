import { describe, expect, it } from "vitest";
import { BOOLEAN_VARIATIONS, normaliseVariations } from "./variations";

const decodeValue = (value: string): unknown => JSON.parse(value);
import { defaultWeights, describeEnvironmentState } from "./rollout";

describe("variations", () => {
  it("gives boolean flags exactly on and off", () => {
    expect(normaliseVariations("boolean", [{ key: "x", name: "X", value: "1" }])).toEqual(BOOLEAN_VARIATIONS);
  });

  it("encodes typed values as JSON", () => {
    const v = normaliseVariations("number", [
      { key: "low", name: "Low", value: "4.99" },
      { key: "high", name: "High", value: " 9 " },
    ]);
    expect(v.map((x) => decodeValue(x.value))).toEqual([4.99, 9]);
    const s = normaliseVariations("string", [
      { key: "a", name: "A", value: "Upload video" },
      { key: "b", name: "B", value: "Localise now" },
    ]);
    expect(decodeValue(s[1]!.value)).toBe("Localise now");
    const j = normaliseVariations("json", [
      { key: "a", name: "A", value: '{"layout":"grid"}' },
      { key: "b", name: "B", value: "[1,2]" },
    ]);
    expect(decodeValue(j[0]!.value)).toEqual({ layout: "grid" });
  });

  it("names the field of a wrong value", () => {
    expect(() =>
      normaliseVariations("number", [
        { key: "a", name: "A", value: "1" },
        { key: "b", name: "B", value: "cheap" },
      ]),
    ).toThrow(expect.objectContaining({ fieldErrors: { "variations.1.value": [expect.stringMatching(/not a number/)] } }));
    expect(() =>
      normaliseVariations("json", [
        { key: "a", name: "A", value: "{" },
        { key: "b", name: "B", value: "{}" },
      ]),
    ).toThrow(expect.objectContaining({ fieldErrors: { "variations.0.value": [expect.stringMatching(/valid JSON/)] } }));
  });

  it("refuses fewer than two variations and duplicate keys", () => {
    expect(() => normaliseVariations("string", [{ key: "a", name: "A", value: "x" }])).toThrow(/at least two/);
    expect(() =>
      normaliseVariations("string", [
        { key: "a", name: "A", value: "x" },
        { key: "a", name: "B", value: "y" },
      ]),
    ).toThrow(/used twice/);
  });
});

describe("rollout", () => {
  it("serves every non-off variation equally by default", () => {
    expect(defaultWeights(BOOLEAN_VARIATIONS, "off")).toEqual({ on: 10_000 });
    expect(defaultWeights([{ key: "a" }, { key: "b" }, { key: "c" }, { key: "d" }], "a")).toEqual({ b: 3334, c: 3333, d: 3333 });
  });

  it("describes a flag's state in plain words", () => {
    expect(describeEnvironmentState({ enabled: false, rolloutPercentage: 50 })).toBe("Off");
    expect(describeEnvironmentState({ enabled: true, rolloutPercentage: 5 })).toBe("On for 5 %");
    expect(describeEnvironmentState({ enabled: true, rolloutPercentage: 100 })).toBe("On for everyone");
  });
});
