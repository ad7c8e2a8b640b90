/**
 * Test data factories: every test makes the rows it needs, with unique keys, through the
 * same services users go through. No shared fixture rows.
 */
import { randomUUID } from "node:crypto";
import { addDays } from "date-fns";
import type { Role } from "../server/core/access/roles";
import type { CreateFlagInput } from "../server/core/flags/flag-input";
import { DEFAULT_ENVIRONMENTS } from "../server/core/environments/environment-input";
import { getDb } from "../server/db/client";
import { findEnvironmentByKey } from "../server/db/environments";
import { SYSTEM_ACTOR, type Actor, type ServiceContext } from "../server/services/context";
import { createMember } from "../server/services/members/create-member";
import { createEnvironment } from "../server/services/environments/create-environment";
import { createFlag } from "../server/services/flags/create-flag";
import type { CreateSegmentInput } from "../server/core/segments/segment-input";
import { createSegment } from "../server/services/segments/create-segment";
import { inTransaction } from "../server/db/client";
import { findFlagByKey, insertFlag, updateFlagEnvironmentConfig, type FlagRecord } from "../server/db/flags";
import { listEnvironments } from "../server/db/environments";
import { findMetricByKey, insertMetricDefinition } from "../server/db/metrics";
import type { ExperimentContentInput } from "../server/core/experiments/experiment-input";
import type { ExperimentType } from "../server/core/experiments/experiment-types";
import { createExperiment } from "../server/services/experiments/create-experiment";
import { updateExperiment } from "../server/services/experiments/update-experiment";
import { rampStraightToPlanned } from "../server/services/guardrails/ramp-to-planned";
import { runLifecycleAction } from "../server/services/experiments/run-lifecycle-action";
import { normaliseVariations } from "../server/core/flags/variations";
import { defaultWeights } from "../server/core/flags/rollout";

export const FACTORY_PASSWORD = "factory-password-123";

