import { randomBytes } from "node:crypto";
import { createFlagInput, type CreateFlagInput } from "../../core/flags/flag-input";
import { assertValidExpiry, expiryFromDateInput } from "../../core/flags/expiry";
import { normaliseVariations } from "../../core/flags/variations";
import { defaultWeights } from "../../core/flags/rollout";
import { AppError, fieldError } from "../../core/errors";
import { inTransaction, isUniqueViolation } from "../../db/client";
import { insertFlag, findFlagByKey, type FlagRecord } from "../../db/flags";
import { listEnvironments } from "../../db/environments";
import { findUserById } from "../../db/users";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { flagAuditSnapshot } from "./flag-audit-snapshot";
import { publishAllSnapshots } from "../evaluation/publish-snapshot";

/** Creates a flag, OFF in every environment, with a required expiry inside the maximum lifetime. */
export async function createFlag(ctx: ServiceContext, raw: CreateFlagInput): Promise<FlagRecord> {
  const input = parseInput(createFlagInput, raw);
  const now = ctx.now();
  const expiresAt = assertValidExpiry(expiryFromDateInput(input.expiresAt), now, ctx.settings.maxFlagLifetimeDays);
  const variations = normaliseVariations(input.valueType, input.variations);
  const offVariationKey =
    input.valueType === "boolean" ? "off" : input.offVariationKey || variations[0]!.key;
  if (!variations.some((v) => v.key === offVariationKey)) {
    throw fieldError("offVariationKey", `Off variation “${offVariationKey}” is not one of this flag's variations.`);
  }
  const ownerId = input.ownerId ?? ctx.actor.id;
  if (!ownerId) throw fieldError("ownerId", "Owner is required: every flag has an owner.");

  try {
    return await inTransaction(ctx.db, async (tx) => {
      const owner = await findUserById(tx, ownerId);
      if (!owner || owner.deactivatedAt) throw fieldError("ownerId", "Owner must be an active member of this workspace.");
      if (await findFlagByKey(tx, input.key)) throw duplicateKey(input.key);
      const environments = await listEnvironments(tx);
      const weights = defaultWeights(variations, offVariationKey);
      const flag = await insertFlag(tx, {
        key: input.key,
        name: input.name,
        description: input.description,
        valueType: input.valueType,
        offVariationKey,
        ownerId,
        expiresAt,
        variations,
        environments: environments.map((e) => ({ environmentId: e.id, salt: newSalt(), weights })),
      });
      await appendAuditEntry(tx, {
        actor: ctx.actor,
        action: "flag.created",
        entityType: "flag",
        entityId: flag.id,
        entityKey: flag.key,
        after: flagAuditSnapshot(flag),
        at: now,
      });
      await publishAllSnapshots(tx, now);
      return flag;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateKey(input.key);
    throw error;
  }
}

function duplicateKey(key: string): AppError {
  return new AppError("CONFLICT", `A flag with key “${key}” already exists; choose another key.`, {
    key: [`Flag key “${key}” is already taken.`],
  });
}

/** Hashing salt per flag and environment: random, so buckets are independent between flags. */
export function newSalt(): string {
  return randomBytes(8).toString("hex");
}
