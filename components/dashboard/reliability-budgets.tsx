"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Badge, Card, CardBody, CardHeader, LoadingBlock, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { RowHeader } from "@/components/experiment-results/row-header";
import { budgetSpentAtThreshold, formatNumber, formatPercent } from "@/components/settings/environment-reliability-fields";

/** Every environment's SLA target, error budget and burn-rate alert, with how many experiments run against it. */
export function ReliabilityBudgets() {
  const trpc = useTRPC();
  const environments = useQuery({ ...trpc.environments.list.queryOptions(), refetchInterval: 15_000 });
  return (
    <section aria-label="Reliability budgets">
      <Card>
        <CardHeader
          title="Reliability budgets"
          description="The error budget is 100 % − SLA. A running experiment whose variant burns it faster than the threshold over both windows is aborted and its flag turned off."
          actions={
            <Link href="/settings/environments" className="text-sm font-medium text-brand-700 underline-offset-2 hover:text-brand-800 hover:underline">
              Change in Settings → Environments
            </Link>
          }
        />
        <CardBody>
          {environments.isPending ? (
            <LoadingBlock label="Loading reliability budgets…" />
          ) : environments.isError ? (
            <Alert tone="danger" title="Reliability budgets could not be loaded">
              {environments.error.message}
            </Alert>
          ) : environments.data.length === 0 ? (
            <p className="text-sm text-slate-600">No environments yet.</p>
          ) : (
            <Table caption="Reliability budget per environment">
              <THead>
                <Tr>
                  <Th>Environment</Th>
                  <Th>SLA target</Th>
                  <Th>Error budget</Th>
                  <Th>Budget window</Th>
                  <Th>Burn-rate alert</Th>
                  <Th>Running experiments</Th>
                </Tr>
              </THead>
              <TBody>
                {environments.data.map((env) => {
                  const r = env.reliability;
                  return (
                    <Tr key={env.id}>
                      <RowHeader>{env.name}</RowHeader>
                      <Td className="tabular-nums">{formatPercent(r.slaTarget)}</Td>
                      <Td className="tabular-nums">{formatPercent(env.errorBudget)}</Td>
                      <Td className="tabular-nums">{formatNumber(r.budgetWindowDays)} days</Td>
                      <Td>
                        <span className="tabular-nums">
                          {formatNumber(r.burnRateThreshold)}× over {formatNumber(r.shortWindowMinutes)} min and {formatNumber(r.longWindowMinutes)} min
                        </span>
                        <span className="block text-xs text-slate-600">spends {formatPercent(budgetSpentAtThreshold(r), 1)} of the budget in the long window</span>
                      </Td>
                      <Td>
                        <Badge tone={env.runningExperiments > 0 ? "info" : "neutral"}>{env.runningExperiments} running</Badge>
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          )}
        </CardBody>
      </Card>
    </section>
  );
}
