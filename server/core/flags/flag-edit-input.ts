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

const variationEdit = z.object({
  key: keySchema("Variation key"),
  name: z.string().trim().min(1, "Variation name is required.").max(80, "Variation name must be at most 80 characters."),
  value: z.string().max(10_000, "Variation value must be at most 10,000 characters."),
  description: z.string().trim().max(500, "Variation description must be at most 500 characters.").optional(),
});

export const updateFlagVariationsInput = z.object({
  flagKey: keySchema("Flag key"),
  version,
  variations: z.array(variationEdit).min(2, "A flag needs at least two variations.").max(20, "A flag can have at most 20 variations."),
  offVariationKey: z.string({ error: "Choose the off variation." }).trim().min(1, "Choose the off variation."),
});
export type UpdateFlagVariationsInput = z.input<typeof updateFlagVariationsInput>;

/** Where a variation is still served: weights, rules and individual targets, per environment. */
export function variationUsages(
  variationKey: string,
  environments: readonly {
    environmentName: string;
    weights: Weights;
    rules: readonly { id: string; serve: { variation: string } | { rollout: { weights: readonly { variation: string; weight: number }[] } } }[];
    targets: readonly { variation: string; values: readonly string[] }[];
  }[],
): string[] {
  const uses: string[] = [];
  for (const env of environments) {
    if ((env.weights[variationKey] ?? 0) > 0) uses.push(`the split in ${env.environmentName}`);
    for (const rule of env.rules) {
      const serves = "variation" in rule.serve ? rule.serve.variation === variationKey : rule.serve.rollout.weights.some((w) => w.variation === variationKey && w.weight > 0);
      if (serves) uses.push(`rule ${rule.id} in ${env.environmentName}`);
    }
    if (env.targets.some((t) => t.variation === variationKey && t.values.length > 0)) uses.push(`individual targets in ${env.environmentName}`);
  }
  return uses;
}

export function variationsLockedError(experimentKey: string, state: string): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `Experiment “${experimentKey}” is ${state} on this flag: its variations cannot change until it stops (one variable at a time, and users must not be surprised).`,
    { variations: [`Variations are locked while experiment “${experimentKey}” is ${state}.`] },
  );
}
