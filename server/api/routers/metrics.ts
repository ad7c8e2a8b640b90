import { createMetricInput, updateMetricInput } from "../../core/metrics/metric-input";
import { createRouter, permissionProcedure } from "../trpc";
import { createMetric, listMetrics, updateMetric } from "../../services/metrics/save-metric";

export const metricsRouter = createRouter({
  list: permissionProcedure("workspace:read").query(({ ctx }) => listMetrics(ctx.service)),
  create: permissionProcedure("metrics:write")
    .input(createMetricInput)
    .mutation(({ ctx, input }) => createMetric(ctx.service, input)),
  update: permissionProcedure("metrics:write")
    .input(updateMetricInput)
    .mutation(({ ctx, input }) => updateMetric(ctx.service, input)),
});
