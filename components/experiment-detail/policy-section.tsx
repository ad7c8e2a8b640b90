import { Alert } from "@/components/ui";
import { APPROVAL_KIND_LABELS } from "@/server/core/experiments/experiment-types";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";

/** What the policy asks of this experiment: the approvals it needs and why, or why it is never allowed. */
export function PolicySection({ view }: { view: Pick<ExperimentView, "policy" | "policySummary"> }) {
  const { policy } = view;
  return (
    <section aria-labelledby="policy-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="policy-heading" className="font-semibold text-slate-900">
        Policy
      </h2>
      {policy.verdict === "forbidden" ? (
        <Alert tone="danger" title="Not allowed as an experiment">
          <ul className="list-disc space-y-1 pl-5">
            {policy.reasons.map((r) => (
              <li key={r.rule}>{r.explanation}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <>
          <p>{view.policySummary}</p>
          {policy.approvals.map((a) => (
            <div key={a.kind}>
              <h3 className="font-medium text-slate-800">{APPROVAL_KIND_LABELS[a.kind]} — because:</h3>
              <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
                {a.reasons.map((r) => (
                  <li key={r.rule}>{r.explanation}</li>
                ))}
              </ul>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
