/** A Slack-compatible incoming-webhook body: `text` for every client, one mrkdwn section block. */
export type WebhookMessage = { text: string; blocks: { type: "section"; text: { type: "mrkdwn"; text: string } }[] };

export function webhookMessage(input: { title: string; body: string; link: string; baseUrl: string | null }): WebhookMessage {
  const url = input.link && input.baseUrl ? new URL(input.link, input.baseUrl).toString() : input.link;
  const text = [input.title, input.body].filter(Boolean).join(" — ") + (url ? ` ${url}` : "");
  const mrkdwn = `*${input.title}*${input.body ? `\n${input.body}` : ""}${url ? `\n<${url}|Open in Keel>` : ""}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwn } }] };
}
