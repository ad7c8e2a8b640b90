import { AppError, fieldError } from "../../core/errors";
import {
  updateFlagVariationsInput,
  variationsLockedError,
  variationUsages,
  WEIGHT_LOCKING_EXPERIMENT_STATES,
  type UpdateFlagVariationsInput,
} from "../../core/flags/flag-edit-input";
import { normaliseVariations } from "../../core/flags/variations";
import { inTransaction } from "../../db/client";
import { findExperimentOnFlag, findFlagByKey, replaceFlagVariations, type FlagRecord } from "../../db/flags";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { publishAllSnapshots } from "../evaluation/publish-snapshot";
import type { ServiceContext } from "../context";
import { loadEditableFlag, staleFlagError } from "./editable-flag";

/**
 * Edits the variations of a flag that no experiment is running on: names, values, descriptions,
 * new variations, and removal of variations nothing serves any more. Every environment's snapshot
 * is republished (values are served everywhere).
 */
export async function updateFlagVariations(ctx: ServiceContext, raw: UpdateFlagVariationsInput): Promise<FlagRecord> {
  const input = parseInput(updateFlagVariationsInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const flag = await loadEditableFlag(tx, input.flagKey);
    if (flag.valueType === "boolean") {
      throw new AppError("PRECONDITION_FAILED", "Boolean flags always have exactly the variations on and off.", {
        variations: ["Boolean flags always have exactly the variations on and off."],
      });
    }
    const experiment = await findExperimentOnFlag(tx, flag.id, WEIGHT_LOCKING_EXPERIMENT_STATES);
    if (experiment) throw variationsLockedError(experiment.key, experiment.state);
    const variations = normaliseVariations(flag.valueType, input.variations);
    if (!variations.some((v) => v.key === input.offVariationKey)) {
      throw fieldError("offVariationKey", `Off variation “${input.offVariationKey}” is not one of the variations.`);
    }
    for (const removed of flag.variations.filter((v) => !variations.some((n) => n.key === v.key))) {
      const uses = variationUsages(removed.key, flag.environments);
      if (uses.length > 0) {
        const index = flag.variations.findIndex((v) => v.key === removed.key);
        throw fieldError("variations", `Variation “${removed.key}” is still served by ${uses.join(", ")}; change those first (variation ${index + 1}).`);
      }
    }
    if (flag.version !== input.version || !(await replaceFlagVariations(tx, flag.id, input.version, { variations, offVariationKey: input.offVariationKey }))) {
      throw staleFlagError(flag);
    }
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "flag.variations.updated",
      entityType: "flag",
      entityId: flag.id,
      entityKey: flag.key,
      before: { offVariationKey: flag.offVariationKey, variations: flag.variations.map(({ key, name, value }) => ({ key, name, value })) },
      after: { offVariationKey: input.offVariationKey, variations: variations.map(({ key, name, value }) => ({ key, name, value })) },
      at: now,
    });
    await publishAllSnapshots(tx, now);
    return (await findFlagByKey(tx, flag.key)) ?? flag;
  });
}
