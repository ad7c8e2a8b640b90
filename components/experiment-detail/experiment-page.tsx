"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, EmptyState, LinkButton, LoadingBlock, PageHeader } from "@/components/ui";
import { ExperimentDocument } from "./experiment-document";

/** The experiment page is its document: owner, hypothesis, design, policy, approvals, dates, decision, history. */
export function ExperimentPage({ experimentKey }: { experimentKey: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.experiments.byKey.queryOptions({ key: experimentKey }));
  if (view.isPending) return <LoadingBlock label="Loading experiment…" />;
  if (view.isError) {
    const code = view.error.data?.code;
    // A malformed key in the URL cannot name an experiment either.
    if (code === "NOT_FOUND" || code === "BAD_REQUEST") return <ExperimentNotFound experimentKey={experimentKey} />;
    return (
      <>
        <BackToExperiments />
        <PageHeader title={experimentKey} />
        <Alert tone="danger" title="This experiment could not be loaded">
          {view.error.message}
        </Alert>
      </>
    );
  }
  return (
    <>
      <BackToExperiments />
      <ExperimentDocument view={view.data} />
    </>
  );
}

function BackToExperiments() {
  return (
    <p className="mb-3 text-sm">
      <Link href="/experiments" className="font-medium text-brand-700 hover:text-brand-800 hover:underline">
        <span aria-hidden="true">← </span>All experiments
      </Link>
    </p>
  );
}

function ExperimentNotFound({ experimentKey }: { experimentKey: string }) {
  return (
    <>
      <h1 className="sr-only">Experiment {experimentKey}</h1>
      <EmptyState
        title="Experiment not found"
        description={`No experiment has the key “${experimentKey}”. The link may be mistyped.`}
        action={
          <LinkButton variant="secondary" href="/experiments">
            Back to experiments
          </LinkButton>
        }
      />
    </>
  );
}
