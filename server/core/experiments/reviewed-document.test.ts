import { describe, expect, it } from "vitest";
import { diffReviewedFields, reviewedFields } from "./reviewed-document";
import { completeContent } from "./test-content";

describe("reviewed document", () => {
  it("lists every PHASE-42 field with a label", () => {
    const labels = reviewedFields(completeContent()).map((f) => f.label);
    for (const label of ["Problem statement", "Expected outcome", "Success metrics", "Failure metrics", "Rollback plan", "Control", "Audience", "Planned exposure", "Planned duration"]) {
      expect(labels).toContain(label);
    }
  });
  it("diffs two versions field by field", () => {
    const before = completeContent();
    const after = completeContent({ design: { ...before.design, weights: { control: 40, treatment: 60 }, exposurePercentage: 20 } });
    expect(diffReviewedFields(reviewedFields(before), reviewedFields(after))).toEqual([
      { field: "design.weights", label: "Variations and weights", before: "control 50 % (control), treatment 50 %", after: "control 40 % (control), treatment 60 %" },
      { field: "design.exposurePercentage", label: "Planned exposure", before: "50 %", after: "20 %" },
    ]);
  });
  it("is empty for identical versions", () => {
    expect(diffReviewedFields(reviewedFields(completeContent()), reviewedFields(completeContent()))).toEqual([]);
  });
});
