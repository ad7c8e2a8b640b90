import { AppError } from "../../core/errors";
import { webhookMessage } from "../../core/settings/webhook-message";
import type { ServiceContext } from "../context";
import { postWebhook, publicBaseUrl } from "../notifications/post-webhook";
import { getWorkspaceSettings } from "./get-workspace-settings";

/**
 * Admins check the saved webhook from Settings: one message is POSTed at once, exactly as the
 * dispatcher sends (same body shape, headers and timeout), and the answer is reported. It bypasses
 * the outbox on purpose: a test that fails is reported now and not retried later to a URL the
 * admin may be about to fix.
 */
export async function sendTestWebhook(ctx: ServiceContext): Promise<{ ok: true; status: number }> {
  const { webhookUrl } = await getWorkspaceSettings(ctx.db);
  if (!webhookUrl) throw new AppError("PRECONDITION_FAILED", "No webhook URL is saved: enter one, save, then send a test message.");
  const body = webhookMessage({ title: "Keel test message", body: `Sent by ${ctx.actor.label} from Settings.`, link: "/settings/workflow", baseUrl: publicBaseUrl() });
  const result = await postWebhook(webhookUrl, JSON.stringify(body));
  if (!result.ok) {
    throw new AppError("PRECONDITION_FAILED", `The test message was not delivered: ${result.error}. Check the webhook URL and that it accepts POSTs from this server.`);
  }
  return { ok: true, status: result.status };
}
