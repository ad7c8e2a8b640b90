import { AppError } from "../../core/errors";
import { checkTargeting, updateTargetingInput, type UpdateTargetingInput } from "../../core/targeting/targeting-input";
import { inTransaction } from "../../db/client";
import { findFlagByKey, type FlagRecord } from "../../db/flags";
import { listSegmentKeys, updateFlagTargetingConfig } from "../../db/targeting";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { publishSnapshot } from "../evaluation/publish-snapshot";
import type { ServiceContext } from "../context";
import { loadFlagInEnvironment } from "../flags/editable-flag";

/**
 * Saves a flag's targeting in one environment — individual targets and the ordered rules — as one
 * audited change (before/after), guarded by the version the editor started from, and republishes
 * the environment's snapshot in the same transaction.
 */
export async function updateFlagTargeting(ctx: ServiceContext, raw: UpdateTargetingInput): Promise<FlagRecord> {
  const input = parseInput(updateTargetingInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const { flag, environment, config } = await loadFlagInEnvironment(tx, input.flagKey, input.environmentKey);

    const checked = checkTargeting(input, { variationKeys: flag.variations.map((v) => v.key), segmentKeys: await listSegmentKeys(tx) });
    if (config.version !== input.version || !(await updateFlagTargetingConfig(tx, config.id, input.version, checked))) {
      throw new AppError(
        "CONFLICT",
        `Someone else changed “${flag.key}” in ${environment.name} since you opened it (version ${input.version}, now ${config.version}); reload to see their change — yours is still in the editor.`,
      );
    }
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "flag.targeting.updated",
      entityType: "flag",
      entityId: flag.id,
      entityKey: flag.key,
      before: { environments: { [environment.key]: { rules: config.rules, targets: config.targets, version: config.version } } },
      after: { environments: { [environment.key]: { rules: checked.rules, targets: checked.targets, version: config.version + 1 } } },
      at: now,
    });
    await publishSnapshot(tx, environment.id, now);
    return (await findFlagByKey(tx, flag.key)) ?? flag;
  });
}
