import { addDays } from "date-fns";

/**
 * When Keel reminds people about a flag that is overdue for cleanup (its cleanup task is overdue,
 * or it is past its expiry):
 *   - the first reminder goes out as soon as the flag is overdue;
 *   - then one every `cleanupReminderDays` days after the last one, for as long as it stays overdue;
 *   - the owner alone gets the first `cleanupEscalateAfter` reminders; from the next one on
 *     (and for the rest of the overdue spell) every admin gets them too.
 * A flag that stops being overdue loses its reminder state, so a later overdue spell starts again
 * at the owner. A pass that runs late sends one reminder, never a backlog.
 */
export type ReminderState = { count: number; lastSentAt: Date; escalatedAt: Date | null };

export type ReminderSettings = { cleanupReminderDays: number; cleanupEscalateAfter: number };

export type ReminderDecision =
  /** nothing to send now; the next reminder is due at `nextAt` */
  | { due: false; nextAt: Date }
  /** send reminder number `count` now (`escalated`: to admins as well), then store this state */
  | { due: true; count: number; escalated: boolean; state: ReminderState };

export function reminderDecision(input: { overdueSince: Date; state: ReminderState | null; now: Date; settings: ReminderSettings }): ReminderDecision {
  const { overdueSince, now, settings } = input;
  if (now.getTime() < overdueSince.getTime()) return { due: false, nextAt: overdueSince };
  // state from before the flag became overdue (for the reasons it is overdue now) is an earlier spell's
  const state = input.state && input.state.lastSentAt.getTime() >= overdueSince.getTime() ? input.state : null;
  if (state) {
    const nextAt = addDays(state.lastSentAt, settings.cleanupReminderDays);
    if (now.getTime() < nextAt.getTime()) return { due: false, nextAt };
  }
  const sentBefore = state?.count ?? 0;
  const escalated = state?.escalatedAt != null || sentBefore >= settings.cleanupEscalateAfter;
  const count = sentBefore + 1;
  return { due: true, count, escalated, state: { count, lastSentAt: now, escalatedAt: escalated ? (state?.escalatedAt ?? now) : null } };
}
