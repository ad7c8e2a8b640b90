import { describe, expect, it } from "vitest";
import { experimentMarkdown, type ExperimentDocument } from "./experiment-markdown";
import { estimateDesign } from "./design-estimate";
import { completeContent } from "./test-content";

function doc(overrides: Partial<ExperimentDocument> = {}): ExperimentDocument {
  const content = completeContent({ design: { ...completeContent().design, guardrailMetrics: ["error-rate"] } });
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
    decision: {
      decision: "ship",
      rationale: "Conversion up 6 %.",
      outcome: "Clear copy wins.",
      decidedBy: "eli@example.com",
      decidedAt: new Date("2026-11-16T08:00:00Z"),
      overrideReason: "Regulator deadline; measured offline.",
      abortReason: null,
    },
    ...overrides,
  };
}

const NOTHING_DECIDED: ExperimentDocument["decision"] = { decision: null, rationale: null, outcome: null, decidedBy: null, decidedAt: null, overrideReason: null, abortReason: null };
const NO_DATES: ExperimentDocument["dates"] = { createdAt: new Date("2026-11-01T09:00:00Z"), submittedAt: null, startedAt: null, plannedEndAt: null, endedAt: null, cleanedUpAt: null };

/** The section an `## heading` opens, up to the next `## ` heading. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThan(-1);
  const rest = md.slice(start + heading.length + 5);
  const end = rest.indexOf("\n## ");
  return end === -1 ? rest : rest.slice(0, end);
}

const headings = (md: string) => md.split("\n").filter((l) => /^#{1,3} /.test(l));

describe("experimentMarkdown", () => {
  it("carries every field PHASE-42 requires: owner, hypothesis, start/end date, metrics, decision, outcome", () => {
    const md = experimentMarkdown(doc());
    expect(section(md, "Owner")).toContain("Eli <eli@example.com>, team growth");
    const hypothesis = section(md, "Hypothesis");
    expect(hypothesis).toContain("### Problem statement\n\nUsers abandon checkout at the payment step.");
    expect(hypothesis).toContain("### Expected outcome\n\nClearer copy raises completed checkouts by 5 %.");
    expect(hypothesis).toContain("### Success metrics\n\n- Checkout conversion (checkout-conversion)");
    expect(hypothesis).toContain("### Failure metrics\n\n- Error rate (error-rate)");
    expect(hypothesis).toContain("### Rollback plan\n\nDisable the flag; control copy is served at once.");
    const dates = section(md, "Dates");
    for (const line of ["- Created: 2026-11-01", "- Submitted: 2026-11-01", "- Start date: 2026-11-03", "- Planned end: 2026-11-17", "- End date: 2026-11-16", "- Cleaned up: —"]) {
      expect(dates).toContain(line);
    }
    const decision = section(md, "Decision");
    expect(decision).toContain("**Ship** — decided by eli@example.com on 2026-11-16");
    expect(decision).toContain("Rationale: Conversion up 6 %.");
    expect(decision).toContain("Measurement override: Regulator deadline; measured offline.");
    expect(section(md, "Outcome").trim()).toBe("Clear copy wins.");
  });

  it("starts with front matter naming the experiment, its owner and its dates", () => {
    const md = experimentMarkdown(doc());
    expect(md.split("---\n")[1]).toBe(
      [
        "key: checkout-copy",
        'name: "Checkout copy"',
        "type: ab_test",
        "state: stopped",
        "owner: eli@example.com",
        'team: "growth"',
        "flag: checkout-copy",
        "environment: staging",
        "design_version: 3",
        "start_date: 2026-11-03",
        "end_date: 2026-11-16",
        "",
      ].join("\n"),
    );
    expect(md).toContain("# Checkout copy\n\nA/B test on flag `checkout-copy` in Staging · Stopped · design version 3");
  });

  it("documents the design with metric names, the sample-size estimate, the declarations and what the policy required", () => {
    const md = experimentMarkdown(doc());
    const design = section(md, "Design");
    for (const row of [
      "| Control | control |",
      "| Variations and weights | control 50 % (control), treatment 50 % |",
      "| Audience | everyone |",
      "| Planned exposure | 50 % |",
      "| Planned duration | 14 days |",
      "| Significance level (alpha) | 0.05 |",
      "| Power | 0.8 |",
      "| Minimum detectable effect | 5 % relative |",
      "| Baseline rate | 10 % |",
      "| Guardrail metrics | Error rate (error-rate) |",
    ]) {
      expect(design).toContain(row);
    }
    const estimate = doc().estimate;
    expect(design).toContain(`| Sample size | ${estimate.perVariation} units per variation (${estimate.total} in total), about ${estimate.daysNeeded} days |`);
    expect(design).toContain(`| Method | ${estimate.method} |`);
    const policy = section(md, "Sensitivity and policy");
    expect(policy).toContain("- Touches personal data: no");
    expect(policy).toContain("Policy: Needs a pricing approval before launch.");
    expect(section(md, "Approvals")).toContain("| Pricing approval | 3 | approved | eli@example.com | priya@example.com | 2026-11-02 |");
  });

  it("falls back to the metric key when the catalogue does not name it", () => {
    const md = experimentMarkdown(doc({ metricNames: {} }));
    expect(section(md, "Hypothesis")).toContain("### Success metrics\n\n- checkout-conversion\n");
  });

  it("escapes table cells: pipes and every kind of line break stay inside the cell", () => {
    expect(experimentMarkdown(doc())).toContain("| ok \\| fine<br>second line |");
    const crOnly = experimentMarkdown(doc({ approvals: [{ ...doc().approvals[0]!, comment: "a\rb\r\nc | d" }] }));
    expect(crOnly).toContain("| a<br>b<br>c \\| d |");
    const metric = experimentMarkdown(doc({ metricNames: { "error-rate": "Errors | 5xx" } }));
    expect(metric).toContain("| Guardrail metrics | Errors \\| 5xx (error-rate) |");
  });

  it("keeps user text from opening headings, code fences, HTML blocks or rules that would break the document", () => {
    const content = completeContent({ name: "Checkout #\ncopy", team: "growth\nteam" });
    content.hypothesis.problemStatement = "Line one\n# Not a heading\n```\n~~~\n<!-- unclosed\n---\n===\n* * *\n- a list stays a list\n> so does a quote";
    const md = experimentMarkdown(
      doc({
        content,
        decision: { ...doc().decision, rationale: "Because\n## Outcome\nfaked", outcome: "   ```js\nstill text" },
      }),
    );
    expect(md).toContain("\n# Checkout # copy\n");
    expect(experimentMarkdown(doc({ content: completeContent({ name: "Launch ##" }) }))).toContain("\n# Launch \\##\n");
    expect(md).toContain("Eli <eli@example.com>, team growth team\n");
    expect(md).toContain(
      "### Problem statement\n\nLine one\n\\# Not a heading\n\\```\n\\~~~\n\\<!-- unclosed\n\\---\n\\===\n\\* * *\n- a list stays a list\n> so does a quote\n",
    );
    expect(md).toContain("Rationale: Because\n\\## Outcome\nfaked");
    expect(section(md, "Outcome").trim()).toBe("\\```js\nstill text");
    // the shape is unchanged: the same headings as a plain document, once each
    expect(headings(md).slice(1)).toEqual(headings(experimentMarkdown(doc())).slice(1));
  });

  it("prints every section with placeholders before anything is filled in or decided", () => {
    const blank = completeContent();
    blank.team = "";
    blank.hypothesis = { problemStatement: "", expectedOutcome: "  ", successMetrics: [], failureMetrics: [], rollbackPlan: "" };
    const draft = experimentMarkdown(doc({ state: "draft", content: blank, approvals: [], dates: NO_DATES, decision: NOTHING_DECIDED }));
    expect(headings(draft).slice(1)).toEqual(headings(experimentMarkdown(doc())).slice(1));
    expect(section(draft, "Owner").trim()).toBe("Eli <eli@example.com>");
    const hypothesis = section(draft, "Hypothesis");
    for (const part of ["Problem statement", "Expected outcome", "Rollback plan"]) expect(hypothesis).toContain(`### ${part}\n\n—\n`);
    for (const part of ["Success metrics", "Failure metrics"]) expect(hypothesis).toContain(`### ${part}\n\n- —\n`);
    expect(section(draft, "Approvals").trim()).toBe("None requested.");
    for (const line of ["- Submitted: —", "- Start date: —", "- Planned end: —", "- End date: —", "- Cleaned up: —"]) expect(section(draft, "Dates")).toContain(line);
    expect(section(draft, "Decision").trim()).toBe("Not decided yet.\n\nRationale: —");
    expect(section(draft, "Outcome").trim()).toBe("—");
    expect(draft).toContain("start_date: —\nend_date: —\n");
  });

  it("says why an experiment ended without a decision, and shows no estimate it cannot make", () => {
    const aborted = experimentMarkdown(
      doc({
        state: "aborted",
        decision: { ...NOTHING_DECIDED, abortReason: "Flag turned off in Staging by eli@example.com." },
        estimate: { perVariation: null, total: null, variations: 2, method: null, alphaPerComparison: null, daysNeeded: null, reachable: false, warning: "Baseline rate must be between 0 and 1." },
      }),
    );
    expect(section(aborted, "Decision")).toContain("Not decided yet.\n\nRationale: —\n\nAborted: Flag turned off in Staging by eli@example.com.");
    expect(section(aborted, "Design")).toContain("| Sample size | — |\n| Method | — |\n| Warning | Baseline rate must be between 0 and 1. |");
  });

  it("is stable: the same experiment renders the same bytes, whenever it is rendered", () => {
    const first = experimentMarkdown(doc());
    expect(experimentMarkdown(doc())).toBe(first);
    expect(first.endsWith("\n")).toBe(true);
  });
});
