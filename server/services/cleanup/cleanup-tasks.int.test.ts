import { addDays } from "date-fns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, makeExperiment, makeFlag, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { WORKSPACE_SETTING_DEFAULTS } from "../../core/settings/workspace-settings";
import { findAuditEntries } from "../../db/audit-log";
import { getDb, inTransaction } from "../../db/client";
import { replaceScan } from "../../db/code-references";
import { findExperimentByKey } from "../../db/experiments";
import { recordFlagEvaluations } from "../../db/flag-activity";
import { rejection } from "../../test/rejection";
import { createExperiment } from "../experiments/create-experiment";
import { experimentView } from "../experiments/experiment-view";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { archiveFlag } from "../flags/archive-flag";
import { extendFlagExpiry } from "../flags/extend-flag-expiry";
import { updateFlagEnvironment } from "../flags/update-flag-environment";
import { updateWorkspaceSettings } from "../settings/update-workspace-settings";
import { cleanupOverview } from "./cleanup-overview";

type Member = Awaited<ReturnType<typeof makeMember>>;
let author: Member;
let admin: Member;
const as = (member: Member, at?: Date) => serviceContext(actorFor(member), at ? { now: () => at } : {});
const stopAs = { rationale: "The variant did what we expected.", outcome: "We learnt enough to decide." };

async function running() {
  const made = await makeExperiment(author);
  const approved = await runLifecycleAction(as(author), { action: "submit", key: made.experiment.key, designVersion: made.experiment.designVersion });
  await runLifecycleAction(as(author), { action: "launch", key: made.experiment.key, designVersion: approved.designVersion, exposurePercentage: 5 });
  return made;
}

/** The latest scan of a repository of this test: `references` places of `flagKey` (none = the code is gone). */
async function scan(flagKey: string, references: number) {
  await inTransaction(getDb(), (tx) =>
    replaceScan(tx, {
      repository: uniqueKey("repo"),
      scannedAt: new Date(),
      uploadedAt: new Date(),
      filesScanned: 10,
      flagKeys: [flagKey],
      keyPrefix: "keel_srv_test",
      references: Array.from({ length: references }, (_, i) => ({ flagKey, path: `src/checkout-${i}.ts`, line: 10 + i, column: 5, text: `client.getBooleanValue("${flagKey}", false)` })),
    }),
  );
}

async function auditActions(experimentKey: string) {
  const { entries } = await findAuditEntries(getDb(), { entityType: "experiment", entityKey: experimentKey, limit: 50 });
  return entries.map((e) => e.action).reverse();
}

beforeAll(async () => {
  author = await makeMember(["experimenter"], "growth");
  admin = await makeMember(["admin"]);
});
afterAll(async () => {
  await getDb().workspaceSetting.deleteMany({});
});

