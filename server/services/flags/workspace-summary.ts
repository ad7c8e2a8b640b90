import { countFlags } from "../../db/flags";
import { countOpenCleanupTasks } from "../../db/cleanup-tasks";
import type { ServiceContext } from "../context";

/** Figures for the dashboard: real counts, nothing invented. */
export async function workspaceSummary(ctx: Pick<ServiceContext, "db" | "now">) {
  const now = ctx.now();
  const [flags, cleanup] = await Promise.all([countFlags(ctx.db, now), countOpenCleanupTasks(ctx.db, now)]);
  return { flags, cleanup };
}
