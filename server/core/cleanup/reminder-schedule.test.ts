import { addDays, addHours, addMinutes } from "date-fns";
import { describe, expect, it } from "vitest";
import { reminderDecision, type ReminderSettings, type ReminderState } from "./reminder-schedule";

const settings: ReminderSettings = { cleanupReminderDays: 3, cleanupEscalateAfter: 2 };
const overdueSince = new Date("2026-03-01T09:00:00Z");

function decide(state: ReminderState | null, now: Date, overrides: Partial<ReminderSettings> = {}) {
  return reminderDecision({ overdueSince, state, now, settings: { ...settings, ...overrides } });
}

/** Runs a pass every `stepMinutes` from `from` to `to` and returns when reminders went out (and whether escalated). */
function simulate(from: Date, to: Date, stepMinutes: number, overrides: Partial<ReminderSettings> = {}) {
  let state: ReminderState | null = null;
  const sent: { at: Date; count: number; escalated: boolean }[] = [];
  for (let now = from; now.getTime() <= to.getTime(); now = addMinutes(now, stepMinutes)) {
    const decision = decide(state, now, overrides);
    if (!decision.due) continue;
    sent.push({ at: now, count: decision.count, escalated: decision.escalated });
    state = decision.state;
  }
  return sent;
}

describe("cleanup reminder schedule", () => {
  it("sends nothing before the flag is overdue", () => {
    expect(decide(null, addMinutes(overdueSince, -1))).toEqual({ due: false, nextAt: overdueSince });
  });

  it("sends the first reminder to the owner as soon as the flag is overdue", () => {
    const decision = decide(null, overdueSince);
    expect(decision).toEqual({ due: true, count: 1, escalated: false, state: { count: 1, lastSentAt: overdueSince, escalatedAt: null } });
    expect(decide(null, addDays(overdueSince, 20))).toMatchObject({ due: true, count: 1, escalated: false });
  });

  it("waits the reminder interval after the last reminder", () => {
    const lastSentAt = addHours(overdueSince, 2);
    const state: ReminderState = { count: 1, lastSentAt, escalatedAt: null };
    expect(decide(state, addMinutes(addDays(lastSentAt, 3), -1))).toEqual({ due: false, nextAt: addDays(lastSentAt, 3) });
    expect(decide(state, addDays(lastSentAt, 3))).toMatchObject({ due: true, count: 2, escalated: false });
    expect(decide(state, addDays(lastSentAt, 1), { cleanupReminderDays: 1 })).toMatchObject({ due: true, count: 2 });
  });

  it("escalates to admins once the owner has had `cleanupEscalateAfter` reminders, and stays escalated", () => {
    const second: ReminderState = { count: 2, lastSentAt: addDays(overdueSince, 3), escalatedAt: null };
    const third = decide(second, addDays(overdueSince, 6));
    expect(third).toEqual({ due: true, count: 3, escalated: true, state: { count: 3, lastSentAt: addDays(overdueSince, 6), escalatedAt: addDays(overdueSince, 6) } });
    if (!third.due) throw new Error("unreachable");
    expect(decide(third.state, addDays(overdueSince, 9))).toEqual({
      due: true,
      count: 4,
      escalated: true,
      state: { count: 4, lastSentAt: addDays(overdueSince, 9), escalatedAt: addDays(overdueSince, 6) },
    });
    // a lowered threshold escalates at once; a raised one does not take back an escalation
    expect(decide({ count: 1, lastSentAt: overdueSince, escalatedAt: null }, addDays(overdueSince, 3), { cleanupEscalateAfter: 1 })).toMatchObject({ escalated: true });
    expect(decide({ count: 3, lastSentAt: overdueSince, escalatedAt: overdueSince }, addDays(overdueSince, 3), { cleanupEscalateAfter: 10 })).toMatchObject({ escalated: true });
  });

  it("with a pass every 15 minutes: one reminder every interval, escalated from the third", () => {
    const sent = simulate(addDays(overdueSince, -1), addDays(overdueSince, 10), 15);
    expect(sent).toEqual([
      { at: overdueSince, count: 1, escalated: false },
      { at: addDays(overdueSince, 3), count: 2, escalated: false },
      { at: addDays(overdueSince, 6), count: 3, escalated: true },
      { at: addDays(overdueSince, 9), count: 4, escalated: true },
    ]);
    expect(simulate(overdueSince, addDays(overdueSince, 30), 24 * 60, { cleanupReminderDays: 7, cleanupEscalateAfter: 1 }).map((s) => [s.count, s.escalated])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, true],
      [5, true],
    ]);
  });

  it("sends one reminder after a gap, not a backlog, and counts the interval from it", () => {
    const state: ReminderState = { count: 1, lastSentAt: overdueSince, escalatedAt: null };
    const late = addDays(overdueSince, 10);
    const decision = decide(state, late);
    expect(decision).toMatchObject({ due: true, count: 2 });
    if (!decision.due) throw new Error("unreachable");
    expect(decide(decision.state, addDays(late, 1))).toEqual({ due: false, nextAt: addDays(late, 3) });
  });

  it("starts again at the owner when the stored state is from an earlier overdue spell", () => {
    const earlier: ReminderState = { count: 5, lastSentAt: addDays(overdueSince, -10), escalatedAt: addDays(overdueSince, -16) };
    expect(decide(earlier, overdueSince)).toEqual({ due: true, count: 1, escalated: false, state: { count: 1, lastSentAt: overdueSince, escalatedAt: null } });
  });

  it("a reminder stored with a later clock (another instance) is not sent again", () => {
    const state: ReminderState = { count: 1, lastSentAt: addMinutes(overdueSince, 5), escalatedAt: null };
    expect(decide(state, overdueSince)).toMatchObject({ due: false });
  });
});
