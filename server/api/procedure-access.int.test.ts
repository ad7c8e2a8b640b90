import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter, createCaller } from "./root";
import type { ApiContext } from "./trpc";
import { getDb } from "../db/client";
import { ROLES, type Role } from "../core/access/roles";
import { can, type Permission } from "../core/access/permissions";
import { ensureDefaultEnvironments, makeMember } from "../../prisma/factories";

/**
 * Every procedure × every role, against the real server-side ladder. The table is the
 * deliberate access policy: a new procedure fails this test until it is listed here.
 */
const EXPECTED_ACCESS: Record<string, "public" | "signedIn" | Permission> = {
  "session.health": "public",
  "session.me": "signedIn",
  "flags.list": "workspace:read",
  "flags.byKey": "workspace:read",
  "flags.formOptions": "workspace:read",
  "flags.summary": "workspace:read",
  "flags.create": "flags:write",
  "flags.updateEnvironment": "flags:write",
  "flags.updateTargeting": "flags:write",
  "flags.updateDetails": "flags:write",
  "flags.extendExpiry": "flags:write",
  "flags.updateWeights": "flags:write",
  "flags.updateVariations": "flags:write",
  "flags.test": "workspace:read",
  "flags.codeReferences": "workspace:read",
  "flags.archive": "flags:write",
  "environments.list": "workspace:read",
  "environments.create": "environments:manage",
  "environments.updateReliability": "environments:manage",
  "environments.pauseAllExperiments": "environments:manage",
  "members.list": "members:manage",
  "members.create": "members:manage",
  "members.updateRoles": "members:manage",
  "members.setActive": "members:manage",
  "auditLog.list": "audit:read",
  "auditLog.actors": "audit:read",
  "sdkKeys.list": "sdkKeys:manage",
  "sdkKeys.create": "sdkKeys:manage",
  "sdkKeys.revoke": "sdkKeys:manage",
  "segments.list": "workspace:read",
  "segments.byKey": "workspace:read",
  "segments.create": "flags:write",
  "segments.update": "flags:write",
  "segments.delete": "flags:write",
  "experiments.list": "workspace:read",
  "experiments.byKey": "workspace:read",
  "experiments.results": "workspace:read",
  "experiments.formOptions": "workspace:read",
  "experiments.dashboard": "workspace:read",
  "experiments.create": "experiments:write",
  "experiments.update": "experiments:write",
  "experiments.act": "experiments:write",
  "experiments.guardrails": "workspace:read",
  "experiments.saveGuardrails": "experiments:write",
  "experiments.saveRampPlan": "experiments:write",
  "experiments.requestRampApproval": "experiments:write",
  "experiments.watch": "workspace:read",
  "approvals.queue": "workspace:read",
  "approvals.decide": "approvals:decide",
  "notifications.list": "signedIn",
  "notifications.unreadCount": "signedIn",
  "notifications.markRead": "signedIn",
  "notifications.markAllRead": "signedIn",
  "metrics.list": "workspace:read",
  "metrics.create": "metrics:write",
  "metrics.update": "metrics:write",
  "cleanup.overview": "workspace:read",
  "workspaceSettings.get": "workspace:read",
  "workspaceSettings.update": "settings:manage",
  "workspaceSettings.sendTestWebhook": "settings:manage",
};

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: unknown } }>);

function context(user: ApiContext["user"]): ApiContext {
  return { db: getDb(), user, now: () => new Date(), settings: { maxFlagLifetimeDays: 90 } };
}

async function call(path: string, ctx: ApiContext): Promise<string> {
  const caller = createCaller(ctx) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const [group, name] = path.split(".") as [string, string];
  try {
    await caller[group]![name]!(undefined);
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("procedure access ladder", () => {
  const users = new Map<Role, ApiContext["user"]>();

  beforeAll(async () => {
    await ensureDefaultEnvironments();
    for (const role of ROLES) {
      const member = await makeMember([role]);
      users.set(role, { id: member.id, email: member.email, name: member.name, roles: [role] });
    }
  });

  it("lists every procedure with its intended access, and nothing else", () => {
    expect(procedures.map(([path]) => path).sort()).toEqual(Object.keys(EXPECTED_ACCESS).sort());
    for (const [path, procedure] of procedures) {
      const expected = EXPECTED_ACCESS[path]!;
      const access =
        expected === "public" || expected === "signedIn" ? { kind: expected } : { kind: "permission", permission: expected };
      expect(procedure._def.meta, path).toEqual({ access });
    }
  });

  it.each(procedures.map(([path]) => path))("%s: anonymous callers are refused unless public", async (path) => {
    const outcome = await call(path, context(null));
    if (EXPECTED_ACCESS[path] === "public") expect(outcome).toBe("OK");
    else expect(outcome).toBe("UNAUTHORIZED");
  });

  it.each(procedures.flatMap(([path]) => ROLES.map((role) => [path, role] as const)))(
    "%s as %s: allowed exactly when the role grants it",
    async (path, role) => {
      const expected = EXPECTED_ACCESS[path]!;
      const allowed = expected === "public" || expected === "signedIn" || can([role], expected);
      const outcome = await call(path, context(users.get(role)!));
      if (allowed) expect(outcome, `${role} should reach ${path}`).not.toMatch(/^(FORBIDDEN|UNAUTHORIZED)$/);
      else expect(outcome).toBe("FORBIDDEN");
    },
  );
});
