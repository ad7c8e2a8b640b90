import type { Db, Tx } from "./client";

export type EnvironmentRecord = {
  id: string;
  key: string;
  name: string;
  description: string;
  isProduction: boolean;
  sortOrder: number;
  /** JSON: reliability budget and guardrail defaults (server/core/guardrails/environment-guardrails.ts) */
  reliability: string;
};

const ORDER = [{ sortOrder: "asc" as const }, { createdAt: "asc" as const }];

export function listEnvironments(db: Db | Tx): Promise<EnvironmentRecord[]> {
  return db.environment.findMany({ orderBy: ORDER });
}

export function findEnvironmentByKey(db: Db | Tx, key: string): Promise<EnvironmentRecord | null> {
  return db.environment.findUnique({ where: { key } });
}

export async function insertEnvironment(
  tx: Tx,
  data: { key: string; name: string; description: string; isProduction: boolean },
): Promise<EnvironmentRecord> {
  const last = await tx.environment.aggregate({ _max: { sortOrder: true } });
  return tx.environment.create({ data: { ...data, sortOrder: (last._max.sortOrder ?? -1) + 1 } });
}

export async function writeEnvironmentReliability(tx: Tx, id: string, reliability: string): Promise<void> {
  await tx.environment.update({ where: { id }, data: { reliability } });
}
