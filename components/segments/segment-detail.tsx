"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { useCan } from "@/components/layout/current-user";
import { Alert, Card, CardBody, CardHeader, LoadingBlock, PageHeader } from "@/components/ui";
import { describeCondition } from "@/server/core/targeting/describe";
import type { SegmentDetailView } from "@/server/services/segments/segment-view";
import { SegmentForm } from "./segment-form";
import { SegmentDeleteButton } from "./segment-delete-button";

/** One segment: its form (or, for viewers, its definition read-only), where it is used, and Delete. */
export function SegmentDetail({ segmentKey }: { segmentKey: string }) {
  const trpc = useTRPC();
  const canWrite = useCan("flags:write");
  const segment = useQuery(trpc.segments.byKey.queryOptions({ key: segmentKey }));
  const all = useQuery(trpc.segments.list.queryOptions());

  if (segment.isPending || all.isPending) return <LoadingBlock label="Loading segment…" />;
  if (segment.isError) {
    return (
      <>
        <PageHeader title={segmentKey} />
        <Alert tone="danger" title="The segment could not be loaded">
          {segment.error.message} <Link href="/segments" className="font-medium underline">Back to segments</Link>
        </Alert>
      </>
    );
  }
  const data = segment.data;
  const names = (all.data ?? []).map((s) => ({ key: s.key, name: s.name }));
  return (
    <>
      <PageHeader
        title={data.name}
        description={data.description || undefined}
        actions={canWrite ? <SegmentDeleteButton segment={data} /> : undefined}
      />
      <p className="-mt-4 mb-6 font-mono text-sm text-slate-600">{data.key}</p>
      <div className="space-y-8">
        {canWrite ? (
          // Keyed by version: a save or a reload after a conflict starts the form from the stored segment.
          <SegmentForm key={`${data.key}:${data.version}`} segment={data} segments={names} />
        ) : (
          <ReadOnlySegment segment={data} segments={names} />
        )}
        <UsedBy segment={data} />
      </div>
    </>
  );
}

function UsedBy({ segment }: { segment: SegmentDetailView }) {
  return (
    <section aria-labelledby="segment-used-by" className="max-w-4xl">
      <h2 id="segment-used-by" className="mb-2 text-lg font-semibold text-slate-900">
        Used by
      </h2>
      {segment.usedBy.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing uses this segment yet: no flag rule, other segment or experiment.</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-900">
          {segment.usages.map((usage, i) => (
            <li key={i}>
              {usage.kind === "flag" ? (
                <>
                  Flag{" "}
                  <Link href={`/flags/${usage.flagKey}`} className="font-mono text-brand-700 hover:underline">
                    {usage.flagKey}
                  </Link>
                  , {usage.environmentName} rule {usage.ruleId}
                </>
              ) : usage.kind === "segment" ? (
                <>
                  Segment{" "}
                  <Link href={`/segments/${usage.segmentKey}`} className="font-mono text-brand-700 hover:underline">
                    {usage.segmentKey}
                  </Link>
                </>
              ) : (
                <>
                  Experiment <span className="font-mono">{usage.experimentKey}</span> ({usage.experimentName}), as its audience
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const SHOWN_IDS = 200;

function ReadOnlySegment({ segment, segments }: { segment: SegmentDetailView; segments: { key: string; name: string }[] }) {
  return (
    <Card className="max-w-4xl">
      <CardHeader title="Who is in it" description="Changing segments needs the experimenter or admin role." />
      <CardBody>
        <dl className="space-y-4 text-sm">
          <div>
            <dt className="font-medium text-slate-900">Conditions (all must hold)</dt>
            <dd className="mt-1 text-slate-700">
              {segment.conditions.length === 0 ? (
                "None — only the included unit ids are members."
              ) : (
                <ul className="list-disc space-y-0.5 pl-5">
                  {segment.conditions.map((condition, i) => (
                    <li key={i}>{describeCondition(condition, segments)}</li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <IdList label="Included unit ids (always members)" ids={segment.included} />
          <IdList label="Excluded unit ids (never members)" ids={segment.excluded} />
        </dl>
      </CardBody>
    </Card>
  );
}

function IdList({ label, ids }: { label: string; ids: string[] }) {
  return (
    <div>
      <dt className="font-medium text-slate-900">
        {label}: {ids.length.toLocaleString("en")}
      </dt>
      {ids.length > 0 ? (
        <dd className="mt-1 font-mono text-xs break-all text-slate-700">
          {ids.slice(0, SHOWN_IDS).join(", ")}
          {ids.length > SHOWN_IDS ? ` … and ${(ids.length - SHOWN_IDS).toLocaleString("en")} more` : ""}
        </dd>
      ) : null}
    </div>
  );
}
