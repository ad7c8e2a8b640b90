import type { Db, Tx } from "./client";
import type { Prisma } from "./generated/sqlite/client";
import type { ExperimentContent } from "../core/experiments/experiment-content";
import type { ApprovalKind, ApprovalStatus, Decision, ExperimentState, ExperimentType } from "../core/experiments/experiment-types";
import type { ReviewedField } from "../core/experiments/reviewed-document";
import type { ExperimentListQuery } from "../core/experiments/experiment-list-query";

export type ApprovalRecord = {
  id: string;
  kind: ApprovalKind;
  designVersion: number;
  status: ApprovalStatus;
  /** launch: before launch; ramp: to take a running pricing experiment beyond the admins' threshold */
  purpose: "launch" | "ramp";
  requester: { id: string; name: string; email: string };
  decider: { id: string; name: string; email: string } | null;
  comment: string;
  reviewedFields: ReviewedField[];
  requestedAt: Date;
  decidedAt: Date | null;
};

export type ExperimentRecord = {
  id: string;
  key: string;
  state: ExperimentState;
  designVersion: number;
  content: ExperimentContent;
  owner: { id: string; name: string; email: string };
  flag: { id: string; key: string; name: string; offVariationKey: string; variationKeys: string[]; expiresAt: Date; archivedAt: Date | null };
  environment: { id: string; key: string; name: string; isProduction: boolean; reliability: string };
  abortReason: string | null;
  /** JSON of the guardrail breach that aborted it (server/services/guardrails/abort-on-breach.ts), or null */
  abortDetails: string | null;
  /** the stored guardrail rules (JSON), or null while they are pre-filled */
  guardrailRules: string | null;
  ramp: { steps: number[]; stepMinutes: number; autoAdvance: boolean; stepStartedAt: Date | null };
  watcherIds: string[];
  decision: Decision | null;
  decisionRationale: string | null;
  outcome: string | null;
  decidedBy: { id: string; name: string; email: string } | null;
  decidedAt: Date | null;
  measurementOverrideReason: string | null;
  sampleSizePerVariation: number | null;
  submittedAt: Date | null;
  startedAt: Date | null;
  plannedEndAt: Date | null;
  endedAt: Date | null;
  cleanedUpAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** newest first */
  approvals: ApprovalRecord[];
  /** the experiment this one redesigns, and the redesigns of this one ("iterate") */
  iteratedFrom: { key: string; name: string } | null;
  iterations: { key: string; name: string; state: ExperimentState }[];
};

const person = { select: { id: true, name: true, email: true } } as const;

const fullExperiment = {
  owner: person,
  decidedBy: person,
  flag: { select: { id: true, key: true, name: true, offVariationKey: true, expiresAt: true, archivedAt: true, variations: { select: { key: true }, orderBy: { sortOrder: "asc" as const } } } },
  environment: { select: { id: true, key: true, name: true, isProduction: true, reliability: true } },
  watchers: { select: { userId: true } },
  segment: { select: { key: true } },
  metrics: { include: { metric: { select: { key: true } } } },
  approvals: { include: { requester: person, decider: person }, orderBy: { requestedAt: "desc" as const } },
  iteratedFrom: { select: { key: true, name: true } },
  iterations: { select: { key: true, name: true, state: true }, orderBy: { createdAt: "asc" as const } },
} as const;

type ExperimentRow = Prisma.ExperimentGetPayload<{ include: typeof fullExperiment }>;

function metricKeys(row: ExperimentRow, role: string): string[] {
  return row.metrics
    .filter((m) => m.role === role)
    .map((m) => m.metric.key)
    .sort();
}

function toApproval(row: ExperimentRow["approvals"][number]): ApprovalRecord {
  return {
    id: row.id,
    kind: row.kind as ApprovalKind,
    designVersion: row.designVersion,
    status: row.status as ApprovalStatus,
    purpose: row.purpose === "ramp" ? "ramp" : "launch",
    requester: row.requester,
    decider: row.decider,
    comment: row.comment,
    reviewedFields: parseFields(row.designSnapshot),
    requestedAt: row.requestedAt,
    decidedAt: row.decidedAt,
  };
}

