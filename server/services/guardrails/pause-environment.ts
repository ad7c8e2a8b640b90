/**
 * The incident switch (admins): "pause all experiments in this environment". Every running
 * experiment there is paused in one transaction — its flag serves the off variation (one new
 * snapshot revision per experiment, picked up by every instance within a second) — each pause is
 * audited on its experiment and the whole action on the environment, and the owners are told.
 * Paused experiments keep their data and resume one by one from their pages.
 */
import { z } from "zod";
import { AppError } from "../../core/errors";
import { keySchema } from "../../core/keys";
import { inTransaction } from "../../db/client";
import { findEnvironmentByKey } from "../../db/environments";
import { findExperimentById } from "../../db/experiments";
import { listRunningExperimentIds } from "../../db/guardrails";
import { appendAuditEntry } from "../../db/audit-log";
import type { ServiceContext } from "../context";
import { moveState, setFlag } from "../experiments/experiment-step";
import { notify } from "../notifications/notify";
import { parseInput } from "../parse-input";

export const pauseEnvironmentInput = z.object({
  environmentKey: keySchema("Environment key"),
  reason: z.string({ error: "Reason is required: say what the incident is." }).trim().min(3, "Reason is required: say what the incident is (at least 3 characters).").max(500, "Reason must be at most 500 characters."),
});

export async function pauseAllExperiments(ctx: ServiceContext, raw: z.input<typeof pauseEnvironmentInput>): Promise<{ paused: string[] }> {
  const input = parseInput(pauseEnvironmentInput, raw);
  if (!ctx.actor.roles.includes("admin")) throw new AppError("FORBIDDEN", "Only admins can pause every experiment of an environment.");
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const environment = await findEnvironmentByKey(tx, input.environmentKey);
    if (!environment) throw new AppError("NOT_FOUND", `Environment “${input.environmentKey}” does not exist.`);
    const paused: string[] = [];
    for (const id of await listRunningExperimentIds(tx, environment.id)) {
      const experiment = (await findExperimentById(tx, id))!;
      const step = { tx, actor: ctx.actor, experiment, now, next: "paused" as const };
      await moveState(step, "experiment.paused", {}, { reason: `Incident pause of ${environment.name}: ${input.reason}` });
      await setFlag(step, (rules, _off, current) => ({ ...current, rules, enabled: false }));
      await notify(
        tx,
        {
          recipientIds: [experiment.owner.id, ...experiment.watcherIds],
          kind: "experiment.paused",
          title: `${experiment.content.name} was paused for an incident`,
          body: `${ctx.actor.label} paused every experiment in ${environment.name}: ${input.reason} Users get the off variation; resume it from its page.`,
          link: `/experiments/${experiment.key}`,
        },
        now,
      );
      paused.push(experiment.key);
    }
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "environment.experiments_paused",
      entityType: "environment",
      entityId: environment.id,
      entityKey: environment.key,
      after: { reason: input.reason, paused },
      at: now,
    });
    return { paused };
  });
}
