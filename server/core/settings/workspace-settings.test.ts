import { describe, expect, it } from "vitest";
import { settingsFromStored, workspaceSettingsSchema, WORKSPACE_SETTING_DEFAULTS } from "./workspace-settings";

const DEFAULTS = { maxExperimentDays: 30, pricingRampApprovalPercent: 25, cleanupTaskDueDays: 14, cleanupReminderDays: 3, cleanupEscalateAfter: 2, webhookUrl: "" };

/** The first message zod gives for `field` when the defaults are changed by `change`. */
function errorAt(field: keyof typeof DEFAULTS, change: Partial<Record<keyof typeof DEFAULTS, unknown>>): string | undefined {
  const parsed = workspaceSettingsSchema.safeParse({ ...DEFAULTS, ...change });
  return parsed.success ? undefined : parsed.error.issues.find((issue) => issue.path[0] === field)?.message;
}

describe("workspace settings", () => {
  it("falls back to defaults for missing or bad stored values", () => {
    expect(WORKSPACE_SETTING_DEFAULTS).toEqual(DEFAULTS);
    expect(settingsFromStored({})).toEqual(DEFAULTS);
    expect(settingsFromStored({ maxExperimentDays: 60, webhookUrl: 42 })).toEqual({ ...DEFAULTS, maxExperimentDays: 60 });
    expect(settingsFromStored({ cleanupTaskDueDays: 30, cleanupReminderDays: 0, cleanupEscalateAfter: "3" })).toEqual({ ...DEFAULTS, cleanupTaskDueDays: 30 });
  });
  it("bounds the maximum duration and checks the webhook URL", () => {
    expect(workspaceSettingsSchema.safeParse({ ...DEFAULTS, maxExperimentDays: 0 }).success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ ...DEFAULTS, maxExperimentDays: 400 }).success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ ...DEFAULTS, webhookUrl: "ftp://x" }).success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ ...DEFAULTS, webhookUrl: "https://hooks.slack.com/services/T/B/X" }).success).toBe(true);
    expect(workspaceSettingsSchema.safeParse({ ...DEFAULTS, pricingRampApprovalPercent: 101 }).success).toBe(false);
  });
  it("requires every setting", () => {
    for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) {
      const { [key]: _left, ...rest } = DEFAULTS;
      expect(workspaceSettingsSchema.safeParse(rest).success, key).toBe(false);
    }
  });
  it("bounds the cleanup due date to whole days from 1 to 90", () => {
    expect(errorAt("cleanupTaskDueDays", { cleanupTaskDueDays: 1 })).toBeUndefined();
    expect(errorAt("cleanupTaskDueDays", { cleanupTaskDueDays: 90 })).toBeUndefined();
    expect(errorAt("cleanupTaskDueDays", { cleanupTaskDueDays: 0 })).toMatch(/at least 1 day after the decision/);
    expect(errorAt("cleanupTaskDueDays", { cleanupTaskDueDays: 91 })).toMatch(/at most 90 days .*flags are temporary/);
    expect(errorAt("cleanupTaskDueDays", { cleanupTaskDueDays: 2.5 })).toMatch(/whole number of days \(1–90\)/);
    expect(errorAt("cleanupTaskDueDays", { cleanupTaskDueDays: "14" })).toMatch(/whole number of days \(1–90\)/);
  });
  it("bounds the reminder interval to whole days from 1 to 30", () => {
    expect(errorAt("cleanupReminderDays", { cleanupReminderDays: 1 })).toBeUndefined();
    expect(errorAt("cleanupReminderDays", { cleanupReminderDays: 30 })).toBeUndefined();
    expect(errorAt("cleanupReminderDays", { cleanupReminderDays: 0 })).toMatch(/at least 1 day/);
    expect(errorAt("cleanupReminderDays", { cleanupReminderDays: 31 })).toMatch(/at most 30 days/);
    expect(errorAt("cleanupReminderDays", { cleanupReminderDays: 1.5 })).toMatch(/whole number of days \(1–30\)/);
    expect(errorAt("cleanupReminderDays", { cleanupReminderDays: Number.NaN })).toMatch(/whole number of days \(1–30\)/);
  });
  it("bounds the escalation to whole reminders from 1 to 10", () => {
    expect(errorAt("cleanupEscalateAfter", { cleanupEscalateAfter: 1 })).toBeUndefined();
    expect(errorAt("cleanupEscalateAfter", { cleanupEscalateAfter: 10 })).toBeUndefined();
    expect(errorAt("cleanupEscalateAfter", { cleanupEscalateAfter: 0 })).toMatch(/at least 1 reminder/);
    expect(errorAt("cleanupEscalateAfter", { cleanupEscalateAfter: 11 })).toMatch(/at most 10 reminders/);
    expect(errorAt("cleanupEscalateAfter", { cleanupEscalateAfter: 2.5 })).toMatch(/whole number of reminders/);
  });
});
