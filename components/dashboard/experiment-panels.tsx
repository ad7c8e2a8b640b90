"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Card, CardBody, CardHeader, LoadingBlock } from "@/components/ui";
import { formatDate } from "@/components/flags/format";
import { APPROVAL_KIND_LABELS } from "@/server/core/experiments/experiment-types";
import { ExperimentStateBadge } from "@/components/experiment-detail/state-badge";

/** Running experiments, requests waiting for the signed-in reviewer, and recently changed experiments. */
export function ExperimentPanels() {
  const trpc = useTRPC();
  const data = useQuery({ ...trpc.experiments.dashboard.queryOptions(), refetchInterval: 15_000 });
  if (data.isPending) return <LoadingBlock label="Loading experiments…" />;
  if (data.isError) return <Alert tone="danger">{data.error.message}</Alert>;
  const { running, recent, pendingForMe, reviewer } = data.data;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Running experiments" />
        <CardBody>
          {running.length === 0 ? <p className="text-sm text-slate-600">No experiment is running.</p> : null}
          <ul aria-label="Running experiments" className="space-y-2 text-sm">
            {running.map((e) => (
              <li key={e.id}>
                <Link href={`/experiments/${e.key}`} className="font-medium text-brand-700 underline">
                  {e.name}
                </Link>{" "}
                <span className="text-slate-600">
                  · {e.environment.name} · {e.exposurePercentage} % planned exposure · planned end {e.plannedEndAt ? formatDate(e.plannedEndAt) : "—"}
                </span>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
      {reviewer ? (
        <Card>
          <CardHeader title="Waiting for your review" />
          <CardBody>
            {pendingForMe.length === 0 ? <p className="text-sm text-slate-600">Nothing waits for you.</p> : null}
            <ul aria-label="Waiting for your review" className="space-y-2 text-sm">
              {pendingForMe.map((p) => (
                <li key={p.approvalId}>
                  <Link href="/approvals" className="font-medium text-brand-700 underline">
                    {APPROVAL_KIND_LABELS[p.kind]}: {p.name}
                  </Link>{" "}
                  <span className="text-slate-600">· requested {formatDate(p.requestedAt)}</span>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
      <Card>
        <CardHeader title="Recently changed" />
        <CardBody>
          {recent.length === 0 ? <p className="text-sm text-slate-600">No experiments yet.</p> : null}
          <ul aria-label="Recently changed experiments" className="space-y-2 text-sm">
            {recent.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center gap-2">
                <Link href={`/experiments/${e.key}`} className="font-medium text-brand-700 underline">
                  {e.name}
                </Link>
                <ExperimentStateBadge state={e.state} />
                <span className="text-slate-600">{formatDate(e.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </CardBody>
      </Card>
    </div>
  );
}
