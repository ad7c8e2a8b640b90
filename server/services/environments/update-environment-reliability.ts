import { z } from "zod";
import { AppError } from "../../core/errors";
import { environmentGuardrailsFromStored, environmentGuardrailsSchema, type EnvironmentGuardrails } from "../../core/guardrails/environment-guardrails";
import { keySchema } from "../../core/keys";
import { inTransaction } from "../../db/client";
import { findEnvironmentByKey, writeEnvironmentReliability } from "../../db/environments";
import { appendAuditEntry } from "../../db/audit-log";
import { badInputFromZod, parseInput } from "../parse-input";
import type { ServiceContext } from "../context";

/**
 * Admins set an environment's reliability budget (SLA target, budget window, burn-rate windows
 * and threshold) and the guardrail defaults its experiments are pre-filled with. An impossible
 * value (a 100 % SLA, a burn rate the SLA cannot reach, a long window shorter than the short one)
 * is refused naming the field. Audited.
 */
export async function updateEnvironmentReliability(ctx: ServiceContext, raw: { environmentKey: string; reliability: unknown }): Promise<EnvironmentGuardrails> {
  const { environmentKey } = parseInput(z.object({ environmentKey: keySchema("Environment key") }), raw);
  const parsed = environmentGuardrailsSchema.safeParse(raw.reliability);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  const reliability = parsed.data;
  return inTransaction(ctx.db, async (tx) => {
    const environment = await findEnvironmentByKey(tx, environmentKey);
    if (!environment) throw new AppError("NOT_FOUND", `Environment “${environmentKey}” does not exist.`);
    await writeEnvironmentReliability(tx, environment.id, JSON.stringify(reliability));
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "environment.reliability_updated",
      entityType: "environment",
      entityId: environment.id,
      entityKey: environment.key,
      before: environmentGuardrailsFromStored(environment.reliability),
      after: reliability,
      at: ctx.now(),
    });
    return reliability;
  });
}
