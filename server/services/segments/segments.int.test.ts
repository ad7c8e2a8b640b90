import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { findAuditEntries } from "../../db/audit-log";
import { findEnvironmentByKey } from "../../db/environments";
import { findSnapshot } from "../../db/snapshots";
import { compileSnapshot } from "../../core/evaluation";
import type { Condition, Rule, Snapshot } from "../../core/evaluation/snapshot-format";
import type { CreateSegmentInput } from "../../core/segments/segment-input";
import { actorFor, ensureDefaultEnvironments, makeFlag, makeMember, makeSegment, segmentInput, serviceContext, uniqueKey } from "../../../prisma/factories";
import { rejection } from "../../test/rejection";
import { createSegment } from "./create-segment";
import { updateSegment } from "./update-segment";
import { deleteSegment } from "./delete-segment";
import { getSegment, listSegments } from "./list-segments";

let experimenter: Awaited<ReturnType<typeof makeMember>>;
beforeAll(async () => {
  await ensureDefaultEnvironments();
  experimenter = await makeMember(["experimenter"]);
});

const ctx = () => serviceContext(actorFor(experimenter));
const inSegment = (...keys: string[]): Condition => ({ attribute: "targetingKey", operator: "in_segment", values: keys });
const email: Condition = { attribute: "email", operator: "ends_with", values: ["@keel.local"] };

async function auditOf(key: string) {
  const { entries } = await findAuditEntries(getDb(), { entityType: "segment", entityKey: key, limit: 50 });
  return entries;
}

async function published(environmentKey: string): Promise<{ revision: number; snapshot: Snapshot }> {
  const environment = await findEnvironmentByKey(getDb(), environmentKey);
  const row = await findSnapshot(getDb(), environment!.id);
  return { revision: row!.revision, snapshot: JSON.parse(row!.payload) as Snapshot };
}

/** What can change when a write is refused: segments, segment audit entries and snapshot revisions. */
async function writeState() {
  const db = getDb();
  const [segments, audit, snapshots] = await Promise.all([
    db.segment.count(),
    db.auditLogEntry.count({ where: { entityType: "segment" } }),
    db.environmentSnapshot.findMany({ select: { environmentId: true, revision: true }, orderBy: { environmentId: "asc" } }),
  ]);
  return { segments, audit, snapshots };
}

/**
 * Test-only: writes targeting rules straight into a flag's configuration in one environment (the
 * rule-editing service is built separately). Bumps the version like a real change would.
 */
async function setFlagRulesForTest(flagKey: string, environmentKey: string, rules: Rule[]): Promise<void> {
  const db = getDb();
  const environment = await findEnvironmentByKey(db, environmentKey);
  const flag = await db.flag.findUniqueOrThrow({ where: { key: flagKey } });
  await db.flagEnvironmentConfig.update({
    where: { flagId_environmentId: { flagId: flag.id, environmentId: environment!.id } },
    data: { rules: JSON.stringify(rules), version: { increment: 1 } },
  });
}

