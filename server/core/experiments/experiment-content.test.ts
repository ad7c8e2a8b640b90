import { describe, expect, it } from "vitest";
import { contentProblems, designProblems } from "./experiment-content";
import { completeContent, FLAG } from "./test-content";

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe("contentProblems (no hypothesis → no experiment)", () => {
  it("accepts a complete experiment", () => {
    expect(contentProblems(completeContent(), FLAG, 30)).toEqual([]);
  });

  it("names every missing hypothesis field", () => {
    const c = completeContent();
    const empty = { ...c, hypothesis: { problemStatement: "", expectedOutcome: " ", successMetrics: [], failureMetrics: [], rollbackPlan: "short" } };
    expect(fields(contentProblems(empty, FLAG, 30))).toEqual([
      "hypothesis.problemStatement",
      "hypothesis.expectedOutcome",
      "hypothesis.successMetrics",
      "hypothesis.failureMetrics",
      "hypothesis.rollbackPlan",
    ]);
  });

  it("requires the security confirmation, traffic, a flag that exists and an environment", () => {
    const c = completeContent({ flagKey: "gone", environmentKey: "" });
    const problems = contentProblems(
      { ...c, design: { ...c.design, expectedDailyUnits: 0 }, sensitivity: { ...c.sensitivity, confirmsNoSecurityChange: false } },
      null,
      30,
    );
    expect(fields(problems)).toEqual(["flagKey", "environmentKey", "design.expectedDailyUnits", "sensitivity.confirmsNoSecurityChange"]);
  });
});

describe("designProblems", () => {
  const design = completeContent().design;
  it("refuses weights that do not sum to 100 % and says the sum", () => {
    const problems = designProblems({ ...design, weights: { control: 50, treatment: 30 } }, FLAG, 30);
    expect(problems).toEqual([{ field: "design.weights", message: "Weights must sum to 100 % (they sum to 80 %)." }]);
  });
  it("accepts fractional weights that sum to 100", () => {
    expect(designProblems({ ...design, weights: { control: 33.34, treatment: 33.33, other: 33.33 } }, FLAG, 30)).toEqual([]);
  });
  it("needs a control and at least one variant, all with weight", () => {
    expect(fields(designProblems({ ...design, weights: { control: 100 } }, FLAG, 30))).toEqual(["design.weights"]);
    expect(fields(designProblems({ ...design, weights: { control: 100, treatment: 0 } }, FLAG, 30))).toEqual(["design.weights"]);
    expect(fields(designProblems({ ...design, weights: { treatment: 50, other: 50 } }, FLAG, 30))).toEqual(["design.weights"]);
  });
  it("refuses variations the flag does not have", () => {
    const problems = designProblems({ ...design, controlVariation: "nope", weights: { nope: 50, treatment: 50 } }, FLAG, 30);
    expect(problems.map((p) => p.message)).toEqual([
      "Control “nope” is not a variation of the flag (control, treatment, other).",
      "Weights name variations the flag does not have: nope.",
    ]);
  });
  it("bounds the duration by the workspace maximum (long-running experiments are prohibited)", () => {
    expect(designProblems({ ...design, plannedDurationDays: 30 }, FLAG, 30)).toEqual([]);
    const [problem] = designProblems({ ...design, plannedDurationDays: 31 }, FLAG, 30);
    expect(problem?.field).toBe("design.plannedDurationDays");
    expect(problem?.message).toContain("long-running experiments are prohibited");
    expect(designProblems({ ...design, plannedDurationDays: 45 }, FLAG, 60)).toEqual([]);
  });
  it("needs a planned exposure above 0 %", () => {
    expect(fields(designProblems({ ...design, exposurePercentage: 0 }, FLAG, 30))).toEqual(["design.exposurePercentage"]);
  });
});
