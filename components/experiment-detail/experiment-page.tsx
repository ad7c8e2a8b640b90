"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, LoadingBlock, PageHeader } from "@/components/ui";
import { formatDate } from "@/components/flags/format";
import { AuditChange } from "@/components/audit/audit-change";
import { APPROVAL_KIND_LABELS, DECISION_LABELS, EXPERIMENT_TYPE_LABELS } from "@/server/core/experiments/experiment-types";
import { reviewedFields } from "@/server/core/experiments/reviewed-document";
import type { ExperimentView } from "@/server/services/experiments/experiment-view";
import { ActionsPanel } from "./actions-panel";
import { ApprovalsSection } from "./approvals-section";
import { DocumentFields } from "./document-fields";
import { ExperimentStateBadge } from "./state-badge";

/** The experiment page is its document: owner, hypothesis, design, policy, approvals, dates, decision, history. */
export function ExperimentPage({ experimentKey }: { experimentKey: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.experiments.byKey.queryOptions({ key: experimentKey }));
  if (view.isPending) return <LoadingBlock label="Loading experiment…" />;
  if (view.isError) return <Alert tone="danger">{view.error.message}</Alert>;
  return <ExperimentDocument view={view.data} />;
}

const METRIC_FIELDS = new Set(["hypothesis.successMetrics", "hypothesis.failureMetrics", "design.guardrailMetrics"]);

function ExperimentDocument({ view }: { view: ExperimentView }) {
  const { experiment: e } = view;
  const trpc = useTRPC();
  const options = useQuery(trpc.experiments.formOptions.queryOptions());
  const metricName = new Map((options.data?.metrics ?? []).map((m) => [m.key, m.name]));
  // Metric keys read as names ("Checkout conversion") once the definitions are loaded.
  const fields = reviewedFields(e.content).map((f) =>
    METRIC_FIELDS.has(f.field) && f.value !== "—" ? { ...f, value: f.value.split(", ").map((k) => metricName.get(k) ?? k).join(", ") } : f,
  );
  const part = (prefix: string) => fields.filter((f) => f.field.startsWith(prefix));
  const editable = view.actions.find((a) => a.action === "edit")?.allowed;
  const estimate = view.estimate;
  return (
    <div className="space-y-6">
      <PageHeader
        title={e.content.name}
        description={`${EXPERIMENT_TYPE_LABELS[e.content.type]} · ${e.key}`}
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            {editable ? (
              <Link href={`/experiments/${e.key}/edit`} className="text-brand-700 underline">
                Edit
              </Link>
            ) : null}
            <a href={`/api/v1/experiments/${e.key}/document`} className="text-brand-700 underline">
              Download Markdown
            </a>
          </div>
        }
      />
      <section aria-label="Overview" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        <Fact label="State">
          <ExperimentStateBadge state={e.state} testId="experiment-state" />
        </Fact>
        <Fact label="Owner">{`${e.owner.name} (${e.owner.email})`}</Fact>
        <Fact label="Team">{e.content.team || "—"}</Fact>
        <Fact label="Flag">
          <Link href={`/flags/${e.flag.key}`} className="text-brand-700 underline">
            {e.flag.key}
          </Link>
        </Fact>
        <Fact label="Environment">{e.environment.name}</Fact>
        <Fact label="Exposure now">{`${view.currentExposure} % (planned ${e.content.design.exposurePercentage} %)`}</Fact>
        <Fact label="Design version">{String(e.designVersion)}</Fact>
        <Fact label="Started">{e.startedAt ? formatDate(e.startedAt) : "—"}</Fact>
        <Fact label="Planned end">{e.plannedEndAt ? formatDate(e.plannedEndAt) : "—"}</Fact>
        {e.iteratedFrom ? (
          <Fact label="Redesign of">
            <Link href={`/experiments/${e.iteratedFrom.key}`} className="text-brand-700 underline">
              {e.iteratedFrom.name} ({e.iteratedFrom.key})
            </Link>
          </Fact>
        ) : null}
        {e.iterations.length > 0 ? (
          <Fact label="Redesigned as">
            {e.iterations.map((i) => (
              <Link key={i.key} href={`/experiments/${i.key}`} className="mr-2 text-brand-700 underline">
                {i.key}
              </Link>
            ))}
          </Fact>
        ) : null}
      </section>
      {e.abortReason ? <Alert tone="danger" title="Aborted">{e.abortReason}</Alert> : null}
      <ActionsPanel key={`${e.state}-${e.designVersion}-${view.currentExposure}`} view={view} />
      <section aria-label="Policy" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 className="font-semibold text-slate-900">Policy</h2>
        <p className="mt-1">{view.policySummary}</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          {view.policy.verdict === "forbidden"
            ? view.policy.reasons.map((r) => <li key={r.rule}>{r.explanation}</li>)
            : view.policy.approvals.flatMap((a) => a.reasons.map((r) => <li key={`${a.kind}-${r.rule}`}>{APPROVAL_KIND_LABELS[a.kind]}: {r.explanation}</li>))}
        </ul>
      </section>
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
      <DocumentFields title="Design" fields={[...part("design."), { field: "estimate", label: "Sample-size estimate", value: estimate.perVariation ? `${estimate.perVariation.toLocaleString("en")} units per variation, about ${estimate.daysNeeded ?? "?"} days (${estimate.method})${estimate.warning ? ` — ${estimate.warning}` : ""}` : (estimate.warning ?? "—") }]} />
      <DocumentFields title="Sensitivity declarations" fields={part("sensitivity.")} />
      <ApprovalsSection view={view} />
      <DocumentFields
        title="Decision and outcome"
        fields={[
          { field: "decision", label: "Decision", value: e.decision ? DECISION_LABELS[e.decision] : "Not decided yet" },
          { field: "rationale", label: "Rationale", value: e.decisionRationale ?? "—" },
          { field: "outcome", label: "Outcome", value: e.outcome ?? "—" },
          { field: "decidedBy", label: "Decided by", value: e.decidedBy ? `${e.decidedBy.email}${e.decidedAt ? ` on ${formatDate(e.decidedAt)}` : ""}` : "—" },
          ...(e.measurementOverrideReason ? [{ field: "override", label: "Measurement override", value: e.measurementOverrideReason }] : []),
        ]}
      />
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
      <section aria-label="History" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold text-slate-900">History</h2>
        <ol className="mt-2 space-y-3 text-sm">
          {view.history.map((entry) => (
            <li key={entry.id}>
              <p>
                <span className="text-slate-600">{formatDate(entry.at)}</span> · <span className="font-medium">{entry.actorLabel}</span> · {entry.action}
              </p>
              <AuditChange before={entry.before} after={entry.after} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <p className="text-slate-600">{label}</p>
      <div className="font-medium text-slate-900">{children}</div>
    </div>
  );
}
