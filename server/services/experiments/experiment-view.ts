import { estimateDesign, type DesignEstimate } from "../../core/experiments/design-estimate";
import type { ContentProblem } from "../../core/experiments/experiment-content";
import { decide, LIFECYCLE_ACTION_LABELS, type ActionInput, type LifecycleAction } from "../../core/experiments/lifecycle";
import { describePolicy, type Policy } from "../../core/experiments/policy";
import { diffReviewedFields, reviewedFields, type FieldChange } from "../../core/experiments/reviewed-document";
import { MAX_LAUNCH_EXPOSURE } from "../../core/experiments/experiment-types";
import { findAuditEntries, type AuditEntryView } from "../../db/audit-log";
import type { ExperimentRecord } from "../../db/experiments";
import type { ServiceContext } from "../context";
import { summariseTask } from "../cleanup/cleanup-overview";
import { overdueFlagRefusal } from "../../core/flags/expiry";
import { findCleanupTaskOfExperiment } from "../../db/cleanup-tasks";
import { actorProfile, gatherFacts, loadExperiment } from "./experiment-facts";

/** One button of the experiment page: offered or not, and why not. */
export type ActionAvailability = {
  action: LifecycleAction;
  label: string;
  allowed: boolean;
  /** why it is not allowed now (null when allowed) */
  reason: string | null;
  /** launch: the exposure it starts at; change_exposure: the next ramp step */
  exposurePercentage?: number;
};

export type ExperimentView = {
  experiment: ExperimentRecord;
  policy: Policy;
  policySummary: string;
  problems: ContentProblem[];
  estimate: DesignEstimate;
  currentExposure: number;
  actions: ActionAvailability[];
  /** ship needs measurement or an admin override: what the stop form must say */
  ship: { measured: boolean; reason: string | null; actorIsAdmin: boolean };
  /** what changed since the last approved version, when one exists and differs */
  sinceLastApproval: { designVersion: number; changes: FieldChange[] } | null;
  history: AuditEntryView[];
  /** the decision's cleanup task (issue 16), once decided */
  cleanup: { state: "open" | "done"; instructions: string; owner: string; dueAt: Date; dueLabel: string; overdue: boolean; completion: string | null } | null;
  /** why the experiment's flag is overdue (it expired), while the flag is in use and not archived */
  flagOverdue: string | null;
};

const ORDER: LifecycleAction[] = ["edit", "submit", "withdraw", "launch", "change_exposure", "pause", "resume", "disable", "stop", "clean_up"];

/** The experiment page: its document, what the policy needs, and the transitions allowed now (and why not the others). */
export async function experimentView(ctx: ServiceContext, key: string): Promise<ExperimentView> {
  const experiment = await loadExperiment(ctx.db, key);
  const facts = await gatherFacts(ctx.db, experiment, await actorProfile(ctx.db, ctx.actor), ctx.now());
  const launchAt = Math.min(MAX_LAUNCH_EXPOSURE, facts.plannedExposure);
  const rampTo = facts.ramp?.next ?? null;

  const inputFor = (action: LifecycleAction): ActionInput => {
    switch (action) {
      case "launch":
        return { action, exposurePercentage: launchAt };
      case "change_exposure":
        return { action, exposurePercentage: rampTo ?? facts.currentExposure };
      case "stop":
        return { action, decision: "kill" };
      default:
        return { action };
    }
  };
  const actions = ORDER.map((action): ActionAvailability => {
    const verdict = decide(facts, inputFor(action));
    const exposure = action === "launch" ? launchAt : action === "change_exposure" && rampTo !== null ? rampTo : undefined;
    return {
      action,
      label: LIFECYCLE_ACTION_LABELS[action],
      allowed: verdict.ok,
      reason: verdict.ok ? null : verdict.reason,
      ...(exposure === undefined ? {} : { exposurePercentage: exposure }),
    };
  });

  const lastApproved = experiment.approvals.find((a) => a.status === "approved" || (a.status === "void" && a.decider));
  const sinceLastApproval =
    lastApproved && lastApproved.designVersion !== experiment.designVersion
      ? { designVersion: lastApproved.designVersion, changes: diffReviewedFields(lastApproved.reviewedFields, reviewedFields(experiment.content)) }
      : null;

  const [own, approvals, task] = await Promise.all([
    findAuditEntries(ctx.db, { entityType: "experiment", entityKey: key, limit: 100 }),
    findAuditEntries(ctx.db, { entityType: "approval", entityKey: key, limit: 100 }),
    findCleanupTaskOfExperiment(ctx.db, experiment.id),
  ]);
  const now = ctx.now();
  const cleanup = task && {
    state: task.state,
    ...summariseTask(task, now),
    owner: task.owner.name,
    dueAt: task.dueAt,
    completion: task.completion,
  };
  const flagOverdue = experiment.state === "cleaned_up" || experiment.flag.archivedAt ? null : overdueFlagRefusal(experiment.flag, now, "be ramped or used in a new experiment");
  const history = [...own.entries, ...approvals.entries].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));

  return {
    experiment,
    policy: facts.policy,
    policySummary: describePolicy(facts.policy),
    problems: facts.problems,
    estimate: estimateDesign(experiment.content.design),
    currentExposure: facts.currentExposure,
    actions,
    ship: {
      measured: facts.measurement.measured,
      reason: facts.measurement.measured ? null : facts.measurement.reason,
      actorIsAdmin: facts.actorIsAdmin,
    },
    sinceLastApproval,
    history,
    cleanup,
    flagOverdue,
  };
}
