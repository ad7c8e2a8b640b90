/**
 * Archives a flag (issue 16): it leaves every environment's snapshot, so services get
 * FLAG_NOT_FOUND and fall back to their code default. Allowed by core/flags/archive-rules.ts:
 * never during a running or paused experiment; only when the latest scans show no references,
 * unless an admin gives an override reason. The flag, the republished snapshots, the audit entry
 * and the closing of the flag's cleanup tasks (its decided experiments become cleaned up) commit
 * in one transaction; the flag stays readable with its history.
 */
import { archiveFlagInput, type ArchiveFlagInput } from "../../core/flags/archive-input";
import { archiveVerdict } from "../../core/flags/archive-rules";
import { AppError } from "../../core/errors";
import { appendAuditEntry } from "../../db/audit-log";
import { inTransaction } from "../../db/client";
import { listScansOfFlag } from "../../db/code-references";
import { findExperimentsOnFlag, findFlagByKey, markFlagArchived, type FlagRecord } from "../../db/flags";
import { lockFlag } from "../../db/experiments";
import { publishAllSnapshots } from "../evaluation/publish-snapshot";
import type { ServiceContext } from "../context";
import { parseInput } from "../parse-input";
import { staleFlagError } from "./editable-flag";
import { closeCleanupTasks } from "../cleanup/cleanup-task-steps";

export async function archiveFlag(ctx: ServiceContext, raw: ArchiveFlagInput): Promise<FlagRecord> {
  const input = parseInput(archiveFlagInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const flag = await findFlagByKey(tx, input.flagKey);
    if (!flag) throw new AppError("NOT_FOUND", `Flag “${input.flagKey}” does not exist.`);
    // serialise with a launch on this flag (which locks it the same way) before reading its experiments
    await lockFlag(tx, flag.id);
    const [activeExperiments, scans] = await Promise.all([findExperimentsOnFlag(tx, flag.id, ["running", "paused"]), listScansOfFlag(tx, flag.key, 5)]);
    const verdict = archiveVerdict({ flagKey: flag.key, archivedAt: flag.archivedAt, activeExperiments, scans });
    if (!verdict.allowed) {
      if (!verdict.needsOverride) throw new AppError("PRECONDITION_FAILED", verdict.reason);
      if (input.overrideReason === undefined) throw new AppError("PRECONDITION_FAILED", verdict.reason);
      if (!ctx.actor.roles.includes("admin")) {
        throw new AppError("FORBIDDEN", `Only an admin can archive a flag despite its code references. ${verdict.reason}`, {
          overrideReason: ["Only an admin can give an override reason."],
        });
      }
    }
    if (!(await markFlagArchived(tx, flag.id, flag.version, now))) throw staleFlagError(flag);
    await publishAllSnapshots(tx, now);
    const override = verdict.allowed ? null : { reason: input.overrideReason, refusal: verdict.reason, references: verdict.references };
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: override ? "flag.archived.override" : "flag.archived",
      entityType: "flag",
      entityId: flag.id,
      entityKey: flag.key,
      before: { archivedAt: null },
      after: {
        archivedAt: now.toISOString(),
        scans: scans.map((s) => ({ repository: s.repository, scannedAt: s.scannedAt.toISOString(), lookedFor: s.lookedFor, references: s.referenceCount })),
        ...(override ? { override } : {}),
      },
      at: now,
    });
    // archiving is what a ship's or kill's cleanup ends with: close its tasks, mark its experiments cleaned up
    await closeCleanupTasks(tx, ctx.actor, { flagId: flag.id }, `Flag “${flag.key}” archived.`, now, { markExperiments: true });
    return (await findFlagByKey(tx, flag.key)) ?? flag;
  });
}
