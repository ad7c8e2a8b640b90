import { listUsers } from "../../db/users";
import type { ServiceContext } from "../context";

/** Members as admins and owner pickers see them (never password hashes). */
export async function listMembers(ctx: Pick<ServiceContext, "db">) {
  const users = await listUsers(ctx.db);
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    team: u.team,
    signsInWith: u.passwordHash ? ("password" as const) : ("sso" as const),
    active: u.deactivatedAt === null,
    lastSignInAt: u.lastSignInAt,
    createdAt: u.createdAt,
  }));
}
