import { AppError } from "../../core/errors";
import { checkTargeting, updateTargetingInput, type UpdateTargetingInput } from "../../core/targeting/targeting-input";
import { inTransaction } from "../../db/client";
import { findFlagByKey, type FlagRecord } from "../../db/flags";
import { findEnvironmentByKey } from "../../db/environments";
import { listSegmentKeys, updateFlagTargetingConfig } from "../../db/targeting";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { publishSnapshot } from "../evaluation/publish-snapshot";
import type { ServiceContext } from "../context";

/**
 * Saves a flag's targeting in one environment — individual targets and the ordered rules — as one
 * audited change (before/after), guarded by the version the editor started from, and republishes
 * the environment's snapshot in the same transaction.
 */
export async function updateFlagTargeting(ctx: ServiceContext, raw: UpdateTargetingInput): Promise<FlagRecord> {
  const input = parseInput(updateTargetingInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const environment = await findEnvironmentByKey(tx, input.environmentKey);
    if (!environment) {
      throw new AppError("BAD_INPUT", `Unknown environment “${input.environmentKey}”.`, {
        environmentKey: [`Environment “${input.environmentKey}” does not exist; see Settings → Environments.`],
      });
    }
    const flag = await findFlagByKey(tx, input.flagKey);
    if (!flag || flag.archivedAt) throw new AppError("NOT_FOUND", `Flag “${input.flagKey}” does not exist.`);
    const config = flag.environments.find((e) => e.environmentId === environment.id);
    if (!config) throw new AppError("NOT_FOUND", `Flag “${flag.key}” has no configuration in ${environment.name}.`);

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
