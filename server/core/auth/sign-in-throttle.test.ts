import { describe, expect, it } from "vitest";
import { afterFailedSignIn, afterSuccessfulSignIn, FREE_ATTEMPTS, isLocked, MAX_LOCK_SECONDS, secondsUntilUnlocked, type ThrottleState } from "./sign-in-throttle";

const now = new Date("2026-11-23T10:00:00Z");
const fresh: ThrottleState = { failedSignInCount: 0, lockedUntil: null };

function fail(times: number, start = fresh): ThrottleState {
  let state = start;
  for (let i = 0; i < times; i++) state = afterFailedSignIn(state, now);
  return state;
}

describe("sign-in throttle", () => {
  it("lets a person mistype a few times without locking", () => {
    const state = fail(FREE_ATTEMPTS - 1);
    expect(isLocked(state, now)).toBe(false);
    expect(state.failedSignInCount).toBe(FREE_ATTEMPTS - 1);
  });

  it("locks after the free attempts, for 30 s, then doubling up to 15 minutes", () => {
    expect(secondsUntilUnlocked(fail(FREE_ATTEMPTS), now)).toBe(30);
    expect(secondsUntilUnlocked(fail(FREE_ATTEMPTS + 1), now)).toBe(60);
    expect(secondsUntilUnlocked(fail(FREE_ATTEMPTS + 2), now)).toBe(120);
    expect(secondsUntilUnlocked(fail(FREE_ATTEMPTS + 40), now)).toBe(MAX_LOCK_SECONDS);
  });

  it("unlocks when the period is over", () => {
    const locked = fail(FREE_ATTEMPTS);
    expect(isLocked(locked, new Date(now.getTime() + 29_000))).toBe(true);
    expect(isLocked(locked, new Date(now.getTime() + 30_000))).toBe(false);
  });

  it("resets after a success", () => {
    expect(afterSuccessfulSignIn()).toEqual(fresh);
  });
});
