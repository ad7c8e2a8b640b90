import { TRPCClientError } from "@trpc/client";

export type FormErrors = { message: string | null; fields: Record<string, string> };

/** Turns a failed mutation into what a form shows: a summary and one message per field. */
export function formErrorsOf(error: unknown): FormErrors {
  if (!error) return { message: null, fields: {} };
  if (error instanceof TRPCClientError) {
    const raw = (error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {};
    const fields = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v[0] ?? ""]));
    return { message: error.message, fields };
  }
  return { message: "Keel could not be reached. Check your connection and try again.", fields: {} };
}
