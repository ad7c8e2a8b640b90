import { createEnvironmentInput, type CreateEnvironmentInput } from "../../core/environments/environment-input";
import { defaultWeights } from "../../core/flags/rollout";
import { AppError } from "../../core/errors";
import { inTransaction, isUniqueViolation } from "../../db/client";
import { findEnvironmentByKey, insertEnvironment, type EnvironmentRecord } from "../../db/environments";
import { insertConfigsForEnvironment, listFlagsForNewEnvironment } from "../../db/flags";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import { newSalt } from "../flags/create-flag";
import type { ServiceContext } from "../context";
import { publishSnapshot } from "../evaluation/publish-snapshot";

/** Adds an environment; every existing flag gets a configuration there, OFF. */
export async function createEnvironment(ctx: ServiceContext, raw: CreateEnvironmentInput): Promise<EnvironmentRecord> {
  const input = parseInput(createEnvironmentInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (await findEnvironmentByKey(tx, input.key)) throw duplicate(input.key);
      const environment = await insertEnvironment(tx, input);
      const flags = await listFlagsForNewEnvironment(tx);
      await insertConfigsForEnvironment(
        tx,
        environment.id,
        flags.map((f) => ({ flagId: f.id, salt: newSalt(), weights: defaultWeights(f.variations, f.offVariationKey) })),
      );
      await appendAuditEntry(tx, {
        actor: ctx.actor,
        action: "environment.created",
        entityType: "environment",
        entityId: environment.id,
        entityKey: environment.key,
        after: { key: environment.key, name: environment.name, isProduction: environment.isProduction },
        at: ctx.now(),
      });
      await publishSnapshot(tx, environment.id, ctx.now());
      return environment;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input.key);
    throw error;
  }
}

function duplicate(key: string) {
  return new AppError("CONFLICT", `An environment with key “${key}” already exists.`, {
    key: [`Environment key “${key}” is already taken.`],
  });
}
