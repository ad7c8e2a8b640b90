import type { z } from "zod";
import { AppError, type FieldErrors } from "../core/errors";

/**
 * Validates untrusted input with a core schema. On failure: a BAD_INPUT AppError whose
 * message and fieldErrors name each wrong field and what is allowed.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw badInputFromZod(result.error);
}

/** One BAD_INPUT error from a zod error: fieldErrors per field path, and a summary naming each field. */
export function badInputFromZod(error: z.ZodError): AppError {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "input";
    (fieldErrors[path] ??= []).push(issue.message);
  }
  // Each message names its field ("Flag key must use …"); fieldErrors keep the paths for forms and API clients.
  const summary = [...new Set(Object.values(fieldErrors).map((messages) => messages[0]))].join(" ");
  return new AppError("BAD_INPUT", summary, fieldErrors);
}
