"use client";
import { useCallback, useEffect, useMemo } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, Button, EmptyState, LinkButton, LoadingBlock, PageHeader, Spinner, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import type { FlagRecord } from "@/server/db/flags";
import {
  DEFAULT_FLAG_LIST_QUERY,
  defaultDirection,
  flagListHref,
  flagListQueryFromSearchParams,
  hasFlagListFilters,
  type FlagListQuery,
  type FlagListSort,
} from "@/server/core/flags/flag-list-query";
import { EnvironmentStateBadge } from "./environment-state-badge";
import { ExpiryDate } from "./expiry-badge";
import { VALUE_TYPE_LABELS, formatDate } from "./format";
import { FlagListFilters, type FilterChange } from "./flag-list-filters";
import { FlagListPagination } from "./flag-list-pagination";
import { SortableTh } from "./sort-header";

const PARAM_LABELS: Record<string, string> = {
  q: "search",
  env: "environment",
  state: "state",
  owner: "owner",
  expiring: "expiring",
  experiment: "experiment",
  sort: "sort",
  dir: "sort direction",
  page: "page",
  size: "page size",
};

/**
 * The flag list: search, filters, sorting and pages, all kept in the URL (`?q=…&env=…&page=2`),
 * so reloading or sharing the link shows the same view.
 */
export function FlagList() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const canWrite = useCan("flags:write");
  const { query, ignored } = useMemo(() => flagListQueryFromSearchParams(searchParams), [searchParams]);

  const setQuery = useCallback(
    (next: FlagListQuery) => router.replace(flagListHref(pathname, next), { scroll: false }),
    [router, pathname],
  );
  const changeFilters = useCallback((change: FilterChange) => setQuery({ ...query, ...change, page: 1 }), [setQuery, query]);
  const clearFilters = useCallback(
    () => setQuery({ ...DEFAULT_FLAG_LIST_QUERY, sort: query.sort, direction: query.direction, pageSize: query.pageSize }),
    [setQuery, query],
  );
  const sortBy = useCallback(
    (sort: FlagListSort) =>
      setQuery({
        ...query,
        sort,
        direction: sort === query.sort ? (query.direction === "asc" ? "desc" : "asc") : defaultDirection(sort),
        page: 1,
      }),
    [setQuery, query],
  );

  const flags = useQuery(trpc.flags.list.queryOptions(query, { placeholderData: keepPreviousData }));
  const environments = useQuery(trpc.environments.list.queryOptions());
  const options = useQuery(trpc.flags.formOptions.queryOptions());

  // A page past the end (flags were archived since the link was made): the server answered the last page.
  const answeredPage = flags.data && !flags.isPlaceholderData ? flags.data.page : undefined;
  useEffect(() => {
    if (answeredPage !== undefined && answeredPage !== query.page) setQuery({ ...query, page: answeredPage });
  }, [answeredPage, query, setQuery]);

  const filtered = hasFlagListFilters(query);
  const noFlagsAtAll = flags.data?.total === 0 && !filtered;
  const newFlag = <LinkButton href="/flags/new">New flag</LinkButton>;
  const updating = flags.isPlaceholderData;

  return (
    <>
      <PageHeader
        title="Flags"
        description="Ship features dark, then turn them on per environment and roll them out gradually. Every flag has an owner and an expiry date."
        // When there are no flags at all the empty state carries the action, so it appears once.
        actions={canWrite && !noFlagsAtAll ? newFlag : undefined}
      />
      {ignored.length > 0 ? (
        <Alert tone="info" className="mb-4">
          Parts of this link were not understood and are ignored: {ignored.map((name) => PARAM_LABELS[name] ?? name).join(", ")}.
        </Alert>
      ) : null}
      {noFlagsAtAll ? null : (
        <FlagListFilters
          query={query}
          environments={environments.data}
          owners={options.data?.owners}
          onChange={changeFilters}
          onClear={clearFilters}
        />
      )}
      {flags.isPending ? (
        <LoadingBlock label="Loading flags…" />
      ) : flags.isError ? (
        <Alert tone="danger" title="Flags could not be loaded">
          <p>{flags.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => void flags.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : noFlagsAtAll ? (
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
        <div>
          <div className="mb-3 flex min-h-5 items-center gap-2 text-sm text-slate-600">
            <p aria-live="polite" aria-atomic="true">
              {flags.data.total} {flags.data.total === 1 ? "flag" : "flags"}
            </p>
            {updating ? <Spinner label="Updating results…" /> : null}
          </div>
          {flags.data.total === 0 ? (
            <EmptyState
              title="No flags match these filters"
              description="Try another search or fewer filters."
              action={
                <Button variant="secondary" onClick={clearFilters}>
                  Clear filters
                </Button>
              }
            />
          ) : (
            <>
              <FlagTable flags={flags.data.flags} query={query} onSort={sortBy} busy={updating} />
              <FlagListPagination
                page={flags.data.page}
                pageSize={query.pageSize}
                total={flags.data.total}
                onPage={(page) => setQuery({ ...query, page })}
                onPageSize={(pageSize) => setQuery({ ...query, pageSize, page: 1 })}
              />
            </>
          )}
        </div>
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

function FlagTable({
  flags,
  query,
  onSort,
  busy,
}: {
  flags: readonly FlagRecord[];
  query: FlagListQuery;
  onSort: (sort: FlagListSort) => void;
  busy: boolean;
}) {
  const environments = environmentColumns(flags);
  return (
    <Table caption="Flags" aria-busy={busy || undefined} className={busy ? "opacity-70" : undefined}>
      <THead>
        <Tr>
          <SortableTh state={query} columns={["name", "key"]} onSort={onSort}>
            {(button) => (
              <span className="inline-flex items-center gap-2">
                <span>Flag:</span>
                {button("name", "Name")}
                {button("key", "Key")}
              </span>
            )}
          </SortableTh>
          <Th>Type</Th>
          <Th>Owner</Th>
          <SortableTh state={query} columns={["expiresAt"]} onSort={onSort}>
            {(button) => button("expiresAt", "Expires")}
          </SortableTh>
          <SortableTh state={query} columns={["createdAt"]} onSort={onSort}>
            {(button) => button("createdAt", "Created")}
          </SortableTh>
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
            <Td className="whitespace-nowrap text-slate-700">
              <time dateTime={flag.createdAt.toISOString()}>{formatDate(flag.createdAt)}</time>
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
