import { z } from "zod";
import type { GuardrailCheck } from "./check-guardrails";

/**
 * Ramping (PHASE-42: "start with ≤ 5% traffic; monitor reliability & errors; gradually expand if
 * healthy"). An experiment climbs a schedule of exposure steps up to its planned exposure; each
 * step runs at least the minimum time, and the next one is allowed only while every guardrail is
 * healthy with the minimum sample for its verdict. Auto-advance takes the same step unattended.
 */
export const DEFAULT_RAMP_STEPS: readonly number[] = [5, 10, 25, 50, 100];
export const DEFAULT_RAMP_STEP_MINUTES = 60;

export const rampPlanSchema = z.object({
  steps: z
    .array(z.number({ error: "Each ramp step must be a percentage." }).gt(0, "Ramp steps must be more than 0 %.").max(100, "Ramp steps must be at most 100 %."), {
      error: "Ramp steps must be a list of percentages such as 5, 10, 25, 50, 100.",
    })
    .max(20, "At most 20 ramp steps.")
    .refine((steps) => steps.every((s, i) => i === 0 || s > steps[i - 1]!), "Ramp steps must increase, e.g. 5, 10, 25, 50, 100.")
    .refine((steps) => steps.length === 0 || steps[0]! <= 5, "The first ramp step must be at most 5 % (PHASE-42: launches start with ≤ 5 % of traffic)."),
  stepMinutes: z
    .number({ error: "Minimum time per step must be a number of minutes." })
    .min(0, "Minimum time per step cannot be negative.")
    .max(30 * 24 * 60, "Minimum time per step must be at most 30 days."),
  autoAdvance: z.boolean({ error: "Auto-advance must be on or off." }),
});
export type RampPlan = z.infer<typeof rampPlanSchema>;

/** The steps the experiment climbs: the plan's (or the default) steps below the planned exposure, then the planned exposure. */
export function rampSchedule(steps: readonly number[], plannedExposure: number): number[] {
  const base = steps.length ? steps : DEFAULT_RAMP_STEPS;
  return [...base.filter((s) => s < plannedExposure), plannedExposure];
}

/** The next step above the current exposure, or null at the top. */
export function nextRampStep(schedule: readonly number[], currentExposure: number): number | null {
  return schedule.find((s) => s > currentExposure) ?? null;
}

/**
 * Pricing experiments need a fresh pricing approval, asked while they run, to ramp beyond the
 * admins' threshold (Settings → Experiment policy); null for other experiments.
 */
export type PricingRampGate = { thresholdPercent: number; approval: "approved" | "pending" | "none" } | null;

export type RampReadiness = { ready: true; next: number } | { ready: false; next: number | null; reason: string; readyAtMs: number | null };

export function rampReadiness(input: {
  schedule: readonly number[];
  currentExposure: number;
  /** when the current step began */
  stepStartedAtMs: number;
  stepMinutes: number;
  nowMs: number;
  /** the guardrails' current answer */
  guardrails: GuardrailCheck;
  pricingGate?: PricingRampGate;
}): RampReadiness {
  const next = nextRampStep(input.schedule, input.currentExposure);
  if (next === null) return { ready: false, next: null, reason: "It is at its planned exposure: the last step of the ramp.", readyAtMs: null };
  const readyAtMs = input.stepStartedAtMs + input.stepMinutes * 60_000;
  if (input.nowMs < readyAtMs) {
    const minutes = Math.ceil((readyAtMs - input.nowMs) / 60_000);
    return {
      ready: false,
      next,
      reason: `The ${input.currentExposure} % step runs at least ${input.stepMinutes} min; ${minutes} min to go before ${next} %.`,
      readyAtMs,
    };
  }
  const gate = input.pricingGate;
  if (gate && next > gate.thresholdPercent && gate.approval !== "approved") {
    return {
      ready: false,
      next,
      reason: `Pricing experiments need a fresh pricing approval to ramp beyond ${gate.thresholdPercent} %: ${gate.approval === "pending" ? "a pricing approver has been asked." : "request it from the Ramp section."}`,
      readyAtMs: null,
    };
  }
  const breached = input.guardrails.verdicts.find((v) => v.status === "breached");
  if (breached) return { ready: false, next, reason: `Guardrail breached: ${breached.label} — ${breached.summary}`, readyAtMs: null };
  const waiting = input.guardrails.verdicts.find((v) => v.status === "insufficient_data");
  if (waiting) return { ready: false, next, reason: `No guardrail verdict yet for ${waiting.label.toLowerCase()}: ${waiting.summary}`, readyAtMs: null };
  return { ready: true, next };
}
