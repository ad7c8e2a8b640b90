import { describe, expect, it } from "vitest";
import { settingsFromStored, workspaceSettingsSchema } from "./workspace-settings";

describe("workspace settings", () => {
  it("falls back to defaults for missing or bad stored values", () => {
    expect(settingsFromStored({})).toEqual({ maxExperimentDays: 30, pricingRampApprovalPercent: 25, webhookUrl: "" });
    expect(settingsFromStored({ maxExperimentDays: 60, webhookUrl: 42 })).toEqual({ maxExperimentDays: 60, pricingRampApprovalPercent: 25, webhookUrl: "" });
  });
  it("bounds the maximum duration and checks the webhook URL", () => {
    expect(workspaceSettingsSchema.safeParse({ maxExperimentDays: 0, webhookUrl: "" }).success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ maxExperimentDays: 400, webhookUrl: "" }).success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ maxExperimentDays: 30, webhookUrl: "ftp://x" }).success).toBe(false);
    expect(workspaceSettingsSchema.safeParse({ maxExperimentDays: 30, pricingRampApprovalPercent: 25, webhookUrl: "https://hooks.slack.com/services/T/B/X" }).success).toBe(true);
    expect(workspaceSettingsSchema.safeParse({ maxExperimentDays: 30, pricingRampApprovalPercent: 101, webhookUrl: "" }).success).toBe(false);
  });
});
