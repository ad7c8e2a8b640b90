import { z } from "zod";

/**
 * An environment's reliability budget and the guardrail defaults its experiments are pre-filled
 * with (Settings → Environments). PHASE-42: "Experiments must respect reliability budgets."
 *
 * The SLA target leaves an error budget of 1 − target (99.9 % → 0.1 % of requests may fail over
 * the budget window). A burn rate of 1 spends exactly the budget in the window; the guardrail
 * aborts an experiment whose variant adds errors at `burnRateThreshold` times that pace over both
 * a short and a long window (the multi-window burn-rate alert of the Google SRE workbook: 14.4×
 * over 1 h spends 2 % of a 30-day budget).
 */

const share = (label: string) =>
  z
    .number({ error: `${label} must be a number (a percentage written as a fraction, e.g. 0.1 for 10 %).` })
    .gt(0, `${label} must be more than 0 %.`)
    .max(10, `${label} must be at most 1,000 %.`);

const whole = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `${label} must be a whole number of ${unit}.` })
    .int(`${label} must be a whole number of ${unit}.`)
    .min(min, `${label} must be at least ${min.toLocaleString("en-US")} ${unit}.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} ${unit}.`);

export const environmentGuardrailsSchema = z
  .object({
    slaTarget: z
      .number({ error: "SLA target must be a number such as 0.999 (99.9 %)." })
      .min(0.5, "SLA target must be at least 50 %.")
      .max(0.99999, "SLA target must be at most 99.999 %: a 100 % target leaves no error budget to protect."),
    budgetWindowDays: whole("Budget window", 1, 90, "days"),
    shortWindowMinutes: whole("Short burn-rate window", 1, 1_440, "minutes"),
    longWindowMinutes: whole("Long burn-rate window", 2, 10_080, "minutes"),
    burnRateThreshold: z.number({ error: "Burn-rate threshold must be a number such as 14.4." }).gt(0, "Burn-rate threshold must be more than 0."),
    minRequestsPerWindow: whole("Minimum requests per window", 1, 1_000_000, "requests"),
    errorRateIncrease: share("Error-rate increase"),
    latencyMeanIncrease: share("Latency (mean) increase"),
    latencyP95Increase: share("Latency (p95) increase"),
    authFailureIncrease: share("Auth-failure increase"),
    authFailureMaxRate: z
      .number({ error: "Auth-failure rate bound must be a number (0.02 for 2 %)." })
      .gt(0, "Auth-failure rate bound must be more than 0 %.")
      .lt(1, "Auth-failure rate bound must be below 100 %."),
    minUnitsPerVariation: whole("Minimum sample per variation", 1, 1_000_000, "units"),
  })
  .superRefine((v, ctx) => {
    if (v.longWindowMinutes <= v.shortWindowMinutes) {
      ctx.addIssue({ code: "custom", path: ["longWindowMinutes"], message: "The long burn-rate window must be longer than the short one." });
    }
    const maxBurn = 1 / (1 - v.slaTarget);
    if (v.burnRateThreshold > maxBurn) {
      ctx.addIssue({
        code: "custom",
        path: ["burnRateThreshold"],
        message: `A burn rate above ${round(maxBurn)}× cannot happen with a ${round(v.slaTarget * 100)} % SLA (every request would fail): choose at most ${round(maxBurn)}.`,
      });
    }
    if (v.longWindowMinutes > v.budgetWindowDays * 1_440) {
      ctx.addIssue({ code: "custom", path: ["longWindowMinutes"], message: "The long burn-rate window must fit inside the budget window." });
    }
  });

export type EnvironmentGuardrails = z.infer<typeof environmentGuardrailsSchema>;

export const DEFAULT_ENVIRONMENT_GUARDRAILS: EnvironmentGuardrails = Object.freeze({
  slaTarget: 0.999,
  budgetWindowDays: 30,
  shortWindowMinutes: 5,
  longWindowMinutes: 60,
  burnRateThreshold: 14.4,
  minRequestsPerWindow: 200,
  errorRateIncrease: 0.1,
  latencyMeanIncrease: 0.2,
  latencyP95Increase: 0.25,
  authFailureIncrease: 0.1,
  authFailureMaxRate: 0.05,
  minUnitsPerVariation: 100,
});

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The stored JSON (possibly partial or from an older version) merged over the defaults. */
export function environmentGuardrailsFromStored(json: string): EnvironmentGuardrails {
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    stored = {};
  }
  const merged = { ...DEFAULT_ENVIRONMENT_GUARDRAILS, ...(typeof stored === "object" && stored !== null ? stored : {}) };
  const parsed = environmentGuardrailsSchema.safeParse(merged);
  return parsed.success ? parsed.data : { ...DEFAULT_ENVIRONMENT_GUARDRAILS };
}

/** The error budget as a share of requests (99.9 % → 0.001). */
export function errorBudget(settings: Pick<EnvironmentGuardrails, "slaTarget">): number {
  return 1 - settings.slaTarget;
}
