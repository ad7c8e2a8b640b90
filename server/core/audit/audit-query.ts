import { z } from "zod";

export const AUDIT_ENTITY_TYPES = [
  "flag",
  "environment",
  "user",
  "experiment",
  "approval",
  "sdk_key",
  "metric",
  "segment",
  "settings",
  "code_references",
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AUDIT_ENTITY_LABELS: Record<AuditEntityType, string> = {
  flag: "Flag",
  environment: "Environment",
  user: "Member",
  experiment: "Experiment",
  approval: "Approval",
  sdk_key: "SDK key",
  metric: "Metric",
  segment: "Segment",
  settings: "Workspace settings",
  code_references: "Code references",
};

/** Filters of the audit-log page. */
export const auditQueryInput = z.object({
  entityType: z
    .enum(AUDIT_ENTITY_TYPES, { error: () => `Entity must be one of: ${AUDIT_ENTITY_TYPES.join(", ")}.` })
    .optional(),
  /** a flag key, an email… narrows to one entity of that type */
  entityKey: z.string().trim().max(200).optional(),
  actorId: z.string().trim().min(1).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQueryInput>;
