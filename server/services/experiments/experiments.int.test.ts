import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { findFlagByKey } from "../../db/flags";
import { findSnapshot } from "../../db/snapshots";
import type { Snapshot } from "../../core/evaluation/snapshot-format";
import { actorFor, ensureDefaultEnvironments, ensureTestMetrics, experimentContent, makeExperiment, makeFlag, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { createExperiment } from "./create-experiment";
import { updateExperiment } from "./update-experiment";
import { runLifecycleAction } from "./run-lifecycle-action";
import { decideApproval } from "./decide-approval";
import { experimentView } from "./experiment-view";
import { approvalQueue } from "./read-experiments";
import { updateFlagEnvironment } from "../flags/update-flag-environment";
import { saveGuardrailRules } from "../guardrails/update-experiment-guardrails";
import { archiveFlag } from "../flags/archive-flag";

type Member = Awaited<ReturnType<typeof makeMember>>;
let author: Member;
let pricingApprover: Member;
let securityReviewer: Member;
let admin: Member;

beforeAll(async () => {
  await ensureDefaultEnvironments();
  await ensureTestMetrics();
  author = await makeMember(["experimenter"], "growth");
  pricingApprover = await makeMember(["pricing_approver"]);
  securityReviewer = await makeMember(["security_reviewer"]);
  admin = await makeMember(["admin"]);
});

const as = (member: Member) => serviceContext(actorFor(member));
/** The member acting `minutes` from now: past a ramp step's minimum time (60 min by default). */
const later = (member: Member, minutes: number) => serviceContext(actorFor(member), { now: () => new Date(Date.now() + minutes * 60_000) });

async function stagingConfig(flagKey: string) {
  const flag = await findFlagByKey(getDb(), flagKey);
  return flag!.environments.find((e) => e.environmentKey === "staging")!;
}

async function stagingSnapshot(): Promise<Snapshot> {
  const env = await getDb().environment.findUnique({ where: { key: "staging" } });
  return JSON.parse((await findSnapshot(getDb(), env!.id))!.payload) as Snapshot;
}

async function experimentActions(key: string) {
  const { entries } = await findAuditEntries(getDb(), { entityType: "experiment", entityKey: key, limit: 50 });
  return entries.map((e) => e.action).reverse();
}

describe("authoring", () => {
  it("refuses a security/auth experiment at once, naming the rule", async () => {
    const flag = await makeFlag(author);
    const error = await rejection(createExperiment(as(author), { key: uniqueKey("exp"), name: "New login", type: "security_auth", flagKey: flag.key, environmentKey: "staging" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.fieldErrors.type?.[0]).toMatch(/never allowed/);
  });

  it("starts a draft prefilled from the flag, in the author's team, audited", async () => {
    const flag = await makeFlag(author);
    const key = uniqueKey("exp");
    const draft = await createExperiment(as(author), { key, name: "Copy", type: "ux_copy", flagKey: flag.key, environmentKey: "staging" });
    expect(draft).toMatchObject({ state: "draft", designVersion: 1, content: { team: "growth", design: { controlVariation: "off", weights: { off: 50, on: 50 } } } });
    expect(await experimentActions(key)).toEqual(["experiment.created"]);
    const duplicate = await rejection(createExperiment(as(author), { key, name: "Again", type: "ab_test", flagKey: flag.key, environmentKey: "staging" }));
    expect(duplicate.fieldErrors.key?.[0]).toMatch(/already exists/);
  });

  it("refuses designs that break the rules, each naming its field, and writes nothing", async () => {
    const { experiment, flag } = await makeExperiment(author);
    const base = experimentContent(flag.key);
    const save = (content: typeof base) => rejection(updateExperiment(as(author), { key: experiment.key, designVersion: experiment.designVersion, content }));

    expect((await save({ ...base, design: { ...base.design!, weights: { off: 60, on: 30 } } })).fieldErrors["design.weights"]).toEqual([
      "Weights must sum to 100 % (they sum to 90 %).",
    ]);
    expect((await save({ ...base, design: { ...base.design!, plannedDurationDays: 45 } })).fieldErrors["design.plannedDurationDays"]?.[0]).toMatch(
      /long-running experiments are prohibited \(the workspace maximum is 30 days\)/,
    );
    expect((await save({ ...base, hypothesis: { ...base.hypothesis!, successMetrics: ["no-such-metric"] } })).fieldErrors["hypothesis.successMetrics"]?.[0]).toMatch(
      /Unknown metric: no-such-metric/,
    );
    expect((await save({ ...base, design: { ...base.design!, controlVariation: "blue" } })).fieldErrors["design.controlVariation"]?.[0]).toMatch(/not a variation/);
    const stale = await rejection(updateExperiment(as(author), { key: experiment.key, designVersion: experiment.designVersion - 1, content: base }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/Stale design version/);
    expect((await experimentView(as(author), experiment.key)).experiment.designVersion).toBe(experiment.designVersion);
  });
});

describe("submit and launch (no approval needed)", () => {
  it("refuses an incomplete hypothesis (no hypothesis → no experiment)", async () => {
    const flag = await makeFlag(author);
    const key = uniqueKey("exp");
    const draft = await createExperiment(as(author), { key, name: "Empty", type: "ab_test", flagKey: flag.key, environmentKey: "staging" });
    const error = await rejection(runLifecycleAction(as(author), { action: "submit", key, designVersion: draft.designVersion }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toMatch(/^No hypothesis → no experiment\. Complete it first: Problem statement is required/);
  });

  it("goes straight to approved, launches at ≤ 5 % through the flag configuration and ramps up in steps", async () => {
    const { experiment, flag } = await makeExperiment(author);
    const submitted = await runLifecycleAction(as(author), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    expect(submitted.state).toBe("approved");

    const tooMuch = await rejection(runLifecycleAction(as(author), { action: "launch", key: experiment.key, designVersion: submitted.designVersion, exposurePercentage: 10 }));
    expect(tooMuch.message).toMatch(/at most 5 % exposure/);
    expect((await stagingConfig(flag.key)).enabled).toBe(false);

    const running = await runLifecycleAction(as(author), { action: "launch", key: experiment.key, designVersion: submitted.designVersion, exposurePercentage: 5 });
    expect(running.state).toBe("running");
    expect(running.startedAt).not.toBeNull();
    expect(await stagingConfig(flag.key)).toMatchObject({ enabled: true, rolloutPercentage: 5, weights: { off: 5000, on: 5000 } });
    const published = (await stagingSnapshot()).flags.find((f) => f.key === flag.key);
    expect(published).toMatchObject({ enabled: true, rollout: { percentage: 5 }, experiment: { key: experiment.key } });

    // only the security-signal rule: healthy without a sample (server/services/guardrails tests the metric rules)
    await saveGuardrailRules(as(author), { key: experiment.key, rules: [{ kind: "security_signal" }] });
    const early = await rejection(runLifecycleAction(as(author), { action: "change_exposure", key: experiment.key, exposurePercentage: 10 }));
    expect(early.message).toBe("Not now: The 5 % step runs at least 60 min; 60 min to go before 10 %.");
    const skip = await rejection(runLifecycleAction(later(author, 61), { action: "change_exposure", key: experiment.key, exposurePercentage: 25 }));
    expect(skip.message).toBe("Ramp one step at a time: the next step is 10 %.");
    await runLifecycleAction(later(author, 61), { action: "change_exposure", key: experiment.key, exposurePercentage: 10 });
    expect((await stagingConfig(flag.key)).rolloutPercentage).toBe(10);
    const beyond = await rejection(runLifecycleAction(as(author), { action: "change_exposure", key: experiment.key, exposurePercentage: 60 }));
    expect(beyond.message).toMatch(/planned 50 %/);
    const editRunning = await rejection(updateExperiment(as(author), { key: experiment.key, designVersion: running.designVersion, content: experimentContent(flag.key, { name: "Renamed", team: "growth" }) }));
    expect(editRunning.message).toMatch(/cannot be edited/);

    expect(await experimentActions(experiment.key)).toEqual([
      "experiment.created",
      "experiment.updated",
      "experiment.submitted",
      "experiment.launched",
      "experiment.guardrails_updated",
      "experiment.exposure_changed",
    ]);
    const flagLog = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 5 });
    expect(flagLog.entries[0]).toMatchObject({ action: "flag.environment.updated_by_experiment", after: { experiment: experiment.key } });
  });

  it("allows one running experiment per flag (one variable at a time)", async () => {
    const { experiment, flag } = await makeExperiment(author);
    const approved = await runLifecycleAction(as(author), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    await runLifecycleAction(as(author), { action: "launch", key: experiment.key, designVersion: approved.designVersion, exposurePercentage: 5 });

    const secondKey = uniqueKey("exp");
    const draft = await createExperiment(as(author), { key: secondKey, name: "Second", type: "ab_test", flagKey: flag.key, environmentKey: "production" });
    const second = await updateExperiment(as(author), { key: secondKey, designVersion: draft.designVersion, content: experimentContent(flag.key, { environmentKey: "production" }) });
    const secondApproved = await runLifecycleAction(as(author), { action: "submit", key: secondKey, designVersion: second.designVersion });
    const refused = await rejection(runLifecycleAction(as(author), { action: "launch", key: secondKey, designVersion: secondApproved.designVersion, exposurePercentage: 5 }));
    expect(refused.message).toBe(`The flag is already in running experiment “${experiment.key}”: one variable at a time.`);
  });
});

describe("pricing approval", () => {
  it("needs a pricing approver (four eyes), binds the approval to the design version, and voids it on edit", async () => {
    const { experiment, flag } = await makeExperiment(author, { type: "pricing" });
    const inReview = await runLifecycleAction(as(author), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    expect(inReview.state).toBe("in_review");
    const request = inReview.approvals[0]!;
    expect(request).toMatchObject({ kind: "pricing", status: "pending", designVersion: inReview.designVersion });

    const early = await rejection(runLifecycleAction(as(author), { action: "launch", key: experiment.key, designVersion: inReview.designVersion, exposurePercentage: 5 }));
    expect(early.message).toBe("It cannot launch while approvals are pending.");

    const selfApprover = await makeMember(["experimenter", "pricing_approver", "admin"], "growth");
    const ownKey = (await makeExperiment(selfApprover, { type: "pricing" })).experiment;
    const ownSubmitted = await runLifecycleAction(as(selfApprover), { action: "submit", key: ownKey.key, designVersion: ownKey.designVersion });
    const own = await rejection(decideApproval(as(selfApprover), { approvalId: ownSubmitted.approvals[0]!.id, decision: "approve", designVersion: ownSubmitted.designVersion }));
    expect(own.message).toMatch(/^Four eyes/);

    const notReviewer = await rejection(decideApproval(as(admin), { approvalId: request.id, decision: "approve", designVersion: inReview.designVersion }));
    expect(notReviewer.code).toBe("FORBIDDEN");

    const queue = await approvalQueue(as(pricingApprover));
    expect(queue.items.map((i) => i.approval.id)).toContain(request.id);

    const approved = await decideApproval(as(pricingApprover), { approvalId: request.id, decision: "approve", designVersion: inReview.designVersion, comment: "Within the discount policy." });
    expect(approved.state).toBe("approved");

    // Editing the design voids the approval and returns the experiment to review.
    const edited = await updateExperiment(as(author), {
      key: experiment.key,
      designVersion: approved.designVersion,
      content: experimentContent(flag.key, { type: "pricing", team: "growth", design: { ...experimentContent(flag.key).design!, weights: { off: 40, on: 60 } } }),
    });
    expect(edited.state).toBe("in_review");
    expect(edited.designVersion).toBe(approved.designVersion + 1);
    expect(edited.approvals.map((a) => [a.status, a.designVersion])).toEqual([
      ["pending", edited.designVersion],
      ["void", approved.designVersion],
    ]);
    const voided = await rejection(decideApproval(as(pricingApprover), { approvalId: request.id, decision: "approve", designVersion: approved.designVersion }));
    expect(voided.message).toMatch(/voided by a later edit/);
    const stale = await rejection(decideApproval(as(pricingApprover), { approvalId: edited.approvals[0]!.id, decision: "approve", designVersion: approved.designVersion }));
    expect(stale.message).toMatch(/Stale design version/);
    const queued = (await approvalQueue(as(pricingApprover))).items.find((i) => i.approval.id === edited.approvals[0]!.id);
    expect(queued?.sinceLastApproval?.changes).toEqual([
      { field: "design.weights", label: "Variations and weights", before: "off 50 % (control), on 50 %", after: "off 40 % (control), on 60 %" },
    ]);

    const reapproved = await decideApproval(as(pricingApprover), { approvalId: edited.approvals[0]!.id, decision: "approve", designVersion: edited.designVersion });
    const running = await runLifecycleAction(as(author), { action: "launch", key: experiment.key, designVersion: reapproved.designVersion, exposurePercentage: 5 });
    expect(running.state).toBe("running");
    expect(await stagingConfig(flag.key)).toMatchObject({ enabled: true, rolloutPercentage: 5, weights: { off: 4000, on: 6000 } });
  });

  it("a rejection needs a comment and sends the experiment back to draft", async () => {
    const { experiment } = await makeExperiment(author, { sensitivity: { affectsBilling: true, confirmsNoSecurityChange: true } });
    const inReview = await runLifecycleAction(as(author), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    expect(inReview.approvals.map((a) => a.kind).sort()).toEqual(["pricing", "security"]);
    const pricing = inReview.approvals.find((a) => a.kind === "pricing")!;
    const noComment = await rejection(decideApproval(as(pricingApprover), { approvalId: pricing.id, decision: "reject", designVersion: inReview.designVersion, comment: " " }));
    expect(noComment.fieldErrors.comment?.[0]).toMatch(/needs a comment/);
    const rejected = await decideApproval(as(pricingApprover), { approvalId: pricing.id, decision: "reject", designVersion: inReview.designVersion, comment: "Cap the discount at 10 %." });
    expect(rejected.state).toBe("draft");
    expect(rejected.approvals.find((a) => a.kind === "security")?.status).toBe("void");
  });
});

describe("security sign-off and forbidden declarations", () => {
  it("waits for a security reviewer when personal data is touched", async () => {
    const { experiment } = await makeExperiment(author, { sensitivity: { touchesPersonalData: true, confirmsNoSecurityChange: true } });
    const inReview = await runLifecycleAction(as(author), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    expect(inReview.approvals.map((a) => a.kind)).toEqual(["security"]);
    const view = await experimentView(as(author), experiment.key);
    expect(view.policySummary).toBe("Needs a security sign-off before launch.");
    expect(view.actions.find((a) => a.action === "launch")).toMatchObject({ allowed: false, reason: "It cannot launch while approvals are pending." });
    const signed = await decideApproval(as(securityReviewer), { approvalId: inReview.approvals[0]!.id, decision: "approve", designVersion: inReview.designVersion });
    expect(signed.state).toBe("approved");
  });

  it("refuses to submit an experiment declared to alter auth/session logic", async () => {
    const { experiment } = await makeExperiment(author, { sensitivity: { altersAuthSession: true, confirmsNoSecurityChange: true } });
    const error = await rejection(runLifecycleAction(as(author), { action: "submit", key: experiment.key, designVersion: experiment.designVersion }));
    expect(error.message).toBe("Experiments must never alter authentication or session logic.");
  });
});

describe("control and decision", () => {
  async function runningExperiment() {
    const made = await makeExperiment(author);
    const approved = await runLifecycleAction(as(author), { action: "submit", key: made.experiment.key, designVersion: made.experiment.designVersion });
    await runLifecycleAction(as(author), { action: "launch", key: made.experiment.key, designVersion: approved.designVersion, exposurePercentage: 5 });
    await saveGuardrailRules(as(author), { key: made.experiment.key, rules: [{ kind: "security_signal" }] });
    return made;
  }

  it("only the owning team acts, but any experimenter can disable it at once", async () => {
    const { experiment, flag } = await runningExperiment();
    const outsider = await makeMember(["experimenter"], "billing");
    const refused = await rejection(runLifecycleAction(as(outsider), { action: "change_exposure", key: experiment.key, exposurePercentage: 10 }));
    expect(refused.message).toBe("Only experimenters of the owning team, or admins, can change this experiment.");
    const teammate = await makeMember(["experimenter"], "growth");
    await runLifecycleAction(later(teammate, 61), { action: "change_exposure", key: experiment.key, exposurePercentage: 10 });

    const aborted = await runLifecycleAction(as(outsider), { action: "disable", key: experiment.key, reason: "" });
    expect(aborted).toMatchObject({ state: "aborted", abortReason: `Disabled by ${outsider.email}.` });
    expect((await stagingConfig(flag.key)).enabled).toBe(false);
    expect((await stagingSnapshot()).flags.find((f) => f.key === flag.key)).toMatchObject({ enabled: false, experiment: null });
  });

  it("the flag page cannot raise a running experiment's exposure; turning the flag off aborts the experiment", async () => {
    const { experiment, flag } = await runningExperiment();
    const raise = await rejection(updateFlagEnvironment(as(author), { flagKey: flag.key, environmentKey: "staging", rolloutPercentage: 100 }));
    expect(raise.message).toMatch(/change its exposure on the experiment page/);
    await updateFlagEnvironment(as(author), { flagKey: flag.key, environmentKey: "staging", enabled: false });
    expect((await experimentView(as(author), experiment.key)).experiment).toMatchObject({ state: "aborted", abortReason: `Flag turned off in Staging by ${author.email}.` });
  });

  it("pauses and resumes through the flag", async () => {
    const { experiment, flag } = await runningExperiment();
    await runLifecycleAction(as(author), { action: "pause", key: experiment.key, reason: "" });
    expect((await stagingConfig(flag.key)).enabled).toBe(false);
    await runLifecycleAction(as(author), { action: "resume", key: experiment.key, reason: "" });
    expect(await stagingConfig(flag.key)).toMatchObject({ enabled: true, rolloutPercentage: 5 });
  });

  it("refuses to ship without measurement unless an admin records an override; kill turns the flag off", async () => {
    const shipped = await runningExperiment();
    const stop = { action: "stop" as const, key: shipped.experiment.key, decision: "ship" as const, winningVariation: "on", rationale: "The variant clearly helps.", outcome: "Checkout conversion up." };
    expect((await rejection(runLifecycleAction(as(author), stop))).message).toMatch(/^Shipping without measurement is prohibited/);
    expect((await rejection(runLifecycleAction(as(author), { ...stop, overrideReason: "Deadline" }))).message).toBe("Only an admin can override the measurement rule to ship.");
    const decided = await runLifecycleAction(as(admin), { ...stop, overrideReason: "Regulator deadline; measured offline." });
    expect(decided).toMatchObject({ state: "stopped", decision: "ship", measurementOverrideReason: "Regulator deadline; measured offline." });
    expect(await stagingConfig(shipped.flag.key)).toMatchObject({ enabled: true, rolloutPercentage: 100, weights: { on: 10000 } });

    const killed = await runningExperiment();
    await runLifecycleAction(as(author), { ...stop, key: killed.experiment.key, decision: "kill", winningVariation: undefined });
    expect((await stagingConfig(killed.flag.key)).enabled).toBe(false);
    const cleanUp = { action: "clean_up" as const, key: killed.experiment.key, reason: "Code removed in PR 42" };
    expect((await rejection(runLifecycleAction(as(author), cleanUp))).message).toMatch(/archive the flag \(after a scan shows no references\)/);
    await archiveFlag(as(admin), { flagKey: killed.flag.key, overrideReason: "Code removed in PR 42, scan pending." });
    expect((await experimentView(as(author), killed.experiment.key)).experiment.state).toBe("cleaned_up");
  });

  it("iterate stops the experiment and opens a linked redesign draft with the same document", async () => {
    const { experiment, flag } = await runningExperiment();
    const decided = await runLifecycleAction(as(author), { action: "stop", key: experiment.key, decision: "iterate", rationale: "The copy confused mobile users.", outcome: "Learnt that shorter copy matters." });
    expect(decided.iterations).toEqual([{ key: `${experiment.key}-r2`, name: experiment.content.name, state: "draft" }]);
    expect((await stagingConfig(flag.key)).enabled).toBe(false);
    const redesign = (await experimentView(as(author), `${experiment.key}-r2`)).experiment;
    expect(redesign).toMatchObject({ state: "draft", iteratedFrom: { key: experiment.key }, content: { hypothesis: experiment.content.hypothesis, design: experiment.content.design } });
  });
});
