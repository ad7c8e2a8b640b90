import { addDays, addHours } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WORKSPACE_SETTING_DEFAULTS } from "../../core/settings/workspace-settings";
import { findAuditEntries } from "../../db/audit-log";
import { getDb } from "../../db/client";
import { listOverdueFlags } from "../../db/cleanup-reminders";
import { actorFor, makeExperiment, makeFlag, makeMember, serviceContext } from "../../../prisma/factories";
import { extendFlagExpiry } from "../flags/extend-flag-expiry";
import { updateWorkspaceSettings } from "../settings/update-workspace-settings";
import { CLEANUP_REMINDER_ACTOR, startCleanupReminderRunner } from "./reminder-instance";
import { CLEANUP_REMINDER_KIND, sendCleanupReminders } from "./send-cleanup-reminders";

const WEBHOOK_URL = "https://hooks.example.com/services/keel-cleanup";

/** One pass as Keel runs it, with the clock at `at`. */
function passAt(at: Date) {
  return sendCleanupReminders(serviceContext(CLEANUP_REMINDER_ACTOR, { now: () => at }), { log: () => {} });
}

/** A flag created now (T) by a new owner, expiring `hours` later. */
async function expiringFlag(hours = 1) {
  const owner = await makeMember(["experimenter"]);
  const t = new Date();
  const flag = await makeFlag(owner, { expiresAt: addHours(t, hours).toISOString() });
  return { owner, flag, t, expiresAt: flag.expiresAt };
}

function remindersTo(userId: string) {
  return getDb().notification.findMany({ where: { userId, kind: CLEANUP_REMINDER_KIND }, orderBy: { createdAt: "asc" } });
}

async function reminderAudits(flagKey: string) {
  const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flagKey, limit: 50 });
  return entries.filter((entry) => entry.action === "cleanup.reminder.sent").reverse();
}

async function outboxAbout(flagKey: string) {
  const rows = await getDb().webhookDelivery.findMany({ orderBy: { createdAt: "asc" } });
  return rows.filter((row) => row.payload.includes(flagKey));
}

function reminderState(flagId: string) {
  return getDb().cleanupReminder.findUnique({ where: { flagId } });
}

let admin: Awaited<ReturnType<typeof makeMember>>;
let retiredAdmin: Awaited<ReturnType<typeof makeMember>>;

/** Settings are workspace-wide: the defaults (3-day interval, escalation after 2) plus a webhook; removed afterwards with its outbox rows. */
beforeAll(async () => {
  admin = await makeMember(["admin"]);
  retiredAdmin = await makeMember(["admin"]);
  await getDb().user.update({ where: { id: retiredAdmin.id }, data: { deactivatedAt: new Date() } });
  await updateWorkspaceSettings(serviceContext(actorFor(admin)), { ...WORKSPACE_SETTING_DEFAULTS, webhookUrl: WEBHOOK_URL });
});
afterAll(async () => {
  await getDb().workspaceSetting.deleteMany({});
  await getDb().webhookDelivery.deleteMany({ where: { url: WEBHOOK_URL } }); // never delivered: nothing listens there
});

