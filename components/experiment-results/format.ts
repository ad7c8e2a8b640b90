import type { MetricKind } from "@/server/core/metrics/metric-input";
import type { Verdict } from "@/server/core/stats/analyze";

/**
 * Number and time formatting of the results panel (Intl only). Percentages keep Keel's "12.5 %"
 * style (a space before the sign) and negative numbers use a true minus sign (−).
 */

const LOCALE = "en-US";
const MINUS = "\u2212";

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const percentFormats = {
  one: new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  two: new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  signedOne: new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }),
};
const meanFormats = {
  large: new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }),
  medium: new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }),
  small: new Intl.NumberFormat(LOCALE, { maximumSignificantDigits: 3 }),
};
const pValueFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });
const alphaFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 4 });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const timeWithSecondsFormat = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
const dayFormat = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" });

const DAY_MS = 24 * 60 * 60 * 1000;

function withMinus(text: string): string {
  return text.replace("-", MINUS);
}

/** Whole numbers with grouping: 1,234. */
export function formatCount(n: number): string {
  return withMinus(integerFormat.format(n));
}

/** Metrics whose per-unit value is a share (shown as %). */
export function isRateKind(kind: MetricKind): boolean {
  return kind === "conversion" || kind === "retention" || kind === "error_rate";
}

/** A fraction as a percentage: 0.1234 → "12.3 %" (two decimals below 1 %). */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  const format = pct !== 0 && Math.abs(pct) < 1 ? percentFormats.two : percentFormats.one;
  return `${withMinus(format.format(pct))} %`;
}

/** A relative change with its sign: 0.052 → "+5.2 %", −0.01 → "−1.0 %". */
export function formatSignedPercent(fraction: number): string {
  return `${withMinus(percentFormats.signedOne.format(fraction * 100))} %`;
}

/** A mean per unit with a precision that suits its size. */
export function formatMean(value: number): string {
  const abs = Math.abs(value);
  const format = abs >= 100 ? meanFormats.large : abs >= 1 || abs === 0 ? meanFormats.medium : meanFormats.small;
  return withMinus(format.format(value));
}

/** A metric's per-unit value: a rate as %, otherwise a mean with the metric's unit. */
export function formatMetricValue(kind: MetricKind, value: number | null, unit: string): string {
  if (value === null) return "—";
  if (isRateKind(kind)) return formatPercent(value);
  return unit ? `${formatMean(value)} ${unit}` : formatMean(value);
}

/** Chart axis ticks of a metric: % for rates, plain numbers otherwise. */
export function formatAxisValue(kind: MetricKind, value: number): string {
  return isRateKind(kind) ? formatPercent(value) : formatMean(value);
}

/** "+5.2 % [1.1 %, 9.4 %]"; "—" when undefined. */
export function formatLiftWithInterval(estimate: number | null, ci: { lower: number; upper: number } | null): string {
  if (estimate === null) return "—";
  const interval = ci ? ` [${formatPercent(ci.lower)}, ${formatPercent(ci.upper)}]` : "";
  return `${formatSignedPercent(estimate)}${interval}`;
}

/** p-values: "0.042", "< 0.001", "—". */
export function formatPValue(p: number | null): string {
  if (p === null) return "—";
  if (p < 0.001) return "< 0.001";
  return pValueFormat.format(p);
}

/** A p-value that may be tiny (the SRM test): two significant digits. */
export function formatSmallPValue(p: number): string {
  if (p === 0) return "< 1e-16";
  return p < 0.001 ? p.toExponential(1) : pValueFormat.format(p);
}

export function formatAlpha(alpha: number): string {
  return alphaFormat.format(alpha);
}

/** Local HH:mm:ss of an ISO timestamp. */
export function formatClock(iso: string): string {
  return timeWithSecondsFormat.format(new Date(iso));
}

export function formatDateTime(ms: number): string {
  return dateTimeFormat.format(new Date(ms));
}

/** Chart time ticks: local HH:mm, or the date when the chart spans more than 2 days. */
export function timeTickFormatter(spanMs: number): (ms: number) => string {
  const format = spanMs > 2 * DAY_MS ? dayFormat : timeFormat;
  return (ms) => format.format(new Date(ms));
}

export const VERDICT_TONES: Record<Verdict, "neutral" | "success" | "danger" | "info"> = {
  "not enough data": "neutral",
  "no significant difference": "info",
  better: "success",
  worse: "danger",
};
