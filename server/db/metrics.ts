import type { Db, Tx } from "./client";

export type MetricDefinitionInput = {
  key: string;
  name: string;
  description: string;
  kind: "conversion" | "count" | "retention" | "error_rate" | "latency" | "revenue";
  direction: "increase" | "decrease";
  eventName: string;
  unit: string;
  denominatorEventName?: string;
  retentionDays?: number;
  guardrailThreshold?: number | null;
};

export function findMetricByKey(db: Db | Tx, key: string) {
  return db.metricDefinition.findUnique({ where: { key } });
}

export function findMetricsByKeys(db: Db | Tx, keys: readonly string[]) {
  return db.metricDefinition.findMany({ where: { key: { in: [...keys] } } });
}

export function insertMetricDefinition(tx: Tx, metric: MetricDefinitionInput) {
  return tx.metricDefinition.create({ data: metric });
}

/** Every metric definition, for choosing an experiment's success, failure and guardrail metrics. */
export function listMetricChoices(db: Db | Tx): Promise<{ key: string; name: string; kind: string; direction: string; description: string }[]> {
  return db.metricDefinition.findMany({ select: { key: true, name: true, kind: true, direction: true, description: true }, orderBy: { name: "asc" } });
}

export type MetricRecord = NonNullable<Awaited<ReturnType<typeof findMetricByKey>>> & { usedBy: number };

/** The catalogue, by name, with how many experiments use each metric. */
export async function listMetricDefinitions(db: Db | Tx): Promise<MetricRecord[]> {
  const rows = await db.metricDefinition.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { experiments: true } } } });
  return rows.map(({ _count, ...row }) => ({ ...row, usedBy: _count.experiments }));
}

export async function updateMetricDefinition(tx: Tx, key: string, data: Omit<MetricDefinitionInput, "key">) {
  return tx.metricDefinition.update({ where: { key }, data });
}
