import { createEnvironmentInput } from "../../core/environments/environment-input";
import { createRouter, permissionProcedure } from "../trpc";
import { createEnvironment } from "../../services/environments/create-environment";
import { listAllEnvironments } from "../../services/environments/list-environments";

export const environmentsRouter = createRouter({
  list: permissionProcedure("workspace:read").query(({ ctx }) => listAllEnvironments(ctx.service)),
  create: permissionProcedure("environments:manage")
    .input(createEnvironmentInput)
    .mutation(({ ctx, input }) => createEnvironment(ctx.service, input)),
});
