"use client";
import type * as React from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, LoadingBlock, PageHeader } from "@/components/ui";
import { CleanupTaskTable } from "./cleanup-task-table";
import { CleanupFlagTable } from "./cleanup-flag-table";

/** The Cleanup page: everything that needs work before flags and experiment code can leave. */
export function CleanupView() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.cleanup.overview.queryOptions());
  const header = (
    <PageHeader
      title="Cleanup"
      description="PHASE-42: all experiment code must be cleaned up, and permanent flags are prohibited. Decided experiments, expired and expiring flags, and flags nobody evaluates are listed here until they are done."
    />
  );
  if (overview.isPending) {
    return (
      <>
        {header}
        <LoadingBlock label="Loading cleanup…" />
      </>
    );
  }
  if (overview.isError) {
    return (
      <>
        {header}
        <Alert tone="danger" title="Cleanup could not be loaded">
          {overview.error.message}
        </Alert>
      </>
    );
  }
  const { tasks, expired, expiringSoon, unused, expiringWithinDays, unusedAfterDays } = overview.data;
  const overdueTasks = tasks.filter((t) => t.overdue).length;
  return (
    <>
      {header}
      <p className="mb-6 text-sm text-slate-700" aria-live="polite">
        {tasks.length} cleanup task{tasks.length === 1 ? "" : "s"}
        {overdueTasks > 0 ? ` (${overdueTasks} overdue)` : ""} · {expired.length} expired · {expiringSoon.length} expiring within {expiringWithinDays} days · {unused.length} unused
        for {unusedAfterDays} days
      </p>
      <div className="space-y-10">
        <CleanupSection
          id="cleanup-tasks"
          title="Decided, not cleaned up"
          description="Each decision leaves a task for the experiment's owner: ship → make the winner the code default and archive the flag; kill → delete the code and archive the flag; iterate → re-test with the redesign. Archiving the flag (or launching the redesign) completes the task."
          empty="No open cleanup tasks."
        >
          {tasks.length > 0 ? <CleanupTaskTable tasks={tasks} /> : null}
        </CleanupSection>
        <CleanupSection
          id="cleanup-expired"
          title="Expired"
          description="Overdue: these flags keep serving what they serve, but cannot be ramped or used in new experiments. Remove their code and archive them, or extend the expiry with a reason."
          empty="No expired flags."
        >
          {expired.length > 0 ? <CleanupFlagTable caption="Expired flags" flags={expired} /> : null}
        </CleanupSection>
        <CleanupSection
          id="cleanup-expiring"
          title={`Expiring within ${expiringWithinDays} days`}
          description="Plan their removal now, or extend the expiry with a reason."
          empty={`No flag expires within ${expiringWithinDays} days.`}
        >
          {expiringSoon.length > 0 ? <CleanupFlagTable caption="Flags expiring soon" flags={expiringSoon} /> : null}
        </CleanupSection>
        <CleanupSection
          id="cleanup-unused"
          title={`No evaluations for ${unusedAfterDays} days`}
          description="No service asked Keel for these flags through OFREP in that time: their code may already be gone. Scan the code and archive them."
          empty={`Every flag older than ${unusedAfterDays} days was evaluated in that time.`}
        >
          {unused.length > 0 ? <CleanupFlagTable caption="Flags without evaluations" flags={unused} /> : null}
        </CleanupSection>
      </div>
    </>
  );
}

function CleanupSection({ id, title, description, empty, children }: { id: string; title: string; description: string; empty: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-6 space-y-3">
      <div>
        <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{description}</p>
      </div>
      {children ?? <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">{empty}</p>}
    </section>
  );
}
