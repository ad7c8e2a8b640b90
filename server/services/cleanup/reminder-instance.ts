/**
 * The cleanup reminder runner: a pass of sendCleanupReminders at start, then one every 15 minutes
 * (server/start.ts starts it at boot and stops it on shutdown). The timer is unref'd, so it never
 * keeps the process alive; passes never overlap. Reminders are days apart, so a pass that fails is
 * simply tried again by the next one.
 */
import { getDb, type Db } from "../../db/client";
import { loadEnv } from "../../env";
import { SYSTEM_ACTOR, type Actor, type WorkspaceSettings } from "../context";
import { sendCleanupReminders } from "./send-cleanup-reminders";

/** Keel itself, when it reminds people about flags overdue for cleanup. */
export const CLEANUP_REMINDER_ACTOR: Actor = { ...SYSTEM_ACTOR, label: "cleanup reminders" };

export const CLEANUP_REMINDER_INTERVAL_MS = 15 * 60_000;

export type CleanupReminderRunner = {
  /** stops the timer; resolves when a pass under way has finished */
  stop(): Promise<void>;
};

export type CleanupReminderRunnerOptions = {
  settings: WorkspaceSettings;
  intervalMs?: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
};

export function startCleanupReminderRunner(db: Db, options: CleanupReminderRunnerOptions): CleanupReminderRunner {
  const log = options.log ?? ((message, error) => console.error(message, error ?? ""));
  const ctx = { db, actor: CLEANUP_REMINDER_ACTOR, now: options.now ?? (() => new Date()), settings: options.settings };
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = () => {
    if (running || stopped) return;
    running = sendCleanupReminders(ctx, { log })
      .then(
        () => undefined,
        (error: unknown) => log("Cleanup reminder pass failed; retrying on the next pass.", error),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(pass, options.intervalMs ?? CLEANUP_REMINDER_INTERVAL_MS);
  timer.unref();
  pass();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

const globalForReminders = globalThis as unknown as { keelCleanupReminders?: CleanupReminderRunner };

/** The process-wide runner, started on first use (server/start.ts starts it at boot). */
export function getCleanupReminderRunner(): CleanupReminderRunner {
  globalForReminders.keelCleanupReminders ??= startCleanupReminderRunner(getDb(), { settings: { maxFlagLifetimeDays: loadEnv().KEEL_MAX_FLAG_LIFETIME_DAYS } });
  return globalForReminders.keelCleanupReminders;
}
