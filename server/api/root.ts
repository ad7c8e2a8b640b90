import { createCallerFactory, createRouter } from "./trpc";
import { flagsRouter } from "./routers/flags";
import { environmentsRouter } from "./routers/environments";
import { membersRouter } from "./routers/members";
import { auditLogRouter } from "./routers/audit-log";
import { sessionRouter } from "./routers/session";
import { sdkKeysRouter } from "./routers/sdk-keys";
import { segmentsRouter } from "./routers/segments";
import { experimentsRouter } from "./routers/experiments";
import { approvalsRouter } from "./routers/approvals";
import { notificationsRouter } from "./routers/notifications";
import { workspaceSettingsRouter } from "./routers/workspace-settings";
import { metricsRouter } from "./routers/metrics";
import { cleanupRouter } from "./routers/cleanup";

export const appRouter = createRouter({
  session: sessionRouter,
  flags: flagsRouter,
  environments: environmentsRouter,
  members: membersRouter,
  auditLog: auditLogRouter,
  sdkKeys: sdkKeysRouter,
  segments: segmentsRouter,
  experiments: experimentsRouter,
  approvals: approvalsRouter,
  notifications: notificationsRouter,
  workspaceSettings: workspaceSettingsRouter,
  metrics: metricsRouter,
  cleanup: cleanupRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