function parseFields(json: string): ReviewedField[] {
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? (parsed as ReviewedField[]) : [];
}

function toRecord(row: ExperimentRow): ExperimentRecord {
  return {
    id: row.id,
    key: row.key,
    state: row.state as ExperimentState,
    designVersion: row.designVersion,
    content: {
      name: row.name,
      type: row.type as ExperimentType,
      flagKey: row.flag.key,
      environmentKey: row.environment.key,
      team: row.team,
      hypothesis: {
        problemStatement: row.problemStatement,
        expectedOutcome: row.expectedOutcome,
        successMetrics: metricKeys(row, "success"),
        failureMetrics: metricKeys(row, "failure"),
        rollbackPlan: row.rollbackPlan,
      },
      design: {
        controlVariation: row.controlVariationKey,
        weights: JSON.parse(row.variantWeights) as Record<string, number>,
        segmentKey: row.segment?.key ?? null,
        exposurePercentage: row.exposurePercentage,
        plannedDurationDays: row.plannedDurationDays,
        guardrailMetrics: metricKeys(row, "guardrail"),
        alpha: row.alpha,
        power: row.power,
        minDetectableEffect: row.minDetectableEffect,
        baselineRate: row.baselineRate,
        expectedDailyUnits: row.expectedDailyUnits,
      },
      sensitivity: {
        touchesPersonalData: row.touchesPersonalData,
        affectsBilling: row.affectsBilling,
        changesCompliance: row.changesCompliance,
        securityAdjacent: row.securityAdjacent,
        altersAuthSession: row.altersAuthSession,
        bypassesSecurityChecks: row.bypassesSecurityChecks,
        exposesPrivateData: row.exposesPrivateData,
        confirmsNoSecurityChange: row.confirmsNoSecurityChange,
      },
    },
    owner: row.owner,
    flag: {
      id: row.flag.id,
      key: row.flag.key,
      name: row.flag.name,
      offVariationKey: row.flag.offVariationKey,
      variationKeys: row.flag.variations.map((v) => v.key),
      expiresAt: row.flag.expiresAt,
      archivedAt: row.flag.archivedAt,
    },
    environment: row.environment,
    abortReason: row.abortReason,
    abortDetails: row.abortDetails,
    guardrailRules: row.guardrailRules,
    ramp: {
      steps: JSON.parse(row.rampSteps) as number[],
      stepMinutes: row.rampStepMinutes,
      autoAdvance: row.autoAdvance,
      stepStartedAt: row.exposureChangedAt ?? row.startedAt,
    },
    watcherIds: row.watchers.map((w) => w.userId),
    decision: row.decision as Decision | null,
    decisionRationale: row.decisionRationale,
    outcome: row.outcome,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    measurementOverrideReason: row.measurementOverrideReason,
    sampleSizePerVariation: row.sampleSizePerVariation,
    submittedAt: row.submittedAt,
    startedAt: row.startedAt,
    plannedEndAt: row.plannedEndAt,
    endedAt: row.endedAt,
    cleanedUpAt: row.cleanedUpAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    approvals: row.approvals.map(toApproval),
    iteratedFrom: row.iteratedFrom,
    iterations: row.iterations.map((i) => ({ ...i, state: i.state as ExperimentState })),
  };
}

export async function findExperimentByKey(db: Db | Tx, key: string): Promise<ExperimentRecord | null> {
  const row = await db.experiment.findUnique({ where: { key }, include: fullExperiment });
  return row ? toRecord(row) : null;
}

export async function findExperimentById(db: Db | Tx, id: string): Promise<ExperimentRecord | null> {
  const row = await db.experiment.findUnique({ where: { id }, include: fullExperiment });
  return row ? toRecord(row) : null;
}

