/**
 * The one error type of the domain. Services and core throw it; the tRPC error formatter
 * and the HTTP layer map `code` to a status once (see server/api/errors.ts).
 */
export type AppErrorCode =
  | "BAD_INPUT" // the request is wrong: fieldErrors say which field and how to fix it
  | "NOT_FOUND"
  | "CONFLICT" // e.g. a duplicate key
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "PRECONDITION_FAILED"; // a rule of the lifecycle or policy refuses the change

/** field path (e.g. "expiresAt", "variations.1.value") → messages */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldErrors;

  constructor(code: AppErrorCode, message: string, fieldErrors: FieldErrors = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

/** A bad-input error about one field: the message names the field and what is allowed. */
export function fieldError(field: string, message: string): AppError {
  return new AppError("BAD_INPUT", message, { [field]: [message] });
}
