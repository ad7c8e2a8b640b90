import { Alert } from "@/components/ui";
import { estimateDesign } from "@/server/core/experiments/design-estimate";
import { contentProblems, type ExperimentContent } from "@/server/core/experiments/experiment-content";
import { APPROVAL_KIND_LABELS } from "@/server/core/experiments/experiment-types";
import { describePolicy, policyFor } from "@/server/core/experiments/policy";
import { FIELD_TARGETS, focusField, type EditorOptions } from "./editor-types";

/** The live sample-size and duration estimate (the same code the server stores). */
export function EstimatePanel({ content }: { content: ExperimentContent }) {
  const e = estimateDesign(content.design);
  return (
    <section aria-labelledby="estimate-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="estimate-heading" className="font-semibold text-slate-900">
        Sample size and duration
      </h2>
      {e.perVariation !== null ? (
        <dl className="mt-2 grid grid-cols-2 gap-1">
          <dt className="text-slate-600">Units per variation</dt>
          <dd>{e.perVariation.toLocaleString("en")}</dd>
          <dt className="text-slate-600">Total units</dt>
          <dd>{e.total?.toLocaleString("en")}</dd>
          <dt className="text-slate-600">Days needed</dt>
          <dd>{e.daysNeeded ?? "—"}</dd>
        </dl>
      ) : null}
      {e.method ? <p className="mt-2 text-xs text-slate-600">Method: {e.method}; α per comparison {e.alphaPerComparison}.</p> : null}
      {e.warning ? (
        <Alert tone="warning" className="mt-2">
          {e.warning}
        </Alert>
      ) : null}
    </section>
  );
}

/** What the policy requires, explained in plain words, recomputed as declarations change. */
export function PolicyPanel({ content }: { content: ExperimentContent }) {
  const policy = policyFor(content);
  return (
    <section aria-label="Policy" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="font-semibold text-slate-900">Policy</h2>
      <p className="mt-1">{describePolicy(policy)}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
        {policy.verdict === "forbidden"
          ? policy.reasons.map((r) => <li key={r.rule}>{r.explanation}</li>)
          : policy.approvals.flatMap((a) => a.reasons.map((r) => <li key={`${a.kind}-${r.rule}`}>{APPROVAL_KIND_LABELS[a.kind]}: {r.explanation}</li>))}
      </ul>
    </section>
  );
}

/** What is still missing before it can go to review. */
export function CompletenessPanel({ content, options }: { content: ExperimentContent; options: EditorOptions }) {
  const flag = options.flags.find((f) => f.key === content.flagKey);
  const problems = contentProblems(content, flag ? { variationKeys: flag.variations.map((v) => v.key), offVariationKey: flag.offVariationKey } : null, options.maxExperimentDays);
  return (
    <section aria-label="Before review" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 className="font-semibold text-slate-900">Before review</h2>
      {problems.length === 0 ? (
        <p className="mt-1 text-emerald-700">Complete: it can be submitted for review.</p>
      ) : (
        <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
          {problems.map((p) => (
            <li key={`${p.field}-${p.message}`}>
              <ProblemLink field={p.field} message={p.message} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A missing piece that takes you to its field (plain text when the field is not on this page). */
function ProblemLink({ field, message }: { field: string; message: string }) {
  const target = FIELD_TARGETS[field] ?? FIELD_TARGETS[field.split(".").slice(0, 2).join(".")];
  if (!target) return <>{message}</>;
  return (
    <a
      href={`#${target}`}
      className="text-brand-700 underline"
      onClick={(e) => {
        if (focusField(document.getElementById(target))) e.preventDefault();
      }}
    >
      {message}
    </a>
  );
}
