/**
 * tRPC setup and the procedure ladder: public → signed in → permission.
 * Every procedure carries its access rule in `meta`, checked here on the server before the
 * input is even parsed; a procedure without one is denied. The UI only mirrors these rules.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { allows, type Access, type Permission } from "../core/access/permissions";
import { AppError } from "../core/errors";
import type { Db } from "../db/client";
import type { SessionUser } from "../auth/session";
import type { ServiceContext, WorkspaceSettings } from "../services/context";
import { fieldErrorsOf, messageOf, toTrpcError } from "./errors";

export type ApiContext = {
  db: Db;
  user: SessionUser | null;
  now: () => Date;
  settings: WorkspaceSettings;
};

export type ProcedureMeta = { access: Access };

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        message: messageOf(error),
        data: { ...shape.data, stack: undefined, fieldErrors: fieldErrorsOf(error) },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with the right code; nothing else leaks. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw toTrpcError(result.error.cause);
  }
  return result;
});

const enforceAccess = t.middleware(({ ctx, meta, next }) => {
  const access = meta?.access;
  if (!access) throw new TRPCError({ code: "FORBIDDEN", message: "This action has no access rule; it is denied." });
  const verdict = allows(access, ctx.user);
  if (verdict === "unauthenticated") throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (verdict === "forbidden") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this. Ask an admin for access." });
  }
  return next();
});

const base = t.procedure.use(mapErrors);

export const publicProcedure = base.meta({ access: { kind: "public" } }).use(enforceAccess);

const requireUser = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  const user = ctx.user;
  const service: ServiceContext = {
    db: ctx.db,
    now: ctx.now,
    settings: ctx.settings,
    actor: { id: user.id, label: user.email, roles: user.roles },
  };
  return next({ ctx: { ...ctx, user, service } });
});

export const signedInProcedure = base.meta({ access: { kind: "signedIn" } }).use(enforceAccess).use(requireUser);

/** A procedure only members whose roles grant `permission` may call. */
export function permissionProcedure(permission: Permission) {
  return base.meta({ access: { kind: "permission", permission } }).use(enforceAccess).use(requireUser);
}
