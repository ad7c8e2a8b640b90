import { z } from "zod";

/** PHASE-42's experiment types. Security/auth changes exist only to be refused ("never"). */
export const EXPERIMENT_TYPES = ["feature_flag", "ab_test", "gradual_rollout", "ux_copy", "pricing", "security_auth"] as const;
export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];
export const experimentTypeSchema = z.enum(EXPERIMENT_TYPES, {
  error: () => `Type must be one of: ${EXPERIMENT_TYPES.join(", ")}.`,
});

export const EXPERIMENT_TYPE_LABELS: Record<ExperimentType, string> = {
  feature_flag: "Feature flag",
  ab_test: "A/B test",
  gradual_rollout: "Gradual rollout",
  ux_copy: "UX copy test",
  pricing: "Pricing experiment",
  security_auth: "Security/auth change",
};

export const EXPERIMENT_TYPE_DESCRIPTIONS: Record<ExperimentType, string> = {
  feature_flag: "Toggle functionality for a share of users.",
  ab_test: "Compare a control with one or more variants.",
  gradual_rollout: "Expose a change to a growing percentage of users.",
  ux_copy: "Test text and layout changes.",
  pricing: "Controlled pricing cohorts; needs a pricing approval.",
  security_auth: "Authentication logic: never allowed.",
};

/** The lifecycle: draft → in review → approved → running ⇄ paused → stopped (decided) → cleaned up; aborted by a disable. */
export const EXPERIMENT_STATES = [
  "draft",
  "in_review",
  "approved",
  "running",
  "paused",
  "aborted",
  "stopped",
  "cleaned_up",
] as const;
export type ExperimentState = (typeof EXPERIMENT_STATES)[number];
export const experimentStateSchema = z.enum(EXPERIMENT_STATES, {
  error: () => `State must be one of: ${EXPERIMENT_STATES.join(", ")}.`,
});

export const EXPERIMENT_STATE_LABELS: Record<ExperimentState, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  running: "Running",
  paused: "Paused",
  aborted: "Aborted",
  stopped: "Stopped",
  cleaned_up: "Cleaned up",
};

export const DECISIONS = ["ship", "iterate", "kill"] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, string> = {
  ship: "Ship",
  iterate: "Iterate",
  kill: "Kill",
};

/** Approval kinds the policy can require. */
export const APPROVAL_KINDS = ["pricing", "security"] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  pricing: "Pricing approval",
  security: "Security sign-off",
};

export const APPROVAL_STATUSES = ["pending", "approved", "rejected", "void"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** PHASE-42: launches start small. */
export const MAX_LAUNCH_EXPOSURE = 5;
