import { addDays, endOfDay } from "date-fns";
import { UTCDate } from "@date-fns/utc";
import { fieldError } from "../errors";

/** PHASE-42: "Permanent flags are prohibited." Every flag expires; the lifetime is capped. */
export const DEFAULT_MAX_FLAG_LIFETIME_DAYS = 90;

/** The latest expiry allowed for a flag created at `now`: the end (UTC) of the day `maxDays` ahead. */
export function latestAllowedExpiry(now: Date, maxLifetimeDays: number): Date {
  return endOfDay(addDays(new UTCDate(now), maxLifetimeDays));
}

/** Refuses an expiry that is missing, not in the future, or beyond the maximum lifetime. */
export function assertValidExpiry(expiresAt: Date | undefined, now: Date, maxLifetimeDays: number): Date {
  if (!expiresAt) {
    throw fieldError("expiresAt", "Expiry date is required: permanent flags are prohibited.");
  }
  if (expiresAt.getTime() <= now.getTime()) {
    throw fieldError("expiresAt", "Expiry date must be in the future.");
  }
  const latest = latestAllowedExpiry(now, maxLifetimeDays);
  if (expiresAt.getTime() > latest.getTime()) {
    throw fieldError(
      "expiresAt",
      `Expiry date must be within ${maxLifetimeDays} days (on or before ${latest.toISOString().slice(0, 10)}); flags are temporary.`,
    );
  }
  return expiresAt;
}

/** A date-only value from a form ("2026-12-01") means the end of that day, UTC. */
export function expiryFromDateInput(value: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return endOfDay(new UTCDate(`${value}T00:00:00Z`));
  return new Date(value);
}

/** How close a flag is to its expiry: expired flags are stale and belong on the cleanup list. */
export const EXPIRING_SOON_DAYS = 14;
export type ExpiryStatus = "active" | "expiring_soon" | "expired";

export function expiryStatus(expiresAt: Date, now: Date): ExpiryStatus {
  if (expiresAt.getTime() <= now.getTime()) return "expired";
  if (expiresAt.getTime() <= addDays(now, EXPIRING_SOON_DAYS).getTime()) return "expiring_soon";
  return "active";
}

/**
 * Expiry enforcement (issue 16): a flag past its expiry keeps serving what it serves (users are
 * never surprised) but is overdue: it cannot be ramped or join new experiments until its expiry
 * is extended (with a reason) or it is cleaned up. Returns the refusal, or null when not expired.
 */
export function overdueFlagRefusal(flag: { key: string; expiresAt: Date }, now: Date, action: string): string | null {
  if (expiryStatus(flag.expiresAt, now) !== "expired") return null;
  return `Flag “${flag.key}” expired on ${flag.expiresAt.toISOString().slice(0, 10)} and is overdue for cleanup: it keeps serving what it serves, but cannot ${action}. Extend its expiry with a reason, or clean it up.`;
}

/** Whether a change of a flag's switch or rollout exposes more units (turning on, or a higher rollout). */
export function exposureGrows(before: { enabled: boolean; rolloutPercentage: number }, after: { enabled: boolean; rolloutPercentage: number }): boolean {
  return after.enabled && (!before.enabled || after.rolloutPercentage > before.rolloutPercentage);
}
