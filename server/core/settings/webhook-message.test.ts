import { describe, expect, it } from "vitest";
import { absoluteLink, webhookMessage } from "./webhook-message";

describe("webhook message", () => {
  it("is Slack-shaped: title — body and the absolute link as text, one mrkdwn section", () => {
    expect(webhookMessage({ title: "Pricing approval requested: Checkout", body: "Ada asks for a pricing approval.", link: "/approvals", baseUrl: "https://keel.example.com/" })).toEqual({
      text: "Pricing approval requested: Checkout — Ada asks for a pricing approval. https://keel.example.com/approvals",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Pricing approval requested: Checkout*\nAda asks for a pricing approval.\n<https://keel.example.com/approvals|Open in Keel>" } }],
    });
  });

  it("escapes user text so it cannot ping the channel or forge a link", () => {
    const message = webhookMessage({ title: "Price <!channel> & <https://evil.example|free>", body: "", link: "", baseUrl: null });
    expect(message.text).toBe("Price &lt;!channel&gt; &amp; &lt;https://evil.example|free&gt;");
    expect(message.blocks[0]!.text.text).toBe("*Price &lt;!channel&gt; &amp; &lt;https://evil.example|free&gt;*");
  });

  it("keeps the link relative without a usable base URL, and keeps a base path", () => {
    expect(absoluteLink("/experiments/a", null)).toBe("/experiments/a");
    expect(absoluteLink("/experiments/a", "not a url")).toBe("/experiments/a");
    expect(absoluteLink("/experiments/a", "https://example.com/keel/")).toBe("https://example.com/keel/experiments/a");
    expect(absoluteLink("https://elsewhere.example/x", "https://example.com")).toBe("https://elsewhere.example/x");
    expect(webhookMessage({ title: "T", body: "B", link: "/inbox", baseUrl: null }).text).toBe("T — B /inbox");
  });
});
