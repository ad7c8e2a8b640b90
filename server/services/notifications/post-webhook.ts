/** How long one webhook POST may take before it counts as failed. */
export const WEBHOOK_SEND_TIMEOUT_MS = 5_000;

export type WebhookPostResult = { ok: true; status: number } | { ok: false; error: string };

/**
 * One POST of a JSON body to a webhook (the outbox dispatcher and Settings' test message share it):
 * `content-type: application/json`, a 5 s timeout, redirects refused; 2xx = accepted. Never throws:
 * a failure comes back as text that says what went wrong ("HTTP 500 …", "connect ECONNREFUSED …").
 */
export async function postWebhook(url: string, body: string): Promise<WebhookPostResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Keel-Webhook/1" },
      body,
      signal: AbortSignal.timeout(WEBHOOK_SEND_TIMEOUT_MS),
      redirect: "error",
    });
    await response.body?.cancel();
    return response.ok ? { ok: true, status: response.status } : { ok: false, error: `HTTP ${response.status} ${response.statusText}`.trim() };
  } catch (error) {
    return { ok: false, error: describeFetchError(error) };
  }
}

/** Node's fetch says only "fetch failed"; the reason (refused, DNS, TLS) is in its cause. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `no answer within ${WEBHOOK_SEND_TIMEOUT_MS / 1000} s`;
  const cause = error.cause instanceof Error ? error.cause.message : null;
  return cause ? `${error.message} (${cause})` : error.message;
}

/** Keel's public base URL for absolute links in messages (NEXTAUTH_URL; start-up defaults it). */
export function publicBaseUrl(): string | null {
  return process.env.NEXTAUTH_URL?.trim() || null;
}