/** The stored columns of an experiment's document, resolved to ids by the service. */
export type ExperimentColumns = {
  name: string;
  type: ExperimentType;
  flagId: string;
  environmentId: string;
  team: string;
  segmentId: string | null;
  problemStatement: string;
  expectedOutcome: string;
  rollbackPlan: string;
  controlVariationKey: string;
  variantWeights: Record<string, number>;
  exposurePercentage: number;
  plannedDurationDays: number;
  alpha: number;
  power: number;
  minDetectableEffect: number;
  baselineRate: number;
  expectedDailyUnits: number;
  sampleSizePerVariation: number | null;
  sensitivity: ExperimentContent["sensitivity"];
  /** metric ids per role */
  metrics: { metricId: string; role: "success" | "failure" | "guardrail" }[];
};

function columnData(c: ExperimentColumns) {
  return {
    name: c.name,
    type: c.type,
    flagId: c.flagId,
    environmentId: c.environmentId,
    team: c.team,
    segmentId: c.segmentId,
    problemStatement: c.problemStatement,
    expectedOutcome: c.expectedOutcome,
    rollbackPlan: c.rollbackPlan,
    controlVariationKey: c.controlVariationKey,
    variantWeights: JSON.stringify(c.variantWeights),
    exposurePercentage: c.exposurePercentage,
    plannedDurationDays: c.plannedDurationDays,
    alpha: c.alpha,
    power: c.power,
    minDetectableEffect: c.minDetectableEffect,
    baselineRate: c.baselineRate,
    expectedDailyUnits: c.expectedDailyUnits,
    sampleSizePerVariation: c.sampleSizePerVariation,
    ...c.sensitivity,
  };
}

export async function insertExperiment(tx: Tx, data: ExperimentColumns & { key: string; ownerId: string; iteratedFromId?: string }): Promise<ExperimentRecord> {
  const created = await tx.experiment.create({
    data: {
      key: data.key,
      ownerId: data.ownerId,
      iteratedFromId: data.iteratedFromId ?? null,
      ...columnData(data),
      metrics: { create: data.metrics },
    },
  });
  return (await findExperimentById(tx, created.id))!;
}

/**
 * Writes a new version of the document: bumps the design version, guarded by the version the
 * author started from (false: someone else saved meanwhile). Metric choices are replaced.
 */
export async function updateExperimentContent(
  tx: Tx,
  id: string,
  expectedDesignVersion: number,
  data: ExperimentColumns & { state: ExperimentState },
): Promise<boolean> {
  const { count } = await tx.experiment.updateMany({
    where: { id, designVersion: expectedDesignVersion },
    data: { ...columnData(data), state: data.state, designVersion: { increment: 1 } },
  });
  if (count !== 1) return false;
  await tx.experimentMetric.deleteMany({ where: { experimentId: id } });
  await tx.experimentMetric.createMany({ data: data.metrics.map((m) => ({ ...m, experimentId: id })) });
  return true;
}

export type StateChange = Partial<{
  exposurePercentage: number;
  abortReason: string | null;
  abortDetails: string | null;
  exposureChangedAt: Date;
  decision: Decision;
  decisionRationale: string;
  outcome: string;
  decidedById: string | null;
  decidedAt: Date;
  measurementOverrideReason: string | null;
  submittedAt: Date;
  startedAt: Date;
  plannedEndAt: Date;
  endedAt: Date;
  cleanedUpAt: Date;
}>;

/** Moves an experiment between states, guarded by the state read before (false: it moved meanwhile). */
export async function updateExperimentState(
  tx: Tx,
  id: string,
  from: ExperimentState,
  to: ExperimentState,
  change: StateChange = {},
): Promise<boolean> {
  const { count } = await tx.experiment.updateMany({ where: { id, state: from }, data: { ...change, state: to } });
  return count === 1;
}

