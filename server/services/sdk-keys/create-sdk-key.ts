import { createSdkKeyInput, keyPrefix, type CreateSdkKeyInput } from "../../core/sdk-keys/sdk-key";
import { AppError } from "../../core/errors";
import { inTransaction } from "../../db/client";
import { findEnvironmentByKey } from "../../db/environments";
import { findDefaultSdkKeyCreator, insertSdkKey } from "../../db/sdk-keys";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { generateSdkKeySecret, hashSdkKey } from "./key-secret";
import { sdkKeyAuditSnapshot, toSdkKeyView, type SdkKeyView } from "./sdk-key-view";

/**
 * Creates an SDK key for one environment. The secret is returned here, once: Keel stores only
 * its SHA-256 and its prefix, and can never show it again.
 */
export async function createSdkKey(ctx: ServiceContext, raw: CreateSdkKeyInput): Promise<{ key: SdkKeyView; secret: string }> {
  const input = parseInput(createSdkKeyInput, raw);
  const now = ctx.now();
  const secret = generateSdkKeySecret(input.kind);
  return inTransaction(ctx.db, async (tx) => {
    const environment = await findEnvironmentByKey(tx, input.environmentKey);
    if (!environment) throw unknownEnvironment(input.environmentKey);
    const createdById = ctx.actor.id ?? (await findDefaultSdkKeyCreator(tx))?.id;
    if (!createdById) {
      throw new AppError(
        "PRECONDITION_FAILED",
        "Every SDK key records the member responsible for it, and this workspace has no active admin yet: add one first (npm run keel -- users add … --roles admin).",
      );
    }
    const record = await insertSdkKey(tx, {
      environmentId: environment.id,
      kind: input.kind,
      name: input.name,
      keyHash: hashSdkKey(secret),
      keyPrefix: keyPrefix(secret),
      createdById,
      createdAt: now,
    });
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "sdk_key.created",
      entityType: "sdk_key",
      entityId: record.id,
      entityKey: record.keyPrefix,
      after: sdkKeyAuditSnapshot(record),
      at: now,
    });
    return { key: toSdkKeyView(record), secret };
  });
}

/** The refusal of an environment key that names no environment (shared with the key list). */
export function unknownEnvironment(key: string): AppError {
  return new AppError("BAD_INPUT", `Unknown environment “${key}”.`, {
    environmentKey: [`Environment “${key}” does not exist; choose one listed in Settings → Environments.`],
  });
}
