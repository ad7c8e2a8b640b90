import { createEnvironmentInput } from "../../core/environments/environment-input";
import { createRouter, permissionProcedure } from "../trpc";
import { createEnvironment } from "../../services/environments/create-environment";
import { listAllEnvironments } from "../../services/environments/list-environments";
import { updateEnvironmentReliability } from "../../services/environments/update-environment-reliability";
import { pauseAllExperiments, pauseEnvironmentInput } from "../../services/guardrails/pause-environment";
import { z } from "zod";

export const environmentsRouter = createRouter({
  list: permissionProcedure("workspace:read").query(({ ctx }) => listAllEnvironments(ctx.service)),
  create: permissionProcedure("environments:manage")
    .input(createEnvironmentInput)
    .mutation(({ ctx, input }) => createEnvironment(ctx.service, input)),
  /** the reliability budget and guardrail defaults (validated in the service, naming the field) */
  updateReliability: permissionProcedure("environments:manage")
    .input(z.object({ environmentKey: z.string(), reliability: z.unknown() }))
    .mutation(({ ctx, input }) => updateEnvironmentReliability(ctx.service, input)),
  /** incident switch: pause every running experiment of the environment */
  pauseAllExperiments: permissionProcedure("environments:manage")
    .input(pauseEnvironmentInput)
    .mutation(({ ctx, input }) => pauseAllExperiments(ctx.service, input)),
});
