/** After this many failed attempts a webhook message is given up (status "failed", kept for inspection). */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** Exponential backoff after the n-th failed attempt (1-based): 5 s, 10 s, 20 s, … capped at 30 min. */
export function webhookRetryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
}