/**
 * Serialises launches on one flag: a no-op write takes the flag row's lock (PostgreSQL) or the
 * database write lock (SQLite) until the transaction ends, so two launches cannot both see the
 * flag free.
 */
export async function lockFlag(tx: Tx, flagId: string): Promise<void> {
  await tx.flag.updateMany({ where: { id: flagId }, data: { version: { increment: 0 } } });
}

/** Another experiment running (or paused) on the flag, if any. */
export async function findActiveExperimentOnFlag(db: Db | Tx, flagId: string, exceptId: string): Promise<{ key: string } | null> {
  return db.experiment.findFirst({
    where: { flagId, id: { not: exceptId }, state: { in: ["running", "paused"] } },
    select: { key: true },
  });
}

/** Whether the flag is on in the environment, and at what rollout. */
export async function findFlagExposure(db: Db | Tx, flagId: string, environmentId: string): Promise<{ enabled: boolean; rolloutPercentage: number } | null> {
  return db.flagEnvironmentConfig.findUnique({
    where: { flagId_environmentId: { flagId, environmentId } },
    select: { enabled: true, rolloutPercentage: true },
  });
}

// ───────────── approvals ─────────────

export async function insertApprovalRequest(
  tx: Tx,
  data: { experimentId: string; kind: ApprovalKind; designVersion: number; requesterId: string; reviewedFields: ReviewedField[]; at: Date; purpose?: "launch" | "ramp" },
): Promise<string> {
  const row = await tx.approval.create({
    data: {
      experimentId: data.experimentId,
      kind: data.kind,
      purpose: data.purpose ?? "launch",
      designVersion: data.designVersion,
      requesterId: data.requesterId,
      designSnapshot: JSON.stringify(data.reviewedFields),
      requestedAt: data.at,
    },
  });
  return row.id;
}

/** Voids every pending or approved request of an experiment (a design edit or a withdrawal); returns what it voided. */
export async function voidOpenApprovals(tx: Tx, experimentId: string, at: Date): Promise<{ id: string; kind: string; status: string; deciderId: string | null }[]> {
  const open = await tx.approval.findMany({
    where: { experimentId, status: { in: ["pending", "approved"] } },
    select: { id: true, kind: true, status: true, deciderId: true },
  });
  if (open.length > 0) {
    await tx.approval.updateMany({ where: { id: { in: open.map((a) => a.id) } }, data: { status: "void", decidedAt: at } });
  }
  return open;
}

export async function findApprovalById(db: Db | Tx, id: string): Promise<{ id: string; experimentId: string } | null> {
  return db.approval.findUnique({ where: { id }, select: { id: true, experimentId: true } });
}

/** Records a reviewer's decision, guarded by the request still being pending. */
export async function decideApprovalRequest(
  tx: Tx,
  id: string,
  decision: { status: "approved" | "rejected"; deciderId: string; comment: string; at: Date },
): Promise<boolean> {
  const { count } = await tx.approval.updateMany({
    where: { id, status: "pending" },
    data: { status: decision.status, deciderId: decision.deciderId, comment: decision.comment, decidedAt: decision.at },
  });
  return count === 1;
}

/** Experiment ids with a pending request of one of `kinds`, oldest request first. */
export async function listExperimentIdsAwaiting(db: Db, kinds: readonly ApprovalKind[]): Promise<string[]> {
  const rows = await db.approval.findMany({
    where: { status: "pending", kind: { in: [...kinds] } },
    select: { experimentId: true },
    orderBy: { requestedAt: "asc" },
  });
  return [...new Set(rows.map((r) => r.experimentId))];
}

