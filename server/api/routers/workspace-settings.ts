import { workspaceSettingsSchema } from "../../core/settings/workspace-settings";
import { createRouter, permissionProcedure } from "../trpc";
import { getWorkspaceSettings } from "../../services/settings/get-workspace-settings";
import { updateWorkspaceSettings } from "../../services/settings/update-workspace-settings";
import { sendTestWebhook } from "../../services/settings/send-test-webhook";

export const workspaceSettingsRouter = createRouter({
  get: permissionProcedure("workspace:read").query(({ ctx }) => getWorkspaceSettings(ctx.db)),
  update: permissionProcedure("settings:manage")
    .input(workspaceSettingsSchema)
    .mutation(({ ctx, input }) => updateWorkspaceSettings(ctx.service, input)),
  sendTestWebhook: permissionProcedure("settings:manage").mutation(({ ctx }) => sendTestWebhook(ctx.service)),
});
