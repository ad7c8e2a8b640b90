import { experimentListQuery, type ExperimentListQuery } from "../../core/experiments/experiment-list-query";
import { REVIEWER_ROLE } from "../../core/experiments/approvals";
import { APPROVAL_KINDS, type ApprovalKind } from "../../core/experiments/experiment-types";
import { policyFor, describePolicy } from "../../core/experiments/policy";
import { diffReviewedFields, reviewedFields, type FieldChange } from "../../core/experiments/reviewed-document";
import { listEnvironments } from "../../db/environments";
import {
  findExperimentById,
  listExperimentIdsAwaiting,
  listExperimentSummaries,
  listRecentlyChangedExperiments,
  type ApprovalRecord,
  type ExperimentRecord,
  type ExperimentSummary,
} from "../../db/experiments";
import { listFlagChoices } from "../../db/flags";
import { listMetricChoices } from "../../db/metrics";
import { listSegmentChoices } from "../../db/targeting";
import { listUsers } from "../../db/users";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";
import { actorProfile } from "./experiment-facts";

export async function listExperiments(ctx: Pick<ServiceContext, "db">, raw: ExperimentListQuery = {}): Promise<ExperimentSummary[]> {
  return listExperimentSummaries(ctx.db, parseInput(experimentListQuery, raw));
}

/** What the authoring form offers: flags with their variations, environments, segments, metrics, owners' teams and the duration limit. */
export async function experimentFormOptions(ctx: ServiceContext) {
  const [flags, environments, segments, metrics, settings, profile, users] = await Promise.all([
    listFlagChoices(ctx.db),
    listEnvironments(ctx.db),
    listSegmentChoices(ctx.db),
    listMetricChoices(ctx.db),
    getWorkspaceSettings(ctx.db),
    actorProfile(ctx.db, ctx.actor),
    listUsers(ctx.db),
  ]);
  return {
    flags,
    environments: environments.map((e) => ({ key: e.key, name: e.name, isProduction: e.isProduction })),
    segments,
    metrics,
    maxExperimentDays: settings.maxExperimentDays,
    myTeam: profile.team,
    teams: [...new Set(users.map((u) => u.team).filter((t) => t !== ""))].sort(),
    owners: users.filter((u) => !u.deactivatedAt).map((u) => ({ id: u.id, name: u.name, email: u.email })),
  };
}

export type QueueItem = {
  approval: ApprovalRecord;
  experiment: ExperimentRecord;
  policySummary: string;
  /** why the signed-in member cannot decide it (four eyes, role), or null */
  cannotDecide: string | null;
  /** changes against the last version someone approved, if there was one */
  sinceLastApproval: { designVersion: number; changes: FieldChange[] } | null;
};

/**
 * The approval queue: pending requests, oldest first, filtered to the kinds the member reviews
 * (pricing approvers see pricing requests, security reviewers security sign-offs).
 */
export async function approvalQueue(ctx: ServiceContext): Promise<{ kinds: ApprovalKind[]; items: QueueItem[] }> {
  const kinds = APPROVAL_KINDS.filter((kind) => ctx.actor.roles.includes(REVIEWER_ROLE[kind]));
  if (kinds.length === 0) return { kinds, items: [] };
  const ids = await listExperimentIdsAwaiting(ctx.db, kinds);
  const items: QueueItem[] = [];
  for (const id of ids) {
    const experiment = await findExperimentById(ctx.db, id);
    if (!experiment) continue;
    const current = reviewedFields(experiment.content);
    const lastApproved = experiment.approvals.find((a) => a.decider && (a.status === "approved" || a.status === "void") && a.designVersion < experiment.designVersion);
    for (const approval of experiment.approvals.filter((a) => a.status === "pending" && kinds.includes(a.kind))) {
      const own = approval.requester.id === ctx.actor.id || experiment.owner.id === ctx.actor.id;
      items.push({
        approval,
        experiment,
        policySummary: describePolicy(policyFor(experiment.content)),
        cannotDecide: own ? "Four eyes: you cannot approve your own request; another reviewer must decide it." : null,
        sinceLastApproval: lastApproved ? { designVersion: lastApproved.designVersion, changes: diffReviewedFields(lastApproved.reviewedFields, current) } : null,
      });
    }
  }
  return { kinds, items };
}

/** The dashboard's experiment panels: what runs, what waits for me, what changed lately. */
export async function experimentDashboard(ctx: ServiceContext) {
  const [running, recent, queue] = await Promise.all([
    listExperimentSummaries(ctx.db, { state: "running" }),
    listRecentlyChangedExperiments(ctx.db, 8),
    approvalQueue(ctx),
  ]);
  return {
    running,
    recent,
    pendingForMe: queue.items.filter((i) => i.cannotDecide === null).map((i) => ({ approvalId: i.approval.id, kind: i.approval.kind, key: i.experiment.key, name: i.experiment.content.name, requestedAt: i.approval.requestedAt })),
    reviewer: queue.kinds.length > 0,
  };
}
