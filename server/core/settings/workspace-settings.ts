import { z } from "zod";

/** Settings admins change in the app. Stored one row per key (JSON value) in WorkspaceSetting. */
export const WORKSPACE_SETTING_DEFAULTS = {
  /** PHASE-42 prohibits long-running experiments: no planned duration may exceed this */
  maxExperimentDays: 30,
  /** where Slack-compatible notifications are POSTed ("" = none) */
  webhookUrl: "",
  /** pricing experiments need a fresh pricing approval to ramp beyond this exposure (%) */
  pricingRampApprovalPercent: 25,
  /** a decision's cleanup task is due this many days after the decision */
  cleanupTaskDueDays: 14,
  /** days between reminders about a flag overdue for cleanup (first one when it becomes overdue) */
  cleanupReminderDays: 3,
  /** after this many reminders to the owner, reminders go to admins as well */
  cleanupEscalateAfter: 2,
};

export const workspaceSettingsSchema = z.object({
  maxExperimentDays: z
    .number({ error: "Maximum experiment duration must be a whole number of days (1–365)." })
    .int("Maximum experiment duration must be a whole number of days (1–365).")
    .min(1, "Maximum experiment duration must be at least 1 day.")
    .max(365, "Maximum experiment duration must be at most 365 days: long-running experiments are prohibited."),
  pricingRampApprovalPercent: z
    .number({ error: "Pricing ramp threshold must be a percentage from 5 to 100." })
    .min(5, "Pricing ramp threshold must be at least 5 %: launches already start at up to 5 %.")
    .max(100, "Pricing ramp threshold must be at most 100 % (100 % = no extra approval)."),
  cleanupTaskDueDays: z
    .number({ error: "Cleanup due date must be a whole number of days (1–90)." })
    .int("Cleanup due date must be a whole number of days (1–90).")
    .min(1, "Cleanup due date must be at least 1 day after the decision.")
    .max(90, "Cleanup due date must be at most 90 days after the decision: flags are temporary."),
  cleanupReminderDays: z
    .number({ error: "Reminder interval must be a whole number of days (1–30)." })
    .int("Reminder interval must be a whole number of days (1–30).")
    .min(1, "Reminder interval must be at least 1 day.")
    .max(30, "Reminder interval must be at most 30 days."),
  cleanupEscalateAfter: z
    .number({ error: "Escalation must be a whole number of reminders (1–10)." })
    .int("Escalation must be a whole number of reminders (1–10).")
    .min(1, "Escalate after at least 1 reminder to the owner.")
    .max(10, "Escalate after at most 10 reminders to the owner."),
  webhookUrl: z
    .string({ error: "Webhook URL must be text." })
    .trim()
    .max(2_000, "Webhook URL must be at most 2,000 characters.")
    .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v) && URL.canParse(v), "Webhook URL must be an http(s) URL such as https://hooks.slack.com/services/…, or empty for none."),
});
export type WorkspaceSettingsValues = z.infer<typeof workspaceSettingsSchema>;

/** Reads stored values, falling back to the defaults for missing or unreadable ones. */
export function settingsFromStored(stored: Record<string, unknown>): WorkspaceSettingsValues {
  const merged = { ...WORKSPACE_SETTING_DEFAULTS };
  for (const key of Object.keys(WORKSPACE_SETTING_DEFAULTS) as (keyof WorkspaceSettingsValues)[]) {
    const parsed = workspaceSettingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) (merged as Record<string, unknown>)[key] = parsed.data;
  }
  return merged;
}
