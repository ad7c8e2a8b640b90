import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { actorFor, makeMember, serviceContext } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { startWebhookReceiver, unusedUrl } from "../../test/webhook-receiver";
import { getWorkspaceSettings } from "./get-workspace-settings";
import { updateWorkspaceSettings } from "./update-workspace-settings";
import { sendTestWebhook } from "./send-test-webhook";

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

/** The cleanup settings at their defaults, for calls that change other settings. */
const CLEANUP = { cleanupTaskDueDays: 14, cleanupReminderDays: 3, cleanupEscalateAfter: 2 };

async function adminContext() {
  const admin = await makeMember(["admin"]);
  return { admin, ctx: serviceContext(actorFor(admin)) };
}

/** Settings are workspace-wide: each test starts from the defaults (no rows) and leaves none. */
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  await getDb().workspaceSetting.deleteMany({});
});
afterEach(async () => {
  receiver.reset();
  await getDb().workspaceSetting.deleteMany({});
});
afterAll(() => receiver.close());

describe("workspace settings", () => {
  it("are the defaults while nothing is stored, and ignore unreadable stored values", async () => {
    expect(await getWorkspaceSettings(getDb())).toEqual({ maxExperimentDays: 30, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "" });
    await getDb().workspaceSetting.create({ data: { key: "maxExperimentDays", value: "not json" } });
    await getDb().workspaceSetting.create({ data: { key: "webhookUrl", value: JSON.stringify(42) } });
    expect(await getWorkspaceSettings(getDb())).toEqual({ maxExperimentDays: 30, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "" });
  });

  it("an admin's change is stored and audited with before and after in one entry", async () => {
    const { admin, ctx } = await adminContext();
    const saved = await updateWorkspaceSettings(ctx, { maxExperimentDays: 45, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: ` ${receiver.url} ` });
    expect(saved).toEqual({ maxExperimentDays: 45, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: receiver.url });
    expect(await getWorkspaceSettings(getDb())).toEqual(saved);

    const { entries } = await findAuditEntries(getDb(), { entityType: "settings", actorId: admin.id, limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "settings.updated",
      actorLabel: admin.email,
      entityKey: "workspace",
      before: { maxExperimentDays: 30, webhookUrl: "" },
      after: { maxExperimentDays: 45, webhookUrl: receiver.url },
    });

    // Only what changed is recorded; saving the same values again writes no entry.
    await updateWorkspaceSettings(ctx, { maxExperimentDays: 45, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "" });
    await updateWorkspaceSettings(ctx, { maxExperimentDays: 45, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "" });
    const after = await findAuditEntries(getDb(), { entityType: "settings", actorId: admin.id, limit: 10 });
    expect(after.entries).toHaveLength(2);
    expect(after.entries[0]).toMatchObject({ before: { webhookUrl: receiver.url }, after: { webhookUrl: "" } });
    expect(after.entries[0]!.before).not.toHaveProperty("maxExperimentDays");
  });

  it("refuses bad values with messages at each field that say the fix, and changes nothing", async () => {
    const { admin, ctx } = await adminContext();
    const bad = await rejection(updateWorkspaceSettings(ctx, { maxExperimentDays: 500, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "ftp://nope" }));
    expect(bad.code).toBe("BAD_INPUT");
    expect(bad.fieldErrors.maxExperimentDays?.[0]).toMatch(/^Maximum experiment duration must be at most 365 days/);
    expect(bad.fieldErrors.webhookUrl?.[0]).toMatch(/^Webhook URL must be an http\(s\) URL/);

    const more = await rejection(updateWorkspaceSettings(ctx, { maxExperimentDays: 2.5, pricingRampApprovalPercent: 2, ...CLEANUP, webhookUrl: `https://example.com/${"x".repeat(2_000)}` }));
    expect(more.fieldErrors.maxExperimentDays?.[0]).toMatch(/whole number of days/);
    expect(more.fieldErrors.webhookUrl?.[0]).toMatch(/at most 2,000 characters/);
    expect(more.fieldErrors.pricingRampApprovalPercent?.[0]).toMatch(/at least 5 %/);
    expect((await rejection(updateWorkspaceSettings(ctx, { maxExperimentDays: 0, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "" }))).fieldErrors.maxExperimentDays?.[0]).toMatch(/at least 1 day/);

    expect(await getWorkspaceSettings(getDb())).toEqual({ maxExperimentDays: 30, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: "" });
    expect((await findAuditEntries(getDb(), { entityType: "settings", actorId: admin.id, limit: 10 })).entries).toHaveLength(0);
  });
});