describe("cleanup reminders for an expired flag", () => {
  it("remind the owner when the flag expires, every interval after, then admins as well", async () => {
    const { owner, flag, t, expiresAt } = await expiringFlag();

    // T + 1 day: expired → the first reminder, to the owner only
    const first = await passAt(addDays(t, 1));
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const [inbox] = await remindersTo(owner.id);
    expect(await remindersTo(owner.id)).toHaveLength(1);
    expect(inbox).toMatchObject({ title: `Flag “${flag.key}” is overdue for cleanup`, link: "/cleanup", createdAt: addDays(t, 1), readAt: null });
    expect(inbox!.body).toContain(`“${flag.name}” (${flag.key}) has been overdue for cleanup since ${expiresAt.toISOString().slice(0, 10)}`);
    expect(inbox!.body).toContain(`it expired on ${expiresAt.toISOString().slice(0, 10)}`);
    expect(inbox!.body).toMatch(/archive the flag — or, if it still needs to run, extend its expiry with a reason/);
    expect(inbox!.body).toMatch(/Reminder 1\.$/);
    expect(await remindersTo(admin.id).then((rows) => rows.filter((row) => row.title.includes(flag.key)))).toHaveLength(0);

    const outbox = await outboxAbout(flag.key);
    expect(outbox).toEqual([expect.objectContaining({ url: WEBHOOK_URL, status: "pending" })]);
    expect((JSON.parse(outbox[0]!.payload) as { text: string }).text).toContain(`Flag “${flag.key}” is overdue for cleanup`);

    expect(await reminderAudits(flag.key)).toEqual([
      expect.objectContaining({
        actorId: null,
        actorLabel: "cleanup reminders",
        entityId: flag.id,
        after: { count: 1, escalated: false, recipients: [owner.id], overdueSince: expiresAt.toISOString(), reasons: [{ kind: "expired", since: expiresAt.toISOString() }] },
      }),
    ]);
    expect(await reminderState(flag.id)).toMatchObject({ count: 1, lastSentAt: addDays(t, 1), escalatedAt: null });

    // within the interval (3 days): nothing more
    await passAt(addHours(addDays(t, 1), 1));
    await passAt(addDays(t, 3.9));
    expect(await remindersTo(owner.id)).toHaveLength(1);
    expect(await reminderAudits(flag.key)).toHaveLength(1);

    // 3 days after the first: the second, still to the owner only
    await passAt(addDays(t, 4));
    expect(await remindersTo(owner.id)).toHaveLength(2);
    expect(await reminderAudits(flag.key)).toHaveLength(2);
    expect((await reminderAudits(flag.key))[1]!.after).toMatchObject({ count: 2, escalated: false, recipients: [owner.id] });

    // the owner has had 2 reminders: the third goes to every active admin as well
    const third = await passAt(addDays(t, 7));
    expect(third.escalated).toBeGreaterThanOrEqual(1);
    expect(await remindersTo(owner.id)).toHaveLength(3);
    const toAdmin = (await remindersTo(admin.id)).filter((row) => row.title.includes(flag.key));
    expect(toAdmin).toEqual([expect.objectContaining({ title: `Escalated: flag “${flag.key}” is overdue for cleanup`, createdAt: addDays(t, 7) })]);
    expect(toAdmin[0]!.body).toMatch(/Reminder 3, sent to admins too: the owner has had 2 reminders already\.$/);
    expect((await remindersTo(retiredAdmin.id)).filter((row) => row.title.includes(flag.key))).toHaveLength(0);
    const audit = (await reminderAudits(flag.key))[2]!.after as { count: number; escalated: boolean; recipients: string[] };
    expect(audit).toMatchObject({ count: 3, escalated: true });
    expect(audit.recipients).toEqual(expect.arrayContaining([owner.id, admin.id]));
    expect(audit.recipients).not.toContain(retiredAdmin.id);
    expect(await reminderState(flag.id)).toMatchObject({ count: 3, escalatedAt: addDays(t, 7) });
    expect(await outboxAbout(flag.key)).toHaveLength(3);
  });

  it("stop when the expiry is extended, and a later overdue spell starts again at the owner", async () => {
    const { owner, flag, t } = await expiringFlag();
    for (const day of [1, 4, 7]) await passAt(addDays(t, day));
    expect(await reminderState(flag.id)).toMatchObject({ count: 3 });

    const newExpiry = addDays(t, 20);
    await extendFlagExpiry(serviceContext(actorFor(owner), { now: () => addDays(t, 8) }), { flagKey: flag.key, expiresAt: newExpiry.toISOString(), reason: "Waiting for the mobile release to ship." });
    await passAt(addDays(t, 10));
    expect(await reminderState(flag.id)).toBeNull();
    expect(await remindersTo(owner.id)).toHaveLength(3);
    expect(await reminderAudits(flag.key)).toHaveLength(3);

    // expired again: reminder 1, to the owner only
    await passAt(addDays(t, 21));
    expect(await remindersTo(owner.id)).toHaveLength(4);
    expect((await reminderAudits(flag.key))[3]!.after).toMatchObject({ count: 1, escalated: false, recipients: [owner.id] });
    expect(await reminderState(flag.id)).toMatchObject({ count: 1, escalatedAt: null });
  });

  it("stop when the flag is archived", async () => {
    const { owner, flag, t } = await expiringFlag();
    await passAt(addDays(t, 1));
    expect(await reminderState(flag.id)).not.toBeNull();
    await getDb().flag.update({ where: { id: flag.id }, data: { archivedAt: addDays(t, 2) } });
    await passAt(addDays(t, 5));
    expect(await reminderState(flag.id)).toBeNull();
    expect(await remindersTo(owner.id)).toHaveLength(1);
    expect(await reminderAudits(flag.key)).toHaveLength(1);
  });

  it("go out once when two passes race (two instances)", async () => {
    const { owner, flag, t } = await expiringFlag();
    await Promise.all([passAt(addDays(t, 1)), passAt(addDays(t, 1))]);
    expect(await remindersTo(owner.id)).toHaveLength(1);
    expect(await reminderAudits(flag.key)).toHaveLength(1);
    expect(await outboxAbout(flag.key)).toHaveLength(1);
  });
});

