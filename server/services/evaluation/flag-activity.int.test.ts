/**
 * When each flag was last evaluated, per environment: OFREP over real HTTP against the runtime,
 * flushed by hand with a controllable clock, read back from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, makeFlag, makeMember, serviceContext } from "../../../prisma/factories";
import { getDb, type Db } from "../../db/client";
import { lastEvaluationOfFlags, recordFlagEvaluations } from "../../db/flag-activity";
import { createSdkKey } from "../sdk-keys/create-sdk-key";
import { startServiceServer, type ServiceServer } from "../../test/service-server";
import { createEvaluationRuntime } from "./evaluation-runtime";

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

let server: ServiceServer;
let admin: Awaited<ReturnType<typeof makeMember>>;
const keys: Record<string, string> = {};
/** Later than any real time other test files write with, so a bulk evaluation here always moves rows forward. */
let clock = new Date(Math.ceil((Date.now() + 365 * 24 * HOUR) / HOUR) * HOUR);
const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

async function post(path: string, environmentKey: string, body: unknown = { context: { targetingKey: "user-1" } }, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys[environmentKey]}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response;
}

const evaluate = (flagKey: string, environmentKey: string) => post(`/ofrep/v1/evaluate/flags/${encodeURIComponent(flagKey)}`, environmentKey);

async function activity(flagKeys: string[]) {
  const rows = await getDb().flagEvaluationActivity.findMany({ where: { flagKey: { in: flagKeys } }, orderBy: [{ flagKey: "asc" }, { environmentKey: "asc" }] });
  return rows.map((r) => ({ flagKey: r.flagKey, environmentKey: r.environmentKey, at: r.lastEvaluatedAt.toISOString() }));
}

/** Flags made after the server started: sync so the runtime holds them. */
async function makeFlags(n: number): Promise<string[]> {
  const made = [];
  for (let i = 0; i < n; i++) made.push((await makeFlag(admin)).key);
  await server.runtime.syncOnce();
  return made;
}

beforeAll(async () => {
  admin = await makeMember(["admin"]);
  await makeFlag(admin);
  // Flushed only by hand: the timer would stamp marks whenever it fires.
  server = await startServiceServer({ now: () => clock, usageFlushMs: 24 * HOUR });
  for (const environmentKey of ["development", "staging", "production"]) {
    keys[environmentKey] = (await createSdkKey(serviceContext(actorFor(admin)), { environmentKey, kind: "server", name: `activity-${environmentKey}` })).secret;
  }
  await server.runtime.syncOnce();
});

afterAll(async () => {
  await server.close();
});

