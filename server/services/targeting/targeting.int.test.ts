import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { findEnvironmentByKey } from "../../db/environments";
import { findSnapshot } from "../../db/snapshots";
import type { Rule } from "../../core/evaluation/snapshot-format";
import { actorFor, makeFlag, makeMember, serviceContext } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { updateFlagEnvironment } from "../flags/update-flag-environment";
import { updateFlagTargeting } from "./update-flag-targeting";
import { testFlag } from "./test-flag";

const planRule: Rule = { id: "paying", match: "all", conditions: [{ attribute: "plan", operator: "in", values: ["pro", "enterprise"] }], serve: { variation: "on" } };

let member: Awaited<ReturnType<typeof makeMember>>;
beforeAll(async () => {
  member = await makeMember(["experimenter"]);
});

async function stagingRevision() {
  const env = await findEnvironmentByKey(getDb(), "staging");
  return (await findSnapshot(getDb(), env!.id))!.revision;
}

describe("targeting a flag", () => {
  it("saves rules and targets as one audited change, republishes, and the test panel answers as services would", async () => {
    const flag = await makeFlag(member);
    const ctx = serviceContext(actorFor(member));
    await updateFlagEnvironment(ctx, { flagKey: flag.key, environmentKey: "staging", enabled: true });
    const revision = await stagingRevision();
    const version = 2;
    const updated = await updateFlagTargeting(ctx, { flagKey: flag.key, environmentKey: "staging", version, rules: [planRule], targets: [{ variation: "on", values: ["qa-anna"] }] });
    const staging = updated.environments.find((e) => e.environmentKey === "staging")!;
    expect(staging).toMatchObject({ version: version + 1, rules: [planRule], targets: [{ variation: "on", values: ["qa-anna"] }] });
    expect(await stagingRevision()).toBe(revision + 1);

    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(entries[0]).toMatchObject({
      action: "flag.targeting.updated",
      actorId: member.id,
      before: { environments: { staging: { rules: [], targets: [] } } },
      after: { environments: { staging: { rules: [planRule] } } },
    });

    expect(await testFlag(ctx, { flagKey: flag.key, environmentKey: "staging", context: { targetingKey: "u-1", plan: "pro" } })).toMatchObject({
      result: { value: true, variant: "on", reason: "TARGETING_MATCH", metadata: { ruleId: "paying" } },
      rule: { id: "paying", position: 1 },
    });
    expect(await testFlag(ctx, { flagKey: flag.key, environmentKey: "staging", context: { targetingKey: "u-1", plan: "free" } })).toMatchObject({
      result: { value: false, reason: "DEFAULT" },
      rule: null,
    });
    expect((await testFlag(ctx, { flagKey: flag.key, environmentKey: "staging", context: { targetingKey: "qa-anna" } })).result).toMatchObject({ reason: "TARGETING_MATCH", value: true });
  });

  it("refuses a concurrent edit with a clear conflict and keeps the other person's change", async () => {
    const flag = await makeFlag(member);
    const ctx = serviceContext(actorFor(member));
    await updateFlagTargeting(ctx, { flagKey: flag.key, environmentKey: "production", version: 1, rules: [planRule], targets: [] });
    const error = await rejection(updateFlagTargeting(ctx, { flagKey: flag.key, environmentKey: "production", version: 1, rules: [], targets: [] }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/Someone else changed .* since you opened it/);
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(entries.filter((e) => e.action === "flag.targeting.updated")).toHaveLength(1);
  });

  it("refuses bad rules at their fields and writes nothing", async () => {
    const flag = await makeFlag(member);
    const ctx = serviceContext(actorFor(member));
    const revision = await stagingRevision();
    const error = await rejection(
      updateFlagTargeting(ctx, {
        flagKey: flag.key,
        environmentKey: "staging",
        version: 1,
        rules: [
          { ...planRule, conditions: [{ attribute: "appVersion", operator: "semver_gt", values: ["abc"] }] },
          { ...planRule, serve: { variation: "purple" } },
          { id: "seg", match: "all", conditions: [{ attribute: "targetingKey", operator: "in_segment", values: ["ghosts"] }], serve: { rollout: { percentage: 10, weights: [{ variation: "on", weight: 5_000 }] } } },
        ],
        targets: [],
      }),
    );
    expect(error.code).toBe("BAD_INPUT");
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["rules.0.conditions.0.values", "rules.1.id", "rules.1.serve.variation", "rules.2.conditions.0.values", "rules.2.serve.rollout.weights"]);
    expect(await stagingRevision()).toBe(revision);
    const { entries } = await findAuditEntries(getDb(), { entityType: "flag", entityKey: flag.key, limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(["flag.created"]);

    const emptyConditions = await rejection(updateFlagTargeting(ctx, { flagKey: flag.key, environmentKey: "staging", version: 1, rules: [{ ...planRule, conditions: [] }], targets: [] }));
    expect(emptyConditions.fieldErrors["rules.0.conditions"]).toEqual(["A rule needs at least one condition."]);
  });

  it("refuses a test context without a targeting key, at the field", async () => {
    const flag = await makeFlag(member);
    const error = await rejection(testFlag(serviceContext(actorFor(member)), { flagKey: flag.key, environmentKey: "staging", context: { plan: "pro" } }));
    expect(error.fieldErrors["context.targetingKey"]?.[0]).toMatch(/targetingKey/);
  });
});
