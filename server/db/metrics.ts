import type { Db, Tx } from "./client";

export type MetricDefinitionInput = {
  key: string;
  name: string;
  description: string;
  kind: "conversion" | "count" | "retention" | "error_rate" | "latency" | "revenue";
  direction: "increase" | "decrease";
  eventName: string;
  unit: string;
};

export function findMetricByKey(db: Db | Tx, key: string) {
  return db.metricDefinition.findUnique({ where: { key } });
}

export function insertMetricDefinition(tx: Tx, metric: MetricDefinitionInput) {
  return tx.metricDefinition.create({ data: metric });
}
