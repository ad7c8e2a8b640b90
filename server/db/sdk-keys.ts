import type { Db, Tx } from "./client";
import { isSdkKeyKind, type SdkKeyKind } from "../core/sdk-keys/sdk-key";

/** An SDK key as admins see it: never the secret, never the hash. */
export type SdkKeyRecord = {
  id: string;
  name: string;
  kind: SdkKeyKind;
  keyPrefix: string;
  environmentId: string;
  environmentKey: string;
  environmentName: string;
  createdById: string;
  createdByEmail: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** What the evaluation APIs' in-memory key cache holds: every key that still authenticates. */
export type ActiveSdkKey = { id: string; keyHash: string; kind: "server" | "client"; environmentId: string; environmentKey: string };

const VIEW_SELECT = {
  id: true,
  name: true,
  kind: true,
  keyPrefix: true,
  environmentId: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  environment: { select: { key: true, name: true } },
  createdBy: { select: { email: true } },
} as const;

type ViewRow = {
  id: string;
  name: string;
  kind: string;
  keyPrefix: string;
  environmentId: string;
  createdById: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  environment: { key: string; name: string };
  createdBy: { email: string };
};

function toRecord(row: ViewRow): SdkKeyRecord {
  return {
    id: row.id,
    name: row.name,
    kind: toKind(row.kind),
    keyPrefix: row.keyPrefix,
    environmentId: row.environmentId,
    environmentKey: row.environment.key,
    environmentName: row.environment.name,
    createdById: row.createdById,
    createdByEmail: row.createdBy.email,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** A kind the database holds but Keel does not know is treated as the least-privileged one. */
function toKind(kind: string): SdkKeyKind {
  return isSdkKeyKind(kind) ? kind : "client";
}

export async function insertSdkKey(
  tx: Tx,
  data: { environmentId: string; kind: SdkKeyKind; name: string; keyHash: string; keyPrefix: string; createdById: string; createdAt: Date },
): Promise<SdkKeyRecord> {
  const row = await tx.sdkKey.create({ data, select: VIEW_SELECT });
  return toRecord(row);
}

export async function findSdkKeyById(db: Db | Tx, id: string): Promise<SdkKeyRecord | null> {
  const row = await db.sdkKey.findUnique({ where: { id }, select: VIEW_SELECT });
  return row ? toRecord(row) : null;
}

/** Keys whose shown prefix is `prefix` (several keys may share one, rarely). */
export async function findSdkKeysByPrefix(db: Db | Tx, prefix: string): Promise<SdkKeyRecord[]> {
  const rows = await db.sdkKey.findMany({ where: { keyPrefix: prefix }, select: VIEW_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toRecord);
}

/**
 * Revokes a key that is still active. Returns false when it was already revoked (or does not
 * exist), so two concurrent revocations cannot both succeed.
 */
export async function markSdkKeyRevoked(tx: Tx, id: string, at: Date): Promise<boolean> {
  const { count } = await tx.sdkKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
  return count === 1;
}

/** Every key, newest first, optionally in one environment; with environment, creator, last use and revocation. */
export async function listSdkKeys(db: Db | Tx, filter: { environmentId?: string } = {}): Promise<SdkKeyRecord[]> {
  const rows = await db.sdkKey.findMany({
    where: filter.environmentId ? { environmentId: filter.environmentId } : {},
    select: VIEW_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toRecord);
}

/** Keys that are not revoked, for the evaluation APIs' in-memory cache. */
export async function listActiveSdkKeys(db: Db): Promise<ActiveSdkKey[]> {
  const rows = await db.sdkKey.findMany({
    where: { revokedAt: null },
    select: { id: true, keyHash: true, kind: true, environmentId: true, environment: { select: { key: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    keyHash: row.keyHash,
    kind: toKind(row.kind),
    environmentId: row.environmentId,
    environmentKey: row.environment.key,
  }));
}

/**
 * Records that keys were used at `at` (one updateMany, batched by the caller). Never moves
 * lastUsedAt backwards, so several app instances flushing out of order keep the latest use.
 */
export async function recordSdkKeysUsed(db: Db, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.sdkKey.updateMany({
    where: { id: { in: [...new Set(ids)] }, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] },
    data: { lastUsedAt: at },
  });
}

/**
 * Keys created from the command line (no signed-in member) are recorded as created by the
 * longest-standing active admin: every key names a member responsible for it.
 */
export async function findDefaultSdkKeyCreator(db: Db | Tx): Promise<{ id: string; email: string } | null> {
  return db.user.findFirst({
    where: { deactivatedAt: null, roles: { some: { role: "admin" } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, email: true },
  });
}
