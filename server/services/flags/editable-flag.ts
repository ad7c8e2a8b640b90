import { AppError } from "../../core/errors";
import type { Tx } from "../../db/client";
import { findFlagByKey, type FlagEnvironmentRecord, type FlagRecord } from "../../db/flags";
import { findEnvironmentByKey, type EnvironmentRecord } from "../../db/environments";

/** The flag a change applies to: it must exist and not be archived. */
export async function loadEditableFlag(tx: Tx, flagKey: string): Promise<FlagRecord> {
  const flag = await findFlagByKey(tx, flagKey);
  if (!flag) throw new AppError("NOT_FOUND", `Flag “${flagKey}” does not exist.`);
  if (flag.archivedAt) throw archivedFlagError(flag.key, flag.archivedAt);
  return flag;
}

/** An archived flag is read-only: it cannot be edited, turned on or used in a new experiment. */
export function archivedFlagError(flagKey: string, archivedAt: Date): AppError {
  return new AppError(
    "PRECONDITION_FAILED",
    `Flag “${flagKey}” was archived on ${archivedAt.toISOString().slice(0, 10)}: archived flags are read-only and cannot be changed, turned on or used in a new experiment. Create a new flag instead.`,
  );
}

export function staleFlagError(flag: FlagRecord): AppError {
  return new AppError("CONFLICT", `Someone else changed “${flag.key}” since you opened it; reload to see their change and try again.`);
}

/** A flag and its configuration in one environment, for a change there; names the field when either is unknown. */
export async function loadFlagInEnvironment(
  tx: Tx,
  flagKey: string,
  environmentKey: string,
): Promise<{ flag: FlagRecord; environment: EnvironmentRecord; config: FlagEnvironmentRecord }> {
  const environment = await findEnvironmentByKey(tx, environmentKey);
  if (!environment) {
    throw new AppError("BAD_INPUT", `Unknown environment “${environmentKey}”.`, {
      environmentKey: [`Environment “${environmentKey}” does not exist; see Settings → Environments.`],
    });
  }
  const flag = await loadEditableFlag(tx, flagKey);
  const config = flag.environments.find((e) => e.environmentId === environment.id);
  if (!config) throw new AppError("NOT_FOUND", `Flag “${flag.key}” has no configuration in ${environment.name}.`);
  return { flag, environment, config };
}
