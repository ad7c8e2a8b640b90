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
import { normaliseVariations } from "../server/core/flags/variations";
import { defaultWeights } from "../server/core/flags/rollout";

export const FACTORY_PASSWORD = "factory-password-123";

export function uniqueKey(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export function serviceContext(actor: Actor = SYSTEM_ACTOR, overrides: Partial<ServiceContext> = {}): ServiceContext {
  return { db: getDb(), actor, now: () => new Date(), settings: { maxFlagLifetimeDays: 90 }, ...overrides };
}

export async function makeMember(roles: Role[] = ["experimenter"]) {
  const email = `${uniqueKey("member")}@test.keel`;
  const user = await createMember(serviceContext(), { email, name: `Test ${roles.join("+") || "nobody"}`, roles: roles.length ? roles : ["viewer"], password: FACTORY_PASSWORD });
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
