import { describe, expect, it } from "vitest";
import { describeRule, describeServe } from "./describe-rule";

const variations = [
  { key: "on", name: "On" },
  { key: "off", name: "Off" },
];

describe("describing rules for people", () => {
  it("says what a rule serves", () => {
    expect(describeServe({ variation: "on" }, variations)).toBe("On");
    expect(describeServe({ rollout: { percentage: 20, weights: [{ variation: "on", weight: 10_000 }] } }, variations)).toBe("20 % rollout of On");
    expect(describeServe({ rollout: { percentage: 50, weights: [{ variation: "on", weight: 5_000 }, { variation: "off", weight: 5_000 }] } }, variations)).toBe("50 % rollout: On 50 %, Off 50 %");
  });

  it("reads as one line with its conditions", () => {
    const line = describeRule({ match: "all", conditions: [{ attribute: "plan", operator: "in", values: ["pro", "enterprise"] }], serve: { variation: "on" } }, variations);
    expect(line).toMatch(/^plan .*pro.*enterprise → On$/);
  });
});
