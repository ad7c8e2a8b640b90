import { z } from "zod";
import { keySchema } from "../keys";
import { VALUE_TYPES } from "./variations";

export const valueTypeSchema = z.enum(VALUE_TYPES, {
  error: () => `Value type must be one of: ${VALUE_TYPES.join(", ")}.`,
});

const variationInputSchema = z.object({
  key: keySchema("Variation key"),
  name: z.string().trim().min(1, "Variation name is required.").max(80, "Variation name must be at most 80 characters."),
  value: z.string().max(10_000, "Variation value must be at most 10,000 characters."),
  description: z.string().max(500).optional(),
});

/** Creating a flag. The expiry is checked against the clock and the maximum lifetime in the service. */
export const createFlagInput = z.object({
  key: keySchema("Flag key"),
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
  description: z.string().trim().max(2_000, "Description must be at most 2,000 characters.").default(""),
  valueType: valueTypeSchema,
  /** ignored for boolean flags (they are always on/off) */
  variations: z.array(variationInputSchema).max(20, "A flag can have at most 20 variations.").default([]),
  /** the variation served when the flag is off; defaults to "off" (boolean) or the first variation */
  offVariationKey: z.string().trim().optional(),
  /** user id of the owner; defaults to the person creating the flag */
  ownerId: z.string().trim().min(1).optional(),
  /** ISO date-time, or a date (YYYY-MM-DD) meaning the end of that day (UTC) */
  expiresAt: z
    .string({ error: "Expiry date is required: permanent flags are prohibited." })
    .trim()
    .min(1, "Expiry date is required: permanent flags are prohibited.")
    .refine((v) => !Number.isNaN(Date.parse(v)), "Expiry date must be a date such as 2026-12-31."),
});
export type CreateFlagInput = z.input<typeof createFlagInput>;

const percentage = z
  .number({ error: "Rollout percentage must be a number from 0 to 100." })
  .min(0, "Rollout percentage must be between 0 and 100.")
  .max(100, "Rollout percentage must be between 0 and 100.")
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "Rollout percentage allows at most two decimals (e.g. 2.5).");

/** Changing a flag in one environment: turn it on/off and/or set the rollout percentage. */
export const updateFlagEnvironmentInput = z
  .object({
    flagKey: keySchema("Flag key"),
    environmentKey: keySchema("Environment key"),
    enabled: z.boolean({ error: "Enabled must be true or false." }).optional(),
    rolloutPercentage: percentage.optional(),
  })
  .refine((v) => v.enabled !== undefined || v.rolloutPercentage !== undefined, {
    message: "Nothing to change: set enabled and/or rolloutPercentage.",
    path: ["enabled"],
  });
export type UpdateFlagEnvironmentInput = z.infer<typeof updateFlagEnvironmentInput>;

export const flagKeyInput = z.object({ key: keySchema("Flag key") });
