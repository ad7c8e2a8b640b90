import { createRouter, permissionProcedure } from "../trpc";
import { cleanupOverview } from "../../services/cleanup/cleanup-overview";

export const cleanupRouter = createRouter({
  /** the Cleanup page: open cleanup tasks, expired, expiring and unused flags */
  overview: permissionProcedure("workspace:read").query(({ ctx }) => cleanupOverview(ctx.service)),
});
