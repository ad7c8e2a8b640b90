import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WORKSPACE_SETTING_DEFAULTS } from "../../core/settings/workspace-settings";
import { getDb, inTransaction } from "../../db/client";
import { actorFor, makeExperiment, makeMember, serviceContext } from "../../../prisma/factories";
import { startWebhookReceiver } from "../../test/webhook-receiver";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { decideApproval } from "../experiments/decide-approval";
import { updateWorkspaceSettings } from "../settings/update-workspace-settings";
import { deliverDueWebhooks } from "./webhook-dispatcher";
import { inbox, markAllRead, markRead, unreadCount } from "./inbox";
import { notify } from "./notify";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const savedBaseUrl = process.env.NEXTAUTH_URL;

async function setWebhook(url: string) {
  await updateWorkspaceSettings(serviceContext(actorFor(await makeMember(["admin"]))), { ...WORKSPACE_SETTING_DEFAULTS, webhookUrl: url });
}

function delivery(id: string) {
  return getDb().webhookDelivery.findUniqueOrThrow({ where: { id } });
}

/** Settings and the outbox are workspace-wide: each test starts with no webhook and an empty outbox. */
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
beforeEach(async () => {
  await getDb().webhookDelivery.deleteMany({});
  await getDb().workspaceSetting.deleteMany({});
});
afterEach(() => {
  receiver.reset();
  if (savedBaseUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedBaseUrl;
});
afterAll(async () => {
  await getDb().webhookDelivery.deleteMany({});
  await getDb().workspaceSetting.deleteMany({});
  await receiver.close();
});

describe("notify", () => {
  it("writes one inbox entry per distinct recipient and no outbox row without a webhook", async () => {
    const [a, b] = [await makeMember(), await makeMember()];
    const at = new Date("2026-03-01T10:00:00Z");
    await inTransaction(getDb(), (tx) => notify(tx, { recipientIds: [a.id, b.id, a.id], kind: "approval.requested", title: "Approve me", body: "Please", link: "/approvals" }, at));
    for (const member of [a, b]) {
      expect(await getDb().notification.findMany({ where: { userId: member.id } })).toEqual([
        expect.objectContaining({ kind: "approval.requested", title: "Approve me", body: "Please", link: "/approvals", createdAt: at, readAt: null }),
      ]);
    }
    expect(await getDb().webhookDelivery.count()).toBe(0);
  });

  it("adds one Slack-compatible outbox row with the absolute link when a webhook is configured", async () => {
    process.env.NEXTAUTH_URL = "https://keel.example.com";
    await setWebhook(receiver.url);
    const member = await makeMember();
    const at = new Date();
    await inTransaction(getDb(), (tx) => notify(tx, { recipientIds: [member.id], kind: "approval.approved", title: "Approved: A & B", body: "Ship it.", link: "/experiments/a-b" }, at));
    const rows = await getDb().webhookDelivery.findMany();
    expect(rows).toEqual([expect.objectContaining({ url: receiver.url, status: "pending", attempts: 0, nextAttemptAt: at })]);
    expect(JSON.parse(rows[0]!.payload)).toEqual({
      text: "Approved: A &amp; B — Ship it. https://keel.example.com/experiments/a-b",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Approved: A &amp; B*\nShip it.\n<https://keel.example.com/experiments/a-b|Open in Keel>" } }],
    });
  });

  it("is part of the caller's transaction: a rolled-back change leaves no inbox entry and no outbox row", async () => {
    await setWebhook(receiver.url);
    const member = await makeMember();
    await expect(
      inTransaction(getDb(), async (tx) => {
        await notify(tx, { recipientIds: [member.id], kind: "test", title: "Never", body: "", link: "" }, new Date());
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await getDb().notification.count({ where: { userId: member.id } })).toBe(0);
    expect(await getDb().webhookDelivery.count()).toBe(0);
  });
});

describe("inbox", () => {
  it("reviewers are told when asked, the requester when decided; members only mark their own read", async () => {
    const author = await makeMember(["experimenter"]);
    const approver = await makeMember(["pricing_approver"]);
    const { experiment } = await makeExperiment(author, { type: "pricing" });
    const submitted = await runLifecycleAction(serviceContext(actorFor(author)), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });

    const asked = await inbox(serviceContext(actorFor(approver)));
    expect(asked.unread).toBeGreaterThanOrEqual(1);
    expect(asked.items[0]).toMatchObject({ kind: "approval.requested", title: `Pricing approval requested: ${experiment.content.name}`, link: "/approvals" });
    expect((await inbox(serviceContext(actorFor(author)))).items).toHaveLength(0);

    await decideApproval(serviceContext(actorFor(approver)), { approvalId: submitted.approvals[0]!.id, decision: "approve", designVersion: submitted.designVersion });
    const told = await inbox(serviceContext(actorFor(author)));
    expect(told.items[0]).toMatchObject({ kind: "approval.approved", link: `/experiments/${experiment.key}` });
    expect(await unreadCount(serviceContext(actorFor(author)))).toBe(1);

    expect(await markRead(serviceContext(actorFor(approver)), told.items[0]!.id)).toBe(0); // not theirs
    expect(await unreadCount(serviceContext(actorFor(author)))).toBe(1);
    expect(await markRead(serviceContext(actorFor(author)), told.items[0]!.id)).toBe(1);
    expect(await markRead(serviceContext(actorFor(author)), told.items[0]!.id)).toBe(0); // already read
    expect((await inbox(serviceContext(actorFor(author)))).unread).toBe(0);

    const approverUnread = await unreadCount(serviceContext(actorFor(approver)));
    expect(approverUnread).toBeGreaterThanOrEqual(1);
    expect(await markAllRead(serviceContext(actorFor(approver)))).toBe(approverUnread);
    expect(await unreadCount(serviceContext(actorFor(approver)))).toBe(0);
  });

  it("lists the 50 newest, newest first", async () => {
    const member = await makeMember();
    const base = Date.parse("2026-01-01T00:00:00Z");
    await getDb().notification.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({ userId: member.id, kind: "test", title: `n${i}`, createdAt: new Date(base + i * 60_000) })),
    });
    const { items, unread } = await inbox(serviceContext(actorFor(member)));
    expect(unread).toBe(55);
    expect(items).toHaveLength(50);
    expect(items[0]!.title).toBe("n54");
    expect(items[49]!.title).toBe("n5");
  });
});

