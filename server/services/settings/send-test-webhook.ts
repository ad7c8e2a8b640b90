import { AppError } from "../../core/errors";
import { webhookMessage } from "../../core/settings/webhook-message";
import type { ServiceContext } from "../context";
import { getWorkspaceSettings } from "./get-workspace-settings";

/** Admins check the webhook from Settings: one message sent at once; the result (or error) is reported. */
export async function sendTestWebhook(ctx: ServiceContext): Promise<{ ok: true; status: number }> {
  const { webhookUrl } = await getWorkspaceSettings(ctx.db);
  if (!webhookUrl) throw new AppError("PRECONDITION_FAILED", "No webhook URL is saved: save one in Settings first.");
  const body = webhookMessage({ title: "Keel test message", body: `Sent by ${ctx.actor.label} from Settings.`, link: "/settings", baseUrl: process.env.NEXTAUTH_URL ?? null });
  let response: Response;
  try {
    response = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), signal: AbortSignal.timeout(5_000), redirect: "error" });
    await response.body?.cancel();
  } catch (error) {
    throw new AppError("PRECONDITION_FAILED", `The webhook could not be reached: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (!response.ok) throw new AppError("PRECONDITION_FAILED", `The webhook answered HTTP ${response.status}: check the URL.`);
  return { ok: true, status: response.status };
}
