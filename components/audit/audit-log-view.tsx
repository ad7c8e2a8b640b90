"use client";
import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, Button, EmptyState, LoadingBlock, PageHeader, Spinner } from "@/components/ui";
import { filtersFromParams, filtersToInput, filtersToQuery, hasFilters, NO_FILTERS, type AuditFilters } from "./audit-filters";
import { AuditFiltersForm } from "./audit-filters-form";
import { AuditTable } from "./audit-table";

const PAGE_SIZE = 50;

export function AuditLogView() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = useMemo(() => filtersFromParams(searchParams), [searchParams]);

  const setFilters = useCallback(
    (next: AuditFilters) => router.replace(`${pathname}${filtersToQuery(next)}`, { scroll: false }),
    [router, pathname],
  );

  const actors = useQuery(trpc.auditLog.actors.queryOptions());
  const log = useInfiniteQuery(
    trpc.auditLog.list.infiniteQueryOptions(
      { ...filtersToInput(filters), limit: PAGE_SIZE },
      { getNextPageParam: (last) => last.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  const updating = log.isPlaceholderData || (log.isRefetching && !log.isFetchingNextPage);

  return (
    <>
      <PageHeader title="Audit log" description="Every change in the workspace: who made it, when, and the record before and after." />
      <AuditFiltersForm filters={filters} actors={actors.data} onChange={setFilters} />
      {actors.isError ? (
        <Alert tone="warning" className="mb-4">
          The actor filter could not be loaded: {actors.error.message}
        </Alert>
      ) : null}

      {log.isPending ? (
        <LoadingBlock label="Loading audit entries…" />
      ) : log.isError && entries.length === 0 ? (
        <Alert tone="danger" title="The audit log could not be loaded">
          <p>{log.error.message}</p>
          <Button variant="secondary" size="sm" className="mt-3" onClick={() => void log.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : entries.length === 0 ? (
        <EmptyState
          title="No audit entries match these filters"
          description={
            hasFilters(filters)
              ? "Try another entity, key or actor, or clear the filters."
              : "Changes to flags, environments and members will be recorded here."
          }
          action={
            hasFilters(filters) ? (
              <Button variant="secondary" onClick={() => setFilters(NO_FILTERS)}>
                Show all entries
              </Button>
            ) : undefined
          }
        />
      ) : (
        <div className="space-y-4">
          <div className="flex min-h-5 items-center gap-2 text-sm text-slate-600">
            <p>
              Showing {entries.length} {entries.length === 1 ? "entry" : "entries"}, newest first
              {log.hasNextPage ? "" : " (all loaded)"}.
            </p>
            {updating ? <Spinner label="Updating results…" /> : null}
          </div>
          <AuditTable entries={entries} busy={updating} />
          {log.isFetchNextPageError ? (
            <Alert tone="danger">More entries could not be loaded: {log.error?.message}</Alert>
          ) : null}
          {log.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </>
  );
}