/** Active members holding `role`. */
export async function listUserIdsWithRole(db: Db | Tx, role: string): Promise<string[]> {
  const rows = await db.userRole.findMany({ where: { role, user: { deactivatedAt: null } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

// ───────────── lists ─────────────

export type ExperimentSummary = {
  id: string;
  key: string;
  name: string;
  type: ExperimentType;
  state: ExperimentState;
  team: string;
  owner: { id: string; name: string; email: string };
  flag: { key: string };
  environment: { key: string; name: string };
  exposurePercentage: number;
  pendingApprovals: ApprovalKind[];
  startedAt: Date | null;
  plannedEndAt: Date | null;
  updatedAt: Date;
};

const summarySelect = {
  id: true,
  key: true,
  name: true,
  type: true,
  state: true,
  team: true,
  exposurePercentage: true,
  startedAt: true,
  plannedEndAt: true,
  updatedAt: true,
  owner: person,
  flag: { select: { key: true } },
  environment: { select: { key: true, name: true } },
  approvals: { where: { status: "pending" }, select: { kind: true } },
} as const;

type SummaryRow = Prisma.ExperimentGetPayload<{ select: typeof summarySelect }>;

function toSummary(row: SummaryRow): ExperimentSummary {
  return {
    ...row,
    type: row.type as ExperimentType,
    state: row.state as ExperimentState,
    pendingApprovals: row.approvals.map((a) => a.kind as ApprovalKind),
  };
}

export async function listExperimentSummaries(db: Db, query: ExperimentListQuery): Promise<ExperimentSummary[]> {
  const where: Prisma.ExperimentWhereInput = {
    ...(query.state ? { state: query.state } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.owner ? { ownerId: query.owner } : {}),
    ...(query.environment ? { environment: { key: query.environment } } : {}),
  };
  const rows = await db.experiment.findMany({ where, select: summarySelect, orderBy: { updatedAt: "desc" }, take: 500 });
  return rows.map(toSummary);
}

export async function listRecentlyChangedExperiments(db: Db, take: number): Promise<ExperimentSummary[]> {
  const rows = await db.experiment.findMany({ select: summarySelect, orderBy: { updatedAt: "desc" }, take });
  return rows.map(toSummary);
}

export async function findMetricIdsByKey(db: Db | Tx, keys: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.metricDefinition.findMany({ where: { key: { in: [...new Set(keys)] } }, select: { id: true, key: true } });
  return new Map(rows.map((r) => [r.key, r.id]));
}

export async function findSegmentIdByKey(db: Db | Tx, key: string): Promise<string | null> {
  const row = await db.segment.findUnique({ where: { key }, select: { id: true } });
  return row?.id ?? null;
}

export async function listExperimentKeys(db: Db): Promise<string[]> {
  const rows = await db.experiment.findMany({ select: { key: true }, orderBy: { key: "asc" } });
  return rows.map((r) => r.key);
}

/** Keys starting with `prefix`, to pick the next free redesign key. */
export async function listExperimentKeysStartingWith(db: Db | Tx, prefix: string): Promise<string[]> {
  const rows = await db.experiment.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
  return rows.map((r) => r.key);
}

/** Saves the guardrail rules (JSON) or, with null, returns to the pre-filled ones. */
export async function updateGuardrailRules(tx: Tx, id: string, rules: string | null): Promise<void> {
  await tx.experiment.update({ where: { id }, data: { guardrailRules: rules } });
}

export async function updateRampPlan(tx: Tx, id: string, plan: { steps: number[]; stepMinutes: number; autoAdvance: boolean }): Promise<void> {
  await tx.experiment.update({ where: { id }, data: { rampSteps: JSON.stringify(plan.steps), rampStepMinutes: plan.stepMinutes, autoAdvance: plan.autoAdvance } });
}

export async function setWatching(tx: Tx, experimentId: string, userId: string, watching: boolean): Promise<void> {
  if (watching) {
    await tx.experimentWatcher.upsert({ where: { experimentId_userId: { experimentId, userId } }, create: { experimentId, userId }, update: {} });
  } else {
    await tx.experimentWatcher.deleteMany({ where: { experimentId, userId } });
  }
}
