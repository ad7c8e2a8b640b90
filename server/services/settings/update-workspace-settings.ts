import { workspaceSettingsSchema, type WorkspaceSettingsValues } from "../../core/settings/workspace-settings";
import { inTransaction } from "../../db/client";
import { writeWorkspaceSetting } from "../../db/workspace-settings";
import { appendAuditEntry } from "../../db/audit-log";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { getWorkspaceSettings } from "./get-workspace-settings";

/** Admins change the workspace settings (maximum experiment duration, webhook URL); audited. */
export async function updateWorkspaceSettings(ctx: ServiceContext, raw: WorkspaceSettingsValues): Promise<WorkspaceSettingsValues> {
  const input = parseInput(workspaceSettingsSchema, raw);
  return inTransaction(ctx.db, async (tx) => {
    const before = await getWorkspaceSettings(tx);
    const changed = (Object.keys(input) as (keyof WorkspaceSettingsValues)[]).filter((k) => before[k] !== input[k]);
    if (changed.length === 0) return before;
    for (const key of changed) await writeWorkspaceSetting(tx, key, input[key]);
    await appendAuditEntry(tx, {
      actor: ctx.actor,
      action: "settings.updated",
      entityType: "settings",
      entityId: "workspace",
      entityKey: "workspace",
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, input[k]])),
      at: ctx.now(),
    });
    return input;
  });
}
