/**
 * The standalone evaluator (`npm run evaluator`) as a service uses it: synced from a real Keel
 * fast-path server over HTTP, queried with the unmodified OpenFeature server SDK, and still
 * answering after Keel goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { actorFor, makeFlag, makeMember, serviceContext } from "../../prisma/factories";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { revokeSdkKey } from "../services/sdk-keys/revoke-sdk-key";
import { updateFlagEnvironment } from "../services/flags/update-flag-environment";
import { eventually, startServiceServer, type ServiceServer } from "../test/service-server";
import { startEvaluator } from "./evaluator-server";

let keel: ServiceServer;
let evaluator: Awaited<ReturnType<typeof startEvaluator>>;
let admin: Awaited<ReturnType<typeof makeMember>>;
let flagKey: string;
let key: { secret: string; key: { id: string } };

beforeAll(async () => {
  admin = await makeMember(["admin"]);
  flagKey = (await makeFlag(admin)).key;
  await updateFlagEnvironment(serviceContext(actorFor(admin)), { flagKey, environmentKey: "production", enabled: true, rolloutPercentage: 30 });
  key = await createSdkKey(serviceContext(actorFor(admin)), { environmentKey: "production", kind: "server", name: "edge-relay" });
  keel = await startServiceServer();
  evaluator = await startTestEvaluator();
  await OpenFeature.setProviderAndWait("evaluator", new OFREPProvider({ baseUrl: `http://127.0.0.1:${evaluator.port}`, headers: [["Authorization", `Bearer ${key.secret}`]] }));
});

/** The evaluator for production, synced from the test's Keel, on a random port. */
function startTestEvaluator() {
  return startEvaluator({ keelUrl: keel.url, environmentKey: "production", secret: key.secret, pollIntervalMs: 50, rateLimitPerSecond: 0, port: 0, host: "127.0.0.1" });
}

afterAll(async () => {
  await OpenFeature.close();
  await evaluator.close();
  await keel.close();
});

const client = () => OpenFeature.getClient("evaluator");
const users = Array.from({ length: 200 }, (_, i) => `member-${i}`);

async function variantsFrom(baseUrl: string) {
  const out: string[] = [];
  for (const user of users) {
    const res = await fetch(`${baseUrl}/ofrep/v1/evaluate/flags/${flagKey}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key.secret },
      body: JSON.stringify({ context: { targetingKey: user } }),
    });
    out.push(((await res.json()) as { variant: string }).variant);
  }
  return out;
}

describe("npm run evaluator", () => {
  it("answers exactly what Keel answers, for every user", async () => {
    expect(await variantsFrom(`http://127.0.0.1:${evaluator.port}`)).toEqual(await variantsFrom(keel.url));
    const details = await client().getBooleanDetails(flagKey, false, { targetingKey: "member-1" });
    expect(details.errorCode).toBeUndefined();
  });

  it("picks up a flag change by polling Keel", async () => {
    await updateFlagEnvironment(serviceContext(actorFor(admin)), { flagKey, environmentKey: "production", enabled: false });
    await eventually(async () => (await client().getBooleanDetails(flagKey, true, { targetingKey: "member-1" })).reason === "DISABLED");
  });

  it("refuses keys other than its own", async () => {
    const res = await fetch(`http://127.0.0.1:${evaluator.port}/ofrep/v1/evaluate/flags`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer keel_srv_someone-else" },
      body: JSON.stringify({ context: { targetingKey: "x" } }),
    });
    expect(res.status).toBe(401);
  });

  it("keeps serving the last good snapshot while Keel is unreachable, and says so in /health", async () => {
    const before = await client().getBooleanDetails(flagKey, true, { targetingKey: "member-1" });
    await keel.close();
    await eventually(async () => ((await (await fetch(`http://127.0.0.1:${evaluator.port}/health`)).json()) as { keel: string }).keel === "unreachable");
    const after = await client().getBooleanDetails(flagKey, true, { targetingKey: "member-1" });
    expect(after).toMatchObject({ value: before.value, variant: before.variant, reason: before.reason });
    expect(after.errorCode).toBeUndefined();
    keel = await startServiceServer(); // for afterAll, and to prove recovery below
  });

  it("stops serving once Keel refuses its key (revoked)", async () => {
    const restarted = await startTestEvaluator();
    try {
      const ask = () =>
        fetch(`http://127.0.0.1:${restarted.port}/ofrep/v1/evaluate/flags/${flagKey}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key.secret}` },
          body: JSON.stringify({ context: { targetingKey: "member-1" } }),
        });
      expect((await ask()).status).toBe(200);
      await revokeSdkKey(serviceContext(actorFor(admin)), { id: key.key.id });
      await eventually(async () => (await ask()).status === 401);
    } finally {
      await restarted.close();
    }
  });
});
