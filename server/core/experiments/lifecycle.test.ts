import { describe, expect, it } from "vitest";
import { decide, mayActOn, mayDisable, reviewStateFor, type ActionInput, type LifecycleFacts } from "./lifecycle";
import { policyFor } from "./policy";
import { NO_SENSITIVITY } from "./test-content";
import type { ExperimentState } from "./experiment-types";

const allowed = policyFor({ type: "ab_test", sensitivity: NO_SENSITIVITY });
const pricing = policyFor({ type: "pricing", sensitivity: NO_SENSITIVITY });

function facts(overrides: Partial<LifecycleFacts> = {}): LifecycleFacts {
  return {
    state: "draft",
    problems: [],
    policy: allowed,
    approvals: {},
    actorMayAct: true,
    actorMayDisable: true,
    actorIsAdmin: false,
    flagTakenBy: null,
    currentExposure: 0,
    plannedExposure: 50,
    measurement: { measured: false, reason: "No results are recorded yet." },
    ramp: null,
    flag: { key: "checkout-cta", archived: false, overdue: null },
    decision: null,
    ...overrides,
  };
}

const launch = (exposurePercentage: number): ActionInput => ({ action: "launch", exposurePercentage });
const reasonOf = (f: LifecycleFacts, input: ActionInput) => {
  const verdict = decide(f, input);
  return verdict.ok ? `ok → ${verdict.next}` : verdict.reason;
};

describe("submit", () => {
  it("goes straight to approved when the policy needs no approval", () => {
    expect(decide(facts(), { action: "submit" })).toEqual({ ok: true, next: "approved" });
  });
  it("goes to review when approvals are needed", () => {
    expect(decide(facts({ policy: pricing }), { action: "submit" })).toEqual({ ok: true, next: "in_review" });
  });
  it("refuses an incomplete hypothesis and lists what is missing", () => {
    const f = facts({ problems: [{ field: "hypothesis.rollbackPlan", message: "Rollback plan is required (at least 10 characters)." }] });
    expect(reasonOf(f, { action: "submit" })).toBe(
      "No hypothesis → no experiment. Complete it first: Rollback plan is required (at least 10 characters).",
    );
  });
  it("refuses forbidden experiments with the rule", () => {
    const f = facts({ policy: policyFor({ type: "security_auth", sensitivity: NO_SENSITIVITY }) });
    expect(reasonOf(f, { action: "submit" })).toContain("never allowed");
  });
});

describe("edit", () => {
  it("keeps a draft a draft", () => {
    expect(decide(facts(), { action: "edit" })).toEqual({ ok: true, next: "draft" });
  });
  it("sends an approved experiment back to review when approvals are needed", () => {
    expect(decide(facts({ state: "approved", policy: pricing }), { action: "edit" })).toEqual({ ok: true, next: "in_review" });
  });
  it("sends it back to draft when the edit leaves it incomplete", () => {
    const f = facts({ state: "approved", problems: [{ field: "x", message: "y" }] });
    expect(decide(f, { action: "edit" })).toEqual({ ok: true, next: "draft" });
  });
  it.each(["running", "paused", "aborted", "stopped", "cleaned_up"] as const)("refuses a %s experiment", (state) => {
    expect(reasonOf(facts({ state }), { action: "edit" })).toContain("cannot be edited");
  });
  it("is refused to people outside the owning team", () => {
    expect(reasonOf(facts({ actorMayAct: false }), { action: "edit" })).toBe(
      "Only experimenters of the owning team, or admins, can change this experiment.",
    );
  });
});

