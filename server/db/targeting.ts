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
  return (await listSegmentChoices(db)).map((s) => s.key);
}

/** Segments a targeting condition may reference, as editors list them. */
export async function listSegmentChoices(db: Db | Tx): Promise<{ key: string; name: string }[]> {
  return db.segment.findMany({ select: { key: true, name: true }, orderBy: { key: "asc" } });
}
