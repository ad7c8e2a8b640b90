import { AppError } from "../../core/errors";
import { findFlagByKey, type FlagRecord } from "../../db/flags";
import type { ServiceContext } from "../context";

export async function getFlag(ctx: Pick<ServiceContext, "db">, key: string): Promise<FlagRecord> {
  const flag = await findFlagByKey(ctx.db, key);
  if (!flag) throw new AppError("NOT_FOUND", `Flag “${key}” does not exist.`);
  return flag;
}
