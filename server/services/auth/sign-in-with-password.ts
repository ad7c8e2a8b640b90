import { afterFailedSignIn, afterSuccessfulSignIn, isLocked, secondsUntilUnlocked } from "../../core/auth/sign-in-throttle";
import { emailSchema } from "../../core/members/member-input";
import { AppError } from "../../core/errors";
import { inTransaction, type Db } from "../../db/client";
import { appendAuditEntry } from "../../db/audit-log";
import { SYSTEM_ACTOR } from "../context";
import { findUserByEmail, saveSignInThrottle } from "../../db/users";
import { verifyPassword } from "./passwords";

export type SignedInUser = { id: string; email: string; name: string };

/**
 * Checks an email + password. Wrong credentials give one generic answer (no hint whether
 * the account exists); repeated failures lock the account for a growing period.
 */
export async function signInWithPassword(
  db: Db,
  credentials: { email?: string; password?: string },
  now: Date,
): Promise<SignedInUser> {
  const email = emailSchema.safeParse(credentials.email ?? "");
  const password = credentials.password ?? "";
  if (!email.success || password.length === 0) {
    throw new AppError("UNAUTHENTICATED", "Enter your email and password.");
  }
  const user = await findUserByEmail(db, email.data);
  if (!user || !user.passwordHash || user.deactivatedAt) {
    throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  if (isLocked(user, now)) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-ins. Try again in ${secondsUntilUnlocked(user, now)} seconds.`,
    );
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const next = afterFailedSignIn(user, now);
    await inTransaction(db, async (tx) => {
      await saveSignInThrottle(tx, user.id, { ...next, lastFailedSignInAt: now });
      // Security reviewers see guessing in the audit log: every lock is recorded with its length.
      if (isLocked(next, now)) {
        await appendAuditEntry(tx, {
          actor: SYSTEM_ACTOR,
          action: "member.sign_in_locked",
          entityType: "user",
          entityId: user.id,
          entityKey: user.email,
          before: { failedSignInCount: user.failedSignInCount },
          after: { failedSignInCount: next.failedSignInCount, lockedUntil: next.lockedUntil?.toISOString() },
          at: now,
        });
      }
    });
    if (isLocked(next, now)) {
      throw new AppError(
        "RATE_LIMITED",
        `Too many failed sign-ins. Try again in ${secondsUntilUnlocked(next, now)} seconds.`,
      );
    }
    throw new AppError("UNAUTHENTICATED", "Email or password is incorrect.");
  }
  await saveSignInThrottle(db, user.id, { ...afterSuccessfulSignIn(), lastSignInAt: now });
  return { id: user.id, email: user.email, name: user.name };
}
