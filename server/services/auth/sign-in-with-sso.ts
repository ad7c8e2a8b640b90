import { emailSchema } from "../../core/members/member-input";
import { AppError } from "../../core/errors";
import { inTransaction, type Db } from "../../db/client";
import { findUserByEmail, insertUser, recordSignIn } from "../../db/users";
import { appendAuditEntry } from "../../db/audit-log";
import type { SignedInUser } from "./sign-in-with-password";

/**
 * Maps an identity from the company's OIDC provider to a Keel member by verified email.
 * A first-time SSO user joins as a viewer (the identity provider decides who may sign in;
 * an admin grants more roles), and that is audit-logged.
 */
export async function signInWithSso(
  db: Db,
  profile: { email?: string | null; name?: string | null; emailVerified?: boolean },
  now: Date,
): Promise<SignedInUser> {
  const email = emailSchema.safeParse(profile.email ?? "");
  if (!email.success) throw new AppError("UNAUTHENTICATED", "Your identity provider did not share an email address.");
  if (profile.emailVerified === false) {
    throw new AppError("UNAUTHENTICATED", "Your identity provider reports this email as unverified.");
  }
  const existing = await findUserByEmail(db, email.data);
  if (existing) {
    if (existing.deactivatedAt) throw new AppError("UNAUTHENTICATED", "This account is deactivated.");
    await recordSignIn(db, existing.id, now);
    return { id: existing.id, email: existing.email, name: existing.name };
  }
  return inTransaction(db, async (tx) => {
    const user = await insertUser(tx, {
      email: email.data,
      name: profile.name?.trim() || email.data,
      passwordHash: null,
      roles: ["viewer"],
    });
    await appendAuditEntry(tx, {
      actor: { id: user.id, label: user.email },
      action: "member.joined_via_sso",
      entityType: "user",
      entityId: user.id,
      entityKey: user.email,
      after: { email: user.email, name: user.name, roles: user.roles, signsInWith: "sso" },
      at: now,
    });
    return { id: user.id, email: user.email, name: user.name };
  });
}
