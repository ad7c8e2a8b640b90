import type { Db } from "./client";

export type CleanupCandidateFlag = {
  id: string;
  key: string;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  owner: { id: string; name: string; email: string };
};

/**
 * Flags that may belong on the Cleanup page: not archived, and either expiring before
 * `expiresBefore` or created before `createdBefore` (old enough to be checked for evaluations).
 */
export async function listCleanupCandidateFlags(db: Db, bounds: { expiresBefore: Date; createdBefore: Date }): Promise<CleanupCandidateFlag[]> {
  return db.flag.findMany({
    where: { archivedAt: null, OR: [{ expiresAt: { lte: bounds.expiresBefore } }, { createdAt: { lte: bounds.createdBefore } }] },
    select: { id: true, key: true, name: true, createdAt: true, expiresAt: true, owner: { select: { id: true, name: true, email: true } } },
    orderBy: [{ expiresAt: "asc" }, { key: "asc" }],
  });
}
