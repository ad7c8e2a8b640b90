import { auditQueryInput } from "../../core/audit/audit-query";
import { createRouter, permissionProcedure } from "../trpc";
import { listAuditActors, listAuditLog } from "../../services/audit/list-audit-log";

export const auditLogRouter = createRouter({
  list: permissionProcedure("audit:read")
    .input(auditQueryInput)
    .query(({ ctx, input }) => listAuditLog(ctx.service, input)),
  actors: permissionProcedure("audit:read").query(({ ctx }) => listAuditActors(ctx.service)),
});
