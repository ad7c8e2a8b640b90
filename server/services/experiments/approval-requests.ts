import { requiredApprovalKinds, policyFor } from "../../core/experiments/policy";
import { APPROVAL_KIND_LABELS } from "../../core/experiments/experiment-types";
import { REVIEWER_ROLE } from "../../core/experiments/approvals";
import { reviewedFields } from "../../core/experiments/reviewed-document";
import type { Tx } from "../../db/client";
import { insertApprovalRequest, listUserIdsWithRole, voidOpenApprovals, type ExperimentRecord } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import { notify } from "../notifications/notify";
import type { Actor } from "../context";

const linkTo = (experiment: ExperimentRecord) => `/experiments/${experiment.key}`;

/**
 * Opens one pending request per approval the policy requires, bound to the current design
 * version and holding the reviewed document, and tells the reviewers (never the requester).
 */
export async function requestApprovals(tx: Tx, actor: Actor, experiment: ExperimentRecord, now: Date): Promise<void> {
  if (!actor.id) return;
  const fields = reviewedFields(experiment.content);
  for (const kind of requiredApprovalKinds(policyFor(experiment.content))) {
    const approvalId = await insertApprovalRequest(tx, {
      experimentId: experiment.id,
      kind,
      designVersion: experiment.designVersion,
      requesterId: actor.id,
      reviewedFields: fields,
      at: now,
    });
    await appendAuditEntry(tx, {
      actor,
      action: "approval.requested",
      entityType: "approval",
      entityId: approvalId,
      entityKey: experiment.key,
      after: { kind, designVersion: experiment.designVersion, status: "pending" },
      at: now,
    });
    const reviewers = (await listUserIdsWithRole(tx, REVIEWER_ROLE[kind])).filter((id) => id !== actor.id && id !== experiment.owner.id);
    await notify(
      tx,
      {
        recipientIds: reviewers,
        kind: "approval.requested",
        title: `${APPROVAL_KIND_LABELS[kind]} requested: ${experiment.content.name}`,
        body: `${actor.label} asks for a ${APPROVAL_KIND_LABELS[kind].toLowerCase()} of version ${experiment.designVersion}.`,
        link: "/approvals",
      },
      now,
    );
  }
}

/**
 * Voids every open request (a design edit, a withdrawal or a rejection): an approval covers one
 * design version only. Audited, and the reviewers who had approved are told.
 */
export async function voidApprovals(tx: Tx, actor: Actor, experiment: ExperimentRecord, why: string, now: Date): Promise<number> {
  const voided = await voidOpenApprovals(tx, experiment.id, now);
  for (const approval of voided) {
    await appendAuditEntry(tx, {
      actor,
      action: "approval.voided",
      entityType: "approval",
      entityId: approval.id,
      entityKey: experiment.key,
      before: { status: approval.status },
      after: { status: "void", reason: why },
      at: now,
    });
  }
  const deciders = voided.flatMap((a) => (a.status === "approved" && a.deciderId ? [a.deciderId] : []));
  if (deciders.length === 0) return voided.length;
  await notify(
    tx,
    {
      recipientIds: deciders,
      kind: "approval.voided",
      title: `Your approval of ${experiment.content.name} was voided`,
      body: why,
      link: linkTo(experiment),
    },
    now,
  );
  return voided.length;
}
