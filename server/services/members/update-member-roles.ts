import { updateMemberRolesInput } from "../../core/members/member-input";
import { assertAnAdminRemains } from "../../core/members/admin-guard";
import { AppError } from "../../core/errors";
import { inTransaction } from "../../db/client";
import { findAdminIds, findUserById, replaceUserRoles, setUserTeam, type UserRecord } from "../../db/users";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import type { z } from "zod";

/** Replaces a member's roles (and team, when given); the workspace always keeps at least one admin. */
export async function updateMemberRoles(
  ctx: ServiceContext,
  raw: z.input<typeof updateMemberRolesInput>,
): Promise<UserRecord> {
  const input = parseInput(updateMemberRolesInput, raw);
  return inTransaction(ctx.db, async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AppError("NOT_FOUND", "That member does not exist.");
    assertAnAdminRemains(await findAdminIds(tx), user.id, input.roles);
    await replaceUserRoles(tx, user.id, input.roles);
    const team = input.team ?? user.team;
    if (team !== user.team) await setUserTeam(tx, user.id, team);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "member.roles_changed",
      entityType: "user",
      entityId: user.id,
      entityKey: user.email,
      before: { roles: user.roles, team: user.team },
      after: { roles: input.roles, team },
      at: ctx.now(),
    });
    return { ...user, roles: input.roles, team };
  });
}
