import { AppError } from "../errors";
import type { Role } from "../access/roles";

/**
 * A workspace must keep at least one admin, or nobody could manage members again.
 * `adminIds` are the current admins; the change gives `userId` the roles `nextRoles`.
 */
export function assertAnAdminRemains(adminIds: readonly string[], userId: string, nextRoles: readonly Role[]): void {
  const remaining = adminIds.filter((id) => id !== userId).length + (nextRoles.includes("admin") ? 1 : 0);
  if (remaining === 0) {
    throw new AppError("PRECONDITION_FAILED", "Keel needs at least one admin: give another member the admin role first.", {
      roles: ["The last admin cannot lose the admin role."],
    });
  }
}

/** Nobody deactivates themselves: another admin does it, so a workspace is never locked out by accident. */
export function assertNotSelf(actorId: string | null, userId: string): void {
  if (actorId === userId) {
    throw new AppError("PRECONDITION_FAILED", "You cannot deactivate yourself; ask another admin.");
  }
}
