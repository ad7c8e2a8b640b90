import { createSdkKeyInput, listSdkKeysInput, revokeSdkKeyInput } from "../../core/sdk-keys/sdk-key";
import { createRouter, permissionProcedure } from "../trpc";
import { createSdkKey } from "../../services/sdk-keys/create-sdk-key";
import { revokeSdkKey } from "../../services/sdk-keys/revoke-sdk-key";
import { listAllSdkKeys } from "../../services/sdk-keys/list-sdk-keys";

/** SDK keys: admins only. The secret leaves the server once, in the answer to `create`. */
export const sdkKeysRouter = createRouter({
  list: permissionProcedure("sdkKeys:manage")
    .input(listSdkKeysInput)
    .query(({ ctx, input }) => listAllSdkKeys(ctx.service, input)),
  create: permissionProcedure("sdkKeys:manage")
    .input(createSdkKeyInput)
    .mutation(({ ctx, input }) => createSdkKey(ctx.service, input)),
  revoke: permissionProcedure("sdkKeys:manage")
    .input(revokeSdkKeyInput)
    .mutation(({ ctx, input }) => revokeSdkKey(ctx.service, input)),
});
