/**
 * Flags overdue for cleanup and the reminders sent about them (CleanupReminder). Plain Prisma
 * queries, the same on SQLite and PostgreSQL.
 */
import type { CleanupTaskKind } from "../core/cleanup/cleanup-tasks";
import type { ReminderState } from "../core/cleanup/reminder-schedule";
import type { Db, Tx } from "./client";

/** Why a flag is overdue: past its expiry, or one of its open cleanup tasks is past its due date. */
export type OverdueReason =
  | { kind: "expired"; since: Date }
  | { kind: "task"; taskKind: CleanupTaskKind; experimentKey: string; experimentName: string; dueAt: Date; ownerId: string };

export type OverdueFlag = {
  flagId: string;
  key: string;
  name: string;
  ownerId: string;
  /** the earliest of the reasons: the expiry, or the overdue tasks' due dates */
  overdueSince: Date;
  /** the expiry first (when past), then the overdue tasks, the longest overdue first */
  reasons: OverdueReason[];
};

const openAndDue = (now: Date) => ({ state: "open", dueAt: { lte: now } });

/** Flags (not archived) that are past their expiry or have an open cleanup task past its due date. */
export async function listOverdueFlags(db: Db | Tx, now: Date): Promise<OverdueFlag[]> {
  const rows = await db.flag.findMany({
    where: { archivedAt: null, OR: [{ expiresAt: { lte: now } }, { cleanupTasks: { some: openAndDue(now) } }] },
    select: {
      id: true,
      key: true,
      name: true,
      ownerId: true,
      expiresAt: true,
      cleanupTasks: {
        where: openAndDue(now),
        select: { kind: true, dueAt: true, ownerId: true, experiment: { select: { key: true, name: true } } },
        orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
      },
    },
    orderBy: { key: "asc" },
  });
  return rows.map((row) => {
    const reasons: OverdueReason[] = [
      ...(row.expiresAt.getTime() <= now.getTime() ? [{ kind: "expired" as const, since: row.expiresAt }] : []),
      ...row.cleanupTasks.map((task) => ({
        kind: "task" as const,
        taskKind: task.kind as CleanupTaskKind,
        experimentKey: task.experiment.key,
        experimentName: task.experiment.name,
        dueAt: task.dueAt,
        ownerId: task.ownerId,
      })),
    ];
    const since = Math.min(...reasons.map((reason) => (reason.kind === "expired" ? reason.since : reason.dueAt).getTime()));
    return { flagId: row.id, key: row.key, name: row.name, ownerId: row.ownerId, overdueSince: new Date(since), reasons };
  });
}

/** The reminder state of every flag that has one, by flag id. */
export async function listCleanupReminders(db: Db | Tx): Promise<Map<string, ReminderState>> {
  const rows = await db.cleanupReminder.findMany();
  return new Map(rows.map((row) => [row.flagId, { count: row.count, lastSentAt: row.lastSentAt, escalatedAt: row.escalatedAt }]));
}

/**
 * Stores the state after a reminder, on the condition that nobody else sent one since the state
 * `previous` was read (null: no row yet) — so two instances never both send the same reminder:
 * the insert of the second fails on the key, its conditional update changes no row (on
 * PostgreSQL it waits for the first commit, then finds the count moved on). Returns whether this
 * call wrote it; on false (or a unique violation) the caller rolls back.
 */
export async function saveCleanupReminder(tx: Tx, flagId: string, previous: ReminderState | null, next: ReminderState): Promise<boolean> {
  const data = { count: next.count, lastSentAt: next.lastSentAt, escalatedAt: next.escalatedAt };
  if (!previous) {
    await tx.cleanupReminder.create({ data: { flagId, ...data } });
    return true;
  }
  const { count } = await tx.cleanupReminder.updateMany({ where: { flagId, count: previous.count, lastSentAt: previous.lastSentAt }, data });
  return count === 1;
}

/**
 * Forgets the reminders of flags that are no longer overdue (archived, expiry extended, tasks
 * done), so a later overdue spell starts again at the owner. The condition is checked in the
 * delete itself, so a flag that became overdue meanwhile keeps its state. Returns how many.
 */
export async function deleteRemindersOfFlagsNoLongerOverdue(db: Db | Tx, now: Date): Promise<number> {
  const { count } = await db.cleanupReminder.deleteMany({
    where: {
      flag: {
        is: {
          OR: [{ archivedAt: { not: null } }, { expiresAt: { gt: now }, cleanupTasks: { none: openAndDue(now) } }],
        },
      },
    },
  });
  return count;
}

