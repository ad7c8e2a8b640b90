"use client";
import { Area, CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricView } from "@/server/core/measurement/experiment-results";
import { CHART_HEIGHT, ChartFrame, noWrap, timeAxis, variationColor, Y_AXIS_WIDTH } from "./chart-frame";
import { formatDateTime, formatSignedPercent } from "./format";

/**
 * The cumulative relative lift of one variant against the control over time, with its always-valid
 * band (the server's confidence sequence): the band is safe to read at any moment.
 */
export function LiftChart({ metric, variant, index, controlKey }: { metric: MetricView; variant: string; index: number; controlKey: string }) {
  const data = metric.series.map((p) => {
    const lift = p.lift[variant] ?? null;
    return {
      atMs: p.atMs,
      estimate: lift ? lift.estimate : null,
      band: lift ? ([lift.lower, lift.upper] as [number, number]) : null,
      /** the band around the estimate, for the error bar a single point gets (an area needs two) */
      spread: lift ? ([lift.estimate - lift.lower, lift.upper - lift.estimate] as [number, number]) : null,
    };
  });
  const latest = [...data].reverse().find((d) => d.estimate !== null);
  const { domain, tickFormatter } = timeAxis(metric.series);
  const color = variationColor(index, false);
  const label = latest?.band
    ? `Cumulative relative lift of ${variant} on ${metric.name}: ${formatSignedPercent(latest.estimate ?? 0)}, band ${formatSignedPercent(latest.band[0])} to ${formatSignedPercent(latest.band[1])}`
    : `Cumulative relative lift of ${variant} on ${metric.name}: not enough data yet`;
  const legend = [
    { label: `Relative lift of ${variant}`, color },
    { label: "Always-valid band", color, band: true },
  ];
  return (
    <ChartFrame title={`Cumulative relative lift: ${variant} vs ${controlKey}`} label={label} legend={legend}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="atMs" type="number" scale="time" domain={domain} tickFormatter={tickFormatter} tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis width={Y_AXIS_WIDTH} tick={{ fontSize: 12 }} tickFormatter={(v: number) => noWrap(formatSignedPercent(v))} domain={["auto", "auto"]} />
          <Tooltip
            labelFormatter={(_label, payload) => {
              const at = payload?.[0]?.payload as { atMs?: number } | undefined;
              return at?.atMs !== undefined ? formatDateTime(at.atMs) : "";
            }}
            formatter={(value) => {
              if (Array.isArray(value)) return `${formatSignedPercent(Number(value[0]))} to ${formatSignedPercent(Number(value[1]))}`;
              return typeof value === "number" ? formatSignedPercent(value) : "—";
            }}
          />
          <ReferenceLine y={0} stroke="#64748b" strokeWidth={1} />
          <Area name="Always-valid band" dataKey="band" stroke="none" fill={color} fillOpacity={0.2} isAnimationActive={false} connectNulls={false} />
          <Line name="Relative lift" dataKey="estimate" stroke={color} strokeWidth={2} dot={data.length === 1} isAnimationActive={false}>
            {data.length === 1 ? <ErrorBar dataKey="spread" width={8} stroke={color} strokeOpacity={0.6} direction="y" /> : null}
          </Line>
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
