import { createExperimentInput, experimentKeyInput, lifecycleActionInput, updateExperimentInput } from "../../core/experiments/experiment-input";
import { experimentListQuery } from "../../core/experiments/experiment-list-query";
import { createRouter, permissionProcedure } from "../trpc";
import { createExperiment } from "../../services/experiments/create-experiment";
import { updateExperiment } from "../../services/experiments/update-experiment";
import { runLifecycleAction } from "../../services/experiments/run-lifecycle-action";
import { experimentView } from "../../services/experiments/experiment-view";
import { experimentResultsView } from "../../services/measurement/experiment-results";
import { experimentDashboard, experimentFormOptions, listExperiments } from "../../services/experiments/read-experiments";
import { guardrailsView } from "../../services/guardrails/guardrails-view";
import { requestRampApproval } from "../../services/guardrails/request-ramp-approval";
import { saveGuardrailRules, saveGuardrailRulesInput, saveRampPlan, saveRampPlanInput, watchExperiment } from "../../services/guardrails/update-experiment-guardrails";
import { z } from "zod";

export const experimentsRouter = createRouter({
  /** the experiments list, filtered by state, type, owner and environment */
  list: permissionProcedure("workspace:read")
    .input(experimentListQuery.optional())
    .query(({ ctx, input }) => listExperiments(ctx.service, input ?? {})),
  /** the experiment page: document, policy, allowed transitions (and why not), history */
  byKey: permissionProcedure("workspace:read")
    .input(experimentKeyInput)
    .query(({ ctx, input }) => experimentView(ctx.service, input.key)),
  /** live results: per-metric analysis, charts over time, sample progress, SRM (the page polls it) */
  results: permissionProcedure("workspace:read")
    .input(experimentKeyInput)
    .query(({ ctx, input }) => experimentResultsView(ctx.service, input.key)),
  /** guardrail rules, their live verdicts, the reliability budget, the ramp and what aborted it (the page polls it) */
  guardrails: permissionProcedure("workspace:read")
    .input(experimentKeyInput)
    .query(({ ctx, input }) => guardrailsView(ctx.service, input.key)),
  saveGuardrails: permissionProcedure("experiments:write")
    .input(saveGuardrailRulesInput)
    .mutation(({ ctx, input }) => saveGuardrailRules(ctx.service, input)),
  saveRampPlan: permissionProcedure("experiments:write")
    .input(saveRampPlanInput)
    .mutation(({ ctx, input }) => saveRampPlan(ctx.service, input)),
  /** pricing experiments: ask the pricing approvers to ramp beyond the admins' threshold */
  requestRampApproval: permissionProcedure("experiments:write")
    .input(experimentKeyInput)
    .mutation(({ ctx, input }) => requestRampApproval(ctx.service, input)),
  /** any member follows an experiment (notified with its owner when a guardrail aborts it) */
  watch: permissionProcedure("workspace:read")
    .input(z.object({ key: z.string(), watching: z.boolean() }))
    .mutation(({ ctx, input }) => watchExperiment(ctx.service, input)),
  formOptions: permissionProcedure("workspace:read").query(({ ctx }) => experimentFormOptions(ctx.service)),
  dashboard: permissionProcedure("workspace:read").query(({ ctx }) => experimentDashboard(ctx.service)),
  create: permissionProcedure("experiments:write")
    .input(createExperimentInput)
    .mutation(({ ctx, input }) => createExperiment(ctx.service, input)),
  update: permissionProcedure("experiments:write")
    .input(updateExperimentInput)
    .mutation(({ ctx, input }) => updateExperiment(ctx.service, input)),
  /** one lifecycle step: submit, withdraw, launch, change_exposure, pause, resume, disable, stop, clean_up */
  act: permissionProcedure("experiments:write")
    .input(lifecycleActionInput)
    .mutation(({ ctx, input }) => runLifecycleAction(ctx.service, input)),
});
