import { addDays, differenceInCalendarDays, subDays } from "date-fns";
import { expiryStatus } from "../flags/expiry";

/**
 * Which list of the Cleanup page a flag belongs to (issue 16). A flag with an open cleanup task
 * is listed with its task; any other flag is listed once, under the first that applies:
 *   expired        its expiry has passed (it keeps serving, but is overdue)
 *   expiring_soon  it expires within EXPIRING_WITHIN_DAYS
 *   unused         it is older than UNUSED_AFTER_DAYS and nothing evaluated it for that long
 */
export const EXPIRING_WITHIN_DAYS = 7;
export const UNUSED_AFTER_DAYS = 30;

export type FlagCleanupList = "expired" | "expiring_soon" | "unused";

export type FlagActivityFacts = { createdAt: Date; expiresAt: Date; lastEvaluatedAt: Date | null };

export function cleanupListOf(flag: FlagActivityFacts, now: Date): FlagCleanupList | null {
  if (expiryStatus(flag.expiresAt, now) === "expired") return "expired";
  if (flag.expiresAt.getTime() <= addDays(now, EXPIRING_WITHIN_DAYS).getTime()) return "expiring_soon";
  const quietSince = subDays(now, UNUSED_AFTER_DAYS).getTime();
  if (flag.createdAt.getTime() <= quietSince && (flag.lastEvaluatedAt === null || flag.lastEvaluatedAt.getTime() <= quietSince)) return "unused";
  return null;
}

/** Whole days since `from` ("age" columns). */
export function daysSince(from: Date, now: Date): number {
  return Math.max(0, differenceInCalendarDays(now, from));
}
