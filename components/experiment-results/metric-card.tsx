"use client";
import { useId } from "react";
import { Badge, Table, TBody, THead, Td, Th, Tr, type BadgeTone } from "@/components/ui";
import { METRIC_KIND_LABELS } from "@/server/core/metrics/metric-input";
import type { MetricRole, MetricView } from "@/server/core/measurement/experiment-results";
import { RowHeader } from "./row-header";
import { formatCount, formatLiftWithInterval, formatMetricValue, formatPValue, isRateKind, VERDICT_TONES } from "./format";
import { LiftChart } from "./lift-chart";
import { ValueChart } from "./value-chart";

const ROLE_LABELS: Record<MetricRole, string> = { success: "Success", guardrail: "Guardrail", failure: "Failure" };
const ROLE_TONES: Record<MetricRole, BadgeTone> = { success: "info", guardrail: "warning", failure: "neutral" };

type Variation = { key: string; isControl: boolean };

/** One metric: value, lift, p-value and verdict per variation, and its charts over time. */
export function MetricCard({ metric, variations, alpha, sequential }: { metric: MetricView; variations: readonly Variation[]; alpha: number; sequential: boolean }) {
  const headingId = useId();
  const { analysis } = metric;
  const control = analysis.control;
  const level = `${Math.round((1 - alpha) * 1000) / 10} %`;
  const valueHeader = isRateKind(metric.kind) ? "Rate" : metric.unit ? `Mean (${metric.unit})` : "Mean";
  const p95 = metric.p95;
  // the charts need at least one point with a value (a metric without events has none)
  const hasSeries = metric.series.some((p) => Object.values(p.values).some((v) => v !== null));
  const nonControl = variations.map((v, i) => ({ ...v, index: i })).filter((v) => !v.isControl);
  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-center gap-2">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {metric.name}
        </h3>
        <Badge tone={ROLE_TONES[metric.role]}>{ROLE_LABELS[metric.role]}</Badge>
        <span className="text-sm text-slate-600">
          {METRIC_KIND_LABELS[metric.kind]} · {metric.direction === "increase" ? "higher is better" : "lower is better"}
        </span>
      </header>
      <Table caption={`${metric.name} by variation`}>
        <THead>
          <Tr>
            <Th>Variation</Th>
            <Th className="text-right">Units</Th>
            <Th className="text-right">{valueHeader}</Th>
            {p95 ? <Th className="text-right">p95</Th> : null}
            <Th className="text-right">{sequential ? `Relative lift [always-valid ${level} CI]` : `Relative lift [${level} CI]`}</Th>
            <Th className="text-right">p-value (adjusted)</Th>
            <Th>Verdict</Th>
          </Tr>
        </THead>
        <TBody>
          <Tr>
            <RowHeader>
              {control.key} <span className="font-normal text-slate-600">(control)</span>
            </RowHeader>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatCount(control.units)}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatMetricValue(metric.kind, control.mean, metric.unit)}</Td>
            {p95 ? <Td className="text-right whitespace-nowrap tabular-nums">{formatMetricValue(metric.kind, p95[control.key] ?? null, metric.unit)}</Td> : null}
            <Td className="text-right text-slate-500">—</Td>
            <Td className="text-right text-slate-500">—</Td>
            <Td className="text-slate-500">baseline</Td>
          </Tr>
          {analysis.variants.map((v) => (
            <Tr key={v.key}>
              <RowHeader>
                {v.key}
              </RowHeader>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatCount(v.units)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatMetricValue(metric.kind, v.mean, metric.unit)}</Td>
              {p95 ? <Td className="text-right whitespace-nowrap tabular-nums">{formatMetricValue(metric.kind, p95[v.key] ?? null, metric.unit)}</Td> : null}
              <Td className="text-right whitespace-nowrap tabular-nums">{sequential
                  ? formatLiftWithInterval(v.relativeLift.estimate, metric.alwaysValidLift[v.key] ?? null)
                  : formatLiftWithInterval(v.relativeLift.estimate, v.relativeLift.ci)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatPValue(v.pValueAdjusted)}</Td>
              <Td>
                <Badge tone={VERDICT_TONES[v.verdict]} data-testid={`verdict-${metric.key}-${v.key}`}>
                  {v.verdict}
                </Badge>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <ul className="space-y-1 text-xs text-slate-600">
        {analysis.variants.map((v) => (
          <li key={v.key}>
            <span className="font-medium text-slate-700">{v.key}:</span> {v.reason}
          </li>
        ))}
        <li>
          {sequential
            ? `Intervals and p-values are always-valid (sequential testing): they stay valid however often you look.`
            : `The lift interval is a ${level} confidence interval.`}
          {p95 ? " p95 is descriptive (within 5 %)." : ""}
        </li>
      </ul>
      {hasSeries ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <ValueChart metric={metric} variations={variations} />
          {nonControl.map((v) => (
            <LiftChart key={v.key} metric={metric} variant={v.key} index={v.index} controlKey={control.key} />
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-600">No data over time yet for this metric.</p>
      )}
    </article>
  );
}
