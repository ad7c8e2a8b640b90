import type { Db, Tx } from "./client";

export type NewNotification = { userId: string; kind: string; title: string; body: string; link: string; createdAt: Date };

export async function insertNotifications(tx: Tx, rows: NewNotification[]): Promise<void> {
  if (rows.length > 0) await tx.notification.createMany({ data: rows });
}

/** Adds a message to the webhook outbox; the dispatcher delivers it after the transaction commits. */
export async function enqueueWebhookDelivery(tx: Tx, delivery: { url: string; payload: unknown; at: Date }): Promise<string> {
  const row = await tx.webhookDelivery.create({
    data: { url: delivery.url, payload: JSON.stringify(delivery.payload), createdAt: delivery.at, nextAttemptAt: delivery.at },
  });
  return row.id;
}

export type DueDelivery = { id: string; url: string; payload: string; attempts: number };

/** Outbox rows due for an attempt, oldest first. */
export async function findDueWebhookDeliveries(db: Db, now: Date, take: number): Promise<DueDelivery[]> {
  return db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { createdAt: "asc" },
    take,
    select: { id: true, url: true, payload: true, attempts: true },
  });
}

/**
 * Claims a row for one attempt: only the instance whose conditional update matches (same attempt
 * count, still pending) sends it; the lease pushes nextAttemptAt past the send timeout.
 */
export async function claimWebhookDelivery(db: Db, row: DueDelivery, leaseUntil: Date): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: row.id, status: "pending", attempts: row.attempts },
    data: { attempts: row.attempts + 1, nextAttemptAt: leaseUntil },
  });
  return count === 1;
}

/**
 * Records how the claimed attempt went. Conditional on the attempt count the claim set, so a
 * late answer can never overwrite what a later attempt recorded.
 */
export async function recordWebhookOutcome(
  db: Db,
  id: string,
  attempt: number,
  outcome: { status: "delivered"; at: Date } | { status: "pending" | "failed"; error: string; nextAttemptAt: Date },
): Promise<void> {
  await db.webhookDelivery.updateMany({
    where: { id, attempts: attempt, status: "pending" },
    data:
      outcome.status === "delivered"
        ? { status: "delivered", deliveredAt: outcome.at, lastError: "" }
        : { status: outcome.status, lastError: outcome.error.slice(0, 500), nextAttemptAt: outcome.nextAttemptAt },
  });
}

export async function listNotifications(db: Db, userId: string, take: number) {
  return db.notification.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/** Marks one of the member's own notifications read; another member's id matches nothing. */
export async function markNotificationRead(db: Db, userId: string, id: string, at: Date): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: at } });
  return count;
}

/** Marks all of the member's unread notifications read. */
export async function markAllNotificationsRead(db: Db, userId: string, at: Date): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: at } });
  return count;
}