describe("creating a segment", () => {
  it("stores it, audits segment.created and publishes it into every environment's snapshot", async () => {
    const before = await Promise.all(["development", "staging", "production"].map(published));
    const key = uniqueKey("beta");
    const segment = await createSegment(ctx(), {
      key,
      name: "  Beta testers ",
      description: "People who asked for early access",
      conditions: [email],
      included: [" qa-1", "qa-2", "qa-1"],
      excluded: ["intern-1"],
    });
    expect(segment).toMatchObject({ key, name: "Beta testers", version: 1, included: ["qa-1", "qa-2"], excluded: ["intern-1"], conditions: [email], usedBy: [] });

    const entries = await auditOf(key);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "segment.created", entityType: "segment", actorId: experimenter.id, before: null });
    expect(entries[0]!.after).toMatchObject({ key, name: "Beta testers", included: ["qa-1", "qa-2"], conditions: [email] });

    const after = await Promise.all(["development", "staging", "production"].map(published));
    after.forEach((a, i) => {
      expect(a.revision).toBe(before[i]!.revision + 1);
      expect(a.snapshot.segments.find((s) => s.key === key)).toEqual({ key, conditions: [email], included: ["qa-1", "qa-2"], excluded: ["intern-1"] });
    });
  });

  it("makes an included unit a member when flags evaluate against the published snapshot", async () => {
    const segment = await makeSegment(experimenter, { included: ["vip-7"], excluded: [] });
    const flag = await makeFlag(experimenter);
    await setFlagRulesForTest(flag.key, "staging", [
      { id: "vips", match: "all", conditions: [inSegment(segment.key)], serve: { variation: "on" } },
    ]);
    // Any change republishes; updating the segment's name republishes every environment.
    await updateSegment(ctx(), { key: segment.key, version: 1, name: "VIPs", included: ["vip-7"] });
    const { snapshot } = await published("staging");
    const compiled = compileSnapshot(snapshot);
    const inFlag = snapshot.flags.find((f) => f.key === flag.key)!;
    expect(inFlag.rules[0]!.conditions[0]!.values).toEqual([segment.key]);
    // The flag is off: rule matching is visible through a compiled membership check instead.
    const membership = compileSnapshot({
      ...snapshot,
      flags: [{ ...inFlag, enabled: true }],
    });
    expect(membership.evaluate(flag.key, { targetingKey: "vip-7" })).toMatchObject({ reason: "TARGETING_MATCH", variant: "on", metadata: { ruleId: "vips" } });
    expect(membership.evaluate(flag.key, { targetingKey: "someone-else" })?.metadata).not.toHaveProperty("ruleId");
    expect(compiled.evaluate(flag.key, { targetingKey: "vip-7" })).toMatchObject({ reason: "DISABLED" });
  });

  it("refuses a duplicate key at the key field, and writes nothing", async () => {
    const segment = await makeSegment(experimenter);
    const state = await writeState();
    const error = await rejection(createSegment(ctx(), segmentInput({ key: segment.key })));
    expect(error.code).toBe("CONFLICT");
    expect(error.fieldErrors.key?.[0]).toMatch(/already taken/);
    expect(await writeState()).toEqual(state);
  });

  it.each<[string, Partial<CreateSegmentInput>, string, RegExp]>([
    ["an invalid key", { key: "Beta Testers" }, "key", /lowercase letters/],
    ["an empty name", { name: "  " }, "name", /Name is required/],
    ["a long description", { description: "x".repeat(501) }, "description", /at most 500/],
    [
      "a semver operator with “abc”",
      { conditions: [email, { attribute: "appVersion", operator: "semver_gte", values: ["abc"] }] },
      "conditions.1.values",
      /Condition 2: .*“abc” is not a semantic version/,
    ],
    ["a number operator with text", { conditions: [{ attribute: "seats", operator: "gt", values: ["ten"] }] }, "conditions.0.values", /“ten” is not a number/],
    ["a condition without attribute", { conditions: [{ attribute: "", operator: "exists", values: [] }] }, "conditions.0.attribute", /./],
    ["an unknown operator", { conditions: [{ attribute: "plan", operator: "like" as never, values: ["x"] }] }, "conditions.0.operator", /./],
    ["empty conditions and no included ids", { conditions: [], included: [], excluded: ["u1"] }, "conditions", /must define who is in it/],
    ["a list over its bound", { included: Array.from({ length: 10_001 }, (_, i) => `unit-${i}`) }, "included", /at most 10,000 unit ids per list \(got 10,001\)/],
    ["an over-long unit id", { included: ["x".repeat(513)] }, "included.0", /at most 512 characters/],
    ["an id in both lists", { included: ["u1", "u2"], excluded: ["u2"] }, "excluded", /“u2” is both included and excluded/],
    ["a reference to an unknown segment", { conditions: [inSegment("no-such-segment")] }, "conditions.0.values", /segment “no-such-segment” does not exist/],
  ])("refuses %s with a message naming the field, and writes nothing", async (_label, overrides, field, message) => {
    const state = await writeState();
    const input = segmentInput(overrides);
    const error = await rejection(createSegment(ctx(), input));
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors[field]?.[0]).toMatch(message);
    expect(await writeState()).toEqual(state);
  });
});

