import type { Db, Tx } from "./client";

/** Every stored workspace setting, values parsed from JSON (unreadable ones are skipped). */
export async function readWorkspaceSettingRows(db: Db | Tx): Promise<Record<string, unknown>> {
  const rows = await db.workspaceSetting.findMany();
  const values: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      values[row.key] = JSON.parse(row.value) as unknown;
    } catch {
      // a hand-edited row that is not JSON falls back to the default
    }
  }
  return values;
}

export async function writeWorkspaceSetting(tx: Tx, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await tx.workspaceSetting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}
