import { z } from "zod";

/** The roles of PHASE-42's users. A user may hold several. */
export const ROLES = ["viewer", "experimenter", "pricing_approver", "security_reviewer", "admin"] as const;
export const roleSchema = z.enum(ROLES, {
  error: () => `Role must be one of: ${ROLES.join(", ")}.`,
});
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  experimenter: "Experimenter",
  pricing_approver: "Pricing approver",
  security_reviewer: "Security reviewer",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads flags, experiments, results and the audit log.",
  experimenter: "Creates and changes flags and experiments.",
  pricing_approver: "Approves or rejects pricing and billing-affecting experiments.",
  security_reviewer: "Signs off sensitive experiments.",
  admin: "Manages environments, members, roles and SDK keys.",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
