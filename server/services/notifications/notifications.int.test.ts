import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { actorFor, makeExperiment, makeMember, serviceContext } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { decideApproval } from "../experiments/decide-approval";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";
import { updateWorkspaceSettings } from "../settings/update-workspace-settings";
import { deliverDueWebhooks } from "./webhook-dispatcher";
import { inbox, markRead } from "./inbox";

/** A real HTTP receiver: records bodies, answers with the next queued status (200 when none). */
let received: unknown[] = [];
let statuses: number[] = [];
const receiver = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    received.push(JSON.parse(body));
    res.writeHead(statuses.shift() ?? 200).end();
  });
});
let url = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await updateWorkspaceSettings(serviceContext(actorFor(await makeMember(["admin"]))), { maxExperimentDays: 30, webhookUrl: "" });
  await new Promise((resolve) => receiver.close(resolve));
});

async function pendingDeliveries() {
  return getDb().webhookDelivery.findMany({ where: { status: "pending" } });
}

/** Settings and outbox rows are workspace-wide: this file's tests run one after the other and clean up. */
describe("workspace settings, inbox and webhook", () => {
  it("settings default, change audited, and bad values name the field", async () => {
    const admin = await makeMember(["admin"]);
    const ctx = serviceContext(actorFor(admin));
    expect((await getWorkspaceSettings(getDb())).maxExperimentDays).toBeGreaterThanOrEqual(1);
    const bad = await rejection(updateWorkspaceSettings(ctx, { maxExperimentDays: 500, webhookUrl: "ftp://nope" }));
    expect(bad.fieldErrors.maxExperimentDays?.[0]).toMatch(/at most 365 days/);
    expect(bad.fieldErrors.webhookUrl?.[0]).toMatch(/http\(s\) URL/);
    await updateWorkspaceSettings(ctx, { maxExperimentDays: 45, webhookUrl: "" });
    const { entries } = await findAuditEntries(getDb(), { entityType: "settings", limit: 1 });
    expect(entries[0]).toMatchObject({ action: "settings.updated", actorLabel: admin.email, after: { maxExperimentDays: 45 } });
    await updateWorkspaceSettings(ctx, { maxExperimentDays: 30, webhookUrl: "" });
  });

  it("reviewers get an inbox entry when asked, the requester when decided; the webhook gets Slack-shaped messages", async () => {
    const admin = await makeMember(["admin"]);
    await getDb().webhookDelivery.deleteMany({});
    await updateWorkspaceSettings(serviceContext(actorFor(admin)), { maxExperimentDays: 30, webhookUrl: url });
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
    expect(await markRead(serviceContext(actorFor(approver)), told.items[0]!.id)).toBe(0); // not theirs
    expect(await markRead(serviceContext(actorFor(author)))).toBe(1);
    expect((await inbox(serviceContext(actorFor(author)))).unread).toBe(0);

    received = [];
    const due = (await pendingDeliveries()).length;
    expect(due).toBeGreaterThanOrEqual(2);
    // Two instances deliver at once: every message is sent exactly once.
    const [a, b] = await Promise.all([deliverDueWebhooks(getDb(), new Date()), deliverDueWebhooks(getDb(), new Date())]);
    expect(a + b).toBe(due);
    expect(received).toHaveLength(due);
    expect(received[0]).toMatchObject({ text: expect.stringContaining(`Pricing approval requested: ${experiment.content.name}`), blocks: [{ type: "section", text: { type: "mrkdwn" } }] });
  });

  it("retries a failing webhook with backoff and gives up after the last attempt", async () => {
    await getDb().webhookDelivery.deleteMany({});
    const row = await getDb().webhookDelivery.create({ data: { url, payload: JSON.stringify({ text: "retry me" }) } });
    statuses = [500];
    const start = new Date();
    expect(await deliverDueWebhooks(getDb(), start)).toBe(0);
    const failedOnce = await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: row.id } });
    expect(failedOnce).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("HTTP 500") });
    expect(failedOnce.nextAttemptAt.getTime()).toBeGreaterThan(start.getTime());
    expect(await deliverDueWebhooks(getDb(), start)).toBe(0); // not due yet: backoff

    statuses = [503, 503, 503, 503, 503, 503, 503];
    let now = start;
    for (let i = 0; i < 7; i++) {
      now = new Date(now.getTime() + 60 * 60_000);
      await deliverDueWebhooks(getDb(), now);
    }
    expect(await getDb().webhookDelivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "failed", attempts: 8 });
  });
});
