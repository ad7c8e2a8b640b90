import { webhookMessage } from "../../core/settings/webhook-message";
import type { Tx } from "../../db/client";
import { enqueueWebhookDelivery, insertNotifications } from "../../db/notifications";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";
import { publicBaseUrl } from "./post-webhook";

export type Message = { recipientIds: string[]; kind: string; title: string; body: string; link: string };

/**
 * Tells people about a change, inside the change's transaction: one inbox entry per distinct
 * recipient and, when Settings has a webhook URL (the team's channel, so even with no recipient),
 * one Slack-compatible message in the outbox. The dispatcher delivers it with retries after the
 * commit, so a slow or failing webhook never holds up or undoes the change.
 */
export async function notify(tx: Tx, message: Message, now: Date): Promise<void> {
  const recipients = [...new Set(message.recipientIds)];
  await insertNotifications(
    tx,
    recipients.map((userId) => ({ userId, kind: message.kind, title: message.title, body: message.body, link: message.link, createdAt: now })),
  );
  const { webhookUrl } = await getWorkspaceSettings(tx);
  if (webhookUrl) {
    await enqueueWebhookDelivery(tx, { url: webhookUrl, payload: webhookMessage({ ...message, baseUrl: publicBaseUrl() }), at: now });
  }
}
