import { settingsFromStored, type WorkspaceSettingsValues } from "../../core/settings/workspace-settings";
import type { Db, Tx } from "../../db/client";
import { readWorkspaceSettingRows } from "../../db/workspace-settings";

/** The admin-editable workspace settings, with defaults for what was never set. */
export async function getWorkspaceSettings(db: Db | Tx): Promise<WorkspaceSettingsValues> {
  return settingsFromStored(await readWorkspaceSettingRows(db));
}
