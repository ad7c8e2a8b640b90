import { AppError } from "../../core/errors";
import { contentProblems, type ContentProblem } from "../../core/experiments/experiment-content";
import type { ApprovalKind, ApprovalStatus } from "../../core/experiments/experiment-types";
import { mayActOn, mayDisable, type LifecycleFacts, type Measurement } from "../../core/experiments/lifecycle";
import { overdueFlagRefusal } from "../../core/flags/expiry";
import { policyFor, type Policy } from "../../core/experiments/policy";
import type { Db, Tx } from "../../db/client";
import { findActiveExperimentOnFlag, findExperimentByKey, findFlagExposure, type ExperimentRecord } from "../../db/experiments";
import { findUserById } from "../../db/users";
import type { Actor } from "../context";
import { readExperimentResults } from "../measurement/experiment-results";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";
import { rampReadinessOf, readGuardrails, type GuardrailReading } from "../guardrails/read-guardrails";

export async function loadExperiment(db: Db | Tx, key: string): Promise<ExperimentRecord> {
  const experiment = await findExperimentByKey(db, key);
  if (!experiment) throw new AppError("NOT_FOUND", `Experiment “${key}” does not exist.`);
  return experiment;
}

/** The acting member as the experiment rules see them: roles and team, read fresh. */
export type ActorProfile = { id: string | null; roles: readonly string[]; team: string };

export async function actorProfile(db: Db | Tx, actor: Actor): Promise<ActorProfile> {
  const user = actor.id ? await findUserById(db, actor.id) : null;
  return { id: actor.id, roles: actor.roles, team: user?.team ?? "" };
}

/** The approval status per kind for the experiment's current design version. */
export function approvalsForCurrentVersion(experiment: ExperimentRecord): Partial<Record<ApprovalKind, ApprovalStatus | "none">> {
  const byKind: Partial<Record<ApprovalKind, ApprovalStatus | "none">> = {};
  for (const approval of experiment.approvals) {
    // newest first: the first one seen per kind is the current request
    if (approval.purpose !== "launch" || approval.designVersion !== experiment.designVersion || byKind[approval.kind]) continue;
    byKind[approval.kind] = approval.status;
  }
  return byKind;
}

/**
 * Whether the experiment has the measurement a "ship" decision needs: its live results show no
 * sample ratio mismatch and either the planned sample or a significant sequential result on a
 * success metric (server/core/measurement/experiment-results.ts). Otherwise shipping needs an
 * admin override with a reason.
 */
export async function measurementOf(db: Db | Tx, experiment: ExperimentRecord, now: Date): Promise<Measurement> {
  if (!experiment.startedAt) return { measured: false, reason: "The experiment has not run: there are no results." };
  return (await readExperimentResults(db, experiment, now)).measurement;
}

export type ExperimentFacts = LifecycleFacts & {
  problems: ContentProblem[];
  policy: Policy;
  maxExperimentDays: number;
  /** running experiments: the guardrails' verdicts behind `ramp` */
  guardrails: GuardrailReading | null;
};

/** Everything the lifecycle guards look at, gathered in one place. */
export async function gatherFacts(db: Db | Tx, experiment: ExperimentRecord, actor: ActorProfile, now: Date): Promise<ExperimentFacts> {
  const [settings, taken, measurement, guardrails] = await Promise.all([
    getWorkspaceSettings(db),
    findActiveExperimentOnFlag(db, experiment.flag.id, experiment.id),
    measurementOf(db, experiment, now),
    experiment.state === "running" ? readGuardrails(db, experiment, now) : null,
  ]);
  const flagConfig = await findFlagExposure(db, experiment.flag.id, experiment.environment.id);
  const currentExposure = flagConfig?.enabled ? flagConfig.rolloutPercentage : 0;
  const problems = contentProblems(
    experiment.content,
    { variationKeys: experiment.flag.variationKeys, offVariationKey: experiment.flag.offVariationKey },
    settings.maxExperimentDays,
  );
  return {
    state: experiment.state,
    problems,
    policy: policyFor(experiment.content),
    approvals: approvalsForCurrentVersion(experiment),
    actorMayAct: mayActOn(actor, { ownerId: experiment.owner.id, team: experiment.content.team }),
    actorMayDisable: mayDisable(actor),
    actorIsAdmin: actor.roles.includes("admin"),
    flagTakenBy: taken?.key ?? null,
    currentExposure,
    plannedExposure: experiment.content.design.exposurePercentage,
    measurement,
    ramp: guardrails ? rampReadinessOf(experiment, guardrails, currentExposure, now) : null,
    flag: {
      key: experiment.flag.key,
      archived: experiment.flag.archivedAt !== null,
      overdue: overdueFlagRefusal(experiment.flag, now, experiment.state === "running" ? "be ramped" : "be launched in an experiment or resumed"),
    },
    decision: experiment.decision,
    guardrails,
    maxExperimentDays: settings.maxExperimentDays,
  };
}
