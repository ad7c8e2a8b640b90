import type { ApprovalKind, ApprovalStatus, Decision, ExperimentState } from "./experiment-types";
import { manualCleanupVerdict } from "../cleanup/cleanup-tasks";
import { MAX_LAUNCH_EXPOSURE } from "./experiment-types";
import type { ContentProblem } from "./experiment-content";
import { requiredApprovalKinds, type Policy } from "./policy";
import type { RampReadiness } from "../guardrails/ramp";

/** What people do to an experiment. Approve/reject happen in the approval queue (see approvals.ts). */
export const LIFECYCLE_ACTIONS = [
  "edit",
  "submit",
  "withdraw",
  "launch",
  "change_exposure",
  "pause",
  "resume",
  "disable",
  "stop",
  "clean_up",
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export const LIFECYCLE_ACTION_LABELS: Record<LifecycleAction, string> = {
  edit: "Edit",
  submit: "Submit for review",
  withdraw: "Withdraw from review",
  launch: "Launch",
  change_exposure: "Increase exposure",
  pause: "Pause",
  resume: "Resume",
  disable: "Disable now",
  stop: "Stop and decide",
  clean_up: "Mark cleaned up",
};

/** Measurement that allows a "ship" decision (comes from the analysis of the experiment's events). */
export type Measurement = { measured: true } | { measured: false; reason: string };

/** Everything the guards look at. The service gathers it; the decision is pure. */
export type LifecycleFacts = {
  state: ExperimentState;
  problems: readonly ContentProblem[];
  policy: Policy;
  /** status of the newest request of each kind for the *current* design version ("none": never requested) */
  approvals: Partial<Record<ApprovalKind, ApprovalStatus | "none">>;
  /** experimenter of the owning team, or admin */
  actorMayAct: boolean;
  /** any experimenter or admin may disable at once (PHASE-42: "at any anomaly → disable immediately") */
  actorMayDisable: boolean;
  /** admins may override the measurement rule of "ship", with a reason */
  actorIsAdmin: boolean;
  /** key of another running/paused experiment on the same flag, if any */
  flagTakenBy: string | null;
  currentExposure: number;
  plannedExposure: number;
  measurement: Measurement;
  /** running experiments: whether the next ramp step may be taken now (minimum time, healthy guardrails); null otherwise */
  ramp: RampReadiness | null;
  /** the experiment's flag: an expired (overdue) flag is not ramped and joins no experiment; `overdue` is the refusal's reason */
  flag: { key: string; archived: boolean; overdue: string | null };
  /** the decision of a stopped experiment */
  decision: Decision | null;
};

/** Action-specific input the guards check. */
export type ActionInput =
  | { action: "edit" | "submit" | "withdraw" | "pause" | "resume" | "disable" | "clean_up" }
  | { action: "launch"; exposurePercentage: number }
  | { action: "change_exposure"; exposurePercentage: number }
  | { action: "stop"; decision: Decision; overrideReason?: string };

export type Verdict = { ok: true; next: ExperimentState } | { ok: false; reason: string };

const refuse = (reason: string): Verdict => ({ ok: false, reason });

/** The state after a content edit or a submission: review when approvals are needed, else approved. */
export function reviewStateFor(facts: Pick<LifecycleFacts, "policy" | "problems">): ExperimentState {
  if (facts.policy.verdict === "forbidden" || facts.problems.length > 0) return "draft";
  return requiredApprovalKinds(facts.policy).length > 0 ? "in_review" : "approved";
}

/** Whether every approval the policy requires is granted for the current design version. */
export function missingApprovals(facts: Pick<LifecycleFacts, "policy" | "approvals">): ApprovalKind[] {
  return requiredApprovalKinds(facts.policy).filter((kind) => facts.approvals[kind] !== "approved");
}

/**
 * The state machine with its guards: may this action happen now, and what state follows?
 * Every refusal names the rule, so the UI can say why a button is not offered.
 */
export function decide(facts: LifecycleFacts, input: ActionInput): Verdict {
  const { state } = facts;
  const actor = input.action === "disable" ? facts.actorMayDisable : facts.actorMayAct;
  if (!actor) {
    return refuse(
      input.action === "disable"
        ? "Only experimenters and admins can disable an experiment."
        : "Only experimenters of the owning team, or admins, can change this experiment.",
    );
  }
  switch (input.action) {
    case "edit":
      if (state === "draft") return { ok: true, next: "draft" };
      if (state === "in_review" || state === "approved") return { ok: true, next: reviewStateFor(facts) };
      return refuse(`A ${state.replace("_", " ")} experiment cannot be edited: changing a design under way would reshuffle users. Stop it and iterate instead.`);
    case "submit": {
      if (state !== "draft") return refuse("Only a draft can be submitted for review.");
      if (facts.policy.verdict === "forbidden") return refuse(facts.policy.reasons.map((r) => r.explanation).join(" "));
      if (facts.problems.length > 0) {
        return refuse(`No hypothesis → no experiment. Complete it first: ${facts.problems.map((p) => p.message).join(" ")}`);
      }
      return { ok: true, next: reviewStateFor(facts) };
    }
    case "withdraw":
      if (state !== "in_review" && state !== "approved") return refuse("Only an experiment in review or approved can go back to draft.");
      return { ok: true, next: "draft" };
    case "launch": {
      if (state !== "approved") {
        return refuse(state === "in_review" ? "It cannot launch while approvals are pending." : "Only an approved experiment can launch.");
      }
      if (facts.policy.verdict === "forbidden") return refuse(facts.policy.reasons.map((r) => r.explanation).join(" "));
      if (facts.problems.length > 0) return refuse(`Complete the experiment first: ${facts.problems.map((p) => p.message).join(" ")}`);
      const missing = missingApprovals(facts);
      if (missing.length > 0) {
        return refuse(`Approvals for the current design version are missing: ${missing.join(", ")}. Request them again.`);
      }
      if (facts.flagTakenBy) {
        return refuse(`The flag is already in running experiment “${facts.flagTakenBy}”: one variable at a time.`);
      }
      if (!(input.exposurePercentage > 0)) return refuse("Launch exposure must be more than 0 %.");
      if (input.exposurePercentage > MAX_LAUNCH_EXPOSURE) {
        return refuse(`Launches start with at most ${MAX_LAUNCH_EXPOSURE} % exposure (PHASE-42); ramp up after it proves healthy.`);
      }
      if (input.exposurePercentage > facts.plannedExposure) {
        return refuse(`Launch exposure cannot exceed the planned ${facts.plannedExposure} %.`);
      }
      if (facts.flag.overdue) return refuse(facts.flag.overdue);
      return { ok: true, next: "running" };
    }
    case "change_exposure":
      if (state !== "running") return refuse("Exposure changes only while the experiment is running.");
      if (input.exposurePercentage <= facts.currentExposure) {
        return refuse(`Exposure only grows (now ${facts.currentExposure} %): to stop exposing users, pause or disable the experiment.`);
      }
      if (input.exposurePercentage > facts.plannedExposure) {
        return refuse(`Exposure cannot exceed the planned ${facts.plannedExposure} % of the approved design.`);
      }
      if (facts.flag.overdue) return refuse(facts.flag.overdue);
      if (facts.ramp) {
        if (!facts.ramp.ready) return refuse(`Not now: ${facts.ramp.reason}`);
        if (input.exposurePercentage > facts.ramp.next) return refuse(`Ramp one step at a time: the next step is ${facts.ramp.next} %.`);
      }
      return { ok: true, next: "running" };
    case "pause":
      if (state !== "running") return refuse("Only a running experiment can be paused.");
      return { ok: true, next: "paused" };
    case "resume":
      if (state !== "paused") return refuse("Only a paused experiment can resume.");
      if (facts.flagTakenBy) return refuse(`The flag is now in running experiment “${facts.flagTakenBy}”.`);
      if (facts.flag.overdue) return refuse(facts.flag.overdue);
      return { ok: true, next: "running" };
    case "disable":
      if (state !== "running" && state !== "paused") return refuse("Only a running or paused experiment can be disabled.");
      return { ok: true, next: "aborted" };
    case "stop": {
      if (state !== "running" && state !== "paused" && state !== "aborted") {
        return refuse("Only a running, paused or aborted experiment can be stopped with a decision.");
      }
      if (input.decision === "ship") {
        if (state === "aborted") return refuse("An aborted experiment cannot ship: decide iterate or kill.");
        if (!facts.measurement.measured) {
          if (!input.overrideReason?.trim()) {
            return refuse(`Shipping without measurement is prohibited: ${facts.measurement.reason} An admin may record an override with a reason.`);
          }
          if (!facts.actorIsAdmin) return refuse("Only an admin can override the measurement rule to ship.");
        }
      }
      return { ok: true, next: "stopped" };
    }
    case "clean_up": {
      if (state !== "stopped") return refuse("Only a stopped (decided) experiment can be marked cleaned up.");
      const verdict = manualCleanupVerdict(facts.decision, facts.flag);
      return verdict.ok ? { ok: true, next: "cleaned_up" } : refuse(verdict.reason);
    }
    default: {
      const exhaustive: never = input;
      return exhaustive;
    }
  }
}

/** Who may act: admins always; experimenters when they own the experiment or share its team. */
export function mayActOn(
  actor: { id: string | null; roles: readonly string[]; team: string },
  experiment: { ownerId: string; team: string },
): boolean {
  if (actor.roles.includes("admin")) return true;
  if (!actor.roles.includes("experimenter")) return false;
  if (actor.id !== null && actor.id === experiment.ownerId) return true;
  return experiment.team !== "" && actor.team === experiment.team;
}

export function mayDisable(actor: { roles: readonly string[] }): boolean {
  return actor.roles.includes("admin") || actor.roles.includes("experimenter");
}
