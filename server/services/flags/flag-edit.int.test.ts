import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "date-fns";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { findEnvironmentByKey } from "../../db/environments";
import { findSnapshot } from "../../db/snapshots";
import type { Snapshot } from "../../core/evaluation/snapshot-format";
import { actorFor, makeFlag, makeMember, serviceContext, uniqueKey } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { updateFlagDetails } from "./update-flag-details";
import { extendFlagExpiry } from "./extend-flag-expiry";
import { updateFlagWeights } from "./update-flag-weights";
import { updateFlagVariations } from "./update-flag-variations";

let member: Awaited<ReturnType<typeof makeMember>>;
beforeAll(async () => {
  member = await makeMember(["experimenter"]);
});

const day = (d: Date) => d.toISOString().slice(0, 10);

async function auditActions(flagKey: string) {
  const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flagKey, limit: 20 });
  return entries.map((e) => e.action);
}

describe("editing a flag", () => {
  it("renames it and changes its owner, audited; a stale version is a conflict", async () => {
    const flag = await makeFlag(member);
    const other = await makeMember(["experimenter"]);
    const ctx = serviceContext(actorFor(member));
    const updated = await updateFlagDetails(ctx, { flagKey: flag.key, version: flag.version, name: "Checkout v2", description: "One page", ownerId: other.id });
    expect(updated).toMatchObject({ name: "Checkout v2", description: "One page", owner: { email: other.email }, version: flag.version + 1, key: flag.key });
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 5 });
    expect(entries[0]).toMatchObject({ action: "flag.updated", before: { name: "Test flag", owner: member.email }, after: { name: "Checkout v2", owner: other.email } });

    const stale = await rejection(updateFlagDetails(ctx, { flagKey: flag.key, version: flag.version, name: "Again", ownerId: other.id }));
    expect(stale.code).toBe("CONFLICT");
    const empty = await rejection(updateFlagDetails(ctx, { flagKey: flag.key, version: updated.version, name: " ", ownerId: other.id }));
    expect(empty.fieldErrors.name).toEqual(["Name is required."]);
  });

  it("extends the expiry with a reason kept in the audit log; refuses no reason, an earlier date, or one past the maximum", async () => {
    const flag = await makeFlag(member, { expiresAt: day(addDays(new Date(), 10)) });
    const ctx = serviceContext(actorFor(member));
    const target = day(addDays(new Date(), 60));
    const extended = await extendFlagExpiry(ctx, { flagKey: flag.key, expiresAt: target, reason: "Waiting for the billing team's launch" });
    expect(day(extended.expiresAt)).toBe(target);
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 5 });
    expect(entries[0]).toMatchObject({ action: "flag.expiry.extended", after: { reason: "Waiting for the billing team's launch" } });

    expect((await rejection(extendFlagExpiry(ctx, { flagKey: flag.key, expiresAt: day(addDays(new Date(), 70)), reason: "" }))).fieldErrors.reason?.[0]).toMatch(/Reason is required/);
    expect((await rejection(extendFlagExpiry(ctx, { flagKey: flag.key, expiresAt: day(addDays(new Date(), 20)), reason: "Need more time for QA" }))).fieldErrors.expiresAt?.[0]).toMatch(/later than the current one/);
    expect((await rejection(extendFlagExpiry(ctx, { flagKey: flag.key, expiresAt: day(addDays(new Date(), 120)), reason: "Need more time for QA" }))).fieldErrors.expiresAt?.[0]).toMatch(/within 90 days/);
    expect(await auditActions(flag.key)).toEqual(["flag.expiry.extended", "flag.created"]);
  });

  it("sets the weights of one environment and republishes; refuses a bad total, and any change while an experiment runs", async () => {
    const flag = await makeFlag(member, {
      valueType: "string",
      variations: [
        { key: "control", name: "Control", value: "Upload" },
        { key: "treatment", name: "Treatment", value: "Localise now" },
      ],
      offVariationKey: "control",
    });
    const ctx = serviceContext(actorFor(member));
    const staging = flag.environments.find((e) => e.environmentKey === "staging")!;
    const updated = await updateFlagWeights(ctx, { flagKey: flag.key, environmentKey: "staging", version: staging.version, weights: { control: 5_000, treatment: 5_000 } });
    expect(updated.environments.find((e) => e.environmentKey === "staging")?.weights).toEqual({ control: 5_000, treatment: 5_000 });
    const env = await findEnvironmentByKey(getDb(), "staging");
    const snapshot = JSON.parse((await findSnapshot(getDb(), env!.id))!.payload) as Snapshot;
    expect(snapshot.flags.find((f) => f.key === flag.key)?.rollout.weights).toEqual([
      { variation: "control", weight: 5_000 },
      { variation: "treatment", weight: 5_000 },
    ]);

    const bad = await rejection(updateFlagWeights(ctx, { flagKey: flag.key, environmentKey: "staging", version: staging.version + 1, weights: { control: 6_000, treatment: 3_000 } }));
    expect(bad.fieldErrors.weights?.[0]).toBe("Variation weights must add up to 100 % (they add up to 90 %).");

    await getDb().experiment.create({
      data: { key: uniqueKey("exp"), name: "Copy test", type: "ux_copy", flagId: flag.id, ownerId: member.id, environmentId: env!.id, state: "running" },
    });
    const locked = await rejection(updateFlagWeights(ctx, { flagKey: flag.key, environmentKey: "staging", version: staging.version + 1, weights: { control: 2_000, treatment: 8_000 } }));
    expect(locked.code).toBe("PRECONDITION_FAILED");
    expect(locked.message).toMatch(/would move users between variations/);
    expect(await auditActions(flag.key)).toEqual(["flag.environment.weights_changed", "flag.created"]);
  });

  it("edits variations (values, a new one), republishes them, and refuses removing one that is still served", async () => {
    const flag = await makeFlag(member, {
      valueType: "number",
      variations: [
        { key: "standard", name: "Standard", value: "9.99" },
        { key: "discount", name: "Discount", value: "7.99" },
      ],
      offVariationKey: "standard",
    });
    const ctx = serviceContext(actorFor(member));
    const updated = await updateFlagVariations(ctx, {
      flagKey: flag.key,
      version: flag.version,
      offVariationKey: "standard",
      variations: [
        { key: "standard", name: "Standard", value: "9.99" },
        { key: "discount", name: "Discount", value: "6.99" },
        { key: "premium", name: "Premium", value: "12.5" },
      ],
    });
    expect(updated.variations.map((v) => [v.key, v.value])).toEqual([
      ["standard", "9.99"],
      ["discount", "6.99"],
      ["premium", "12.5"],
    ]);
    const env = await findEnvironmentByKey(getDb(), "production");
    const snapshot = JSON.parse((await findSnapshot(getDb(), env!.id))!.payload) as Snapshot;
    expect(snapshot.flags.find((f) => f.key === flag.key)?.variations).toEqual({ standard: 9.99, discount: 6.99, premium: 12.5 });

    // "discount" carries the default split everywhere: it cannot go.
    const refused = await rejection(
      updateFlagVariations(ctx, { flagKey: flag.key, version: updated.version, offVariationKey: "standard", variations: [{ key: "standard", name: "Standard", value: "9.99" }, { key: "premium", name: "Premium", value: "12.5" }] }),
    );
    expect(refused.fieldErrors.variations?.[0]).toMatch(/Variation “discount” is still served by the split in Development/);
    const badValue = await rejection(
      updateFlagVariations(ctx, { flagKey: flag.key, version: updated.version, offVariationKey: "standard", variations: [{ key: "standard", name: "Standard", value: "cheap" }, { key: "discount", name: "Discount", value: "6.99" }] }),
    );
    expect(badValue.fieldErrors["variations.0.value"]?.[0]).toMatch(/is not a number/);

    const boolean = await makeFlag(member);
    expect((await rejection(updateFlagVariations(ctx, { flagKey: boolean.key, version: 1, offVariationKey: "off", variations: [{ key: "on", name: "On", value: "true" }, { key: "off", name: "Off", value: "false" }] }))).code).toBe("PRECONDITION_FAILED");
  });
});
