/**
 * Per-account throttling of failed password sign-ins. After FREE_ATTEMPTS failures in a row
 * the account is locked for a period that doubles with each further failure (capped), so
 * guessing a password is slow while a person who mistyped twice is not bothered.
 * A success resets the count. Pure: the caller passes the clock and persists the result.
 */
export const FREE_ATTEMPTS = 5;
export const BASE_LOCK_SECONDS = 30;
export const MAX_LOCK_SECONDS = 15 * 60;

export type ThrottleState = { failedSignInCount: number; lockedUntil: Date | null };

export function isLocked(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** Seconds until a locked account may try again (0 when it is not locked). */
export function secondsUntilUnlocked(state: ThrottleState, now: Date): number {
  if (!isLocked(state, now) || !state.lockedUntil) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
}

export function afterFailedSignIn(state: ThrottleState, now: Date): ThrottleState {
  const failedSignInCount = state.failedSignInCount + 1;
  if (failedSignInCount < FREE_ATTEMPTS) return { failedSignInCount, lockedUntil: null };
  const doublings = failedSignInCount - FREE_ATTEMPTS;
  const seconds = Math.min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** Math.min(doublings, 20));
  return { failedSignInCount, lockedUntil: new Date(now.getTime() + seconds * 1000) };
}

export function afterSuccessfulSignIn(): ThrottleState {
  return { failedSignInCount: 0, lockedUntil: null };
}
