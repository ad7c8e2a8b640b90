import { Badge } from "@/components/ui";
import { formatDate } from "@/components/flags/format";
import { APPROVAL_KIND_LABELS } from "@/server/core/experiments/experiment-types";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";
import { FieldChanges } from "./field-changes";

const STATUS_TONE = { pending: "warning", approved: "success", rejected: "danger", void: "neutral" } as const;

/** Every approval request, newest first, with what changed since the last approved version. */
export function ApprovalsSection({ view }: { view: ExperimentView }) {
  const { approvals } = view.experiment;
  return (
    <section aria-label="Approvals" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold text-slate-900">Approvals</h2>
      {approvals.length === 0 ? <p className="mt-1 text-sm text-slate-600">No approval requested yet.</p> : null}
      <ul className="mt-2 space-y-3">
        {approvals.map((a) => (
          <li key={a.id} className="text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{APPROVAL_KIND_LABELS[a.kind]}</span>
              <span className="text-slate-600">version {a.designVersion}</span>
              <Badge tone={STATUS_TONE[a.status]}>{a.status === "void" ? "Void (design changed)" : a.status}</Badge>
            </div>
            <p className="text-slate-600">
              Requested by {a.requester.email} on {formatDate(a.requestedAt)}
              {a.decider && a.decidedAt ? ` · decided by ${a.decider.email} on ${formatDate(a.decidedAt)}` : ""}
            </p>
            {a.comment ? <p className="mt-1 italic text-slate-800">“{a.comment}”</p> : null}
          </li>
        ))}
      </ul>
      {view.sinceLastApproval ? (
        <div className="mt-3">
          <h3 className="text-sm font-medium text-slate-700">Changes since approved version {view.sinceLastApproval.designVersion}</h3>
          <FieldChanges changes={view.sinceLastApproval.changes} />
        </div>
      ) : null}
    </section>
  );
}
