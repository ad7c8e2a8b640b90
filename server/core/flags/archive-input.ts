import { z } from "zod";
import { keySchema } from "../keys";
import { MIN_REASON_LENGTH } from "./flag-edit-input";

export const MAX_OVERRIDE_REASON_LENGTH = 1_000;

/** Archiving a flag; `overrideReason` (admins only) archives it despite references in code or no scan. */
export const archiveFlagInput = z.object({
  flagKey: keySchema("Flag key"),
  overrideReason: z
    .string()
    .trim()
    .max(MAX_OVERRIDE_REASON_LENGTH, `Override reason must be at most ${MAX_OVERRIDE_REASON_LENGTH} characters.`)
    .refine((reason) => reason === "" || reason.length >= MIN_REASON_LENGTH, `Override reason must say why the code references do not matter (at least ${MIN_REASON_LENGTH} characters).`)
    .optional()
    .transform((reason) => (reason === "" ? undefined : reason)),
});
export type ArchiveFlagInput = z.input<typeof archiveFlagInput>;
