import type { GuardrailRuleKind } from "@/server/core/guardrails/guardrail-rules";
import type { GuardrailsView } from "@/server/services/guardrails/guardrails-view";
import { formatCount, formatDateTime, formatMean } from "@/components/experiment-results/format";

/**
 * Number formatting of the Guardrails section. Thresholds are stored as fractions (0.1 = 10 %)
 * and shown and edited as percentages in Keel's "10 %" style.
 */

/** A fraction as a percentage number without float noise: 0.07 → 7, 0.999 → 99.9. */
export function toPercentNumber(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

/** A fraction as "12.5 %" with up to three decimals: 0.999 → "99.9 %", 0.9995 → "99.95 %". */
export function formatShare(fraction: number): string {
  return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 3 }).format(toPercentNumber(fraction))} %`;
}

/** "Staging: 99.9 % SLA over 30 days; aborts at 14.4× burn over 5 min and 60 min". */
export function budgetLine(budget: GuardrailsView["budget"]): string {
  const days = `${budget.budgetWindowDays} ${budget.budgetWindowDays === 1 ? "day" : "days"}`;
  return `${budget.environmentName}: ${formatShare(budget.slaTarget)} SLA over ${days}; aborts at ${budget.burnRateThreshold}× burn over ${budget.shortWindowMinutes} min and ${budget.longWindowMinutes} min`;
}

type FigureFormat = "count" | "share" | "value" | "burn" | "minutes" | "text" | "time";

const FIGURES: Record<string, { label: string; format: FigureFormat }> = {
  variantUnits: { label: "Variant units", format: "count" },
  controlUnits: { label: "Control units", format: "count" },
  variant: { label: "Variant value", format: "value" },
  control: { label: "Control value", format: "value" },
  worseBy: { label: "Worse than control by", format: "share" },
  threshold: { label: "Threshold", format: "share" },
  maxRate: { label: "Rate bound", format: "share" },
  p95Variant: { label: "Variant p95", format: "value" },
  p95Control: { label: "Control p95", format: "value" },
  p95WorseBy: { label: "p95 worse by", format: "share" },
  intervalLower: { label: "Interval lower bound", format: "value" },
  intervalUpper: { label: "Interval upper bound", format: "value" },
  slaTarget: { label: "SLA target", format: "share" },
  shortBurn: { label: "Burn over the short window", format: "burn" },
  longBurn: { label: "Burn over the long window", format: "burn" },
  longBurnLowerBound: { label: "Long-window burn (lower bound)", format: "burn" },
  shortWindowMinutes: { label: "Short window", format: "minutes" },
  longWindowMinutes: { label: "Long window", format: "minutes" },
  variantErrorRate: { label: "Variant error rate", format: "share" },
  controlErrorRate: { label: "Control error rate", format: "share" },
  variantRequests: { label: "Variant requests", format: "count" },
  controlRequests: { label: "Control requests", format: "count" },
  signals: { label: "Security signals from variants", format: "count" },
  controlSignals: { label: "Security signals in all", format: "count" },
  eventName: { label: "Signal event", format: "text" },
  unitId: { label: "Unit", format: "text" },
  eventId: { label: "Event id", format: "text" },
  at: { label: "Signal at", format: "time" },
};

/** "someFigureName" → "Some figure name" for figures this page does not know yet. */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatFigure(format: FigureFormat, value: number | string, formatValue: (n: number) => string): string {
  if (typeof value === "string") return format === "time" && !Number.isNaN(Date.parse(value)) ? formatDateTime(Date.parse(value)) : value;
  switch (format) {
    case "count":
      return formatCount(value);
    case "share":
      return formatShare(value);
    case "burn":
      return `${formatMean(value)}×`;
    case "minutes":
      return `${formatCount(value)} min`;
    default:
      return formatValue(value);
  }
}

/**
 * The verdict's figures as label/value pairs, in a stable order; empty values left out. Metric
 * values (means, p95, interval bounds) go through `formatValue` (the metric's own format when known).
 */
export function figureRows(
  kind: GuardrailRuleKind,
  figures: Record<string, number | string | null>,
  formatValue: (n: number) => string = formatMean,
): { key: string; label: string; value: string }[] {
  const known = Object.keys(FIGURES);
  const keys = [...known.filter((k) => k in figures), ...Object.keys(figures).filter((k) => !known.includes(k))];
  return keys.flatMap((key) => {
    const value = figures[key];
    if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) return [];
    const spec = FIGURES[key] ?? { label: humanize(key), format: typeof value === "number" ? "value" : "text" };
    // the SLA rule's threshold is a burn rate, the others' a relative change
    const format: FigureFormat = key === "threshold" && kind === "sla_burn" ? "burn" : spec.format;
    return [{ key, label: spec.label, value: formatFigure(format, value, formatValue) }];
  });
}

/** "90 min", "1 h 30 min", "2 days": a minimum step time. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60 || !Number.isInteger(minutes)) return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(minutes)} min`;
  if (minutes % 1_440 === 0) return `${minutes / 1_440} ${minutes === 1_440 ? "day" : "days"}`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