describe("webhook dispatcher", () => {
  it("POSTs the outbox messages of a real change as JSON to the webhook and marks them delivered", async () => {
    await setWebhook(receiver.url);
    const author = await makeMember(["experimenter"]);
    const { experiment } = await makeExperiment(author, { type: "pricing" });
    await runLifecycleAction(serviceContext(actorFor(author)), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    const pending = await getDb().webhookDelivery.findMany({ where: { status: "pending" } });
    expect(pending.length).toBeGreaterThanOrEqual(1);

    expect(await deliverDueWebhooks(getDb(), new Date())).toBe(pending.length);
    expect(receiver.received).toHaveLength(pending.length);
    expect(receiver.received[0]).toEqual({
      method: "POST",
      path: "/hook",
      contentType: "application/json",
      body: {
        text: expect.stringContaining(`Pricing approval requested: ${experiment.content.name}`),
        blocks: [{ type: "section", text: { type: "mrkdwn", text: expect.stringContaining(`*Pricing approval requested: ${experiment.content.name}*`) } }],
      },
    });
    for (const row of pending) expect(await delivery(row.id)).toMatchObject({ status: "delivered", attempts: 1, lastError: "", deliveredAt: expect.any(Date) });
    expect(await deliverDueWebhooks(getDb(), new Date())).toBe(0); // nothing is sent twice
    expect(receiver.received).toHaveLength(pending.length);
  });

  it("two instances delivering at once send every message exactly once", async () => {
    const rows = await Promise.all(
      Array.from({ length: 6 }, (_, i) => getDb().webhookDelivery.create({ data: { url: receiver.url, payload: JSON.stringify({ text: `m${i}` }) } })),
    );
    receiver.delayAnswers(50); // the passes overlap while each send is in flight
    const [a, b] = await Promise.all([deliverDueWebhooks(getDb(), new Date()), deliverDueWebhooks(getDb(), new Date())]);
    expect(a + b).toBe(rows.length);
    expect(receiver.received.map((r) => (r.body as { text: string }).text).sort()).toEqual(rows.map((_, i) => `m${i}`).sort());
    for (const row of rows) expect(await delivery(row.id)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("retries a failing webhook with exponential backoff, keeps the last error and gives up after 8 attempts", async () => {
    const row = await getDb().webhookDelivery.create({ data: { url: receiver.url, payload: JSON.stringify({ text: "retry me" }) } });
    receiver.answerWith(500);
    const start = new Date();
    expect(await deliverDueWebhooks(getDb(), start)).toBe(0);
    const failedOnce = await delivery(row.id);
    expect(failedOnce).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500 Internal Server Error" });
    const firstDelay = failedOnce.nextAttemptAt.getTime() - start.getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(5_000);
    expect(firstDelay).toBeLessThan(15_000);
    expect(await deliverDueWebhooks(getDb(), start)).toBe(0); // not due yet: backoff
    expect(receiver.received).toHaveLength(1);

    // The second failure waits about twice as long as the first.
    receiver.answerWith(503);
    const second = new Date(failedOnce.nextAttemptAt.getTime());
    await deliverDueWebhooks(getDb(), second);
    const failedTwice = await delivery(row.id);
    expect(failedTwice).toMatchObject({ status: "pending", attempts: 2, lastError: "HTTP 503 Service Unavailable" });
    const secondDelay = failedTwice.nextAttemptAt.getTime() - second.getTime();
    expect(secondDelay).toBeGreaterThanOrEqual(10_000);
    expect(secondDelay).toBeLessThan(20_000);

    receiver.answerWith(500, 500, 500, 500, 500, 500);
    let now = second;
    for (let i = 0; i < 6; i++) {
      now = new Date(now.getTime() + 60 * 60_000);
      await deliverDueWebhooks(getDb(), now);
    }
    expect(await delivery(row.id)).toMatchObject({ status: "failed", attempts: 8, lastError: "HTTP 500 Internal Server Error", deliveredAt: null });
    expect(receiver.received).toHaveLength(8);
    await deliverDueWebhooks(getDb(), new Date(now.getTime() + 24 * 60 * 60_000)); // given up: never sent again
    expect(receiver.received).toHaveLength(8);
  });

  it("delivers on a later attempt after a failure", async () => {
    const row = await getDb().webhookDelivery.create({ data: { url: receiver.url, payload: JSON.stringify({ text: "eventually" }) } });
    receiver.answerWith(502);
    const start = new Date();
    await deliverDueWebhooks(getDb(), start);
    expect(await deliverDueWebhooks(getDb(), new Date(start.getTime() + 60_000))).toBe(1);
    expect(await delivery(row.id)).toMatchObject({ status: "delivered", attempts: 2, lastError: "" });
  });

  it("leaves a row another instance has claimed (a lease) alone until the lease runs out", async () => {
    const now = new Date();
    const leased = await getDb().webhookDelivery.create({
      data: { url: receiver.url, payload: JSON.stringify({ text: "in flight elsewhere" }), attempts: 1, nextAttemptAt: new Date(now.getTime() + 60_000) },
    });
    expect(await deliverDueWebhooks(getDb(), now)).toBe(0);
    expect(receiver.received).toHaveLength(0);
    // That instance died mid-send: after the lease the row is attempted again.
    expect(await deliverDueWebhooks(getDb(), new Date(now.getTime() + 61_000))).toBe(1);
    expect(await delivery(leased.id)).toMatchObject({ status: "delivered", attempts: 2 });
  });
});
