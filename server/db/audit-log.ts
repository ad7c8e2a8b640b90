import type { Tx, Db } from "./client";
import type { AuditEntityType, AuditQuery } from "../core/audit/audit-query";

export type Actor = { id: string | null; label: string };

export type AuditRecord = {
  actor: Actor;
  action: string;
  entityType: AuditEntityType;
  entityId: string;
  entityKey: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
};

/** Appends one entry. Always called with the transaction that makes the change. */
export async function appendAuditEntry(tx: Tx, record: AuditRecord): Promise<void> {
  await tx.auditLogEntry.create({
    data: {
      actorId: record.actor.id,
      actorLabel: record.actor.label,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      entityKey: record.entityKey,
      before: record.before === undefined ? null : JSON.stringify(record.before),
      after: record.after === undefined ? null : JSON.stringify(record.after),
      ...(record.at ? { at: record.at } : {}),
    },
  });
}

export type AuditEntryView = {
  id: string;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  entityKey: string;
  before: unknown;
  after: unknown;
};

/** Newest first, filtered, paged by cursor (the last entry's id). */
export async function findAuditEntries(db: Db, query: AuditQuery): Promise<{ entries: AuditEntryView[]; nextCursor: string | null }> {
  const rows = await db.auditLogEntry.findMany({
    where: {
      ...(query.entityType ? { entityType: query.entityType } : {}),
      ...(query.entityKey ? { entityKey: query.entityKey } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      ...row,
      before: row.before === null ? null : (JSON.parse(row.before) as unknown),
      after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** People who appear in the log, for the actor filter. */
export async function findAuditActors(db: Db): Promise<{ id: string; label: string }[]> {
  const rows = await db.auditLogEntry.findMany({
    where: { actorId: { not: null } },
    distinct: ["actorId"],
    select: { actorId: true, actorLabel: true },
  });
  return rows.flatMap((r) => (r.actorId ? [{ id: r.actorId, label: r.actorLabel }] : []));
}
