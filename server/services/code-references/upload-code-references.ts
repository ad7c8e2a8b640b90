/**
 * POST /api/v1/code-references: stores a `keel scan` result as the latest scan of its repository,
 * replacing the previous one (scan row and references) and writing the audit entry, in one
 * transaction. The uploading server key is named in the scan and in the audit entry.
 */
import { parseCodeReferenceUpload } from "../../core/code-references/upload-input";
import { AppError } from "../../core/errors";
import { appendAuditEntry } from "../../db/audit-log";
import { inTransaction, type Db } from "../../db/client";
import { findScanByRepository, replaceScan } from "../../db/code-references";
import { findSdkKeyById } from "../../db/sdk-keys";

export type UploadReport = {
  repository: string;
  scannedAt: string;
  /** references stored */
  references: number;
  /** flag keys the scan looked for, and how many of them it found in the code */
  flagsLookedFor: number;
  flagsReferenced: number;
  /** references of the previous scan of this repository, now replaced (null: the first upload) */
  replacedReferences: number | null;
};

export async function uploadCodeReferences(db: Db, keyId: string, body: unknown, now: Date): Promise<UploadReport> {
  const upload = parseCodeReferenceUpload(body);
  return inTransaction(db, async (tx) => {
    const key = await findSdkKeyById(tx, keyId);
    if (!key || key.revokedAt) throw new AppError("UNAUTHENTICATED", "This SDK key is unknown or has been revoked (Settings → SDK keys).");
    const previous = await findScanByRepository(tx, upload.repository);
    const scan = await replaceScan(tx, {
      repository: upload.repository,
      scannedAt: new Date(upload.scannedAt),
      uploadedAt: now,
      filesScanned: upload.filesScanned,
      flagKeys: upload.flagKeys,
      keyPrefix: key.keyPrefix,
      references: upload.references,
    });
    const flagsReferenced = new Set(upload.references.map((r) => r.flagKey)).size;
    const summary = { scannedAt: upload.scannedAt, filesScanned: upload.filesScanned, flagsLookedFor: upload.flagKeys.length, flagsReferenced, references: upload.references.length };
    await appendAuditEntry(tx, {
      actor: { id: null, label: `SDK key ${key.keyPrefix}` },
      action: "code_references.uploaded",
      entityType: "code_references",
      entityId: scan.id,
      entityKey: upload.repository,
      before: previous ? { scannedAt: previous.scannedAt.toISOString(), filesScanned: previous.filesScanned, references: previous.referenceCount } : undefined,
      after: { ...summary, key: key.keyPrefix },
      at: now,
    });
    return {
      repository: upload.repository,
      scannedAt: upload.scannedAt,
      references: upload.references.length,
      flagsLookedFor: upload.flagKeys.length,
      flagsReferenced,
      replacedReferences: previous?.referenceCount ?? null,
    };
  });
}
