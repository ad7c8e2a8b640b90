"use client";
import { useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/client";
import { formatDateTime, formatMetricValue } from "@/components/experiment-results/format";
import { ValueChart } from "@/components/experiment-results/value-chart";
import type { AbortDetails } from "@/server/services/guardrails/abort-on-breach";
import { figureRows } from "./format";

/** What a guardrail abort found: the rule, the summary, when, which variation, the figures and the metric over time. */
export function AbortAlert({ experimentKey, abort }: { experimentKey: string; abort: AbortDetails }) {
  const titleId = useId();
  const trpc = useTRPC();
  // the breaching metric's format and its values over time (the results panel polls the same query)
  const results = useQuery({ ...trpc.experiments.results.queryOptions({ key: experimentKey }), enabled: abort.metricKey !== null });
  const metric = abort.metricKey ? results.data?.metrics.find((m) => m.key === abort.metricKey) : undefined;
  const figures = figureRows(abort.rule.kind, abort.figures, metric ? (n) => formatMetricValue(metric.kind, n, metric.unit) : undefined);
  return (
    <div role="alert" aria-labelledby={titleId} className="space-y-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <h3 id={titleId} className="font-semibold">
        Aborted by a guardrail
      </h3>
      <p>
        <span className="font-medium">{abort.label}</span>
        {abort.metricKey ? <> on {abort.metricKey}</> : null}: {abort.summary}
      </p>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Aborted at</dt>
        <dd>
          <time dateTime={abort.at}>{formatDateTime(Date.parse(abort.at))}</time>
        </dd>
        <dt className="font-medium">Variation</dt>
        <dd>{abort.variation ?? "—"}</dd>
        {figures.map((f) => (
          <div key={f.key} className="contents">
            <dt className="font-medium">{f.label}</dt>
            <dd className="tabular-nums">{f.value}</dd>
          </div>
        ))}
      </dl>
      <p>Users get the off variation; the owner and watchers were notified.</p>
      {abort.metricKey === null ? (
        <p className="text-red-800">A security signal is not a metric, so there is no chart: the figures above name the event and the unit.</p>
      ) : results.isPending ? (
        <p className="text-red-800">Loading the chart of {abort.metricKey}…</p>
      ) : !results.data ? (
        <p className="text-red-800">
          The chart of {abort.metricKey} could not be loaded{results.error ? `: ${results.error.message}` : ""}.
        </p>
      ) : metric && metric.series.some((p) => Object.values(p.values).some((v) => v !== null)) ? (
        <div className="space-y-2 rounded-md bg-white p-3 text-slate-900">
          <h4 className="text-sm font-semibold">{metric.name} over time</h4>
          <ValueChart metric={metric} variations={results.data.variations} />
        </div>
      ) : (
        <p className="text-red-800">No data over time for {abort.metricKey}.</p>
      )}
    </div>
  );
}
