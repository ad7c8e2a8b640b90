import { AppError } from "../../core/errors";
import { REVIEWER_ROLE } from "../../core/experiments/approvals";
import { mayActOn } from "../../core/experiments/lifecycle";
import { reviewedFields } from "../../core/experiments/reviewed-document";
import { keySchema } from "../../core/keys";
import { z } from "zod";
import { inTransaction } from "../../db/client";
import { insertApprovalRequest, listUserIdsWithRole } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import type { ServiceContext } from "../context";
import { actorProfile, loadExperiment } from "../experiments/experiment-facts";
import { notify } from "../notifications/notify";
import { parseInput } from "../parse-input";
import { pricingGateOf } from "./read-guardrails";

/**
 * Asks the pricing approvers for a fresh approval to ramp a running pricing experiment beyond the
 * admins' threshold (Settings → Experiment policy). Four eyes as for launch approvals; audited;
 * the approvers are notified and find it in their queue.
 */
export async function requestRampApproval(ctx: ServiceContext, raw: { key: string }): Promise<void> {
  const { key } = parseInput(z.object({ key: keySchema("Experiment key") }), raw);
  const actorId = ctx.actor.id;
  if (!actorId) throw new AppError("FORBIDDEN", "Approvals are requested by members.");
  const now = ctx.now();
  await inTransaction(ctx.db, async (tx) => {
    const experiment = await loadExperiment(tx, key);
    if (!mayActOn(await actorProfile(tx, ctx.actor), { ownerId: experiment.owner.id, team: experiment.content.team })) {
      throw new AppError("FORBIDDEN", "Only experimenters of the owning team, or admins, can ask to ramp this experiment.");
    }
    if (experiment.state !== "running" && experiment.state !== "paused") throw new AppError("PRECONDITION_FAILED", "Only a running experiment has a ramp to approve.");
    const gate = await pricingGateOf(tx, experiment);
    if (!gate) throw new AppError("PRECONDITION_FAILED", "This experiment needs no pricing approval to ramp.");
    if (gate.approval !== "none") throw new AppError("PRECONDITION_FAILED", `A ramp approval is already ${gate.approval}.`);
    const approvalId = await insertApprovalRequest(tx, {
      experimentId: experiment.id,
      kind: "pricing",
      purpose: "ramp",
      designVersion: experiment.designVersion,
      requesterId: actorId,
      reviewedFields: reviewedFields(experiment.content),
      at: now,
    });
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "approval.requested",
      entityType: "approval",
      entityId: approvalId,
      entityKey: experiment.key,
      after: { kind: "pricing", purpose: "ramp", beyondPercent: gate.thresholdPercent, designVersion: experiment.designVersion, status: "pending" },
      at: now,
    });
    const approvers = (await listUserIdsWithRole(tx, REVIEWER_ROLE.pricing)).filter((id) => id !== actorId && id !== experiment.owner.id);
    await notify(
      tx,
      {
        recipientIds: approvers,
        kind: "approval.requested",
        title: `Pricing ramp approval requested: ${experiment.content.name}`,
        body: `${ctx.actor.label} asks to ramp it beyond ${gate.thresholdPercent} % of traffic.`,
        link: "/approvals",
      },
      now,
    );
  });
}
