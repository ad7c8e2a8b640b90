import type { Tx } from "./client";

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