describe("changing a segment", () => {
  it("updates name, description and definition, bumps the version and audits before/after", async () => {
    const segment = await makeSegment(experimenter, { included: ["u1"] });
    const { revision } = await published("production");
    const updated = await updateSegment(ctx(), {
      key: segment.key,
      version: segment.version,
      name: "Renamed",
      description: "Now with conditions",
      conditions: [email],
      included: ["u1", "u2"],
      excluded: ["u3"],
    });
    expect(updated).toMatchObject({ key: segment.key, name: "Renamed", version: 2, included: ["u1", "u2"], excluded: ["u3"], conditions: [email] });
    const entries = await auditOf(segment.key);
    expect(entries.map((e) => e.action)).toEqual(["segment.updated", "segment.created"]);
    expect(entries[0]).toMatchObject({ before: { name: "Test segment", included: ["u1"], version: 1 }, after: { name: "Renamed", included: ["u1", "u2"], version: 2 } });
    const after = await published("production");
    expect(after.revision).toBe(revision + 1);
    expect(after.snapshot.segments.find((s) => s.key === segment.key)).toMatchObject({ included: ["u1", "u2"], excluded: ["u3"], conditions: [email] });
  });

  it("refuses a stale version with a conflict, and writes nothing", async () => {
    const segment = await makeSegment(experimenter);
    await updateSegment(ctx(), { key: segment.key, version: 1, name: "First edit", included: ["unit-1"] });
    const state = await writeState();
    const error = await rejection(updateSegment(ctx(), { key: segment.key, version: 1, name: "Second edit", included: ["unit-1"] }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`Someone else changed segment ${segment.key} just now; reload and try again.`);
    expect(await writeState()).toEqual(state);
    expect((await getSegment(ctx(), { key: segment.key })).name).toBe("First edit");
  });

  it("refuses a cycle through other segments with the path, and writes nothing", async () => {
    const beta = await makeSegment(experimenter, { name: "Beta" });
    const staff = await makeSegment(experimenter, { name: "Staff", conditions: [inSegment(beta.key)], included: [] });
    const state = await writeState();
    const error = await rejection(
      updateSegment(ctx(), { key: beta.key, version: beta.version, name: "Beta", conditions: [email, inSegment(staff.key)], included: ["unit-1"] }),
    );
    expect(error.code).toBe("BAD_INPUT");
    expect(error.fieldErrors["conditions.1.values"]).toEqual([
      `Condition 2: segments would reference each other in a cycle: ${beta.key} → ${staff.key} → ${beta.key}. Remove one of these references.`,
    ]);
    expect(await writeState()).toEqual(state);
  });

  it("refuses bad input on update at the field, and writes nothing", async () => {
    const segment = await makeSegment(experimenter);
    const state = await writeState();
    const error = await rejection(
      updateSegment(ctx(), { key: segment.key, version: 1, name: "x", conditions: [{ attribute: "appVersion", operator: "semver_eq", values: ["abc"] }] }),
    );
    expect(error.fieldErrors["conditions.0.values"]?.[0]).toMatch(/“abc” is not a semantic version/);
    expect(await writeState()).toEqual(state);
  });

  it("says when the segment does not exist", async () => {
    const error = await rejection(updateSegment(ctx(), { key: "no-such-segment", version: 1, name: "x", included: ["u"] }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("deleting a segment", () => {
  it("deletes an unused segment, audits segment.deleted and removes it from every snapshot", async () => {
    const segment = await makeSegment(experimenter);
    expect((await published("staging")).snapshot.segments.some((s) => s.key === segment.key)).toBe(true);
    await deleteSegment(ctx(), { key: segment.key, version: segment.version });
    expect(await getDb().segment.count({ where: { key: segment.key } })).toBe(0);
    const entries = await auditOf(segment.key);
    expect(entries[0]).toMatchObject({ action: "segment.deleted", after: null, before: { key: segment.key, included: ["unit-1"] } });
    for (const env of ["development", "staging", "production"]) {
      expect((await published(env)).snapshot.segments.some((s) => s.key === segment.key)).toBe(false);
    }
  });

  it("refuses while a flag rule uses it, naming the flag, environment and rule; writes nothing", async () => {
    const segment = await makeSegment(experimenter);
    const flag = await makeFlag(experimenter);
    await setFlagRulesForTest(flag.key, "staging", [
      { id: "r0", match: "all", conditions: [email], serve: { variation: "on" } },
      { id: "r1", match: "any", conditions: [email, inSegment(segment.key)], serve: { variation: "on" } },
    ]);
    const state = await writeState();
    const error = await rejection(deleteSegment(ctx(), { key: segment.key }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(`Segment “${segment.key}” is used by: flag ${flag.key} (Staging rule r1). Remove it from them first.`);
    expect(await writeState()).toEqual(state);
    const listed = (await listSegments(ctx())).find((s) => s.key === segment.key)!;
    expect(listed.usedBy).toEqual([`flag ${flag.key} (Staging rule r1)`]);
  });

  it("refuses while another segment references it, naming it; deletes once unused", async () => {
    const beta = await makeSegment(experimenter);
    const staff = await makeSegment(experimenter, { conditions: [inSegment(beta.key)], included: [] });
    expect((await getSegment(ctx(), { key: beta.key })).usedBy).toEqual([`segment ${staff.key}`]);
    const state = await writeState();
    const error = await rejection(deleteSegment(ctx(), { key: beta.key }));
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe(`Segment “${beta.key}” is used by: segment ${staff.key}. Remove it from them first.`);
    expect(await writeState()).toEqual(state);

    await deleteSegment(ctx(), { key: staff.key });
    await deleteSegment(ctx(), { key: beta.key });
    expect(await getDb().segment.count({ where: { key: { in: [beta.key, staff.key] } } })).toBe(0);
  });

  it("refuses a stale version", async () => {
    const segment = await makeSegment(experimenter);
    await updateSegment(ctx(), { key: segment.key, version: 1, name: "Changed", included: ["unit-1"] });
    const error = await rejection(deleteSegment(ctx(), { key: segment.key, version: 1 }));
    expect(error.code).toBe("CONFLICT");
  });
});

describe("listing segments", () => {
  it("lists every segment by key with counts and usages", async () => {
    const segment = await makeSegment(experimenter, { included: ["a", "b", "c"], excluded: ["d"] });
    const listed = (await listSegments(ctx())).find((s) => s.key === segment.key);
    expect(listed).toMatchObject({ includedCount: 3, excludedCount: 1, usages: [], usedBy: [] });
    expect(listed).not.toHaveProperty("included");
  });
});
