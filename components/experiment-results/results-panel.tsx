"use client";
import { useId } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { Alert, LoadingBlock } from "@/components/ui";
import type { ExperimentResultsView } from "@/server/services/measurement/experiment-results";
import { formatAlpha, formatClock, formatCount } from "./format";
import { MetricCard } from "./metric-card";
import { SampleProgress } from "./sample-progress";
import { SrmBanner } from "./srm-banner";

export const RESULTS_REFRESH_MS = 5_000;

const CORRECTION_LABELS: Record<ExperimentResultsView["method"]["correction"]["method"], string> = {
  holm: "Holm correction",
  "benjamini-hochberg": "Benjamini–Hochberg correction",
  none: "no multiple-comparison correction",
};

/** "Sequential testing (always-valid, N* = 4,000), Holm correction across 2 comparisons, α = 0.05". */
export function methodLine(method: ExperimentResultsView["method"]): string {
  const testing = method.sequential.enabled
    ? `Sequential testing (always-valid, N* = ${formatCount(method.sequential.tuningParameter)})`
    : "Fixed-horizon testing";
  const n = method.correction.comparisons;
  const correction =
    method.correction.method === "none" ? CORRECTION_LABELS.none : `${CORRECTION_LABELS[method.correction.method]} across ${n} ${n === 1 ? "comparison" : "comparisons"}`;
  return `${testing}, ${correction}, α = ${formatAlpha(method.alpha)}`;
}

/**
 * The experiment's live results, refreshed every few seconds without reloading the page: sample
 * progress, the sample-ratio-mismatch check, and per metric a table and charts over time.
 */
export function ResultsPanel({ experimentKey }: { experimentKey: string }) {
  const trpc = useTRPC();
  const headingId = useId();
  const results = useQuery({
    ...trpc.experiments.results.queryOptions({ key: experimentKey }),
    refetchInterval: RESULTS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-lg font-semibold text-slate-900">
          Results
        </h2>
        {results.data ? (
          <p className="text-sm text-slate-600">
            Updated <time dateTime={results.data.computedAt}>{formatClock(results.data.computedAt)}</time> · refreshes every{" "}
            {RESULTS_REFRESH_MS / 1000} s
          </p>
        ) : null}
      </div>
      {results.isPending ? <LoadingBlock label="Loading results…" /> : null}
      {results.isError && !results.data ? (
        <Alert tone="danger" title="Results could not be loaded">
          {results.error.message}
        </Alert>
      ) : null}
      {results.data ? <ResultsBody view={results.data} refreshError={results.isError ? results.error.message : null} /> : null}
    </section>
  );
}

function ResultsBody({ view, refreshError }: { view: ExperimentResultsView; refreshError: string | null }) {
  return (
    <>
      <p className="text-sm text-slate-700">{methodLine(view.method)}</p>
      {refreshError ? (
        <p className="text-sm text-amber-800">
          The latest refresh failed ({refreshError}); showing the results of {formatClock(view.computedAt)}.
        </p>
      ) : null}
      {view.totalUnits === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 px-6 py-8 text-center">
          <h3 className="text-base font-semibold text-slate-900">No exposures yet</h3>
          <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">
            No exposures yet. Services report exposures to <code>POST /api/v1/events</code>; <code>npm run keel -- simulate …</code> sends demo traffic.
          </p>
          <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">{view.measurement.reason}</p>
        </div>
      ) : (
        <>
          <SrmBanner srm={view.srm} variations={view.variations} />
          <p className="text-sm">
            <span className="font-medium text-slate-900">{view.measurement.measured ? "Ready for a ship decision." : "Not ready for a ship decision."}</span>{" "}
            <span className="text-slate-700">{view.measurement.reason}</span>
          </p>
          <SampleProgress sample={view.sample} variations={view.variations} totalUnits={view.totalUnits} />
          {view.metrics.length === 0 ? <p className="text-sm text-slate-600">The experiment lists no metrics.</p> : null}
          {view.metrics.map((metric) => (
            <MetricCard key={metric.key} metric={metric} variations={view.variations} alpha={view.method.alpha} sequential={view.method.sequential.enabled} />
          ))}
        </>
      )}
    </>
  );
}