describe("launch", () => {
  const approved = facts({ state: "approved", policy: pricing, approvals: { pricing: "approved" } });
  it("launches at ≤ 5 %", () => {
    expect(decide(approved, launch(5))).toEqual({ ok: true, next: "running" });
    expect(decide(approved, launch(0.5))).toEqual({ ok: true, next: "running" });
  });
  it("refuses more than 5 % at launch", () => {
    expect(reasonOf(approved, launch(5.01))).toContain("at most 5 % exposure");
  });
  it("refuses 0 % and more than the planned exposure", () => {
    expect(reasonOf(approved, launch(0))).toBe("Launch exposure must be more than 0 %.");
    expect(reasonOf({ ...approved, plannedExposure: 2 }, launch(5))).toBe("Launch exposure cannot exceed the planned 2 %.");
  });
  it("refuses while approvals are pending, or when the current version lacks one", () => {
    expect(reasonOf({ ...approved, state: "in_review" }, launch(5))).toBe("It cannot launch while approvals are pending.");
    expect(reasonOf({ ...approved, approvals: { pricing: "void" } }, launch(5))).toContain("missing: pricing");
  });
  it("refuses a flag that is already in a running experiment (one variable at a time)", () => {
    expect(reasonOf({ ...approved, flagTakenBy: "other-test" }, launch(5))).toContain("“other-test”");
  });
  it.each(["draft", "running", "paused", "stopped"] as const)("refuses from %s", (state: ExperimentState) => {
    expect(decide({ ...approved, state }, launch(5)).ok).toBe(false);
  });
});

describe("running", () => {
  const running = facts({ state: "running", currentExposure: 5, plannedExposure: 50 });
  it("ramps up in steps up to the planned exposure", () => {
    expect(decide(running, { action: "change_exposure", exposurePercentage: 10 })).toEqual({ ok: true, next: "running" });
    expect(decide(running, { action: "change_exposure", exposurePercentage: 50 })).toEqual({ ok: true, next: "running" });
    expect(reasonOf(running, { action: "change_exposure", exposurePercentage: 60 })).toContain("planned 50 %");
    expect(reasonOf(running, { action: "change_exposure", exposurePercentage: 5 })).toContain("only grows");
  });
  it("ramps one step at a time, only when the ramp is ready", () => {
    const ready = { ...running, ramp: { ready: true as const, next: 10 } };
    expect(decide(ready, { action: "change_exposure", exposurePercentage: 10 })).toEqual({ ok: true, next: "running" });
    expect(reasonOf(ready, { action: "change_exposure", exposurePercentage: 25 })).toBe("Ramp one step at a time: the next step is 10 %.");
    const waiting = { ...running, ramp: { ready: false as const, next: 10, reason: "Guardrail breached: Error rate increase — …", readyAtMs: null } };
    expect(reasonOf(waiting, { action: "change_exposure", exposurePercentage: 10 })).toBe("Not now: Guardrail breached: Error rate increase — …");
  });
  it("pauses, resumes and disables", () => {
    expect(decide(running, { action: "pause" })).toEqual({ ok: true, next: "paused" });
    expect(decide({ ...running, state: "paused" }, { action: "resume" })).toEqual({ ok: true, next: "running" });
    expect(decide(running, { action: "disable" })).toEqual({ ok: true, next: "aborted" });
    expect(decide({ ...running, state: "paused" }, { action: "disable" })).toEqual({ ok: true, next: "aborted" });
  });
  it("lets any experimenter disable, even outside the owning team", () => {
    expect(decide({ ...running, actorMayAct: false }, { action: "disable" })).toEqual({ ok: true, next: "aborted" });
    expect(reasonOf({ ...running, actorMayDisable: false }, { action: "disable" })).toContain("Only experimenters and admins");
  });
});