describe("flag evaluation activity", () => {
  it("records a single evaluation for that flag only, in the key's environment", async () => {
    const [evaluated, untouched] = await makeFlags(2);
    expect((await evaluate(evaluated!, "staging")).status).toBe(200);
    await server.runtime.flushUsage();
    expect(await activity([evaluated!, untouched!])).toEqual([{ flagKey: evaluated, environmentKey: "staging", at: clock.toISOString() }]);
  });

  it("records nothing for an unknown flag or a refused request", async () => {
    const [flag] = await makeFlags(1);
    expect((await evaluate("no-such-flag-activity", "staging")).status).toBe(404);
    expect((await post(`/ofrep/v1/evaluate/flags/${flag}`, "staging", "{not json")).status).toBe(400);
    expect((await post(`/ofrep/v1/evaluate/flags/${flag}`, "staging", undefined, { authorization: "Bearer keel_srv_unknown" })).status).toBe(401);
    await server.runtime.flushUsage();
    expect(await activity(["no-such-flag-activity", flag!])).toEqual([]);
  });

  it("writes a (flag, environment) at most once an hour, then moves it forward", async () => {
    const [flag] = await makeFlags(1);
    await evaluate(flag!, "staging");
    await server.runtime.flushUsage();
    const first = clock.toISOString();

    advance(30 * MINUTE);
    await evaluate(flag!, "staging");
    await server.runtime.flushUsage();
    expect(await activity([flag!])).toEqual([{ flagKey: flag, environmentKey: "staging", at: first }]);

    advance(31 * MINUTE);
    await evaluate(flag!, "staging");
    await server.runtime.flushUsage();
    expect(await activity([flag!])).toEqual([{ flagKey: flag, environmentKey: "staging", at: clock.toISOString() }]);
  });

  it("gives the latest evaluation across environments per flag, and leaves out flags never evaluated", async () => {
    const [flag, never] = await makeFlags(2);
    advance(2 * HOUR);
    await evaluate(flag!, "production");
    await server.runtime.flushUsage();
    const earlier = clock.getTime();
    advance(2 * HOUR);
    await evaluate(flag!, "staging");
    await server.runtime.flushUsage();
    expect((await activity([flag!])).map((r) => r.environmentKey)).toEqual(["production", "staging"]);

    const last = await lastEvaluationOfFlags(getDb(), [flag!, never!]);
    expect([...last.keys()]).toEqual([flag]);
    expect(last.get(flag!)!.getTime()).toBe(clock.getTime());
    expect(last.get(flag!)!.getTime()).toBeGreaterThan(earlier);
  });

  it("records every flag of the snapshot for a bulk evaluation, and again for a 304 an hour later", async () => {
    await makeFlags(1);
    advance(2 * HOUR);
    const first = await post("/ofrep/v1/evaluate/flags", "development");
    expect(first.status).toBe(200);
    await server.runtime.flushUsage();
    const flagKeys = [...server.runtime.snapshotFor("development")!.compiled.flagKeys];
    expect(flagKeys.length).toBeGreaterThan(1);
    const rows = await getDb().flagEvaluationActivity.findMany({ where: { environmentKey: "development", flagKey: { in: flagKeys } } });
    expect(rows.map((r) => r.flagKey).sort()).toEqual([...flagKeys].sort());
    expect(rows.every((r) => r.lastEvaluatedAt.getTime() === clock.getTime())).toBe(true);

    advance(HOUR + MINUTE);
    const again = await post("/ofrep/v1/evaluate/flags", "development", undefined, { "if-none-match": first.headers.get("etag")! });
    expect(again.status).toBe(304);
    await server.runtime.flushUsage();
    const after = await getDb().flagEvaluationActivity.findMany({ where: { environmentKey: "development", flagKey: { in: flagKeys } } });
    expect(after.length).toBe(flagKeys.length);
    expect(after.every((r) => r.lastEvaluatedAt.getTime() === clock.getTime())).toBe(true);
  });
});

describe("recordFlagEvaluations", () => {
  it("never moves lastEvaluatedAt backwards, so instances may flush out of order", async () => {
    const [flag] = await makeFlags(1);
    const later = new Date(clock.getTime() + 10 * HOUR);
    await recordFlagEvaluations(getDb(), [{ flagKey: flag!, environmentKey: "staging", at: later }]);
    await recordFlagEvaluations(getDb(), [
      { flagKey: flag!, environmentKey: "staging", at: clock },
      { flagKey: flag!, environmentKey: "staging", at: new Date(clock.getTime() - HOUR) },
      { flagKey: flag!, environmentKey: "production", at: clock },
    ]);
    expect(await activity([flag!])).toEqual([
      { flagKey: flag, environmentKey: "production", at: clock.toISOString() },
      { flagKey: flag, environmentKey: "staging", at: later.toISOString() },
    ]);
  });

  it("keeps the marks while the database is unreachable and writes them at the next flush", async () => {
    const [flag] = await makeFlags(1);
    let down = false;
    const real = getDb();
    // The same database, with raw statements failing like a lost connection while `down`.
    const flaky = new Proxy(real, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property === "$queryRawUnsafe" && typeof value === "function") {
          return (...args: unknown[]) => (down ? Promise.reject(new Error("Can't reach database server")) : (value as (...a: unknown[]) => unknown).apply(target, args));
        }
        return value;
      },
    }) as Db;
    const runtime = createEvaluationRuntime({ db: flaky, now: () => clock });
    await runtime.syncOnce();
    runtime.noteEvaluated!({ id: "k", kind: "server", environmentKey: "staging" }, flag!);
    down = true;
    await runtime.flushUsage();
    expect(await activity([flag!])).toEqual([]);
    down = false;
    await runtime.flushUsage();
    expect(await activity([flag!])).toEqual([{ flagKey: flag, environmentKey: "staging", at: clock.toISOString() }]);
    await runtime.stop();
  });
});
