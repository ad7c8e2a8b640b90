import type { Db, Tx } from "./client";

export type StoredScan = {
  id: string;
  repository: string;
  scannedAt: Date;
  uploadedAt: Date;
  filesScanned: number;
  flagKeys: string[];
  keyPrefix: string;
  referenceCount: number;
};

export type NewScan = {
  repository: string;
  scannedAt: Date;
  uploadedAt: Date;
  filesScanned: number;
  flagKeys: readonly string[];
  keyPrefix: string;
  references: ReadonlyArray<{ flagKey: string; path: string; line: number; column: number; text: string }>;
};

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound on bound parameters (6 per row). */
const INSERT_CHUNK = 2_000;

export async function findScanByRepository(db: Db | Tx, repository: string): Promise<StoredScan | null> {
  const row = await db.codeReferenceScan.findUnique({ where: { repository }, include: { _count: { select: { references: true } } } });
  return row ? toStored(row) : null;
}

/**
 * Makes `scan` the repository's latest scan: the row is upserted (one per repository, even when
 * two uploads race) and its references replaced. Call inside the transaction of the upload.
 */
export async function replaceScan(tx: Tx, scan: NewScan): Promise<{ id: string }> {
  const fields = {
    scannedAt: scan.scannedAt,
    uploadedAt: scan.uploadedAt,
    filesScanned: scan.filesScanned,
    flagKeys: JSON.stringify(scan.flagKeys),
    keyPrefix: scan.keyPrefix,
  };
  const row = await tx.codeReferenceScan.upsert({
    where: { repository: scan.repository },
    create: { repository: scan.repository, ...fields },
    update: fields,
    select: { id: true },
  });
  await tx.codeReference.deleteMany({ where: { scanId: row.id } });
  for (let i = 0; i < scan.references.length; i += INSERT_CHUNK) {
    await tx.codeReference.createMany({
      data: scan.references.slice(i, i + INSERT_CHUNK).map((r) => ({ scanId: row.id, flagKey: r.flagKey, path: r.path, line: r.line, column: r.column, text: r.text })),
    });
  }
  return row;
}

export type ScanOfFlag = {
  repository: string;
  scannedAt: Date;
  uploadedAt: Date;
  /** whether the scan looked for the flag's key */
  lookedFor: boolean;
  references: { path: string; line: number; column: number; text: string }[];
  /** all references to the flag in this scan (references holds at most `limit`) */
  referenceCount: number;
};

/** Every repository's latest scan, with its references to one flag (at most `limit` per repository), by repository name. */
export async function listScansOfFlag(db: Db | Tx, flagKey: string, limit: number): Promise<ScanOfFlag[]> {
  const scans = await db.codeReferenceScan.findMany({
    orderBy: { repository: "asc" },
    select: {
      repository: true,
      scannedAt: true,
      uploadedAt: true,
      flagKeys: true,
      references: { where: { flagKey }, orderBy: [{ path: "asc" }, { line: "asc" }, { column: "asc" }], take: limit, select: { path: true, line: true, column: true, text: true } },
      _count: { select: { references: { where: { flagKey } } } },
    },
  });
  return scans.map((s) => ({
    repository: s.repository,
    scannedAt: s.scannedAt,
    uploadedAt: s.uploadedAt,
    lookedFor: (JSON.parse(s.flagKeys) as string[]).includes(flagKey),
    references: s.references,
    referenceCount: s._count.references,
  }));
}

function toStored(row: {
  id: string;
  repository: string;
  scannedAt: Date;
  uploadedAt: Date;
  filesScanned: number;
  flagKeys: string;
  keyPrefix: string;
  _count: { references: number };
}): StoredScan {
  const { _count, flagKeys, ...rest } = row;
  return { ...rest, flagKeys: JSON.parse(flagKeys) as string[], referenceCount: _count.references };
}
