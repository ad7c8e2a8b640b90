import { WEBHOOK_MAX_ATTEMPTS, webhookRetryDelayMs } from "../../core/settings/webhook-retry";
import type { Db } from "../../db/client";
import { claimWebhookDelivery, findDueWebhookDeliveries, recordWebhookOutcome } from "../../db/notifications";
import { postWebhook, WEBHOOK_SEND_TIMEOUT_MS } from "./post-webhook";

/**
 * A claimed row is not due again for this long: far longer than one send, so another instance
 * (even with a somewhat skewed clock) never picks it up mid-send; if this instance dies mid-send,
 * the row is retried after the lease.
 */
const CLAIM_LEASE_MS = 12 * WEBHOOK_SEND_TIMEOUT_MS;
const BATCH_SIZE = 20;

/**
 * Sends the webhook messages that are due at `now`: POST JSON, 2xx = delivered; otherwise
 * retried with exponential backoff and given up (status "failed", last error kept) after
 * WEBHOOK_MAX_ATTEMPTS. Safe with several app instances: each row is claimed for one attempt with
 * a conditional update (still pending, same attempt count) before it is sent, so only one
 * instance sends it. Returns how many were delivered.
 */
export async function deliverDueWebhooks(db: Db, now: Date): Promise<number> {
  // `now` moves on with the real time this pass takes: a lease taken late in a long pass still
  // starts at its claim, not at the start of the pass.
  const started = Date.now();
  const at = (offsetMs = 0) => new Date(now.getTime() + (Date.now() - started) + offsetMs);
  let delivered = 0;
  for (const row of await findDueWebhookDeliveries(db, now, BATCH_SIZE)) {
    const attempt = row.attempts + 1;
    if (!(await claimWebhookDelivery(db, row, at(CLAIM_LEASE_MS)))) continue; // another instance has it
    const result = await postWebhook(row.url, row.payload);
    if (result.ok) {
      await recordWebhookOutcome(db, row.id, attempt, { status: "delivered", at: at() });
      delivered += 1;
    } else {
      const status = attempt >= WEBHOOK_MAX_ATTEMPTS ? "failed" : "pending";
      await recordWebhookOutcome(db, row.id, attempt, { status, error: result.error, nextAttemptAt: at(webhookRetryDelayMs(attempt)) });
    }
  }
  return delivered;
}

/**
 * Runs deliverDueWebhooks every `intervalMs` (one pass at a time, so a new message waits at most
 * about that long) and once at start; returns a stop function.
 */
export function startWebhookDispatcher(db: Db, options: { intervalMs: number } = { intervalMs: 2_000 }): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    deliverDueWebhooks(db, new Date())
      .catch((error: unknown) => console.error("Webhook delivery failed:", error))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
