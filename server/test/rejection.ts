import { AppError } from "../core/errors";

/** The AppError a refused call throws; fails the test when the call succeeds or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to be refused");
}
