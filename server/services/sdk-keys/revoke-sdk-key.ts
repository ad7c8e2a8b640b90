import { revokeSdkKeyInput, type RevokeSdkKeyInput } from "../../core/sdk-keys/sdk-key";
import { AppError } from "../../core/errors";
import { inTransaction } from "../../db/client";
import { findSdkKeyById, markSdkKeyRevoked } from "../../db/sdk-keys";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { sdkKeyAuditSnapshot, toSdkKeyView, type SdkKeyView } from "./sdk-key-view";

/**
 * Revokes an SDK key: services presenting it are refused once the evaluation APIs reload their
 * key cache. Revocation is final (create a new key to replace it); revoking twice is refused.
 */
export async function revokeSdkKey(ctx: ServiceContext, raw: RevokeSdkKeyInput): Promise<SdkKeyView> {
  const input = parseInput(revokeSdkKeyInput, raw);
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const before = await findSdkKeyById(tx, input.id);
    if (!before) throw new AppError("NOT_FOUND", "That SDK key does not exist; reload the list of keys.");
    if (before.revokedAt || !(await markSdkKeyRevoked(tx, before.id, now))) {
      const when = before.revokedAt ? ` on ${before.revokedAt.toISOString()}` : "";
      throw new AppError("CONFLICT", `SDK key ${before.keyPrefix} (“${before.name}”) was already revoked${when}; nothing to do.`);
    }
    const after = { ...before, revokedAt: now };
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "sdk_key.revoked",
      entityType: "sdk_key",
      entityId: before.id,
      entityKey: before.keyPrefix,
      before: sdkKeyAuditSnapshot(before),
      after: sdkKeyAuditSnapshot(after),
      at: now,
    });
    return toSdkKeyView(after);
  });
}
