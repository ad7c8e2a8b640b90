import { extendFlagExpiryInput, extendedExpiry, type ExtendFlagExpiryInput } from "../../core/flags/flag-edit-input";
import { inTransaction } from "../../db/client";
import { findFlagByKey, updateFlagFields, type FlagRecord } from "../../db/flags";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { loadEditableFlag, staleFlagError } from "./editable-flag";

/**
 * Gives a flag more time: a later expiry, with a required reason, still within the maximum
 * lifetime counted from today. The reason is kept in the audit log.
 */
export async function extendFlagExpiry(ctx: ServiceContext, raw: ExtendFlagExpiryInput): Promise<FlagRecord> {
  const input = parseInput(extendFlagExpiryInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const flag = await loadEditableFlag(tx, input.flagKey);
    const expiresAt = extendedExpiry(flag.expiresAt, input.expiresAt, now, ctx.settings.maxFlagLifetimeDays);
    if (!(await updateFlagFields(tx, flag.id, flag.version, { expiresAt }))) throw staleFlagError(flag);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "flag.expiry.extended",
      entityType: "flag",
      entityId: flag.id,
      entityKey: flag.key,
      before: { expiresAt: flag.expiresAt.toISOString() },
      after: { expiresAt: expiresAt.toISOString(), reason: input.reason },
      at: now,
    });
    return (await findFlagByKey(tx, flag.key)) ?? flag;
  });
}