export function uniqueKey(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function serviceContext(actor: Actor = SYSTEM_ACTOR, overrides: Partial<ServiceContext> = {}): ServiceContext {
  return { db: getDb(), actor, now: () => new Date(), settings: { maxFlagLifetimeDays: 90 }, ...overrides };
}

export async function makeMember(roles: Role[] = ["experimenter"], team = "") {
  const email = `${uniqueKey("member")}@test.keel`;
  const user = await createMember(serviceContext(), { email, name: `Test ${roles.join("+") || "nobody"}`, roles: roles.length ? roles : ["viewer"], password: FACTORY_PASSWORD, team });
  return user;
}

export function actorFor(user: { id: string; email: string; roles: Role[] }): Actor {
  return { id: user.id, label: user.email, roles: user.roles };
}

/** The default environments exist (created once per database, like the seed does). */
export async function ensureDefaultEnvironments(): Promise<void> {
  for (const env of DEFAULT_ENVIRONMENTS) {
    if (await findEnvironmentByKey(getDb(), env.key)) continue;
    await createEnvironment(serviceContext(), { key: env.key, name: env.name, isProduction: env.isProduction });
  }
}

export function flagInput(overrides: Partial<CreateFlagInput> = {}): CreateFlagInput {
  return {
    key: uniqueKey("flag"),
    name: "Test flag",
    valueType: "boolean",
    expiresAt: addDays(new Date(), 30).toISOString(),
    ...overrides,
  };
}

export async function makeFlag(owner: { id: string; email: string; roles: Role[] }, overrides: Partial<CreateFlagInput> = {}) {
  await ensureDefaultEnvironments();
  return createFlag(serviceContext(actorFor(owner)), flagInput(overrides));
}

export function segmentInput(overrides: Partial<CreateSegmentInput> = {}): CreateSegmentInput {
  return { key: uniqueKey("seg"), name: "Test segment", included: ["unit-1"], ...overrides };
}

export async function makeSegment(actor: { id: string; email: string; roles: Role[] }, overrides: Partial<CreateSegmentInput> = {}) {
  await ensureDefaultEnvironments();
  return createSegment(serviceContext(actorFor(actor)), segmentInput(overrides));
}

export type QuickFlag = {
  key: string;
  name: string;
  ownerId: string;
  expiresAt: Date;
  /** environment keys the flag is switched on in (100 %) */
  enabledIn?: string[];
  archived?: boolean;
};

/**
 * Many boolean flags at once, for list and search tests: one transaction straight through the
 * repository — no audit entries, no snapshot publishing, no expiry check (so expired flags can be made).
 */
export async function makeFlagsQuickly(flags: QuickFlag[]): Promise<FlagRecord[]> {
  await ensureDefaultEnvironments();
  const variations = normaliseVariations("boolean", []);
  const weights = defaultWeights(variations, "off");
  return inTransaction(getDb(), async (tx) => {
    const environments = await listEnvironments(tx);
    const made: FlagRecord[] = [];
    for (const flag of flags) {
      let record = await insertFlag(tx, {
        key: flag.key,
        name: flag.name,
        description: "",
        valueType: "boolean",
        offVariationKey: "off",
        ownerId: flag.ownerId,
        expiresAt: flag.expiresAt,
        variations,
        environments: environments.map((e) => ({ environmentId: e.id, salt: randomUUID(), weights })),
      });
      for (const env of record.environments.filter((e) => flag.enabledIn?.includes(e.environmentKey))) {
        await updateFlagEnvironmentConfig(tx, env.id, env.version, { enabled: true, rolloutPercentage: 100 });
      }
      if (flag.archived) await tx.flag.update({ where: { id: record.id }, data: { archivedAt: new Date() } });
      if (flag.enabledIn?.length || flag.archived) record = (await findFlagByKey(tx, flag.key))!;
      made.push(record);
    }
    return made;
  });
}

/** The metric definitions experiments in tests refer to (created once per database). */
export const TEST_METRICS = { success: "checkout-conversion", failure: "error-rate" } as const;

export async function ensureTestMetrics(): Promise<void> {
  for (const [key, kind, direction] of [
    [TEST_METRICS.success, "conversion", "increase"],
    [TEST_METRICS.failure, "error_rate", "decrease"],
  ] as const) {
    if (await findMetricByKey(getDb(), key)) continue;
    const denominatorEventName = kind === "error_rate" ? `${key}-request` : "";
    await inTransaction(getDb(), (tx) => insertMetricDefinition(tx, { key, name: key, description: "", kind, direction, eventName: key, denominatorEventName, unit: "" })).catch(
      async (error: unknown) => {
        if (!(await findMetricByKey(getDb(), key))) throw error; // a parallel test file created it first
      },
    );
  }
}

/** A complete experiment document on a boolean flag ("off" control, "on" variant), ready for review. */
export function experimentContent(flagKey: string, overrides: Partial<ExperimentContentInput> = {}): ExperimentContentInput {
  return {
    name: "Test experiment",
    type: "ab_test",
    flagKey,
    environmentKey: "staging",
    team: "",
    hypothesis: {
      problemStatement: "Users abandon checkout at the payment step.",
      expectedOutcome: "Clearer copy raises completed checkouts by 5 %.",
      successMetrics: [TEST_METRICS.success],
      failureMetrics: [TEST_METRICS.failure],
      rollbackPlan: "Disable the flag; users get the control at once.",
    },
    design: {
      controlVariation: "off",
      weights: { off: 50, on: 50 },
      segmentKey: null,
      exposurePercentage: 50,
      plannedDurationDays: 14,
      guardrailMetrics: [],
      alpha: 0.05,
      power: 0.8,
      minDetectableEffect: 0.05,
      baselineRate: 0.1,
      expectedDailyUnits: 10_000,
    },
    sensitivity: { confirmsNoSecurityChange: true },
    ...overrides,
  };
}

/**
 * A complete draft experiment made through the services (create, then save the full document);
 * `overrides` change the document, e.g. `{ type: "pricing" }`.
 */
export async function makeExperiment(
  owner: { id: string; email: string; roles: Role[]; team?: string },
  overrides: Partial<ExperimentContentInput> & { type?: ExperimentType } = {},
) {
  await ensureDefaultEnvironments();
  await ensureTestMetrics();
  const flag = await makeFlag(owner);
  const ctx = serviceContext(actorFor(owner));
  const key = uniqueKey("exp");
  const content = experimentContent(flag.key, { team: owner.team ?? "", ...overrides });
  const draft = await createExperiment(ctx, { key, name: content.name, type: content.type, flagKey: flag.key, environmentKey: content.environmentKey ?? "staging" });
  const saved = await updateExperiment(ctx, { key, designVersion: draft.designVersion, content });
  return { experiment: saved, flag };
}

/**
 * A running experiment (an A/B test needs no approval): made, submitted and launched at 5 % in
 * staging through the services, then ramped to `exposurePercentage` (default: the design's).
 */
export async function makeRunningExperiment(
  owner: { id: string; email: string; roles: Role[]; team?: string },
  overrides: Partial<ExperimentContentInput> = {},
) {
  const { experiment, flag } = await makeExperiment(owner, overrides);
  const ctx = serviceContext(actorFor(owner));
  const submitted = await runLifecycleAction(ctx, { action: "submit", key: experiment.key, designVersion: experiment.designVersion });
  let running = await runLifecycleAction(ctx, { action: "launch", key: experiment.key, designVersion: submitted.designVersion, exposurePercentage: 5 });
  const planned = running.content.design.exposurePercentage;
  if (planned > 5) {
    running = await rampStraightToPlanned(ctx, experiment.key);
  }
  return { experiment: running, flag };
}

/**
 * An experiment row on a flag, in a given lifecycle state (there is no experiment service yet,
 * so this writes the row directly; replace it with the service once experiments are built).
 */
export async function makeExperimentOnFlag(flag: { id: string }, owner: { id: string }, state: string) {
  await ensureDefaultEnvironments();
  const environment = await findEnvironmentByKey(getDb(), "staging");
  return getDb().experiment.create({
    data: { key: uniqueKey("exp"), name: "Test experiment", type: "ab_test", flagId: flag.id, ownerId: owner.id, environmentId: environment!.id, state },
  });
}
