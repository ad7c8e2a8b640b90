"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricView } from "@/server/core/measurement/experiment-results";
import { CHART_HEIGHT, ChartFrame, noWrap, timeAxis, variationColor, Y_AXIS_WIDTH } from "./chart-frame";
import { formatAxisValue, formatDateTime, formatMetricValue } from "./format";

type Variation = { key: string; isControl: boolean };

/** The metric's value per variation over time (cumulative), one line per variation. */
export function ValueChart({ metric, variations }: { metric: MetricView; variations: readonly Variation[] }) {
  const data = metric.series.map((p) => ({ atMs: p.atMs, values: p.values }));
  const latest = metric.series[metric.series.length - 1];
  const { domain, tickFormatter } = timeAxis(metric.series);
  const latestText = variations.map((v) => `${v.key} ${formatMetricValue(metric.kind, latest?.values[v.key] ?? null, metric.unit)}`).join(", ");
  const label = `${metric.name} over time by variation, latest: ${latestText}${latest ? ` (${formatDateTime(latest.atMs)})` : ""}`;
  const legend = variations.map((v, i) => ({ label: v.isControl ? `${v.key} (control)` : v.key, color: variationColor(i, v.isControl), dashed: v.isControl }));
  return (
    <ChartFrame title="Value over time" label={label} legend={legend}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="atMs" type="number" scale="time" domain={domain} tickFormatter={tickFormatter} tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis width={Y_AXIS_WIDTH} tick={{ fontSize: 12 }} tickFormatter={(v: number) => noWrap(formatAxisValue(metric.kind, v))} domain={["auto", "auto"]} />
          <Tooltip
            labelFormatter={(_label, payload) => {
              const at = payload?.[0]?.payload as { atMs?: number } | undefined;
              return at?.atMs !== undefined ? formatDateTime(at.atMs) : "";
            }}
            formatter={(value) => (typeof value === "number" ? formatMetricValue(metric.kind, value, metric.unit) : "—")}
          />
          {variations.map((v, i) => (
            <Line
              key={v.key}
              name={v.key}
              type="monotone"
              dataKey={(d: (typeof data)[number]) => d.values[v.key] ?? null}
              stroke={variationColor(i, v.isControl)}
              strokeWidth={2}
              strokeDasharray={v.isControl ? "5 3" : undefined}
              dot={data.length === 1 ? { r: 3, strokeDasharray: "0" } : false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
