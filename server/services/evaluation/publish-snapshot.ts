/**
 * Publishing: every change of a flag configuration republishes its environment's snapshot, in the
 * same transaction as the change, with revision + 1. A snapshot that would not compile is never
 * published: the change is refused and rolled back instead.
 */
import { createHash } from "node:crypto";
import { AppError } from "../../core/errors";
import { buildSnapshot } from "../../core/evaluation/build-snapshot";
import { compileSnapshot } from "../../core/evaluation";
import { inTransaction, type Db, type Tx } from "../../db/client";
import {
  claimNextRevision,
  listEnvironmentIds,
  listUnpublishedEnvironmentIds,
  loadEnvironmentConfiguration,
  storeSnapshot,
} from "../../db/snapshots";

/** Publishes one environment's snapshot inside the caller's transaction; returns the new revision. */
export async function publishSnapshot(tx: Tx, environmentId: string, now: Date): Promise<number> {
  const revision = await claimNextRevision(tx, environmentId, now);
  const snapshot = buildSnapshot(await loadEnvironmentConfiguration(tx, environmentId), revision, now);
  try {
    compileSnapshot(snapshot);
  } catch (error) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `This change would publish a configuration services cannot evaluate: ${(error as Error).message}`,
    );
  }
  const payload = JSON.stringify(snapshot);
  await storeSnapshot(tx, { environmentId, revision, payload, etag: snapshotEtag(payload), publishedAt: now });
  return revision;
}

/** Publishes every environment (a change that touches all of them, such as a new flag). */
export async function publishAllSnapshots(tx: Tx, now: Date): Promise<void> {
  for (const environmentId of await listEnvironmentIds(tx)) await publishSnapshot(tx, environmentId, now);
}

/** Publishes environments that have no snapshot yet (a database created before snapshots existed). */
export async function publishMissingSnapshots(db: Db, now: Date): Promise<number> {
  const missing = await listUnpublishedEnvironmentIds(db);
  for (const environmentId of missing) await inTransaction(db, (tx) => publishSnapshot(tx, environmentId, now));
  return missing.length;
}

/** Strong HTTP validator of a snapshot payload: the same bytes give the same ETag on every instance. */
export function snapshotEtag(payload: string): string {
  return `"${createHash("sha256").update(payload).digest("base64url")}"`;
}
