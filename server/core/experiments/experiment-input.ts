import { z } from "zod";
import { keySchema } from "../keys";
import { DECISIONS, experimentTypeSchema } from "./experiment-types";

const text = (label: string, max: number) =>
  z.string({ error: `${label} must be text.` }).trim().max(max, `${label} must be at most ${max.toLocaleString("en")} characters.`);

const metricKeys = (label: string) =>
  z.array(keySchema(`${label} metric key`)).max(10, `${label} metrics: choose at most 10.`).default([]);

const percent = (label: string) =>
  z.number({ error: `${label} must be a number from 0 to 100.` }).min(0, `${label} must be between 0 and 100 %.`).max(100, `${label} must be between 0 and 100 %.`);

const flag = (label: string) => z.boolean({ error: `${label} must be true or false.` }).default(false);

export const experimentNameSchema = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, "Name is required.")
  .max(120, "Name must be at most 120 characters.");

/** The whole document an author saves (drafts may leave the hypothesis incomplete; submission checks it). */
export const experimentContentInput = z.object({
  name: experimentNameSchema,
  type: experimentTypeSchema,
  flagKey: keySchema("Flag"),
  environmentKey: keySchema("Environment"),
  team: text("Team", 60).default(""),
  hypothesis: z.object({
    problemStatement: text("Problem statement", 4_000).default(""),
    expectedOutcome: text("Expected outcome", 4_000).default(""),
    successMetrics: metricKeys("Success"),
    failureMetrics: metricKeys("Failure"),
    rollbackPlan: text("Rollback plan", 4_000).default(""),
  }),
  design: z.object({
    controlVariation: z.string({ error: "Control variation is required." }).trim().min(1, "Control variation is required."),
    weights: z.record(z.string(), percent("Each weight"), { error: "Weights must map variation keys to percentages." }),
    segmentKey: z.string().trim().min(1).nullable().default(null),
    exposurePercentage: percent("Planned exposure"),
    plannedDurationDays: z
      .number({ error: "Planned duration must be a whole number of days." })
      .int("Planned duration must be a whole number of days.")
      .min(1, "Planned duration must be at least 1 day."),
    guardrailMetrics: metricKeys("Guardrail"),
    alpha: z
      .number({ error: "Alpha must be a number such as 0.05." })
      .gt(0, "Alpha must be more than 0 (e.g. 0.05).")
      .max(0.2, "Alpha must be at most 0.2 (e.g. 0.05)."),
    power: z
      .number({ error: "Power must be a number such as 0.8." })
      .min(0.5, "Power must be between 0.5 and 0.99 (e.g. 0.8).")
      .max(0.99, "Power must be between 0.5 and 0.99 (e.g. 0.8)."),
    minDetectableEffect: z
      .number({ error: "Minimum detectable effect must be a number such as 0.05 (5 %)." })
      .gt(0, "Minimum detectable effect must be more than 0 (e.g. 0.05 for 5 %).")
      .max(10, "Minimum detectable effect must be at most 10 (1,000 %)."),
    baselineRate: z
      .number({ error: "Baseline rate must be a number such as 0.1 (10 %)." })
      .gt(0, "Baseline rate must be between 0 and 1 (e.g. 0.1 for 10 %).")
      .lt(1, "Baseline rate must be between 0 and 1 (e.g. 0.1 for 10 %)."),
    expectedDailyUnits: z
      .number({ error: "Expected daily units must be a whole number." })
      .int("Expected daily units must be a whole number.")
      .min(0, "Expected daily units cannot be negative.")
      .max(1_000_000_000, "Expected daily units must be at most 1,000,000,000."),
  }),
  sensitivity: z.object({
    touchesPersonalData: flag("Touches personal data"),
    affectsBilling: flag("Affects billing"),
    changesCompliance: flag("Changes compliance behaviour"),
    securityAdjacent: flag("Security-adjacent"),
    altersAuthSession: flag("Alters auth/session logic"),
    bypassesSecurityChecks: flag("Bypasses security checks"),
    exposesPrivateData: flag("Exposes private data"),
    confirmsNoSecurityChange: flag("Confirmation"),
  }),
});
export type ExperimentContentInput = z.input<typeof experimentContentInput>;

/** Starting a draft: the rest of the design is prefilled from the flag. */
export const createExperimentInput = z.object({
  key: keySchema("Experiment key"),
  name: experimentNameSchema,
  type: experimentTypeSchema,
  flagKey: keySchema("Flag"),
  environmentKey: keySchema("Environment"),
  team: text("Team", 60).optional(),
});
export type CreateExperimentInput = z.input<typeof createExperimentInput>;

const version = z
  .number({ error: "Design version is required (the version you edited or reviewed)." })
  .int()
  .min(1, "Design version must be 1 or more.");

export const updateExperimentInput = z.object({
  key: keySchema("Experiment key"),
  /** the design version the author started from: a later change by someone else is a conflict */
  designVersion: version,
  content: experimentContentInput,
});
export type UpdateExperimentInput = z.input<typeof updateExperimentInput>;

export const experimentKeyInput = z.object({ key: keySchema("Experiment key") });

const reason = text("Reason", 2_000).default("");

export const lifecycleActionInput = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("submit"), key: keySchema("Experiment key"), designVersion: version }),
    z.object({ action: z.literal("withdraw"), key: keySchema("Experiment key"), reason }),
    z.object({
      action: z.literal("launch"),
      key: keySchema("Experiment key"),
      designVersion: version,
      exposurePercentage: percent("Launch exposure"),
    }),
    z.object({ action: z.literal("change_exposure"), key: keySchema("Experiment key"), exposurePercentage: percent("Exposure") }),
    z.object({ action: z.literal("pause"), key: keySchema("Experiment key"), reason }),
    z.object({ action: z.literal("resume"), key: keySchema("Experiment key"), reason }),
    z.object({ action: z.literal("disable"), key: keySchema("Experiment key"), reason }),
    z.object({
      action: z.literal("stop"),
      key: keySchema("Experiment key"),
      decision: z.enum(DECISIONS, { error: () => `Decision must be one of: ${DECISIONS.join(", ")}.` }),
      winningVariation: z.string().trim().optional(),
      rationale: text("Rationale", 4_000).min(10, "Rationale is required (at least 10 characters): say why."),
      outcome: text("Outcome", 4_000).min(10, "Outcome is required (at least 10 characters): say what was learnt."),
      overrideReason: text("Override reason", 2_000).optional(),
    }),
    z.object({ action: z.literal("clean_up"), key: keySchema("Experiment key"), reason }),
  ],
  { error: () => "Action must be one of: submit, withdraw, launch, change_exposure, pause, resume, disable, stop, clean_up." },
);
export type LifecycleActionInput = z.input<typeof lifecycleActionInput>;

export const decideApprovalInput = z.object({
  approvalId: z.string({ error: "Approval id is required." }).min(1, "Approval id is required."),
  decision: z.enum(["approve", "reject"], { error: () => "Decision must be approve or reject." }),
  /** the design version the reviewer looked at */
  designVersion: version,
  comment: text("Comment", 4_000).default(""),
});
export type DecideApprovalInput = z.input<typeof decideApprovalInput>;
