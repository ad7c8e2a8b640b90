import { archiveVerdict, type ArchiveVerdict } from "../../core/flags/archive-rules";
import { listScansOfFlag, type ScanOfFlag } from "../../db/code-references";
import { findExperimentsOnFlag } from "../../db/flags";
import type { ServiceContext } from "../context";
import { getFlag } from "../flags/read-flags";

/** References shown per repository on the flag page. */
export const SHOWN_REFERENCES = 50;

export type FlagCodeReferences = {
  flagKey: string;
  /** every uploaded repository's latest scan and what it found of this flag, by repository name */
  scans: ScanOfFlag[];
  /** whether the flag may be archived now, and if not why (the Archive button shows it) */
  archive: ArchiveVerdict;
};

/** The flag page's "Code references" section and its archive verdict. */
export async function flagCodeReferences(ctx: Pick<ServiceContext, "db">, flagKey: string): Promise<FlagCodeReferences> {
  const flag = await getFlag(ctx, flagKey);
  const [scans, activeExperiments] = await Promise.all([listScansOfFlag(ctx.db, flag.key, SHOWN_REFERENCES), findExperimentsOnFlag(ctx.db, flag.id, ["running", "paused"])]);
  return { flagKey: flag.key, scans, archive: archiveVerdict({ flagKey: flag.key, archivedAt: flag.archivedAt, activeExperiments, scans }) };
}