describe("cleanup settings", () => {
  it("stores the cleanup schedule and audits only what changed", async () => {
    const { admin, ctx } = await adminContext();
    const saved = await updateWorkspaceSettings(ctx, { maxExperimentDays: 30, pricingRampApprovalPercent: 25, cleanupTaskDueDays: 21, cleanupReminderDays: 7, cleanupEscalateAfter: 3, webhookUrl: "" });
    expect(saved).toMatchObject({ cleanupTaskDueDays: 21, cleanupReminderDays: 7, cleanupEscalateAfter: 3 });
    expect(await getWorkspaceSettings(getDb())).toEqual(saved);
    const { entries } = await findAuditEntries(getDb(), { entityType: "settings", actorId: admin.id, limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ before: CLEANUP, after: { cleanupTaskDueDays: 21, cleanupReminderDays: 7, cleanupEscalateAfter: 3 } });
    expect(entries[0]!.after).not.toHaveProperty("maxExperimentDays");
  });

  it("refuses values outside their bounds at each field, and changes nothing", async () => {
    const { ctx } = await adminContext();
    const bad = await rejection(updateWorkspaceSettings(ctx, { maxExperimentDays: 30, pricingRampApprovalPercent: 25, cleanupTaskDueDays: 0, cleanupReminderDays: 31, cleanupEscalateAfter: 1.5, webhookUrl: "" }));
    expect(bad.code).toBe("BAD_INPUT");
    expect(bad.fieldErrors.cleanupTaskDueDays?.[0]).toMatch(/^Cleanup due date must be at least 1 day/);
    expect(bad.fieldErrors.cleanupReminderDays?.[0]).toMatch(/^Reminder interval must be at most 30 days/);
    expect(bad.fieldErrors.cleanupEscalateAfter?.[0]).toMatch(/^Escalation must be a whole number of reminders/);
    expect(bad.fieldErrors).not.toHaveProperty("maxExperimentDays");
    expect(await getWorkspaceSettings(getDb())).toMatchObject(CLEANUP);
  });
});

describe("sending a test message", () => {
  it("POSTs one Slack-shaped message to the saved URL at once, outside the outbox, and reports the answer", async () => {
    const { admin, ctx } = await adminContext();
    await updateWorkspaceSettings(ctx, { maxExperimentDays: 30, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: receiver.url });
    const outbox = await getDb().webhookDelivery.count();
    expect(await sendTestWebhook(ctx)).toEqual({ ok: true, status: 200 });
    expect(receiver.received).toEqual([
      {
        method: "POST",
        path: "/hook",
        contentType: "application/json",
        body: { text: expect.stringContaining(`Keel test message — Sent by ${admin.email} from Settings.`), blocks: [{ type: "section", text: { type: "mrkdwn", text: expect.stringContaining("*Keel test message*") } }] },
      },
    ]);
    expect(await getDb().webhookDelivery.count()).toBe(outbox);
  });

  it("reports the receiver's error status and an unreachable URL as text", async () => {
    const { ctx } = await adminContext();
    await updateWorkspaceSettings(ctx, { maxExperimentDays: 30, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: receiver.url });
    receiver.answerWith(404);
    const refused = await rejection(sendTestWebhook(ctx));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/not delivered: HTTP 404 Not Found\. Check the webhook URL/);

    await updateWorkspaceSettings(ctx, { maxExperimentDays: 30, pricingRampApprovalPercent: 25, ...CLEANUP, webhookUrl: await unusedUrl() });
    expect((await rejection(sendTestWebhook(ctx))).message).toMatch(/not delivered: fetch failed \(.*ECONNREFUSED.*\)/);
  });

  it("asks for a URL first when none is saved", async () => {
    const { ctx } = await adminContext();
    expect((await rejection(sendTestWebhook(ctx))).message).toMatch(/No webhook URL is saved/);
  });
});
