/**
 * The intake transaction on a real database. On SQLite, batches queued while one is written
 * commit together (group commit), each under its own savepoint; on PostgreSQL each has its own
 * transaction. Either way a failing batch stores nothing and the others are unaffected.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultEnvironments } from "../../prisma/factories";
import { getDb } from "./client";
import { findEnvironmentByKey } from "./environments";
import { inIntakeTransaction } from "./event-intake-session";
import { findExposures, findUnitStates, insertNewEventIds, insertNewExposures, saveUnitStates } from "./events";

let environmentId: string;

beforeAll(async () => {
  await ensureDefaultEnvironments();
  environmentId = (await findEnvironmentByKey(getDb(), "staging"))!.id;
});

const stored = (ids: string[]) => getDb().eventId.count({ where: { environmentId, eventId: { in: ids } } });

describe("the intake transaction", () => {
  it("commits the batches queued together, rolls back only the one that fails, and settles each after the commit", async () => {
    const ids = Array.from({ length: 4 }, () => [randomUUID(), randomUUID()]);
    // started in the same tick: the first is written at once, the three others queue and are written as one group
    const runs = ids.map((pair, i) =>
      inIntakeTransaction(getDb(), environmentId, async (session) => {
        const fresh = await insertNewEventIds(session, environmentId, pair);
        if (i === 2) throw new Error("batch 2 is refused");
        return fresh.size;
      }),
    );
    const outcomes = await Promise.allSettled(runs);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual([2, 2, "batch 2 is refused", 2]);
    expect(await stored(ids.flat())).toBe(6);
    expect(await stored(ids[2]!)).toBe(0);
  });

  it("sees the writes of the batches before it in the same group (a retried id is a duplicate)", async () => {
    const id = randomUUID();
    const runs = [0, 1, 2].map(() => inIntakeTransaction(getDb(), environmentId, async (session) => (await insertNewEventIds(session, environmentId, [id])).size));
    // exactly one of the three stores it (SQLite: the first in the queue; PostgreSQL: whichever gets the lock first)
    expect((await Promise.all(runs)).sort()).toEqual([0, 0, 1]);
    expect(await stored([id])).toBe(1);
  });

  it("remembers nothing of a batch that failed (SQLite's intake memo) and sees what other connections changed", async () => {
    const experimentId = `memo-${randomUUID()}`;
    const exposure = { experimentId, unitId: "u1", variation: "on", exposedAtMs: 1 };
    // in one group: the first batch writes the exposure and fails; the second must not see it
    const failing = inIntakeTransaction(getDb(), environmentId, async (session) => {
      await insertNewExposures(session, [exposure]);
      expect(await findExposures(session, [exposure])).toEqual([exposure]);
      throw new Error("refused after writing");
    });
    const next = inIntakeTransaction(getDb(), environmentId, (session) => findExposures(session, [exposure]));
    await expect(failing).rejects.toThrow("refused after writing");
    expect(await next).toEqual([]);

    // a state the intake wrote, then changed by another connection (the app's Prisma client)
    const state = { experimentId, metricId: "m", unitId: "u1", variation: "on", a: 1, b: 0 };
    await inIntakeTransaction(getDb(), environmentId, (session) => saveUnitStates(session, [state]));
    expect(await inIntakeTransaction(getDb(), environmentId, (session) => findUnitStates(session, [state]))).toEqual([state]);
    await getDb().unitMetricState.update({ where: { experimentId_metricId_unitId: { experimentId, metricId: "m", unitId: "u1" } }, data: { a: 5 } });
    expect(await inIntakeTransaction(getDb(), environmentId, (session) => findUnitStates(session, [state]))).toEqual([{ ...state, a: 5 }]);
  });
});
