import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "date-fns";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import type { CreateFlagInput } from "../../core/flags/flag-input";
import { createFlag } from "./create-flag";
import { updateFlagEnvironment } from "./update-flag-environment";
import { actorFor, ensureDefaultEnvironments, flagInput, makeFlag, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";


describe("creating a flag", () => {
  beforeAll(ensureDefaultEnvironments);

  it("creates it OFF in every environment, owned by its creator, with one audit entry", async () => {
    const owner = await makeMember(["experimenter"]);
    const flag = await createFlag(serviceContext(actorFor(owner)), flagInput({ name: "New checkout" }));
    expect(flag.owner.email).toBe(owner.email);
    expect(flag.environments.map((e) => e.environmentKey)).toEqual(expect.arrayContaining(["development", "staging", "production"]));
    expect(flag.environments.every((e) => !e.enabled && e.rolloutPercentage === 0 && e.version === 1)).toBe(true);
    expect(new Set(flag.environments.map((e) => e.salt)).size).toBe(flag.environments.length);
    expect(flag.variations.map((v) => v.key)).toEqual(["on", "off"]);
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "flag.created", actorId: owner.id, actorLabel: owner.email, before: null });
    expect(entries[0]?.after).toMatchObject({ key: flag.key, environments: { staging: { enabled: false, rolloutPercentage: 0 } } });
  });

  it("stores typed variations and the off variation", async () => {
    const owner = await makeMember();
    const flag = await makeFlag(owner, {
      valueType: "number",
      variations: [
        { key: "standard", name: "Standard", value: "9.99" },
        { key: "discount", name: "Discount", value: "7.99" },
      ],
      offVariationKey: "standard",
    });
    expect(flag.variations).toEqual([
      expect.objectContaining({ key: "standard", value: "9.99" }),
      expect.objectContaining({ key: "discount", value: "7.99" }),
    ]);
    expect(flag.environments[0]?.weights).toEqual({ discount: 10_000 });
  });

  it("refuses a duplicate key, and writes nothing", async () => {
    const owner = await makeMember();
    const flag = await makeFlag(owner);
    const error = await rejection(createFlag(serviceContext(actorFor(owner)), flagInput({ key: flag.key })));
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors.key?.[0]).toMatch(/already taken/);
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(entries).toHaveLength(1);
  });

  it.each<[string, Partial<CreateFlagInput>, string, RegExp]>([
    ["an invalid key", { key: "New Checkout" }, "key", /lowercase letters/],
    ["a missing expiry", { expiresAt: "" }, "expiresAt", /permanent flags are prohibited/],
    ["an expiry in the past", { expiresAt: addDays(new Date(), -1).toISOString() }, "expiresAt", /in the future/],
    ["an expiry beyond the maximum lifetime", { expiresAt: addDays(new Date(), 120).toISOString() }, "expiresAt", /within 90 days/],
    ["an unknown owner", { ownerId: "nobody" }, "ownerId", /active member/],
    ["an off variation that does not exist", { valueType: "string", variations: [{ key: "copy-a", name: "A", value: "x" }, { key: "copy-b", name: "B", value: "y" }], offVariationKey: "copy-c" }, "offVariationKey", /not one of/],
  ])("refuses %s with a message naming the field, and writes nothing", async (_label, overrides, field, message) => {
    const owner = await makeMember();
    const key = "key" in overrides ? undefined : uniqueKey("bad");
    const input = flagInput({ ...(key ? { key } : {}), ...overrides });
    const error = await rejection(createFlag(serviceContext(actorFor(owner)), input));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors[field]?.[0]).toMatch(message);
    expect(await getDb().flag.count({ where: { key: input.key } })).toBe(0);
  });
});

describe("changing a flag in one environment", () => {
  beforeAll(ensureDefaultEnvironments);

  it("enables it at 5 % in staging only, bumps the version and audits before/after", async () => {
    const owner = await makeMember();
    const flag = await makeFlag(owner);
    const ctx = serviceContext(actorFor(owner));
    const updated = await updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "staging", enabled: true, rolloutPercentage: 5 });
    const staging = updated.environments.find((e) => e.environmentKey === "staging");
    expect(staging).toMatchObject({ enabled: true, rolloutPercentage: 5, version: 2 });
    expect(updated.environments.filter((e) => e.environmentKey !== "staging").every((e) => !e.enabled)).toBe(true);
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(entries[0]).toMatchObject({
      action: "flag.environment.updated",
      actorLabel: owner.email,
      before: { environments: { staging: { enabled: false, rolloutPercentage: 0, version: 1 } } },
      after: { environments: { staging: { enabled: true, rolloutPercentage: 5, version: 2 } } },
    });
    const off = await updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "staging", enabled: false });
    expect(off.environments.find((e) => e.environmentKey === "staging")).toMatchObject({ enabled: false, rolloutPercentage: 5, version: 3 });
    const after = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(after.entries[0]?.action).toBe("flag.environment.disabled");
  });

  it("refuses an unknown environment and an unknown flag", async () => {
    const owner = await makeMember();
    const flag = await makeFlag(owner);
    const ctx = serviceContext(actorFor(owner));
    const env = await rejection(updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "qa", enabled: true }));
    expect(env.code).toBe("BAD_INPUT");
    expect(env.fieldErrors.environmentKey?.[0]).toMatch(/“qa” does not exist/);
    const missing = await rejection(updateFlagEnvironment(ctx, { flagKey: "no-such-flag", environmentKey: "staging", enabled: true }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("refuses a rollout outside 0–100 with a field message", async () => {
    const owner = await makeMember();
    const flag = await makeFlag(owner);
    const error = await rejection(
      updateFlagEnvironment(serviceContext(actorFor(owner)), { flagKey: flag.key, environmentKey: "staging", rolloutPercentage: 150 }),
    );
    expect(error.fieldErrors.rolloutPercentage?.[0]).toMatch(/between 0 and 100/);
  });

  it("rolls back the change when the audit entry cannot be written", async () => {
    const owner = await makeMember();
    const flag = await makeFlag(owner);
    const ctx = serviceContext({ id: "no-such-user", label: "ghost", roles: ["experimenter"] });
    await expect(updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "staging", enabled: true })).rejects.toThrow();
    const config = await getDb().flagEnvironmentConfig.findFirst({ where: { flagId: flag.id, environment: { key: "staging" } } });
    expect(config).toMatchObject({ enabled: false, version: 1 });
  });
});
