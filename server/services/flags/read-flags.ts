import { AppError } from "../../core/errors";
import { findFlagByKey, listFlags, type FlagRecord } from "../../db/flags";
import type { ServiceContext } from "../context";

export function listAllFlags(ctx: Pick<ServiceContext, "db">): Promise<FlagRecord[]> {
  return listFlags(ctx.db);
}

export async function getFlag(ctx: Pick<ServiceContext, "db">, key: string): Promise<FlagRecord> {
  const flag = await findFlagByKey(ctx.db, key);
  if (!flag) throw new AppError("NOT_FOUND", `Flag “${key}” does not exist.`);
  return flag;
}
