import { z } from "zod";
import { keySchema } from "../keys";

/** The metric kinds PHASE-42 asks to track; every one is computed per randomisation unit (the user). */
export const METRIC_KINDS = ["conversion", "count", "retention", "error_rate", "latency", "revenue"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const METRIC_KIND_LABELS: Record<MetricKind, string> = {
  conversion: "Conversion",
  count: "Engagement (count)",
  retention: "Retention",
  error_rate: "Error rate",
  latency: "Performance (latency)",
  revenue: "Revenue",
};

export const METRIC_KIND_DESCRIPTIONS: Record<MetricKind, string> = {
  conversion: "Share of exposed users with at least one event.",
  count: "Events per exposed user.",
  retention: "Share of exposed users who send the event again within N days after their first exposure.",
  error_rate: "Error events per request event, per user.",
  latency: "Mean of the event's value per user; a high percentile is shown alongside, descriptively.",
  revenue: "Mean of the event's value (e.g. amount paid) per exposed user.",
};

export const METRIC_DIRECTIONS = ["increase", "decrease"] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

/** Event names as services send them: letters, digits, ".", "_", "-", ":" (e.g. checkout_completed). */
const EVENT_NAME = /^[A-Za-z][A-Za-z0-9._:-]{0,99}$/;
const eventName = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .regex(EVENT_NAME, `${label} must start with a letter and use letters, digits, “.”, “_”, “-” or “:” (e.g. checkout_completed), up to 100 characters.`);

const details = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
  description: z.string().trim().max(2_000, "Description must be at most 2,000 characters.").default(""),
  kind: z.enum(METRIC_KINDS, { error: () => `Kind must be one of: ${METRIC_KINDS.join(", ")}.` }),
  direction: z.enum(METRIC_DIRECTIONS, { error: () => "Direction must be increase (higher is better) or decrease (lower is better)." }),
  eventName: eventName("Event name"),
  denominatorEventName: z.string().trim().default(""),
  retentionDays: z.number({ error: "Retention window must be a whole number of days." }).int("Retention window must be a whole number of days.").min(1, "Retention window must be 1–90 days.").max(90, "Retention window must be 1–90 days.").default(7),
  guardrailThreshold: z
    .number({ error: "Guardrail threshold must be a number such as 0.1 (10 % worse)." })
    .gt(0, "Guardrail threshold must be more than 0 (e.g. 0.1 for 10 % worse).")
    .max(1, "Guardrail threshold must be at most 1 (100 % worse).")
    .nullable()
    .default(null),
  unit: z.string().trim().max(20, "Unit must be at most 20 characters (e.g. ms, USD).").default(""),
});

/** Kind-specific rules: error rate needs its denominator event; only error rate has one. */
function checkKind(value: z.infer<typeof details>, ctx: z.RefinementCtx) {
  if (value.kind === "error_rate") {
    const parsed = eventName("Denominator event").safeParse(value.denominatorEventName);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["denominatorEventName"], message: parsed.error.issues[0]?.message ?? "Denominator event is required." });
    } else if (parsed.data === value.eventName) {
      ctx.addIssue({ code: "custom", path: ["denominatorEventName"], message: "Denominator event must differ from the error event (e.g. request_served)." });
    }
  } else if (value.denominatorEventName !== "") {
    ctx.addIssue({ code: "custom", path: ["denominatorEventName"], message: "Only error-rate metrics have a denominator event; leave it empty." });
  }
}

export const createMetricInput = details.extend({ key: keySchema("Metric key") }).superRefine(checkKind);
export type CreateMetricInput = z.input<typeof createMetricInput>;

export const updateMetricInput = details.extend({ key: keySchema("Metric key") }).superRefine(checkKind);
export type UpdateMetricInput = z.input<typeof updateMetricInput>;
