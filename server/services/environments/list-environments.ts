import { environmentGuardrailsFromStored, errorBudget, type EnvironmentGuardrails } from "../../core/guardrails/environment-guardrails";
import { listEnvironments, type EnvironmentRecord } from "../../db/environments";
import { listRunningExperimentIds } from "../../db/guardrails";
import type { ServiceContext } from "../context";

export type EnvironmentView = Omit<EnvironmentRecord, "reliability"> & {
  /** the reliability budget and guardrail defaults */
  reliability: EnvironmentGuardrails;
  /** 1 − SLA target: the share of requests allowed to fail over the budget window */
  errorBudget: number;
  runningExperiments: number;
};

/** Every environment with its reliability budget (Settings → Environments, the dashboard). */
export async function listAllEnvironments(ctx: Pick<ServiceContext, "db">): Promise<EnvironmentView[]> {
  const environments = await listEnvironments(ctx.db);
  return Promise.all(
    environments.map(async (e) => {
      const reliability = environmentGuardrailsFromStored(e.reliability);
      return { ...e, reliability, errorBudget: errorBudget(reliability), runningExperiments: (await listRunningExperimentIds(ctx.db, e.id)).length };
    }),
  );
}
