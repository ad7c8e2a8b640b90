/**
 * Editing a flag after it was created: its details (name, description, owner), an expiry
 * extension (with a reason, still bounded by the maximum lifetime counted from today) and the
 * variation weights of one environment (refused while an experiment runs on the flag).
 */
import { z } from "zod";
import { keySchema } from "../keys";
import { AppError, fieldError } from "../errors";
import { assertValidExpiry, expiryFromDateInput } from "./expiry";
import type { Weights } from "./rollout";

const version = z.number({ error: "Version is required: reload the flag and try again." }).int();

export const updateFlagDetailsInput = z.object({
  flagKey: keySchema("Flag key"),
  version,
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
  description: z.string().trim().max(2_000, "Description must be at most 2,000 characters.").default(""),
  ownerId: z.string({ error: "Owner is required: every flag has an owner." }).trim().min(1, "Owner is required: every flag has an owner."),
});
export type UpdateFlagDetailsInput = z.input<typeof updateFlagDetailsInput>;

export const MIN_REASON_LENGTH = 10;

export const extendFlagExpiryInput = z.object({
  flagKey: keySchema("Flag key"),
  expiresAt: z
    .string({ error: "New expiry date is required." })
    .trim()
    .min(1, "New expiry date is required.")
    .refine((v) => !Number.isNaN(Date.parse(v)), "New expiry date must be a date such as 2026-12-31."),
  reason: z
    .string({ error: "Reason is required: say why the flag needs more time." })
    .trim()
    .min(MIN_REASON_LENGTH, `Reason is required: say why the flag needs more time (at least ${MIN_REASON_LENGTH} characters).`)
    .max(500, "Reason must be at most 500 characters."),
});
export type ExtendFlagExpiryInput = z.input<typeof extendFlagExpiryInput>;

/**
 * An extension moves the expiry later than it is now, and no further than the maximum lifetime
 * counted from today: flags stay temporary however often they are extended.
 */
export function extendedExpiry(current: Date, requested: string, now: Date, maxLifetimeDays: number): Date {
  const next = expiryFromDateInput(requested);
  if (next.getTime() <= current.getTime()) {
    throw fieldError("expiresAt", `An extension must move the expiry later than the current one (${current.toISOString().slice(0, 10)}).`);
  }
  return assertValidExpiry(next, now, maxLifetimeDays);
}

export const updateFlagWeightsInput = z.object({
  flagKey: keySchema("Flag key"),
  environmentKey: keySchema("Environment key"),
  version,
  /** variation key → weight in basis points (10,000 = 100 %) */
  weights: z.record(z.string(), z.number({ error: "Each weight must be a number." }).int("Weights are whole basis points (0.01 %).").min(0, "A weight cannot be negative.")),
});
export type UpdateFlagWeightsInput = z.input<typeof updateFlagWeightsInput>;

/** Weights must name the flag's variations and add up to 100 % (10,000 basis points). */
export function checkWeights(weights: Weights, variationKeys: readonly string[]): Weights {
  for (const key of Object.keys(weights)) {
    if (!variationKeys.includes(key)) throw fieldError(`weights.${key}`, `Variation “${key}” is not one of this flag's variations (${variationKeys.join(", ")}).`);
  }
  const total = Object.values(weights).reduce((sum, w) => sum + w, 0);
  if (total !== 10_000) {
    throw fieldError("weights", `Variation weights must add up to 100 % (they add up to ${(total / 100).toLocaleString("en", { maximumFractionDigits: 2 })} %).`);
  }
  // Stored in the flag's variation order, without zero entries' absence mattering.
  return Object.fromEntries(variationKeys.filter((k) => weights[k] !== undefined).map((k) => [k, weights[k]!]));
}

/** Experiments in these states have assigned users to variations: their flag's weights are frozen. */
export const WEIGHT_LOCKING_EXPERIMENT_STATES = ["running", "paused"] as const;

export function weightsLockedError(experimentKey: string, state: string): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `Experiment “${experimentKey}” is ${state} on this flag: changing the weights now would move users between variations and spoil its results. Stop the experiment first, or start a new one with the new split.`,
    { weights: [`Weights are locked while experiment “${experimentKey}” is ${state}.`] },
  );
}
