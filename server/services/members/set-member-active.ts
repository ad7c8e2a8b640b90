import type { z } from "zod";
import { setMemberActiveInput } from "../../core/members/member-input";
import { assertAnAdminRemains, assertNotSelf } from "../../core/members/admin-guard";
import { AppError } from "../../core/errors";
import { inTransaction } from "../../db/client";
import { findAdminIds, findUserById, setUserDeactivatedAt, type UserRecord } from "../../db/users";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";

/**
 * Deactivates a member (sign-in refused at once, sessions rejected on their next request;
 * their flags and audit history stay) or reactivates them. Keeps at least one active admin.
 */
export async function setMemberActive(ctx: ServiceContext, raw: z.input<typeof setMemberActiveInput>): Promise<UserRecord> {
  const input = parseInput(setMemberActiveInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError("NOT_FOUND", "That member does not exist.");
    if (input.active === (user.deactivatedAt === null)) return user;
    if (!input.active) {
      assertNotSelf(ctx.actor.id, user.id);
      assertAnAdminRemains(await findAdminIds(tx), user.id, []);
    }
    const deactivatedAt = input.active ? null : now;
    await setUserDeactivatedAt(tx, user.id, deactivatedAt);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: input.active ? "member.reactivated" : "member.deactivated",
      entityType: "user",
      entityId: user.id,
      entityKey: user.email,
      before: { active: user.deactivatedAt === null },
      after: { active: input.active },
      at: now,
    });
    return { ...user, deactivatedAt };
  });
}