describe("cleanup reminders for an overdue cleanup task", () => {
  it("remind the flag owner and the task owner, naming the decision and experiment", async () => {
    const flagOwner = await makeMember(["experimenter"]);
    const taskOwner = await makeMember(["experimenter"]);
    const { experiment, flag } = await makeExperiment(flagOwner);
    const now = new Date();
    const dueAt = addDays(now, -2);
    await getDb().cleanupTask.create({
      data: { experimentId: experiment.id, flagId: flag.id, kind: "kill", ownerId: taskOwner.id, dueAt, state: "open", createdAt: addDays(now, -16) },
    });

    const [overdue] = (await listOverdueFlags(getDb(), now)).filter((f) => f.flagId === flag.id);
    expect(overdue).toEqual({
      flagId: flag.id,
      key: flag.key,
      name: flag.name,
      ownerId: flagOwner.id,
      overdueSince: dueAt,
      reasons: [{ kind: "task", taskKind: "kill", experimentKey: experiment.key, experimentName: experiment.content.name, dueAt, ownerId: taskOwner.id }],
    });

    await passAt(now);
    for (const user of [flagOwner, taskOwner]) {
      const rows = await remindersTo(user.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.body).toContain(`the cleanup of the kill decision on experiment “${experiment.content.name}” (${experiment.key}) was due on ${dueAt.toISOString().slice(0, 10)}`);
      expect(rows[0]!.body).not.toMatch(/cannot be ramped/);
    }
    expect((await reminderAudits(flag.key))[0]!.after).toEqual({
      count: 1,
      escalated: false,
      recipients: [flagOwner.id, taskOwner.id],
      overdueSince: dueAt.toISOString(),
      reasons: [{ kind: "task", taskKind: "kill", experimentKey: experiment.key, dueAt: dueAt.toISOString() }],
    });

    // the task is done (and the flag is not expired): no longer overdue, the state is forgotten
    await getDb().cleanupTask.update({ where: { experimentId: experiment.id }, data: { state: "done", completedAt: addDays(now, 1), completion: "Marked cleaned up." } });
    await passAt(addDays(now, 4));
    expect(await reminderState(flag.id)).toBeNull();
    expect(await remindersTo(flagOwner.id)).toHaveLength(1);
  });

  it("count from the earliest reason when the flag is also expired", async () => {
    const owner = await makeMember(["experimenter"]);
    const { experiment, flag } = await makeExperiment(owner);
    const now = new Date();
    await getDb().cleanupTask.create({
      data: { experimentId: experiment.id, flagId: flag.id, kind: "ship", winningVariation: "on", ownerId: owner.id, dueAt: addDays(now, 3), state: "open", createdAt: now },
    });
    const at = addDays(flag.expiresAt, 1);
    const [overdue] = (await listOverdueFlags(getDb(), at)).filter((f) => f.flagId === flag.id);
    expect(overdue!.overdueSince).toEqual(addDays(now, 3));
    expect(overdue!.reasons.map((r) => r.kind)).toEqual(["expired", "task"]);
    await passAt(at);
    expect((await reminderAudits(flag.key))[0]!.after).toMatchObject({ count: 1, recipients: [owner.id] });
  });
});

describe("flags that are not overdue", () => {
  it("get no reminder and no reminder state", async () => {
    const owner = await makeMember(["experimenter"]);
    const now = new Date();
    const fresh = await makeFlag(owner, { expiresAt: addDays(now, 30).toISOString() });
    // a task not due yet, and a done task long past its due date
    const pending = await makeExperiment(owner);
    const done = await makeExperiment(owner);
    await getDb().cleanupTask.createMany({
      data: [
        { experimentId: pending.experiment.id, flagId: pending.flag.id, kind: "kill", ownerId: owner.id, dueAt: addDays(now, 5), state: "open", createdAt: now },
        { experimentId: done.experiment.id, flagId: done.flag.id, kind: "kill", ownerId: owner.id, dueAt: addDays(now, -5), state: "done", createdAt: addDays(now, -20), completedAt: now },
      ],
    });
    const at = addDays(now, 1);
    const overdueIds = new Set((await listOverdueFlags(getDb(), at)).map((f) => f.flagId));
    for (const flag of [fresh, pending.flag, done.flag]) expect(overdueIds.has(flag.id)).toBe(false);

    await passAt(at);
    expect(await remindersTo(owner.id)).toHaveLength(0);
    for (const flag of [fresh, pending.flag, done.flag]) {
      expect(await reminderState(flag.id)).toBeNull();
      expect(await reminderAudits(flag.key)).toHaveLength(0);
    }
  });
});

describe("the reminder runner", () => {
  it("runs a pass as soon as it starts; stop waits for it", async () => {
    const { owner, flag, t } = await expiringFlag();
    const runner = startCleanupReminderRunner(getDb(), { settings: { maxFlagLifetimeDays: 90 }, now: () => addDays(t, 1), log: () => {} });
    await runner.stop();
    expect(await remindersTo(owner.id)).toHaveLength(1);
    expect(await reminderAudits(flag.key)).toEqual([expect.objectContaining({ actorLabel: "cleanup reminders", after: expect.objectContaining({ count: 1 }) })]);
  });
});
