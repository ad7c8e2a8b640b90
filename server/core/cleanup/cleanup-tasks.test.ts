import { describe, expect, it } from "vitest";
import { cleanupDueAt, cleanupInstructions, describeDue, manualCleanupVerdict } from "./cleanup-tasks";

const day = 24 * 3600 * 1000;
const decidedAt = new Date("2026-12-01T10:00:00Z");

describe("cleanup tasks", () => {
  it("are due the configured number of days after the decision", () => {
    expect(cleanupDueAt(decidedAt, 14).toISOString()).toBe("2026-12-15T10:00:00.000Z");
  });
  it("say what to do for each decision", () => {
    expect(cleanupInstructions("ship", { flagKey: "new-checkout", winningVariation: "treatment" })).toMatch(/Make “treatment” the default in code.*archive the flag/);
    expect(cleanupInstructions("kill", { flagKey: "new-checkout" })).toMatch(/Delete the experiment's code.*archive the flag/);
    expect(cleanupInstructions("iterate", { flagKey: "new-checkout", redesignKey: "new-checkout-r2" })).toMatch(/redesign “new-checkout-r2” and launch it/);
  });
  it("describe how far the due date is", () => {
    const due = new Date(decidedAt.getTime() + 3 * day);
    expect(describeDue(due, decidedAt)).toBe("due in 3 days");
    expect(describeDue(due, new Date(due.getTime() + 2 * day))).toBe("overdue by 2 days");
    expect(describeDue(due, new Date(due.getTime() + 1000))).toBe("overdue since today");
    expect(describeDue(due, new Date(due.getTime() - day))).toBe("due in 1 day");
  });
  it("let only an iterate be closed by hand before the flag is archived", () => {
    expect(manualCleanupVerdict("iterate", { key: "f", archived: false }).ok).toBe(true);
    expect(manualCleanupVerdict("kill", { key: "f", archived: false }).ok).toBe(false);
    expect(manualCleanupVerdict("ship", { key: "f", archived: true }).ok).toBe(true);
  });
});
