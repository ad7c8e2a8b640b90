import { auditQueryInput } from "../../core/audit/audit-query";
import { findAuditActors, findAuditEntries } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import type { z } from "zod";

export function listAuditLog(ctx: Pick<ServiceContext, "db">, raw: z.input<typeof auditQueryInput>) {
  return findAuditEntries(ctx.db, parseInput(auditQueryInput, raw));
}

export function listAuditActors(ctx: Pick<ServiceContext, "db">) {
  return findAuditActors(ctx.db);
}
