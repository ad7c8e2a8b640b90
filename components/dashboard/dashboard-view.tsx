"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCurrentUser } from "@/components/layout/current-user";
import { Alert, Card, LoadingBlock, PageHeader, cn } from "@/components/ui";
import { ExperimentPanels } from "./experiment-panels";
import { RunningResults } from "./running-results";
import { ReliabilityBudgets } from "./reliability-budgets";

type StatProps = { label: string; value: number; href: string; linkText: string; attention?: boolean };

function Stat({ label, value, href, linkText, attention }: StatProps) {
  return (
    <Card className={cn("flex flex-col px-5 py-4", attention ? "border-amber-300 bg-amber-50" : undefined)}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</dd>
      <dd className="mt-3 text-sm">
        <Link href={href} className="font-medium text-brand-700 underline-offset-2 hover:text-brand-800 hover:underline">
          {linkText}
        </Link>
      </dd>
    </Card>
  );
}

function FlagFigures() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.flags.summary.queryOptions());
  if (summary.isPending) return <LoadingBlock label="Loading workspace figures…" />;
  if (summary.isError) {
    return (
      <Alert tone="danger" title="Workspace figures could not be loaded">
        {summary.error.message}
      </Alert>
    );
  }
  const { total, expired } = summary.data.flags;
  const { open, overdue } = summary.data.cleanup;
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Stat label="Flags" value={total} href="/flags" linkText="View all flags" />
      <Stat
        label="Expired flags"
        value={expired}
        href={expired > 0 ? "/cleanup#cleanup-expired" : "/flags"}
        linkText={expired > 0 ? "Review expired flags" : "View flags"}
        attention={expired > 0}
      />
      <Stat
        label={overdue > 0 ? `Cleanup tasks (${overdue} overdue)` : "Cleanup tasks"}
        value={open}
        href="/cleanup"
        linkText={open > 0 ? "Clean up decided experiments" : "Open cleanup"}
        attention={overdue > 0}
      />
    </dl>
  );
}

export function DashboardView() {
  const user = useCurrentUser();
  return (
    <>
      <PageHeader title="Dashboard" description={`Welcome back, ${user.name}. Here is where the workspace stands.`} />
      <div className="space-y-8">
        <FlagFigures />
        <ExperimentPanels />
        <RunningResults />
        <ReliabilityBudgets />
      </div>
    </>
  );
}
