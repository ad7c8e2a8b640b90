import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { AppError, type AppErrorCode, type FieldErrors } from "../core/errors";
import { badInputFromZod } from "../services/parse-input";

/** The one mapping of domain error codes to tRPC codes (and through them, HTTP statuses). */
const TRPC_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
};

export function toTrpcError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

/** Field errors carried by a tRPC error (from a service's AppError or the procedure's input schema). */
export function fieldErrorsOf(error: TRPCError): FieldErrors | null {
  const cause = error.cause;
  if (cause instanceof AppError) return Object.keys(cause.fieldErrors).length ? cause.fieldErrors : null;
  if (cause instanceof ZodError) return badInputFromZod(cause).fieldErrors;
  return null;
}

/** The user-facing message: for invalid input, a summary that names each field. */
export function messageOf(error: TRPCError): string {
  if (error.cause instanceof ZodError) return badInputFromZod(error.cause).message;
  if (error.code === "INTERNAL_SERVER_ERROR") return "Something went wrong on our side. The change was not saved; try again.";
  return error.message;
}
