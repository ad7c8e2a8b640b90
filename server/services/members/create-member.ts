import { createMemberInput, type CreateMemberInput } from "../../core/members/member-input";
import { AppError } from "../../core/errors";
import { inTransaction, isUniqueViolation } from "../../db/client";
import { findUserByEmail, insertUser, type UserRecord } from "../../db/users";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { hashPassword } from "../auth/passwords";
import type { ServiceContext } from "../context";

/** Adds a member with roles (sign-up is disabled: admins, the seed and the CLI add people). */
export async function createMember(ctx: ServiceContext, raw: CreateMemberInput): Promise<UserRecord> {
  const input = parseInput(createMemberInput, raw);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (await findUserByEmail(tx, input.email)) throw duplicate(input.email);
      const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash, roles: input.roles, team: input.team ?? "" });
      await appendAuditEntry(tx, {
        actor: ctx.actor,
        action: "member.created",
        entityType: "user",
        entityId: user.id,
        entityKey: user.email,
        after: { email: user.email, name: user.name, roles: user.roles, team: user.team, signsInWith: passwordHash ? "password" : "sso" },
        at: ctx.now(),
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input.email);
    throw error;
  }
}

function duplicate(email: string) {
  return new AppError("CONFLICT", `A member with email ${email} already exists.`, {
    email: [`${email} is already a member.`],
  });
}
