/** A Slack-compatible incoming-webhook body: `text` for every client, one mrkdwn section block. */
export type WebhookMessage = { text: string; blocks: { type: "section"; text: { type: "mrkdwn"; text: string } }[] };

/**
 * Slack reads `&`, `<` and `>` as control characters (`<!channel>` pings everyone, `<url|label>`
 * makes a link), so user text — experiment names, comments — is escaped as Slack documents.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The absolute form of an in-app link ("/approvals") on Keel's public base URL (NEXTAUTH_URL),
 * keeping a base path ("https://example.com/keel" + "/approvals"). Without a usable base URL,
 * or for a link that is already absolute, the link is returned as it is.
 */
export function absoluteLink(link: string, baseUrl: string | null): string {
  if (!link || !baseUrl || !link.startsWith("/") || !/^https?:\/\//i.test(baseUrl) || !URL.canParse(baseUrl)) return link;
  return `${baseUrl.replace(/\/+$/, "")}${link}`;
}

export function webhookMessage(input: { title: string; body: string; link: string; baseUrl: string | null }): WebhookMessage {
  const url = absoluteLink(input.link, input.baseUrl);
  const title = escapeSlackText(input.title);
  const body = escapeSlackText(input.body);
  const text = [title, body].filter(Boolean).join(" — ") + (url ? ` ${url}` : "");
  const mrkdwn = `*${title}*${body ? `\n${body}` : ""}${url ? `\n<${url}|Open in Keel>` : ""}`;
  return { text, blocks: [{ type: "section", text: { type: "mrkdwn", text: mrkdwn } }] };
}
