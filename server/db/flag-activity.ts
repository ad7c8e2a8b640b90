/**
 * When each flag was last evaluated, per environment (prisma/schema.prisma: FlagEvaluationActivity),
 * for the Cleanup page's "no evaluations for 30 days" list. The evaluation runtime collects marks in
 * memory and writes them in batches (server/services/evaluation/evaluation-runtime.ts).
 * Raw SQL through server/db/sql.ts, the same statement on SQLite and PostgreSQL.
 */
import type { Db } from "./client";
import { insertRows, prismaSession } from "./sql";

const KEYS_PER_QUERY = 1000;

export type FlagEvaluationMark = { flagKey: string; environmentKey: string; at: Date };

/**
 * Upserts the marks: a new (flag, environment) row is inserted, an existing one only moves
 * lastEvaluatedAt forward, so several app instances flushing out of order keep the latest time.
 */
export async function recordFlagEvaluations(db: Db, rows: readonly FlagEvaluationMark[]): Promise<void> {
  if (rows.length === 0) return;
  // One row per (flag, environment) and statement: PostgreSQL refuses an upsert that touches a row twice.
  const latest = new Map<string, FlagEvaluationMark>();
  for (const row of rows) {
    const id = `${row.environmentKey}\u0000${row.flagKey}`;
    const seen = latest.get(id);
    if (!seen || seen.at < row.at) latest.set(id, row);
  }
  await insertRows(
    prismaSession(db),
    "FlagEvaluationActivity",
    ["flagKey", "environmentKey", "lastEvaluatedAt"],
    [...latest.values()].map((r) => [r.flagKey, r.environmentKey, r.at]),
    `ON CONFLICT ("flagKey", "environmentKey") DO UPDATE SET "lastEvaluatedAt" = excluded."lastEvaluatedAt" ` +
      `WHERE "FlagEvaluationActivity"."lastEvaluatedAt" < excluded."lastEvaluatedAt"`,
  );
}

/** The latest evaluation of each flag across its environments; flags never evaluated are absent. */
export async function lastEvaluationOfFlags(db: Db, flagKeys: readonly string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (flagKeys.length === 0) return out;
  const keys = [...new Set(flagKeys)];
  // in chunks: far below both databases' parameter limits, however many flags the page lists
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await db.flagEvaluationActivity.groupBy({
      by: ["flagKey"],
      where: { flagKey: { in: keys.slice(i, i + KEYS_PER_QUERY) } },
      _max: { lastEvaluatedAt: true },
    });
    for (const row of rows) if (row._max.lastEvaluatedAt) out.set(row.flagKey, row._max.lastEvaluatedAt);
  }
  return out;
}
