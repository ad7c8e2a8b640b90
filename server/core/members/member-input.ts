import { z } from "zod";
import { roleSchema } from "../access/roles";

export const PASSWORD_MIN_LENGTH = 10;

export const emailSchema = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .pipe(z.email("Email must be a valid address such as ada@example.com."));

const rolesSchema = z
  .array(roleSchema)
  .min(1, "Choose at least one role.")
  .transform((roles) => [...new Set(roles)]);

export const passwordSchema = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "Password must be at most 200 characters.");

export const teamSchema = z
  .string({ error: "Team must be text." })
  .trim()
  .max(60, "Team must be at most 60 characters (e.g. growth).");

/** An admin adds a member (sign-up is disabled). Without a password the member signs in through SSO only. */
export const createMemberInput = z.object({
  email: emailSchema,
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(120, "Name must be at most 120 characters."),
  roles: rolesSchema,
  password: passwordSchema.optional(),
  /** the team the member works in; experimenters act on their team's experiments */
  team: teamSchema.optional(),
});
export type CreateMemberInput = z.input<typeof createMemberInput>;

export const updateMemberRolesInput = z.object({
  userId: z.string().min(1, "Member is required."),
  roles: rolesSchema,
  /** left unchanged when omitted */
  team: teamSchema.optional(),
});

/** An admin deactivates a member (they can no longer sign in; their history stays) or reactivates them. */
export const setMemberActiveInput = z.object({
  userId: z.string().min(1, "Member is required."),
  active: z.boolean({ error: "Active must be true or false." }),
});
