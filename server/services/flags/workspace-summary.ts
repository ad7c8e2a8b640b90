import { countFlags } from "../../db/flags";
import type { ServiceContext } from "../context";

/** Figures for the dashboard: real counts, nothing invented. */
export async function workspaceSummary(ctx: Pick<ServiceContext, "db" | "now">) {
  const flags = await countFlags(ctx.db, ctx.now());
  return { flags };
}
