"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, EmptyState, LinkButton, LoadingBlock, PageHeader, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";
import { EnvironmentStateBadge } from "./environment-state-badge";
import { ExpiryDate } from "./expiry-badge";
import { VALUE_TYPE_LABELS } from "./format";

export function FlagList() {
  const trpc = useTRPC();
  const canWrite = useCan("flags:write");
  const flags = useQuery(trpc.flags.list.queryOptions());
  const isEmpty = flags.data?.length === 0;
  const newFlag = <LinkButton href="/flags/new">New flag</LinkButton>;

  return (
    <>
      <PageHeader
        title="Flags"
        description="Ship features dark, then turn them on per environment and roll them out gradually. Every flag has an owner and an expiry date."
        // When the list is empty the empty state carries the action, so it appears once.
        actions={canWrite && !isEmpty ? newFlag : undefined}
      />
      {flags.isPending ? (
        <LoadingBlock label="Loading flags…" />
      ) : flags.isError ? (
        <Alert tone="danger" title="Flags could not be loaded">
          {flags.error.message}
        </Alert>
      ) : flags.data.length === 0 ? (
        <EmptyState
          title="No flags yet"
          description={
            canWrite
              ? "Create a flag to ship a feature turned off, then switch it on per environment."
              : "Flags appear here once an experimenter or admin creates them."
          }
          action={canWrite ? newFlag : undefined}
        />
      ) : (
        <FlagTable flags={flags.data} />
      )}
    </>
  );
}

type EnvironmentColumn = { key: string; name: string };

/** Every environment any flag is configured in, in the order the server returns them. */
function environmentColumns(flags: readonly FlagRecord[]): EnvironmentColumn[] {
  const columns = new Map<string, EnvironmentColumn>();
  for (const flag of flags) {
    for (const env of flag.environments) {
      if (!columns.has(env.environmentKey)) columns.set(env.environmentKey, { key: env.environmentKey, name: env.environmentName });
    }
  }
  return [...columns.values()];
}

function FlagTable({ flags }: { flags: readonly FlagRecord[] }) {
  const environments = environmentColumns(flags);
  return (
    <Table caption="Flags">
      <THead>
        <Tr>
          <Th>Flag</Th>
          <Th>Type</Th>
          <Th>Owner</Th>
          <Th>Expires</Th>
          {environments.map((env) => (
            <Th key={env.key}>{env.name}</Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {flags.map((flag) => (
          <Tr key={flag.id} className="hover:bg-slate-50">
            <Td className="min-w-48">
              <Link href={`/flags/${flag.key}`} className="font-medium text-brand-700 hover:text-brand-800 hover:underline">
                {flag.name}
              </Link>
              <div className="mt-0.5 font-mono text-xs text-slate-600">{flag.key}</div>
            </Td>
            <Td className="whitespace-nowrap text-slate-700">{VALUE_TYPE_LABELS[flag.valueType]}</Td>
            <Td className="whitespace-nowrap text-slate-700">{flag.owner.name}</Td>
            <Td>
              <ExpiryDate expiresAt={flag.expiresAt} />
            </Td>
            {environments.map((column) => {
              const env = flag.environments.find((e) => e.environmentKey === column.key);
              return (
                <Td key={column.key}>
                  {env ? (
                    <EnvironmentStateBadge state={env} />
                  ) : (
                    <span className="text-slate-500">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">Not configured</span>
                    </span>
                  )}
                </Td>
              );
            })}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
