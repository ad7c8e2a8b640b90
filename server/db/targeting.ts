import type { Db, Tx } from "./client";
import type { Rule } from "../core/evaluation/snapshot-format";
import type { Targets } from "../core/targeting/targeting-input";

/** Writes a flag's rules and individual targets in one environment, guarded by the version read before. */
export async function updateFlagTargetingConfig(
  tx: Tx,
  configId: string,
  expectedVersion: number,
  change: { rules: Rule[]; targets: Targets },
): Promise<boolean> {
  const result = await tx.flagEnvironmentConfig.updateMany({
    where: { id: configId, version: expectedVersion },
    data: { rules: JSON.stringify(change.rules), targets: JSON.stringify(change.targets), version: { increment: 1 } },
  });
  return result.count === 1;
}

export async function listSegmentKeys(db: Db | Tx): Promise<string[]> {
  const rows = await db.segment.findMany({ select: { key: true }, orderBy: { key: "asc" } });
  return rows.map((r) => r.key);
}
