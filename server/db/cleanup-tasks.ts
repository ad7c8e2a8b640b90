import type { CleanupTaskKind, CleanupTaskState } from "../core/cleanup/cleanup-tasks";
import type { Db, Tx } from "./client";

export type CleanupTaskRecord = {
  id: string;
  kind: CleanupTaskKind;
  state: CleanupTaskState;
  dueAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  completion: string | null;
  owner: { id: string; name: string; email: string };
  experiment: { id: string; key: string; name: string; state: string; decidedAt: Date | null; winningVariation: string | null; redesignKey: string | null };
  flag: { id: string; key: string; name: string; expiresAt: Date; archivedAt: Date | null };
};

const include = {
  owner: { select: { id: true, name: true, email: true } },
  flag: { select: { id: true, key: true, name: true, expiresAt: true, archivedAt: true } },
  experiment: {
    select: {
      id: true,
      key: true,
      name: true,
      state: true,
      decidedAt: true,
      iterations: { select: { key: true }, orderBy: { createdAt: "desc" as const }, take: 1 },
    },
  },
} as const;

type Row = {
  id: string;
  kind: string;
  state: string;
  dueAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  completion: string | null;
  winningVariation: string | null;
  owner: CleanupTaskRecord["owner"];
  flag: CleanupTaskRecord["flag"];
  experiment: { id: string; key: string; name: string; state: string; decidedAt: Date | null; iterations: { key: string }[] };
};

function toRecord(row: Row): CleanupTaskRecord {
  return {
    id: row.id,
    kind: row.kind as CleanupTaskKind,
    state: row.state as CleanupTaskState,
    dueAt: row.dueAt,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    completion: row.completion,
    owner: row.owner,
    flag: row.flag,
    experiment: {
      id: row.experiment.id,
      key: row.experiment.key,
      name: row.experiment.name,
      state: row.experiment.state,
      decidedAt: row.experiment.decidedAt,
      winningVariation: row.winningVariation,
      redesignKey: row.experiment.iterations[0]?.key ?? null,
    },
  };
}

export async function insertCleanupTask(
  tx: Tx,
  task: { experimentId: string; flagId: string; kind: CleanupTaskKind; winningVariation: string | null; ownerId: string; dueAt: Date; createdAt: Date },
): Promise<{ id: string }> {
  return tx.cleanupTask.create({ data: task, select: { id: true } });
}

export async function findCleanupTaskOfExperiment(db: Db | Tx, experimentId: string): Promise<CleanupTaskRecord | null> {
  const row = await db.cleanupTask.findUnique({ where: { experimentId }, include });
  return row ? toRecord(row) : null;
}

/** Open tasks, the soonest due first. */
export async function listOpenCleanupTasks(db: Db | Tx): Promise<CleanupTaskRecord[]> {
  const rows = await db.cleanupTask.findMany({ where: { state: "open" }, include, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] });
  return rows.map(toRecord);
}

/**
 * Closes open tasks (guarded by their state, so two closers cannot both close one) and returns
 * the ones this call closed.
 */
export async function completeCleanupTasks(
  tx: Tx,
  where: { flagId: string } | { experimentId: string },
  completion: string,
  at: Date,
): Promise<{ id: string; experimentId: string; kind: CleanupTaskKind }[]> {
  const open = await tx.cleanupTask.findMany({ where: { ...where, state: "open" }, select: { id: true, experimentId: true, kind: true } });
  const closed: { id: string; experimentId: string; kind: CleanupTaskKind }[] = [];
  for (const task of open) {
    const { count } = await tx.cleanupTask.updateMany({ where: { id: task.id, state: "open" }, data: { state: "done", completedAt: at, completion } });
    if (count === 1) closed.push({ ...task, kind: task.kind as CleanupTaskKind });
  }
  return closed;
}

export async function countOpenCleanupTasks(db: Db, now: Date): Promise<{ open: number; overdue: number }> {
  const [open, overdue] = await Promise.all([
    db.cleanupTask.count({ where: { state: "open" } }),
    db.cleanupTask.count({ where: { state: "open", dueAt: { lte: now } } }),
  ]);
  return { open, overdue };
}
