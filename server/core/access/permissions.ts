import type { Role } from "./roles";

/**
 * What each role may do. Every tRPC procedure names one permission (or is public /
 * signed-in only) and the server checks it; the UI only mirrors it.
 * Every role can read the workspace: viewing is the floor of the ladder.
 */
export const PERMISSIONS = {
  "workspace:read": ["viewer", "experimenter", "pricing_approver", "security_reviewer", "admin"],
  "audit:read": ["viewer", "experimenter", "pricing_approver", "security_reviewer", "admin"],
  "flags:write": ["experimenter", "admin"],
  /** author, submit, launch, ramp, pause, disable and decide experiments (team rules in core/experiments/lifecycle) */
  "experiments:write": ["experimenter", "admin"],
  /** metric definitions: experimenters and admins edit, every role reads */
  "metrics:write": ["experimenter", "admin"],
  /** decide approval requests; which kind each role decides is in core/experiments/approvals (admins are not implicit reviewers) */
  "approvals:decide": ["pricing_approver", "security_reviewer"],
  "environments:manage": ["admin"],
  "members:manage": ["admin"],
  "sdkKeys:manage": ["admin"],
  /** workspace settings: maximum experiment duration, notification webhook */
  "settings:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

/**
 * The ladder a procedure sits on: public → signed in → a permission.
 * A signed-in user without any role (e.g. a deactivated or role-less SSO user) only reaches "signedIn".
 */
export type Access = { kind: "public" } | { kind: "signedIn" } | { kind: "permission"; permission: Permission };

export function allows(access: Access, user: { roles: readonly Role[] } | null): "ok" | "unauthenticated" | "forbidden" {
  switch (access.kind) {
    case "public":
      return "ok";
    case "signedIn":
      return user ? "ok" : "unauthenticated";
    case "permission":
      if (!user) return "unauthenticated";
      return can(user.roles, access.permission) ? "ok" : "forbidden";
    default: {
      const exhaustive: never = access;
      return exhaustive;
    }
  }
}
