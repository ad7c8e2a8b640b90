import { AppError, fieldError } from "../../core/errors";
import { createMetricInput, updateMetricInput, type CreateMetricInput, type UpdateMetricInput } from "../../core/metrics/metric-input";
import { inTransaction, isUniqueViolation } from "../../db/client";
import { findMetricByKey, insertMetricDefinition, updateMetricDefinition, listMetricDefinitions, type MetricRecord } from "../../db/metrics";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";

/** Adds a metric definition to the catalogue (audited). */
export async function createMetric(ctx: ServiceContext, raw: CreateMetricInput) {
  const input = parseInput(createMetricInput, raw);
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (await findMetricByKey(tx, input.key)) throw duplicate(input.key);
      const created = await insertMetricDefinition(tx, input);
      await appendAuditEntry(tx, { actor: ctx.actor, action: "metric.created", entityType: "metric", entityId: created.id, entityKey: created.key, after: input, at: ctx.now() });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input.key);
    throw error;
  }
}

/** Changes a metric definition (its key stays: experiments and services refer to it); audited with before/after. */
export async function updateMetric(ctx: ServiceContext, raw: UpdateMetricInput) {
  const input = parseInput(updateMetricInput, raw);
  const { key, ...data } = input;
  return inTransaction(ctx.db, async (tx) => {
    const before = await findMetricByKey(tx, key);
    if (!before) throw new AppError("NOT_FOUND", `Metric “${key}” does not exist.`);
    const updated = await updateMetricDefinition(tx, key, data);
    const { id: _id, createdAt: _c, updatedAt: _u, ...old } = before;
    await appendAuditEntry(tx, { actor: ctx.actor, action: "metric.updated", entityType: "metric", entityId: before.id, entityKey: key, before: old, after: data, at: ctx.now() });
    return updated;
  });
}

export function listMetrics(ctx: Pick<ServiceContext, "db">): Promise<MetricRecord[]> {
  return listMetricDefinitions(ctx.db);
}

function duplicate(key: string): AppError {
  const error = fieldError("key", `A metric with key “${key}” already exists; choose another key.`);
  return new AppError("CONFLICT", error.message, error.fieldErrors);
}