describe("cleanup tasks", () => {
  it("a kill opens a task for the owner, due after 14 days; archiving the flag once the code is gone closes it and cleans the experiment up", async () => {
    const { experiment, flag } = await running();
    const decidedAt = new Date();
    await runLifecycleAction(as(author, decidedAt), { action: "stop", key: experiment.key, decision: "kill", ...stopAs });

    const task = await getDb().cleanupTask.findUniqueOrThrow({ where: { experimentId: experiment.id } });
    expect(task).toMatchObject({ kind: "kill", state: "open", ownerId: author.id, flagId: flag.id, completedAt: null });
    expect(task.dueAt.toISOString()).toBe(addDays(decidedAt, 14).toISOString());
    expect(await auditActions(experiment.key)).toEqual(expect.arrayContaining(["experiment.decided", "cleanup.task.created"]));

    // listed with what to do; never scanned → the action is to scan
    let item = (await cleanupOverview(as(author))).tasks.find((t) => t.experiment.key === experiment.key)!;
    expect(item).toMatchObject({ kind: "kill", owner: { id: author.id }, overdue: false, dueLabel: "due in 14 days", references: { scanned: false, count: 0 } });
    expect(item.instructions).toMatch(/^Delete the experiment's code/);
    expect(item.actions).toEqual([{ kind: "link", label: "Scan the code", href: `/flags/${flag.key}#code-references` }]);
    expect((await experimentView(as(author), experiment.key)).cleanup).toMatchObject({ state: "open", owner: author.name, overdue: false });

    // "Mark cleaned up" by hand is refused: a kill ends with the flag archived
    const refused = await rejection(runLifecycleAction(as(author), { action: "clean_up", key: experiment.key, reason: "Removed the code." }));
    expect(refused.message).toMatch(/archive the flag/);

    await scan(flag.key, 2);
    item = (await cleanupOverview(as(author))).tasks.find((t) => t.experiment.key === experiment.key)!;
    expect(item.references).toMatchObject({ scanned: true, count: 2 });
    expect(item.references.locations.map((l) => `${l.path}:${l.line}`)).toEqual(["src/checkout-0.ts:10", "src/checkout-1.ts:11"]);
    expect(item.actions).toEqual([{ kind: "link", label: "Remove 2 code references", href: `/flags/${flag.key}#code-references` }]);

    await scan(flag.key, 0); // another repository: still 2 references in the first
    await getDb().codeReferenceScan.deleteMany({ where: { references: { some: { flagKey: flag.key } } } });
    item = (await cleanupOverview(as(author))).tasks.find((t) => t.experiment.key === experiment.key)!;
    expect(item.actions).toEqual([{ kind: "archive", flagKey: flag.key }]);

    await archiveFlag(as(author), { flagKey: flag.key });
    expect((await cleanupOverview(as(author))).tasks.some((t) => t.experiment.key === experiment.key)).toBe(false);
    expect(await getDb().cleanupTask.findUniqueOrThrow({ where: { experimentId: experiment.id } })).toMatchObject({ state: "done", completion: `Flag “${flag.key}” archived.` });
    expect((await findExperimentByKey(getDb(), experiment.key))!.state).toBe("cleaned_up");
    expect(await auditActions(experiment.key)).toEqual(expect.arrayContaining(["cleanup.task.completed", "experiment.cleaned_up"]));
  });

  it("a ship's task names the winning variation; the due date follows the workspace setting", async () => {
    await updateWorkspaceSettings(as(admin), { ...WORKSPACE_SETTING_DEFAULTS, cleanupTaskDueDays: 3 });
    const { experiment, flag } = await running();
    const decidedAt = new Date();
    await runLifecycleAction(as(admin, decidedAt), {
      action: "stop",
      key: experiment.key,
      decision: "ship",
      winningVariation: "on",
      overrideReason: "Measured offline by the data team.",
      ...stopAs,
    });
    const item = (await cleanupOverview(as(author))).tasks.find((t) => t.experiment.key === experiment.key)!;
    expect(item.instructions).toBe(`Make “on” the default in code, remove the checks of “${flag.key}”, re-scan, then archive the flag.`);
    expect(item.dueAt.toISOString()).toBe(addDays(decidedAt, 3).toISOString());
    // four days later it is overdue
    const later = (await cleanupOverview(as(author, addDays(decidedAt, 4)))).tasks.find((t) => t.experiment.key === experiment.key)!;
    expect(later).toMatchObject({ overdue: true, dueLabel: "overdue by 1 day", ageDays: 4 });
    await updateWorkspaceSettings(as(admin), WORKSPACE_SETTING_DEFAULTS);
  });

  it("an iterate's task points at the redesign and is done when the redesign launches", async () => {
    const { experiment } = await running();
    const decided = await runLifecycleAction(as(author), { action: "stop", key: experiment.key, decision: "iterate", ...stopAs });
    const redesignKey = decided.iterations[0]!.key;
    const item = (await cleanupOverview(as(author))).tasks.find((t) => t.experiment.key === experiment.key)!;
    expect(item.actions).toEqual([{ kind: "link", label: `Open redesign “${redesignKey}”`, href: `/experiments/${redesignKey}` }]);

    const redesign = (await findExperimentByKey(getDb(), redesignKey))!;
    const approved = await runLifecycleAction(as(author), { action: "submit", key: redesignKey, designVersion: redesign.designVersion });
    await runLifecycleAction(as(author), { action: "launch", key: redesignKey, designVersion: approved.designVersion, exposurePercentage: 5 });
    expect(await getDb().cleanupTask.findUniqueOrThrow({ where: { experimentId: experiment.id } })).toMatchObject({ state: "done", completion: `Redesign “${redesignKey}” launched.` });
    expect((await findExperimentByKey(getDb(), experiment.key))!.state).toBe("cleaned_up");
  });
});

describe("expiry enforcement", () => {
  it("an expired flag keeps serving but cannot be turned on, ramped up or used in a new experiment until its expiry is extended", async () => {
    const created = new Date();
    const flag = await makeFlag(author, { expiresAt: addDays(created, 10).toISOString() });
    await updateFlagEnvironment(as(author), { flagKey: flag.key, environmentKey: "staging", enabled: true, rolloutPercentage: 20 });
    const expired = addDays(created, 11);
    const at = as(author, expired);

    const rampUp = await rejection(updateFlagEnvironment(at, { flagKey: flag.key, environmentKey: "staging", rolloutPercentage: 50 }));
    expect(rampUp.code).toBe("PRECONDITION_FAILED");
    expect(rampUp.message).toMatch(new RegExp(`^Flag “${flag.key}” expired on \\d{4}-\\d{2}-\\d{2} and is overdue for cleanup: it keeps serving what it serves, but cannot be ramped up\\.`));
    const turnOn = await rejection(updateFlagEnvironment(at, { flagKey: flag.key, environmentKey: "production", enabled: true }));
    expect(turnOn.message).toMatch(/cannot be turned on/);
    const joined = await rejection(createExperiment(at, { key: uniqueKey("exp"), name: "Late test", type: "ab_test", flagKey: flag.key, environmentKey: "staging" }));
    expect(joined.fieldErrors?.flagKey?.[0]).toMatch(/cannot join a new experiment/);
    expect(await getDb().flagEnvironmentConfig.findFirst({ where: { flagId: flag.id, environment: { key: "staging" } } })).toMatchObject({ enabled: true, rolloutPercentage: 20 });

    // turning it down or off stays allowed
    await updateFlagEnvironment(at, { flagKey: flag.key, environmentKey: "staging", rolloutPercentage: 10 });

    const overview = await cleanupOverview(at);
    expect(overview.expired.find((f) => f.key === flag.key)).toMatchObject({ list: "expired", owner: { id: author.id }, ageDays: 11 });

    await extendFlagExpiry(at, { flagKey: flag.key, expiresAt: addDays(expired, 20).toISOString(), reason: "Rollout finishing next sprint." });
    await updateFlagEnvironment(at, { flagKey: flag.key, environmentKey: "staging", rolloutPercentage: 50 });
    expect((await cleanupOverview(at)).expired.some((f) => f.key === flag.key)).toBe(false);
  });

  it("a running experiment on an expired flag cannot ramp; it can still be paused and decided", async () => {
    const { experiment, flag } = await running();
    const expired = addDays(flag.expiresAt, 1);
    const ramp = await rejection(runLifecycleAction(as(author, expired), { action: "change_exposure", key: experiment.key, exposurePercentage: 10 }));
    expect(ramp.message).toMatch(/overdue for cleanup: it keeps serving what it serves, but cannot be ramped/);
    const view = await experimentView(as(author, expired), experiment.key);
    expect(view.flagOverdue).toMatch(/overdue/);
    expect(view.actions.find((a) => a.action === "change_exposure")).toMatchObject({ allowed: false });
    await runLifecycleAction(as(author, expired), { action: "pause", key: experiment.key, reason: "" });
    const resume = await rejection(runLifecycleAction(as(author, expired), { action: "resume", key: experiment.key, reason: "" }));
    expect(resume.message).toMatch(/cannot be launched in an experiment or resumed/);
    await runLifecycleAction(as(author, expired), { action: "stop", key: experiment.key, decision: "kill", ...stopAs });
  });
});

describe("the Cleanup page's flag lists", () => {
  it("lists flags expiring within 7 days, and flags nobody evaluated for 30 days", async () => {
    const now = new Date();
    const soon = await makeFlag(author, { expiresAt: addDays(now, 5).toISOString() });
    const quiet = await makeFlag(author, { expiresAt: addDays(now, 80).toISOString() });
    const busy = await makeFlag(author, { expiresAt: addDays(now, 80).toISOString() });
    const overview = await cleanupOverview(as(author, now));
    expect(overview.expiringSoon.find((f) => f.key === soon.key)).toMatchObject({ list: "expiring_soon" });
    expect(overview.expiringSoon.find((f) => f.key === soon.key)!.actions.map((a) => (a.kind === "link" ? a.label : a.kind))).toEqual(["Scan the code", "Extend expiry"]);
    expect(overview.unused.some((f) => f.key === quiet.key)).toBe(false); // too young to judge

    const monthLater = addDays(now, 31);
    await recordFlagEvaluations(getDb(), [{ flagKey: busy.key, environmentKey: "production", at: addDays(now, 25) }]);
    const later = await cleanupOverview(as(author, monthLater));
    expect(later.unused.find((f) => f.key === quiet.key)).toMatchObject({ list: "unused", lastEvaluatedAt: null, ageDays: 31 });
    expect(later.unused.some((f) => f.key === busy.key)).toBe(false);
    expect(later.expired.find((f) => f.key === soon.key)).toBeDefined();
  });
});
