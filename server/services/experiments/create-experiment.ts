import { AppError, fieldError } from "../../core/errors";
import { createExperimentInput, type CreateExperimentInput } from "../../core/experiments/experiment-input";
import { draftContent } from "../../core/experiments/draft-defaults";
import { inTransaction, isUniqueViolation } from "../../db/client";
import { findExperimentByKey, insertExperiment, type ExperimentRecord } from "../../db/experiments";
import { appendAuditEntry } from "../../db/audit-log";
import { findFlagByKey } from "../../db/flags";
import { overdueFlagRefusal } from "../../core/flags/expiry";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { getWorkspaceSettings } from "../settings/get-workspace-settings";
import { actorProfile } from "./experiment-facts";
import { resolveColumns } from "./experiment-columns";

/**
 * Starts a draft on one flag (one variable per experiment). The design is prefilled from the
 * flag; the hypothesis is written next. Security/auth changes are refused at once.
 */
export async function createExperiment(ctx: ServiceContext, raw: CreateExperimentInput): Promise<ExperimentRecord> {
  const input = parseInput(createExperimentInput, raw);
  if (!ctx.actor.id) throw new AppError("FORBIDDEN", "Experiments are created by members.");
  const ownerId = ctx.actor.id;
  const now = ctx.now();
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (await findExperimentByKey(tx, input.key)) throw duplicateKey(input.key);
      const settings = await getWorkspaceSettings(tx);
      const profile = await actorProfile(tx, ctx.actor);
      const flag = await findFlagByKey(tx, input.flagKey);
      const overdue = flag && overdueFlagRefusal(flag, now, "join a new experiment");
      if (overdue) throw fieldError("flagKey", overdue);
      const content = draftContent({
        name: input.name,
        type: input.type,
        flagKey: input.flagKey,
        environmentKey: input.environmentKey,
        team: input.team ?? profile.team,
        variationKeys: flag?.variations.map((v) => v.key) ?? [],
        offVariationKey: flag?.offVariationKey ?? "",
      });
      const { columns } = await resolveColumns(tx, content, settings.maxExperimentDays);
      const experiment = await insertExperiment(tx, { ...columns, key: input.key, ownerId });
      await appendAuditEntry(tx, {
        actor: ctx.actor,
        action: "experiment.created",
        entityType: "experiment",
        entityId: experiment.id,
        entityKey: experiment.key,
        after: { state: experiment.state, designVersion: experiment.designVersion, ...experiment.content },
        at: now,
      });
      return experiment;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateKey(input.key);
    throw error;
  }
}

function duplicateKey(key: string): AppError {
  const error = fieldError("key", `An experiment with key “${key}” already exists; choose another key.`);
  return new AppError("CONFLICT", error.message, error.fieldErrors);
}
