import { z } from "zod";
import { keySchema } from "../keys";

export const MAX_OVERRIDE_REASON_LENGTH = 1_000;

/** Archiving a flag; `overrideReason` (admins only) archives it despite references in code or no scan. */
export const archiveFlagInput = z.object({
  flagKey: keySchema("Flag key"),
  overrideReason: z
    .string()
    .trim()
    .max(MAX_OVERRIDE_REASON_LENGTH, `Override reason must be at most ${MAX_OVERRIDE_REASON_LENGTH} characters.`)
    .optional()
    .transform((reason) => (reason === "" ? undefined : reason)),
});
export type ArchiveFlagInput = z.input<typeof archiveFlagInput>;
