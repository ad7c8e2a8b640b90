/**
 * Cleanup reminders (issue 16): one pass over the flags that are overdue for cleanup — past their
 * expiry, or with an open cleanup task past its due date. For each flag whose reminder is due
 * (core/cleanup/reminder-schedule.ts) one transaction notifies the owner (and the owners of its
 * overdue tasks; every active admin too once escalated) in the inbox and through the webhook
 * outbox, stores the reminder state and appends the audit entry. Flags that are no longer overdue
 * lose their reminder state first. reminder-instance.ts runs a pass every 15 minutes; several
 * instances may run it at once: the reminder state is a conditional write, so each reminder goes
 * out once.
 */
import { reminderDecision } from "../../core/cleanup/reminder-schedule";
import { appendAuditEntry } from "../../db/audit-log";
import { inTransaction, isUniqueViolation } from "../../db/client";
import {
  deleteRemindersOfFlagsNoLongerOverdue,
  listCleanupReminders,
  listOverdueFlags,
  saveCleanupReminder,
  type OverdueFlag,
  type OverdueReason,
} from "../../db/cleanup-reminders";
import { findAdminIds } from "../../db/users";
import type { ServiceContext } from "../context";
import { notify } from "../notifications/notify";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";

export const CLEANUP_REMINDER_KIND = "cleanup.reminder";

export type CleanupReminderSummary = { sent: number; escalated: number };

export type CleanupReminderOptions = { log?: (message: string, error?: unknown) => void };

/** Lost the race to another instance: it sent this reminder. */
class ReminderTaken extends Error {}

export async function sendCleanupReminders(ctx: ServiceContext, options: CleanupReminderOptions = {}): Promise<CleanupReminderSummary> {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ""));
  const now = ctx.now();
  const settings = await getWorkspaceSettings(ctx.db);
  await deleteRemindersOfFlagsNoLongerOverdue(ctx.db, now);
  const [flags, states] = await Promise.all([listOverdueFlags(ctx.db, now), listCleanupReminders(ctx.db)]);
  const summary: CleanupReminderSummary = { sent: 0, escalated: 0 };
  for (const flag of flags) {
    const previous = states.get(flag.flagId) ?? null;
    const decision = reminderDecision({ overdueSince: flag.overdueSince, state: previous, now, settings });
    if (!decision.due) continue;
    try {
      await inTransaction(ctx.db, async (tx) => {
        if (!(await saveCleanupReminder(tx, flag.flagId, previous, decision.state))) throw new ReminderTaken();
        const owners = [flag.ownerId, ...flag.reasons.flatMap((reason) => (reason.kind === "task" ? [reason.ownerId] : []))];
        const recipients = [...new Set([...owners, ...(decision.escalated ? await findAdminIds(tx) : [])])];
        await notify(tx, { recipientIds: recipients, kind: CLEANUP_REMINDER_KIND, link: "/cleanup", ...reminderMessage(flag, decision) }, now);
        await appendAuditEntry(tx, {
          actor: ctx.actor,
          action: "cleanup.reminder.sent",
          entityType: "flag",
          entityId: flag.flagId,
          entityKey: flag.key,
          after: { count: decision.count, escalated: decision.escalated, recipients, overdueSince: flag.overdueSince.toISOString(), reasons: flag.reasons.map(auditReason) },
          at: now,
        });
      });
      summary.sent += 1;
      if (decision.escalated) summary.escalated += 1;
    } catch (error) {
      // another instance sent this reminder first (or the flag was deleted): nothing to do
      if (error instanceof ReminderTaken || isUniqueViolation(error)) continue;
      log(`Cleanup reminder for flag ${flag.key} failed; retrying on the next pass.`, error);
    }
  }
  return summary;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function describeReason(reason: OverdueReason): string {
  if (reason.kind === "expired") return `it expired on ${day(reason.since)}`;
  return `the cleanup of the ${reason.taskKind} decision on experiment “${reason.experimentName}” (${reason.experimentKey}) was due on ${day(reason.dueAt)}`;
}

function auditReason(reason: OverdueReason) {
  return reason.kind === "expired"
    ? { kind: reason.kind, since: reason.since.toISOString() }
    : { kind: reason.kind, taskKind: reason.taskKind, experimentKey: reason.experimentKey, dueAt: reason.dueAt.toISOString() };
}

/** The inbox and webhook text: which flag, what is overdue since when, and what to do about it. */
export function reminderMessage(flag: OverdueFlag, decision: { count: number; escalated: boolean }): { title: string; body: string } {
  const what = flag.reasons.map(describeReason).join("; ");
  const expired = flag.reasons.some((reason) => reason.kind === "expired");
  const before = decision.count - 1;
  return {
    title: `${decision.escalated ? "Escalated: flag" : "Flag"} “${flag.key}” is overdue for cleanup`,
    body: [
      `“${flag.name}” (${flag.key}) has been overdue for cleanup since ${day(flag.overdueSince)}: ${what}.`,
      ...(expired ? ["It keeps serving what it serves, but cannot be ramped or join new experiments."] : []),
      "Remove its checks from the code, re-scan, then archive the flag — or, if it still needs to run, extend its expiry with a reason.",
      `Reminder ${decision.count}${decision.escalated ? `, sent to admins too: the owner has had ${before} reminder${before === 1 ? "" : "s"} already` : ""}.`,
    ].join(" "),
  };
}
