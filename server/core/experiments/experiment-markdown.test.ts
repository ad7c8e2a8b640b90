import { describe, expect, it } from "vitest";
import { experimentMarkdown, type ExperimentDocument } from "./experiment-markdown";
import { estimateDesign } from "./design-estimate";
import { completeContent } from "./test-content";

function doc(overrides: Partial<ExperimentDocument> = {}): ExperimentDocument {
  const content = completeContent();
  return {
    key: "checkout-copy",
    state: "stopped",
    designVersion: 3,
    content,
    owner: { name: "Eli", email: "eli@example.com" },
    environmentName: "Staging",
    metricNames: { "checkout-conversion": "Checkout conversion", "error-rate": "Error rate" },
    policySummary: "Needs a pricing approval before launch.",
    estimate: estimateDesign(content.design),
    approvals: [{ kind: "pricing", designVersion: 3, status: "approved", requester: "eli@example.com", decider: "priya@example.com", decidedAt: new Date("2026-11-02T10:00:00Z"), comment: "ok | fine\nsecond line" }],
    dates: {
      createdAt: new Date("2026-11-01T09:00:00Z"),
      submittedAt: new Date("2026-11-01T12:00:00Z"),
      startedAt: new Date("2026-11-03T08:00:00Z"),
      plannedEndAt: new Date("2026-11-17T08:00:00Z"),
      endedAt: new Date("2026-11-16T08:00:00Z"),
      cleanedUpAt: null,
    },
    decision: { decision: "ship", rationale: "Conversion up 6 %.", outcome: "Clear copy wins.", decidedBy: "eli@example.com", decidedAt: new Date("2026-11-16T08:00:00Z"), overrideReason: null, abortReason: null },
    ...overrides,
  };
}

describe("experimentMarkdown", () => {
  it("carries every field PHASE-42 requires", () => {
    const md = experimentMarkdown(doc());
    for (const text of [
      "## Owner",
      "Eli <eli@example.com>, team growth",
      "### Problem statement",
      "Users abandon checkout at the payment step.",
      "### Expected outcome",
      "- Checkout conversion (checkout-conversion)",
      "- Error rate (error-rate)",
      "### Rollback plan",
      "- Start date: 2026-11-03",
      "- End date: 2026-11-16",
      "**Ship** — decided by eli@example.com on 2026-11-16",
      "## Outcome\n\nClear copy wins.",
      "start_date: 2026-11-03",
    ]) {
      expect(md).toContain(text);
    }
  });
  it("escapes table cells and keeps placeholders for what is not there yet", () => {
    expect(experimentMarkdown(doc())).toContain("| ok \\| fine<br>second line |");
    const draft = experimentMarkdown(doc({ state: "draft", approvals: [], decision: { decision: null, rationale: null, outcome: null, decidedBy: null, decidedAt: null, overrideReason: null, abortReason: null } }));
    expect(draft).toContain("Not decided yet.");
    expect(draft).toContain("None requested.");
    expect(draft).toContain("## Outcome\n\n—");
  });
  it("is stable: the same experiment renders the same bytes", () => {
    expect(experimentMarkdown(doc())).toBe(experimentMarkdown(doc()));
  });
});
