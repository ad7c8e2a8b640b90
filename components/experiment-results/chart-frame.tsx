import type * as React from "react";
import { timeTickFormatter } from "./format";

/** Variation colours: the control is slate (and dashed), the others distinct hues. */
const PALETTE = ["#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2"];
export const CONTROL_COLOR = "#475569";

export function variationColor(index: number, isControl: boolean): string {
  return isControl ? CONTROL_COLOR : (PALETTE[(index - 1 + PALETTE.length) % PALETTE.length] ?? PALETTE[0]!);
}

export const CHART_HEIGHT = 220;
export const Y_AXIS_WIDTH = 72;

/** Axis ticks keep "12.5 %" on one line (the chart would wrap at the space). */
export function noWrap(text: string): string {
  return text.replace(/ /g, "\u00a0");
}

/** The x axis of a chart over time: its domain (padded when there is a single point) and tick format. */
export function timeAxis(points: readonly { atMs: number }[]) {
  const first = points[0]?.atMs ?? 0;
  const last = points[points.length - 1]?.atMs ?? first;
  const domain: [number, number] = last > first ? [first, last] : [first - 60_000, last + 60_000];
  return { domain, tickFormatter: timeTickFormatter(domain[1] - domain[0]) };
}

export type LegendItem = { label: string; color: string; dashed?: boolean; band?: boolean };

/**
 * A chart with a visible title and legend; the drawing itself is one image whose label states the
 * latest numbers (its SVG internals are hidden from assistive technology).
 */
export function ChartFrame({ title, label, legend, children }: { title: string; label: string; legend: LegendItem[]; children: React.ReactNode }) {
  return (
    <figure className="min-w-0 rounded-md border border-slate-200 p-3">
      <figcaption className="mb-1 text-sm font-medium text-slate-800">{title}</figcaption>
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        {legend.map((item) => (
          <li key={item.label} className="inline-flex items-center gap-1.5">
            <svg aria-hidden="true" width="18" height="10" viewBox="0 0 18 10">
              {item.band ? (
                <rect x="0" y="1" width="18" height="8" fill={item.color} fillOpacity={0.2} />
              ) : (
                <line x1="0" y1="5" x2="18" y2="5" stroke={item.color} strokeWidth="2" strokeDasharray={item.dashed ? "5 3" : undefined} />
              )}
            </svg>
            {item.label}
          </li>
        ))}
      </ul>
      <div role="img" aria-label={label} className="w-full" style={{ height: CHART_HEIGHT }}>
        <div aria-hidden="true" className="h-full w-full">
          {children}
        </div>
      </div>
    </figure>
  );
}
