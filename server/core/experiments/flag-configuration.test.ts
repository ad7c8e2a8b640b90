import { describe, expect, it } from "vitest";
import { AUDIENCE_RULE_ID, flagWeightsFor, launchConfiguration, shipConfiguration } from "./flag-configuration";
import type { Rule } from "../evaluation/snapshot-format";

const internalUsers: Rule = {
  id: "internal",
  match: "all",
  conditions: [{ attribute: "email", operator: "ends_with", values: ["@example.com"] }],
  serve: { variation: "treatment" },
};

describe("experiment flag configuration", () => {
  it("turns design percentages into integer weights on the 10,000 scale", () => {
    expect(flagWeightsFor({ weights: { control: 33.34, a: 33.33, b: 33.33 } })).toEqual({ control: 3334, a: 3333, b: 3333 });
  });

  it("launches on, at the launch exposure, with the design's split", () => {
    const config = launchConfiguration({
      experimentKey: "copy-test",
      design: { weights: { control: 50, treatment: 50 }, segmentKey: null },
      offVariation: "control",
      rules: [internalUsers],
      exposurePercentage: 5,
    });
    expect(config).toEqual({ enabled: true, rolloutPercentage: 5, weights: { control: 5000, treatment: 5000 }, rules: [internalUsers] });
  });

  it("puts a segment audience first, serving the off variation outside it, without duplicating it on relaunch", () => {
    const input = {
      experimentKey: "copy-test",
      design: { weights: { control: 50, treatment: 50 }, segmentKey: "beta-testers" },
      offVariation: "control",
      rules: [internalUsers],
      exposurePercentage: 5,
    };
    const first = launchConfiguration(input);
    expect(first.rules.map((r) => r.id)).toEqual([AUDIENCE_RULE_ID, "internal"]);
    expect(first.rules[0]).toMatchObject({
      conditions: [{ attribute: "targetingKey", operator: "not_in_segment", values: ["beta-testers"] }],
      serve: { variation: "control" },
    });
    expect(launchConfiguration({ ...input, rules: first.rules }).rules.map((r) => r.id)).toEqual([AUDIENCE_RULE_ID, "internal"]);
  });

  it("ships the winner to everyone and drops the audience rule", () => {
    const launched = launchConfiguration({
      experimentKey: "x",
      design: { weights: { control: 50, treatment: 50 }, segmentKey: "beta" },
      offVariation: "control",
      rules: [],
      exposurePercentage: 5,
    });
    expect(shipConfiguration("treatment", launched.rules)).toEqual({ enabled: true, rolloutPercentage: 100, weights: { treatment: 10000 }, rules: [] });
  });
});
