"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, EmptyState, LinkButton, LoadingBlock, PageHeader, TBody, THead, Table, Td, Th, Tr } from "@/components/ui";
import { describeSegmentDefinition } from "@/server/core/segments/describe-segment";
import type { SegmentSummaryView } from "@/server/services/segments/segment-view";

/** Segments: every segment with its definition in words and where it is used. */
export function SegmentList() {
  const trpc = useTRPC();
  const canWrite = useCan("flags:write");
  const segments = useQuery(trpc.segments.list.queryOptions());
  const isEmpty = segments.data?.length === 0;
  const newSegment = <LinkButton href="/segments/new">New segment</LinkButton>;

  return (
    <>
      <PageHeader
        title="Segments"
        description="Reusable groups of users — by attributes, or by listing unit ids — that flag rules and experiment audiences target."
        actions={canWrite && !isEmpty ? newSegment : undefined}
      />
      {segments.isPending ? (
        <LoadingBlock label="Loading segments…" />
      ) : segments.isError ? (
        <Alert tone="danger" title="Segments could not be loaded">
          {segments.error.message}
        </Alert>
      ) : segments.data.length === 0 ? (
        <EmptyState
          title="No segments yet"
          description={
            canWrite
              ? "Create a segment such as “Beta testers” once, then target it from any flag rule."
              : "Segments appear here once an experimenter or admin creates them."
          }
          action={canWrite ? newSegment : undefined}
        />
      ) : (
        <SegmentTable segments={segments.data} />
      )}
    </>
  );
}

function SegmentTable({ segments }: { segments: readonly SegmentSummaryView[] }) {
  const names = segments.map((s) => ({ key: s.key, name: s.name }));
  return (
    <Table caption="Segments">
      <THead>
        <Tr>
          <Th>Segment</Th>
          <Th>Description</Th>
          <Th>Who is in it</Th>
          <Th>Used by</Th>
        </Tr>
      </THead>
      <TBody>
        {segments.map((segment) => (
          <Tr key={segment.id} className="hover:bg-slate-50">
            <Td className="min-w-48">
              <Link href={`/segments/${segment.key}`} className="font-medium text-brand-700 hover:text-brand-800 hover:underline">
                {segment.name}
              </Link>
              <div className="mt-0.5 font-mono text-xs text-slate-600">{segment.key}</div>
            </Td>
            <Td className="max-w-xs text-slate-700">{segment.description || <span className="text-slate-500">—</span>}</Td>
            <Td className="max-w-md text-slate-700">{describeSegmentDefinition(segment, names)}</Td>
            <Td className="text-slate-700">
              {segment.usedBy.length === 0 ? (
                <span className="text-slate-500">Not used</span>
              ) : (
                <ul className="space-y-0.5">
                  {segment.usedBy.map((usage) => (
                    <li key={usage}>{usage}</li>
                  ))}
                </ul>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
