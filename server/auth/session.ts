import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";
import { getDb } from "../db/client";
import { findUserById } from "../db/users";
import type { Role } from "../core/access/roles";

export type SessionUser = { id: string; email: string; name: string; roles: Role[] };

/**
 * The signed-in member for this request, read fresh from the database so role changes and
 * deactivation take effect at once. Null when nobody (or a deactivated member) is signed in.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await findUserById(getDb(), id);
  if (!user || user.deactivatedAt) return null;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles };
}
