import { createFlagInput, flagKeyInput, updateFlagEnvironmentInput } from "../../core/flags/flag-input";
import { latestAllowedExpiry } from "../../core/flags/expiry";
import { createRouter, permissionProcedure } from "../trpc";
import { createFlag } from "../../services/flags/create-flag";
import { updateFlagEnvironment } from "../../services/flags/update-flag-environment";
import { getFlag } from "../../services/flags/read-flags";
import { listFlagsPage } from "../../services/flags/list-flag-page";
import { flagListQuery } from "../../core/flags/flag-list-query";
import { listMembers } from "../../services/members/list-members";
import { workspaceSummary } from "../../services/flags/workspace-summary";
import { updateTargetingInput } from "../../core/targeting/targeting-input";
import { updateFlagTargeting } from "../../services/targeting/update-flag-targeting";
import { testFlag, testFlagInput } from "../../services/targeting/test-flag";
import { segmentChoices } from "../../services/targeting/segment-choices";
import { extendFlagExpiryInput, updateFlagDetailsInput, updateFlagVariationsInput, updateFlagWeightsInput } from "../../core/flags/flag-edit-input";
import { updateFlagVariations } from "../../services/flags/update-flag-variations";
import { updateFlagDetails } from "../../services/flags/update-flag-details";
import { extendFlagExpiry } from "../../services/flags/extend-flag-expiry";
import { updateFlagWeights } from "../../services/flags/update-flag-weights";
import { archiveFlagInput } from "../../core/flags/archive-input";
import { archiveFlag } from "../../services/flags/archive-flag";
import { flagCodeReferences } from "../../services/code-references/flag-code-references";

export const flagsRouter = createRouter({
  /** one page of the flag list: search, filters, sorting (input optional: the first page, newest first) */
  list: permissionProcedure("workspace:read")
    .input(flagListQuery.optional())
    .query(({ ctx, input }) => listFlagsPage(ctx.service, input)),
  byKey: permissionProcedure("workspace:read")
    .input(flagKeyInput)
    .query(({ ctx, input }) => getFlag(ctx.service, input.key)),
  /** What the create form needs: possible owners and the expiry bounds. */
  formOptions: permissionProcedure("workspace:read").query(async ({ ctx }) => {
    const now = ctx.now();
    const [members, segments] = await Promise.all([listMembers(ctx.service), segmentChoices(ctx.service)]);
    return {
      owners: members.filter((m) => m.active).map((m) => ({ id: m.id, name: m.name, email: m.email })),
      maxLifetimeDays: ctx.settings.maxFlagLifetimeDays,
      latestExpiry: latestAllowedExpiry(now, ctx.settings.maxFlagLifetimeDays),
      /** segments targeting conditions may reference */
      segments,
    };
  }),
  summary: permissionProcedure("workspace:read").query(({ ctx }) => workspaceSummary(ctx.service)),
  create: permissionProcedure("flags:write")
    .input(createFlagInput)
    .mutation(({ ctx, input }) => createFlag(ctx.service, input)),
  updateEnvironment: permissionProcedure("flags:write")
    .input(updateFlagEnvironmentInput)
    .mutation(({ ctx, input }) => updateFlagEnvironment(ctx.service, input)),
  updateDetails: permissionProcedure("flags:write")
    .input(updateFlagDetailsInput)
    .mutation(({ ctx, input }) => updateFlagDetails(ctx.service, input)),
  extendExpiry: permissionProcedure("flags:write")
    .input(extendFlagExpiryInput)
    .mutation(({ ctx, input }) => extendFlagExpiry(ctx.service, input)),
  updateVariations: permissionProcedure("flags:write")
    .input(updateFlagVariationsInput)
    .mutation(({ ctx, input }) => updateFlagVariations(ctx.service, input)),
  updateWeights: permissionProcedure("flags:write")
    .input(updateFlagWeightsInput)
    .mutation(({ ctx, input }) => updateFlagWeights(ctx.service, input)),
  /** rules and individual targets of one environment, saved as one change */
  updateTargeting: permissionProcedure("flags:write")
    .input(updateTargetingInput)
    .mutation(({ ctx, input }) => updateFlagTargeting(ctx.service, input)),
  /** the latest uploaded scan of every repository: where the code uses the flag, and whether it may be archived */
  codeReferences: permissionProcedure("workspace:read")
    .input(flagKeyInput)
    .query(({ ctx, input }) => flagCodeReferences(ctx.service, input.key)),
  /** archive: leaves the snapshots (FLAG_NOT_FOUND); refused with references in code unless an admin overrides */
  archive: permissionProcedure("flags:write")
    .input(archiveFlagInput)
    .mutation(({ ctx, input }) => archiveFlag(ctx.service, input)),
  /** "Test this flag": what the evaluator answers for a context (changes nothing) */
  test: permissionProcedure("workspace:read")
    .input(testFlagInput)
    .mutation(({ ctx, input }) => testFlag(ctx.service, input)),
});
