import { listSdkKeysInput, type ListSdkKeysInput } from "../../core/sdk-keys/sdk-key";
import { AppError } from "../../core/errors";
import { findEnvironmentByKey } from "../../db/environments";
import { findSdkKeyById, findSdkKeysByPrefix, listSdkKeys } from "../../db/sdk-keys";
import { parseInput } from "../parse-input";
import type { ServiceContext } from "../context";
import { toSdkKeyView, type SdkKeyView } from "./sdk-key-view";
import { unknownEnvironment } from "./create-sdk-key";

/** Every SDK key (active and revoked), newest first, optionally in one environment. */
export async function listAllSdkKeys(ctx: Pick<ServiceContext, "db">, raw: ListSdkKeysInput = {}): Promise<SdkKeyView[]> {
  const input = parseInput(listSdkKeysInput, raw);
  let environmentId: string | undefined;
  if (input.environmentKey) {
    const environment = await findEnvironmentByKey(ctx.db, input.environmentKey);
    if (!environment) throw unknownEnvironment(input.environmentKey);
    environmentId = environment.id;
  }
  const records = await listSdkKeys(ctx.db, { environmentId });
  return records.map(toSdkKeyView);
}

/**
 * The key an operator means by an id or a shown prefix ("keel_srv_AbCd"), for the command line.
 * A prefix that several keys share is refused: use the id then.
 */
export async function findSdkKeyByReference(ctx: Pick<ServiceContext, "db">, reference: string): Promise<SdkKeyView> {
  const ref = reference.trim();
  if (!ref) throw new AppError("BAD_INPUT", "Key is required: give its id or its prefix (e.g. keel_srv_AbCd).", { id: ["Key is required: give its id or its prefix (e.g. keel_srv_AbCd)."] });
  const byId = await findSdkKeyById(ctx.db, ref);
  if (byId) return toSdkKeyView(byId);
  const byPrefix = await findSdkKeysByPrefix(ctx.db, ref);
  if (byPrefix.length === 1) return toSdkKeyView(byPrefix[0]!);
  if (byPrefix.length > 1) {
    throw new AppError("BAD_INPUT", `Several keys start with ${ref}; give the id instead.`, {
      id: [`Several keys start with ${ref} (${byPrefix.map((k) => k.id).join(", ")}); give the id instead.`],
    });
  }
  throw new AppError("NOT_FOUND", `No SDK key has the id or prefix “${ref}”; see keys list.`);
}
