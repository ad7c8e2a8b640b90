"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, LoadingBlock, PageHeader } from "@/components/ui";
import { SegmentForm } from "./segment-form";

export function NewSegment() {
  const trpc = useTRPC();
  const canWrite = useCan("flags:write");
  const segments = useQuery(trpc.segments.list.queryOptions());
  return (
    <>
      <PageHeader title="New segment" description="Define a group of users once; target it from flag rules and experiment audiences." />
      {!canWrite ? (
        <Alert tone="info">Creating segments needs the experimenter or admin role.</Alert>
      ) : segments.isPending ? (
        <LoadingBlock label="Loading form…" />
      ) : segments.isError ? (
        <Alert tone="danger" title="The form could not be loaded">
          {segments.error.message}
        </Alert>
      ) : (
        <SegmentForm segments={segments.data.map((s) => ({ key: s.key, name: s.name }))} />
      )}
    </>
  );
}
