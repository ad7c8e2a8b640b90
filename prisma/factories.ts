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
