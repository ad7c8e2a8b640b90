import { AppError } from "../../core/errors";
import type { Tx } from "../../db/client";
import { findFlagByKey, type FlagRecord } from "../../db/flags";

/** The flag a change applies to: it must exist and not be archived. */
export async function loadEditableFlag(tx: Tx, flagKey: string): Promise<FlagRecord> {
  const flag = await findFlagByKey(tx, flagKey);
  if (!flag || flag.archivedAt) throw new AppError("NOT_FOUND", `Flag “${flagKey}” does not exist.`);
  return flag;
}

export function staleFlagError(flag: FlagRecord): AppError {
  return new AppError("CONFLICT", `Someone else changed “${flag.key}” since you opened it; reload to see their change and try again.`);
}
