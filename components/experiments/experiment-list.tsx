"use client";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, EmptyState, LinkButton, LoadingBlock, PageHeader, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { experimentListQueryFromParams, experimentListSearch, type ExperimentListQuery } from "@/server/core/experiments/experiment-list-query";
import { APPROVAL_KIND_LABELS, EXPERIMENT_TYPE_LABELS } from "@/server/core/experiments/experiment-types";
import { ExperimentStateBadge } from "@/components/experiment-detail/state-badge";
import { ExperimentListFilters } from "./experiment-list-filters";

/** Every experiment, newest change first, filtered by state, type, owner and environment (kept in the URL). */
export function ExperimentList() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = experimentListQueryFromParams(Object.fromEntries(params.entries()));
  const list = useQuery(trpc.experiments.list.queryOptions(query));
  const options = useQuery(trpc.experiments.formOptions.queryOptions());
  const canWrite = useCan("experiments:write");
  const onChange = (next: ExperimentListQuery) => router.replace(`${pathname}${experimentListSearch(next)}`);

  return (
    <>
      <PageHeader
        title="Experiments"
        description="Hypothesis-driven changes, each on one flag, reviewed, launched small and decided on data."
        actions={canWrite ? <LinkButton href="/experiments/new">New experiment</LinkButton> : null}
      />
      <ExperimentListFilters query={query} owners={options.data?.owners ?? []} environments={options.data?.environments ?? []} onChange={onChange} />
      {list.isPending ? (
        <LoadingBlock label="Loading experiments…" />
      ) : list.isError ? (
        <Alert tone="danger">{list.error.message}</Alert>
      ) : list.data.length === 0 ? (
        <EmptyState title="No experiments match" description="Start one with New experiment, or clear the filters." />
      ) : (
        <Table aria-label="Experiments">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Type</Th>
              <Th>State</Th>
              <Th>Owner</Th>
              <Th>Environment</Th>
              <Th>Flag</Th>
              <Th>Exposure</Th>
              <Th>Waiting for</Th>
            </Tr>
          </THead>
          <TBody>
            {list.data.map((e) => (
              <Tr key={e.id}>
                <Td className="font-medium">
                  <Link href={`/experiments/${e.key}`} className="text-brand-700 underline">
                    {e.name}
                  </Link>
                </Td>
                <Td>{EXPERIMENT_TYPE_LABELS[e.type]}</Td>
                <Td>
                  <ExperimentStateBadge state={e.state} />
                </Td>
                <Td>{e.owner.name}{e.team ? ` (${e.team})` : ""}</Td>
                <Td>{e.environment.name}</Td>
                <Td className="font-mono text-xs">{e.flag.key}</Td>
                <Td>{e.exposurePercentage} % planned</Td>
                <Td>{e.pendingApprovals.map((k) => APPROVAL_KIND_LABELS[k]).join(", ") || "—"}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
