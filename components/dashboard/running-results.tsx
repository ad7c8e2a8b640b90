"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Badge, Card, CardBody, CardHeader, LoadingBlock, Table, TBody, THead, Td, Th, Tr } from "@/components/ui";
import { formatCount, VERDICT_TONES } from "@/components/experiment-results/format";
import { RowHeader } from "@/components/experiment-results/row-header";

const REFRESH_MS = 10_000;

/** Live results at a glance: one row per running experiment (units, sample progress, primary metric verdict, SRM). */
export function RunningResults() {
  const trpc = useTRPC();
  const dashboard = useQuery(trpc.experiments.dashboard.queryOptions());
  return (
    <Card>
      <CardHeader title="Live results" description={`Running experiments, refreshed every ${REFRESH_MS / 1000} s. Open one for its full results.`} />
      <CardBody>
        {dashboard.isPending ? <LoadingBlock label="Loading live results…" /> : null}
        {dashboard.isError ? <Alert tone="danger">{dashboard.error.message}</Alert> : null}
        {dashboard.data && dashboard.data.running.length === 0 ? <p className="text-sm text-slate-600">No experiment is running.</p> : null}
        {dashboard.data && dashboard.data.running.length > 0 ? (
          <Table caption="Live results of running experiments">
            <THead>
              <Tr>
                <Th>Experiment</Th>
                <Th className="text-right">Units</Th>
                <Th className="text-right">Sample progress</Th>
                <Th>Primary metric</Th>
                <Th>Checks</Th>
              </Tr>
            </THead>
            <TBody>
              {dashboard.data.running.map((e) => (
                <ResultsRow key={e.id} experimentKey={e.key} name={e.name} />
              ))}
            </TBody>
          </Table>
        ) : null}
      </CardBody>
    </Card>
  );
}

function ResultsRow({ experimentKey, name }: { experimentKey: string; name: string }) {
  const trpc = useTRPC();
  const results = useQuery({
    ...trpc.experiments.results.queryOptions({ key: experimentKey }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const data = results.data;
  const primary = data?.metrics[0];
  const first = primary?.analysis.variants[0];
  return (
    <Tr data-testid={`running-results-${experimentKey}`}>
      <RowHeader>
        <Link href={`/experiments/${experimentKey}`} className="text-brand-700 underline">
          {name}
        </Link>
      </RowHeader>
      {!data ? (
        <Td colSpan={4} className="text-slate-600">
          {results.isError ? `Results could not be loaded: ${results.error.message}` : "Loading…"}
        </Td>
      ) : (
        <>
          <Td className="text-right whitespace-nowrap tabular-nums">{formatCount(data.totalUnits)}</Td>
          <Td className="text-right whitespace-nowrap tabular-nums">{data.sample.progress === null ? "—" : `${Math.round(data.sample.progress * 100)} %`}</Td>
          <Td>
            {primary && first ? (
              <span className="flex flex-wrap items-center gap-2">
                <span>
                  {primary.name} <span className="text-slate-600">({first.key})</span>
                </span>
                <Badge tone={VERDICT_TONES[first.verdict]}>{first.verdict}</Badge>
              </span>
            ) : (
              <span className="text-slate-600">No metrics</span>
            )}
          </Td>
          <Td>
            {data.srm.srm ? (
              <Badge tone="danger" title="Sample ratio mismatch: the split differs from the planned weights; ship is blocked.">
                SRM
              </Badge>
            ) : (
              <span className="text-slate-600">OK</span>
            )}
          </Td>
        </>
      )}
    </Tr>
  );
}