describe("stop with a decision", () => {
  const running = facts({ state: "running" });
  it("kills and iterates without measurement", () => {
    expect(decide(running, { action: "stop", decision: "kill" })).toEqual({ ok: true, next: "stopped" });
    expect(decide({ ...running, state: "aborted" }, { action: "stop", decision: "iterate" })).toEqual({ ok: true, next: "stopped" });
  });
  it("refuses to ship without measurement unless an admin overrides with a reason", () => {
    expect(reasonOf(running, { action: "stop", decision: "ship" })).toContain("Shipping without measurement is prohibited");
    expect(reasonOf(running, { action: "stop", decision: "ship", overrideReason: "Legal deadline" })).toBe(
      "Only an admin can override the measurement rule to ship.",
    );
    expect(decide({ ...running, actorIsAdmin: true }, { action: "stop", decision: "ship", overrideReason: "Legal deadline" })).toEqual({
      ok: true,
      next: "stopped",
    });
    expect(decide({ ...running, measurement: { measured: true } }, { action: "stop", decision: "ship" })).toEqual({ ok: true, next: "stopped" });
  });
  it("cleans up only after a decision", () => {
    expect(decide({ ...running, state: "stopped", decision: "iterate" }, { action: "clean_up" })).toEqual({ ok: true, next: "cleaned_up" });
    expect(decide(running, { action: "clean_up" }).ok).toBe(false);
  });
  it("cleans up a ship or kill only once its flag is archived", () => {
    const killed = { ...running, state: "stopped" as const, decision: "kill" as const };
    expect(reasonOf(killed, { action: "clean_up" })).toMatch(/its flag “checkout-cta” is archived/);
    expect(reasonOf({ ...killed, decision: "ship" }, { action: "clean_up" })).toMatch(/winner is the code default/);
    expect(decide({ ...killed, flag: { ...killed.flag, archived: true } }, { action: "clean_up" })).toEqual({ ok: true, next: "cleaned_up" });
  });
});

describe("an expired (overdue) flag", () => {
  const overdue = { key: "checkout-cta", archived: false, overdue: "Flag “checkout-cta” expired on 2026-12-01 and is overdue for cleanup." };
  it("cannot launch, ramp or resume", () => {
    expect(reasonOf(facts({ state: "approved", flag: overdue }), launch(5))).toMatch(/expired on 2026-12-01/);
    expect(reasonOf(facts({ state: "running", currentExposure: 5, flag: overdue }), { action: "change_exposure", exposurePercentage: 10 })).toMatch(/overdue/);
    expect(reasonOf(facts({ state: "paused", flag: overdue }), { action: "resume" })).toMatch(/overdue/);
  });
  it("can still be paused, disabled and decided", () => {
    const f = facts({ state: "running", currentExposure: 5, flag: overdue });
    expect(decide(f, { action: "pause" }).ok).toBe(true);
    expect(decide(f, { action: "disable" }).ok).toBe(true);
    expect(decide(f, { action: "stop", decision: "kill" }).ok).toBe(true);
  });
});

describe("reviewStateFor", () => {
  it("returns draft for forbidden experiments", () => {
    expect(reviewStateFor({ policy: policyFor({ type: "security_auth", sensitivity: NO_SENSITIVITY }), problems: [] })).toBe("draft");
  });
});

describe("mayActOn / mayDisable", () => {
  const experiment = { ownerId: "u1", team: "growth" };
  it("admins always; experimenters who own it or share its team", () => {
    expect(mayActOn({ id: "x", roles: ["admin"], team: "" }, experiment)).toBe(true);
    expect(mayActOn({ id: "u1", roles: ["experimenter"], team: "" }, experiment)).toBe(true);
    expect(mayActOn({ id: "u2", roles: ["experimenter"], team: "growth" }, experiment)).toBe(true);
    expect(mayActOn({ id: "u3", roles: ["experimenter"], team: "billing" }, experiment)).toBe(false);
    expect(mayActOn({ id: "u1", roles: ["viewer"], team: "growth" }, experiment)).toBe(false);
    expect(mayActOn({ id: "u3", roles: ["experimenter"], team: "" }, { ownerId: "u1", team: "" })).toBe(false);
  });
  it("disable: any experimenter or admin", () => {
    expect(mayDisable({ roles: ["experimenter"] })).toBe(true);
    expect(mayDisable({ roles: ["pricing_approver"] })).toBe(false);
  });
});
