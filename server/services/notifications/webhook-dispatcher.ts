import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from "../../core/settings/webhook-retry";
import type { Db } from "../../db/client";
import { claimWebhookDelivery, findDueWebhookDeliveries, recordWebhookOutcome } from "../../db/notifications";

const SEND_TIMEOUT_MS = 5_000;

/**
 * Sends the webhook messages that are due: POST JSON, 2xx = delivered; otherwise retried with
 * exponential backoff and given up after WEBHOOK_MAX_ATTEMPTS. Safe with several app instances:
 * each row is claimed with a conditional update before it is sent. Returns how many were delivered.
 */
export async function deliverDueWebhooks(db: Db, now: Date): Promise<number> {
  let delivered = 0;
  for (const row of await findDueWebhookDeliveries(db, now, 20)) {
    if (!(await claimWebhookDelivery(db, row, new Date(now.getTime() + SEND_TIMEOUT_MS * 2)))) continue;
    const attempt = row.attempts + 1;
    const error = await send(row.url, row.payload);
    if (error === null) {
      await recordWebhookOutcome(db, row.id, { status: "delivered", at: new Date() });
      delivered += 1;
    } else {
      const status = attempt >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending";
      await recordWebhookOutcome(db, row.id, { status, error, nextAttemptAt: new Date(now.getTime() + webhookRetryDelayMs(attempt)) });
    }
  }
  return delivered;
}

/** One POST; null when the receiver accepted it, else what went wrong. */
async function send(url: string, payload: string): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Keel-Webhook/1" },
      body: payload,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: "error",
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status} ${response.statusText}`.trim();
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Runs deliverDueWebhooks every `intervalMs` (one pass at a time); returns a stop function. */
export function startWebhookDispatcher(db: Db, options: { intervalMs: number } = { intervalMs: 2_000 }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueWebhooks(db, new Date())
      .catch((error: unknown) => console.error("Webhook delivery failed:", error))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
