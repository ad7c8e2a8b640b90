import { fieldError } from "../../core/errors";
import { updateFlagDetailsInput, type UpdateFlagDetailsInput } from "../../core/flags/flag-edit-input";
import { inTransaction } from "../../db/client";
import { findFlagByKey, updateFlagFields, type FlagRecord } from "../../db/flags";
import { findUserById } from "../../db/users";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { loadEditableFlag, staleFlagError } from "./editable-flag";

/** Renames a flag, changes its description or owner (audited, optimistic version check). The key never changes. */
export async function updateFlagDetails(ctx: ServiceContext, raw: UpdateFlagDetailsInput): Promise<FlagRecord> {
  const input = parseInput(updateFlagDetailsInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const flag = await loadEditableFlag(tx, input.flagKey);
    const owner = await findUserById(tx, input.ownerId);
    if (!owner || owner.deactivatedAt) throw fieldError("ownerId", "Owner must be an active member of this workspace.");
    const before = { name: flag.name, description: flag.description, owner: flag.owner.email };
    const after = { name: input.name, description: input.description, owner: owner.email };
    if (before.name === after.name && before.description === after.description && before.owner === after.owner) return flag;
    if (flag.version !== input.version || !(await updateFlagFields(tx, flag.id, input.version, { name: input.name, description: input.description, ownerId: owner.id }))) {
      throw staleFlagError(flag);
    }
    await appendAuditEntry(tx, { actor: ctx.actor, action: "flag.updated", entityType: "flag", entityId: flag.id, entityKey: flag.key, before, after, at: now });
    return (await findFlagByKey(tx, flag.key)) ?? flag;
  });
}

