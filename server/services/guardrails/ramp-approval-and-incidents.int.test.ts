/**
 * The pricing ramp gate (a fresh pricing approval to ramp beyond the admins' threshold), the
 * admins' incident switch (pause every experiment of an environment) and the environment's
 * reliability budget, on a real database through the services.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor, ensureDefaultEnvironments, makeExperiment, makeMember, makeRunningExperiment, serviceContext } from "../../../prisma/factories";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { findEnvironmentByKey } from "../../db/environments";
import { findExperimentByKey } from "../../db/experiments";
import { environmentGuardrailsFromStored } from "../../core/guardrails/environment-guardrails";
import { rejection } from "../../test/rejection";
import { decideApproval } from "../experiments/decide-approval";
import { runLifecycleAction } from "../experiments/run-lifecycle-action";
import { updateEnvironmentReliability } from "../environments/update-environment-reliability";
import { pauseAllExperiments } from "./pause-environment";
import { requestRampApproval } from "./request-ramp-approval";
import { saveGuardrailRules, saveRampPlan } from "./update-experiment-guardrails";

type Member = Awaited<ReturnType<typeof makeMember>>;
let owner: Member;
let pricingApprover: Member;
let admin: Member;
const as = (member: Member) => serviceContext(actorFor(member));

beforeAll(async () => {
  await ensureDefaultEnvironments();
  owner = await makeMember(["experimenter"], "growth");
  pricingApprover = await makeMember(["pricing_approver"]);
  admin = await makeMember(["admin"]);
});

describe("ramping a pricing experiment", () => {
  it("needs a fresh pricing approval, asked while it runs, to go beyond the threshold", async () => {
    const { experiment } = await makeExperiment(owner, { type: "pricing", team: "growth" });
    const submitted = await runLifecycleAction(as(owner), { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
    const launchApproval = submitted.approvals.find((a) => a.kind === "pricing")!;
    await decideApproval(as(pricingApprover), { approvalId: launchApproval.id, decision: "approve", designVersion: submitted.designVersion, comment: "" });
    await runLifecycleAction(as(owner), { action: "launch", key: experiment.key, designVersion: submitted.designVersion, exposurePercentage: 5 });
    await saveRampPlan(as(owner), { key: experiment.key, steps: [5, 10, 25], stepMinutes: 0, autoAdvance: false });
    await saveGuardrailRules(as(owner), { key: experiment.key, rules: [{ kind: "security_signal" }] });
    const ramp = (to: number) => runLifecycleAction(as(owner), { action: "change_exposure", key: experiment.key, exposurePercentage: to });

    await ramp(10);
    await ramp(25);
    expect((await rejection(ramp(50))).message).toBe("Not now: Pricing experiments need a fresh pricing approval to ramp beyond 25 %: request it from the Ramp section.");

    await requestRampApproval(as(owner), { key: experiment.key });
    expect((await rejection(requestRampApproval(as(owner), { key: experiment.key }))).message).toBe("A ramp approval is already pending.");
    expect((await rejection(ramp(50))).message).toMatch(/a pricing approver has been asked\.$/);
    const inbox = await getDb().notification.findMany({ where: { userId: pricingApprover.id, title: { startsWith: "Pricing ramp approval requested" } } });
    expect(inbox).toHaveLength(1);

    const running = (await findExperimentByKey(getDb(), experiment.key))!;
    const request = running.approvals.find((a) => a.purpose === "ramp")!;
    expect((await rejection(decideApproval(as(owner), { approvalId: request.id, decision: "approve", designVersion: running.designVersion, comment: "" }))).message).toMatch(/Only pricing approvers/);
    const decided = await decideApproval(as(pricingApprover), { approvalId: request.id, decision: "approve", designVersion: running.designVersion, comment: "Margins hold." });
    expect(decided.state).toBe("running");
    await ramp(50);
    const config = await getDb().flagEnvironmentConfig.findFirstOrThrow({ where: { flag: { key: experiment.flag.key }, environment: { key: "staging" } } });
    expect(config.rolloutPercentage).toBe(50);
  });
});

describe("the incident switch", () => {
  it("pauses every running experiment of one environment at once, audited, owners told; only admins", async () => {
    const first = await makeRunningExperiment(owner, { team: "growth" });
    const second = await makeRunningExperiment(owner, { team: "growth" });
    const refused = await rejection(pauseAllExperiments(as(owner), { environmentKey: "staging", reason: "Checkout errors" }));
    expect(refused.code).toBe("FORBIDDEN");
    expect((await rejection(pauseAllExperiments(as(admin), { environmentKey: "staging", reason: "" }))).fieldErrors.reason?.[0]).toMatch(/Reason is required/);

    const { paused } = await pauseAllExperiments(as(admin), { environmentKey: "staging", reason: "Checkout errors" });
    expect(paused).toEqual(expect.arrayContaining([first.experiment.key, second.experiment.key]));
    for (const { experiment, flag } of [first, second]) {
      expect(await findExperimentByKey(getDb(), experiment.key)).toMatchObject({ state: "paused" });
      const config = await getDb().flagEnvironmentConfig.findFirstOrThrow({ where: { flagId: flag.id, environment: { key: "staging" } } });
      expect(config.enabled).toBe(false);
    }
    const staging = (await findEnvironmentByKey(getDb(), "staging"))!;
    const { entries } = await findAuditEntries(getDb(), { entityType: "environment", entityKey: "staging", limit: 1 });
    expect(entries[0]).toMatchObject({ action: "environment.experiments_paused", entityId: staging.id, actorLabel: admin.email, after: { reason: "Checkout errors" } });
    expect(await getDb().notification.count({ where: { userId: owner.id, kind: "experiment.paused", link: `/experiments/${first.experiment.key}` } })).toBe(1);
    // nothing left to pause
    expect((await pauseAllExperiments(as(admin), { environmentKey: "staging", reason: "Again" })).paused).toEqual([]);
  });
});

describe("reliability budgets", () => {
  it("an admin sets the environment's budget; impossible values are refused naming the field, nothing written", async () => {
    const current = environmentGuardrailsFromStored((await findEnvironmentByKey(getDb(), "production"))!.reliability);
    const hundred = await rejection(updateEnvironmentReliability(as(admin), { environmentKey: "production", reliability: { ...current, slaTarget: 1 } }));
    expect(hundred.fieldErrors.slaTarget?.[0]).toMatch(/leaves no error budget/);
    const burn = await rejection(updateEnvironmentReliability(as(admin), { environmentKey: "production", reliability: { ...current, slaTarget: 0.99, burnRateThreshold: 200 } }));
    expect(burn.fieldErrors.burnRateThreshold?.[0]).toMatch(/choose at most 100/);
    expect((await findEnvironmentByKey(getDb(), "production"))!.reliability).toBe("{}");

    await updateEnvironmentReliability(as(admin), { environmentKey: "production", reliability: { ...current, slaTarget: 0.995, burnRateThreshold: 10 } });
    expect(environmentGuardrailsFromStored((await findEnvironmentByKey(getDb(), "production"))!.reliability)).toMatchObject({ slaTarget: 0.995, burnRateThreshold: 10 });
    const { entries } = await findAuditEntries(getDb(), { entityType: "environment", entityKey: "production", limit: 1 });
    expect(entries[0]).toMatchObject({ action: "environment.reliability_updated", before: { slaTarget: 0.999 }, after: { slaTarget: 0.995 } });
  });
});
