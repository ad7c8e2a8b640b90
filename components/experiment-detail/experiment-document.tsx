"use client";
import { Alert, LinkButton, PageHeader, buttonClasses } from "@/components/ui";
import { CleanupTaskNotice } from "./cleanup-task-notice";
import { formatDate } from "@/components/flags/format";
import { EXPERIMENT_TYPE_LABELS } from "@/server/core/experiments/experiment-types";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";
import { ResultsPanel } from "@/components/experiment-results/results-panel";
import { GuardrailsPanel } from "@/components/experiment-guardrails/guardrails-panel";
import { RampSection } from "@/components/experiment-guardrails/ramp-section";
import { ActionsPanel } from "./actions-panel";
import { ApprovalsSection } from "./approvals-section";
import { DecisionSection } from "./decision-section";
import { DocumentFields } from "./document-fields";
import { estimateFields } from "./estimate-fields";
import { ExperimentOverview } from "./experiment-overview";
import { HistorySection } from "./history-section";
import { PolicySection } from "./policy-section";
import { useDocumentFields } from "./use-document-fields";

/** The experiment's document: header, lifecycle actions, policy, hypothesis, design, approvals, decision, dates, history. */
export function ExperimentDocument({ view }: { view: ExperimentView }) {
  const { experiment: e } = view;
  const { part } = useDocumentFields(e.content);
  const editable = view.actions.find((a) => a.action === "edit")?.allowed;
  return (
    <div className="space-y-6">
      <PageHeader
        title={e.content.name}
        description={`${EXPERIMENT_TYPE_LABELS[e.content.type]} · ${e.key}`}
        actions={
          <>
            {editable ? (
              <LinkButton variant="secondary" href={`/experiments/${e.key}/edit`}>
                Edit
              </LinkButton>
            ) : null}
            {/* A file from an API route: a plain link, not client-side navigation. */}
            <a href={`/api/v1/experiments/${e.key}/document`} download className={buttonClasses({ variant: "secondary" })}>
              Download Markdown
            </a>
          </>
        }
      />
      <ExperimentOverview view={view} />
      {e.startedAt ? <ResultsPanel experimentKey={e.key} /> : null}
      {/* A guardrail abort is explained in the Guardrails section; manual aborts keep their reason here. */}
      {e.abortReason && !e.abortDetails ? <Alert tone="danger" title="Aborted">{e.abortReason}</Alert> : null}
      {view.flagOverdue ? (
        <Alert tone="warning" title="Flag overdue">
          {view.flagOverdue}
        </Alert>
      ) : null}
      <CleanupTaskNotice view={view} />
      <GuardrailsPanel experimentKey={e.key} />
      <RampSection experimentKey={e.key} />
      <ActionsPanel key={`${e.state}-${e.designVersion}-${view.currentExposure}`} view={view} />
      <PolicySection view={view} />
      {view.problems.length > 0 ? (
        <section aria-label="What's missing" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
          <h2 className="font-semibold text-amber-900">What&apos;s missing before review</h2>
          <ul className="mt-1 list-disc pl-5">
            {view.problems.map((p) => (
              <li key={`${p.field}-${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <DocumentFields title="Hypothesis" fields={part("hypothesis.")} />
      <DocumentFields title="Design" fields={[...part("design."), ...estimateFields(view.estimate)]} />
      <DocumentFields title="Sensitivity declarations" fields={part("sensitivity.")} />
      <ApprovalsSection view={view} />
      <DecisionSection experiment={e} />
      <DocumentFields
        title="Dates"
        fields={[
          ["Created", e.createdAt],
          ["Submitted", e.submittedAt],
          ["Started", e.startedAt],
          ["Planned end", e.plannedEndAt],
          ["Ended", e.endedAt],
          ["Cleaned up", e.cleanedUpAt],
        ].map(([label, date]) => ({ field: String(label), label: String(label), value: date instanceof Date ? formatDate(date) : "—" }))}
      />
      <HistorySection history={view.history} />
    </div>
  );
}
