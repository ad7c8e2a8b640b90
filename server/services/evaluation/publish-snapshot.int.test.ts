import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "../../db/client";
import { findEnvironmentByKey } from "../../db/environments";
import { findSnapshot } from "../../db/snapshots";
import type { Snapshot } from "../../core/evaluation/snapshot-format";
import { actorFor, ensureDefaultEnvironments, makeFlag, makeMember, serviceContext } from "../../../prisma/factories";
import { updateFlagEnvironment } from "../flags/update-flag-environment";
import { createEnvironment } from "../environments/create-environment";
import { createEvaluationRuntime } from "./evaluation-runtime";
import { snapshotEtag } from "./publish-snapshot";

async function published(environmentKey: string): Promise<{ revision: number; etag: string; snapshot: Snapshot }> {
  const environment = await findEnvironmentByKey(getDb(), environmentKey);
  const row = await findSnapshot(getDb(), environment!.id);
  return { revision: row!.revision, etag: row!.etag, snapshot: JSON.parse(row!.payload) as Snapshot };
}

let owner: Awaited<ReturnType<typeof makeMember>>;
beforeAll(async () => {
  await ensureDefaultEnvironments();
  owner = await makeMember(["experimenter"]);
});

describe("publishing snapshots", () => {
  it("publishes every environment when a flag is created, with the flag OFF", async () => {
    const before = await Promise.all(["development", "staging", "production"].map(published));
    const flag = await makeFlag(owner);
    const after = await Promise.all(["development", "staging", "production"].map(published));
    after.forEach((a, i) => {
      expect(a.revision).toBe(before[i]!.revision + 1);
      expect(a.snapshot.flags.find((f) => f.key === flag.key)).toMatchObject({ enabled: false, offVariation: "off", variations: { on: true, off: false } });
      expect(a.etag).toBe(snapshotEtag(JSON.stringify(a.snapshot)));
    });
  });

  it("republishes only the changed environment, with the new rollout", async () => {
    const flag = await makeFlag(owner);
    const [staging, production] = await Promise.all([published("staging"), published("production")]);
    await updateFlagEnvironment(serviceContext(actorFor(owner)), { flagKey: flag.key, environmentKey: "staging", enabled: true, rolloutPercentage: 5 });
    const stagingAfter = await published("staging");
    expect(stagingAfter.revision).toBe(staging.revision + 1);
    expect((await published("production")).revision).toBe(production.revision);
    expect(stagingAfter.snapshot.flags.find((f) => f.key === flag.key)).toMatchObject({
      enabled: true,
      version: 2,
      rollout: { percentage: 5, weights: [{ variation: "on", weight: 10_000 }] },
    });
  });

  it("loses no change when several are published at once: every one is in the last revision", async () => {
    const flags = await Promise.all([1, 2, 3, 4, 5].map(() => makeFlag(owner)));
    const before = await published("development");
    await Promise.all(
      flags.map((f, i) => updateFlagEnvironment(serviceContext(actorFor(owner)), { flagKey: f.key, environmentKey: "development", enabled: true, rolloutPercentage: 10 + i })),
    );
    const after = await published("development");
    expect(after.revision).toBe(before.revision + 5);
    flags.forEach((f, i) => expect(after.snapshot.flags.find((s) => s.key === f.key)).toMatchObject({ enabled: true, rollout: { percentage: 10 + i } }));
  });

  it("publishes a new environment's first snapshot with every flag off", async () => {
    const flag = await makeFlag(owner);
    const key = `qa-${Date.now().toString(36)}`;
    await createEnvironment(serviceContext(actorFor(await makeMember(["admin"]))), { key, name: "QA", isProduction: false });
    const first = await published(key);
    expect(first.revision).toBe(1);
    expect(first.snapshot.flags.find((f) => f.key === flag.key)).toMatchObject({ enabled: false });
  });
});

describe("the in-memory runtime", () => {
  it("serves a published change after its next poll, and keeps serving the last snapshot while the database is unreachable", async () => {
    const flag = await makeFlag(owner);
    let down = false;
    const real = getDb();
    // The same database, behind a switch that makes every query fail like a lost connection.
    const flaky = new Proxy(real, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "object" || value === null) return value;
        return new Proxy(value, {
          get(model, method, r) {
            const fn = Reflect.get(model, method, r) as unknown;
            if (typeof fn !== "function") return fn;
            return (...args: unknown[]) => {
              if (down) return Promise.reject(new Error("Can't reach database server"));
              return (fn as (...a: unknown[]) => unknown).apply(model, args);
            };
          },
        });
      },
    }) as Db;
    const runtime = createEvaluationRuntime({ db: flaky });
    await runtime.syncOnce();
    const revision = runtime.snapshotFor("production")!.revision;
    await updateFlagEnvironment(serviceContext(actorFor(owner)), { flagKey: flag.key, environmentKey: "production", enabled: true, rolloutPercentage: 100 });
    await runtime.syncOnce();
    expect(runtime.snapshotFor("production")!.revision).toBe(revision + 1);
    expect(runtime.snapshotFor("production")!.compiled.evaluate(flag.key, { targetingKey: "u1" })).toMatchObject({ value: true });
    expect(runtime.health()).toMatchObject({ status: "ok", database: "ok" });

    down = true;
    await runtime.syncOnce();
    expect(runtime.health()).toMatchObject({ database: "unreachable", lastError: "Can't reach database server" });
    expect(runtime.snapshotFor("production")!.compiled.evaluate(flag.key, { targetingKey: "u1" })).toMatchObject({ value: true, reason: "STATIC" });
    down = false;
    await runtime.syncOnce();
    expect(runtime.health()).toMatchObject({ status: "ok", database: "ok" });
  });
});
