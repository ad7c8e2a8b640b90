import type { DesignEstimate } from "./design-estimate";
import type { ExperimentContent } from "./experiment-content";
import { APPROVAL_KIND_LABELS, DECISION_LABELS, EXPERIMENT_STATE_LABELS, EXPERIMENT_TYPE_LABELS, type ApprovalKind, type ApprovalStatus, type Decision, type ExperimentState } from "./experiment-types";
import { reviewedFields } from "./reviewed-document";

/** Everything the document shows (built by the service from the stored experiment). */
export type ExperimentDocument = {
  key: string;
  state: ExperimentState;
  designVersion: number;
  content: ExperimentContent;
  owner: { name: string; email: string };
  environmentName: string;
  /** metric key → name, so the document says "Checkout conversion (checkout-conversion)" */
  metricNames: Record<string, string>;
  policySummary: string;
  estimate: DesignEstimate;
  approvals: { kind: ApprovalKind; designVersion: number; status: ApprovalStatus; requester: string; decider: string | null; decidedAt: Date | null; comment: string }[];
  dates: { createdAt: Date; submittedAt: Date | null; startedAt: Date | null; plannedEndAt: Date | null; endedAt: Date | null; cleanedUpAt: Date | null };
  decision: { decision: Decision | null; rationale: string | null; outcome: string | null; decidedBy: string | null; decidedAt: Date | null; overrideReason: string | null; abortReason: string | null };
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");
const LINE_BREAK = /\r\n|\r|\n/g;
/** Text inside a table cell: no pipes or line breaks may escape it. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(LINE_BREAK, "<br>");
/** Short user text on one line (a name, a team): line breaks become spaces. */
const oneLine = (text: string) => text.replace(/\s*(?:\r\n|\r|\n)\s*/g, " ").trim();
/** The title: one line, and a trailing "#" run is text, not an ATX closing sequence. */
const heading = (text: string) => oneLine(text).replace(/(^|\s)(#+)$/, "$1\\$2");
/**
 * Lines of user text that would open a block and break the document's shape: headings ("#"),
 * code fences (``` or ~~~) and HTML blocks ("<", e.g. an unclosed "<!--") that swallow every later
 * section, and setext underlines / thematic breaks ("---", "===", "* * *"). Lists, quotes and
 * inline formatting stay as the author wrote them.
 */
const BLOCK_OPENER = /^ {0,3}(?:#|`{3}|~{3}|<|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|-+[ \t]*$)/;
/** A paragraph of user text, its block openers escaped; blank stays visible as a dash. */
const para = (text: string | null) => {
  const trimmed = text?.trim();
  if (!trimmed) return "—";
  return trimmed
    .split(LINE_BREAK)
    .map((line) => (BLOCK_OPENER.test(line) ? line.replace(/^( {0,3})/, "$1\\") : line))
    .join("\n");
};

/**
 * The experiment as a Markdown document (PHASE-42: owner, hypothesis, start/end date, metrics,
 * decision, outcome — documentation lives alongside code). Stable: the same experiment always
 * renders the same bytes, so `docs pull` only changes files when the experiment changed.
 */
export function experimentMarkdown(doc: ExperimentDocument): string {
  const c = doc.content;
  const metric = (key: string) => (doc.metricNames[key] ? `${oneLine(doc.metricNames[key])} (${key})` : key);
  const metrics = (keys: string[]) => (keys.length ? keys.map((k) => `- ${metric(k)}`).join("\n") : "- —");
  const design = reviewedFields(c).filter((f) => f.field.startsWith("design.") && !f.field.endsWith("Metrics"));
  const sensitivity = reviewedFields(c).filter((f) => f.field.startsWith("sensitivity."));
  const e = doc.estimate;
  const d = doc.decision;
  const lines = [
    "---",
    `key: ${doc.key}`,
    `name: ${JSON.stringify(c.name)}`,
    `type: ${c.type}`,
    `state: ${doc.state}`,
    `owner: ${doc.owner.email}`,
    `team: ${JSON.stringify(c.team)}`,
    `flag: ${c.flagKey}`,
    `environment: ${c.environmentKey}`,
    `design_version: ${doc.designVersion}`,
    `start_date: ${day(doc.dates.startedAt)}`,
    `end_date: ${day(doc.dates.endedAt)}`,
    "---",
    "",
    `# ${heading(c.name)}`,
    "",
    `${EXPERIMENT_TYPE_LABELS[c.type]} on flag \`${c.flagKey}\` in ${doc.environmentName} · ${EXPERIMENT_STATE_LABELS[doc.state]} · design version ${doc.designVersion}`,
    "",
    "## Owner",
    "",
    `${oneLine(doc.owner.name)} <${doc.owner.email}>${c.team.trim() ? `, team ${oneLine(c.team)}` : ""}`,
    "",
    "## Hypothesis",
    "",
    "### Problem statement",
    "",
    para(c.hypothesis.problemStatement),
    "",
    "### Expected outcome",
    "",
    para(c.hypothesis.expectedOutcome),
    "",
    "### Success metrics",
    "",
    metrics(c.hypothesis.successMetrics),
    "",
    "### Failure metrics",
    "",
    metrics(c.hypothesis.failureMetrics),
    "",
    "### Rollback plan",
    "",
    para(c.hypothesis.rollbackPlan),
    "",
    "## Design",
    "",
    "| | |",
    "|---|---|",
    ...design.map((f) => `| ${cell(f.label)} | ${cell(f.value)} |`),
    `| Guardrail metrics | ${cell(c.design.guardrailMetrics.map(metric).join(", ") || "—")} |`,
    `| Sample size | ${e.perVariation ? `${e.perVariation} units per variation (${e.total} in total), about ${e.daysNeeded ?? "—"} days` : "—"} |`,
    `| Method | ${cell(e.method ?? "—")} |`,
    ...(e.warning ? [`| Warning | ${cell(e.warning)} |`] : []),
    "",
    "## Sensitivity and policy",
    "",
    ...sensitivity.map((f) => `- ${f.label}: ${f.value}`),
    "",
    `Policy: ${doc.policySummary}`,
    "",
    "## Approvals",
    "",
    ...(doc.approvals.length === 0
      ? ["None requested."]
      : [
          "| Kind | Version | Status | Requested by | Decided by | Decided | Comment |",
          "|---|---|---|---|---|---|---|",
          ...doc.approvals.map(
            (a) => `| ${APPROVAL_KIND_LABELS[a.kind]} | ${a.designVersion} | ${a.status} | ${cell(a.requester)} | ${cell(a.decider ?? "—")} | ${day(a.decidedAt)} | ${cell(a.comment || "—")} |`,
          ),
        ]),
    "",
    "## Dates",
    "",
    `- Created: ${day(doc.dates.createdAt)}`,
    `- Submitted: ${day(doc.dates.submittedAt)}`,
    `- Start date: ${day(doc.dates.startedAt)}`,
    `- Planned end: ${day(doc.dates.plannedEndAt)}`,
    `- End date: ${day(doc.dates.endedAt)}`,
    `- Cleaned up: ${day(doc.dates.cleanedUpAt)}`,
    "",
    "## Decision",
    "",
    d.decision ? `**${DECISION_LABELS[d.decision]}** — decided by ${d.decidedBy ?? "—"} on ${day(d.decidedAt)}` : "Not decided yet.",
    "",
    `Rationale: ${para(d.rationale)}`,
    ...(d.overrideReason?.trim() ? ["", `Measurement override: ${para(d.overrideReason)}`] : []),
    ...(d.abortReason?.trim() ? ["", `Aborted: ${para(d.abortReason)}`] : []),
    "",
    "## Outcome",
    "",
    para(d.outcome),
    "",
  ];
  return lines.join("\n");
}
