/**
 * OFREP as services use it: the unmodified OpenFeature server SDK with the OFREP provider, against
 * Keel's fast path on a real HTTP port and a real database, with a key created like an admin does.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenFeature, type Client } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { actorFor, makeFlag, makeMember, serviceContext } from "../../prisma/factories";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { revokeSdkKey } from "../services/sdk-keys/revoke-sdk-key";
import { updateFlagEnvironment } from "../services/flags/update-flag-environment";
import { eventually, startServiceServer, type ServiceServer } from "../test/service-server";
import { getDb } from "../db/client";
import { findSnapshot } from "../db/snapshots";
import { MAX_BODY_BYTES } from "./service-http";

let server: ServiceServer;
let admin: Awaited<ReturnType<typeof makeMember>>;
let serverKey: string;
let clientKey: string;
let flagKey: string;
let client: Client;

const users = Array.from({ length: 400 }, (_, i) => `user-${i}`);

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${serverKey}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Changes the flag in staging and waits until the server holds the snapshot this change published (not merely a newer one). */
async function setStaging(change: { enabled?: boolean; rolloutPercentage?: number }) {
  await updateFlagEnvironment(serviceContext(actorFor(admin)), { flagKey, environmentKey: "staging", ...change });
  const staging = await getDb().environment.findUniqueOrThrow({ where: { key: "staging" } });
  const published = (await findSnapshot(getDb(), staging.id))!.revision;
  await eventually(() => (server.runtime.snapshotFor("staging")?.revision ?? 0) >= published);
}

async function variants(c: Client): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  for (const user of users) out.set(user, (await c.getBooleanDetails(flagKey, false, { targetingKey: user })).variant);
  return out;
}

beforeAll(async () => {
  admin = await makeMember(["admin"]);
  const flag = await makeFlag(admin);
  flagKey = flag.key;
  server = await startServiceServer();
  serverKey = (await createSdkKey(serviceContext(actorFor(admin)), { environmentKey: "staging", kind: "server", name: "checkout-service" })).secret;
  clientKey = (await createSdkKey(serviceContext(actorFor(admin)), { environmentKey: "staging", kind: "client", name: "web" })).secret;
  await server.runtime.syncOnce();
  await setStaging({ enabled: true, rolloutPercentage: 10 });
  await OpenFeature.setProviderAndWait("ofrep-test", new OFREPProvider({ baseUrl: server.url, headers: [["Authorization", `Bearer ${serverKey}`]] }));
  client = OpenFeature.getClient("ofrep-test");
});

afterAll(async () => {
  await OpenFeature.close();
  await server.close();
});

describe("OFREP with the OpenFeature server SDK", () => {
  it("serves each user a deterministic variation, about as many on as the rollout says", async () => {
    const first = await variants(client);
    const details = await client.getBooleanDetails(flagKey, false, { targetingKey: "user-1" });
    expect(details.errorCode).toBeUndefined();
    expect(["SPLIT", "DEFAULT"]).toContain(details.reason);
    expect(details.flagMetadata).toMatchObject({ inExperiment: false, flagVersion: expect.any(Number), revision: expect.any(Number) });
    const on = [...first.values()].filter((v) => v === "on").length;
    expect(on).toBeGreaterThan(users.length * 0.04);
    expect(on).toBeLessThan(users.length * 0.18);

    // A new provider (a service restart) gives every user the same variation.
    await OpenFeature.setProviderAndWait("restarted", new OFREPProvider({ baseUrl: server.url, headers: [["X-API-Key", serverKey]] }));
    expect(await variants(OpenFeature.getClient("restarted"))).toEqual(first);
  });

  it("keeps everyone who was in when the rollout ramps up 10 % → 50 % → 100 %", async () => {
    const at10 = await variants(client);
    await setStaging({ rolloutPercentage: 50 });
    const at50 = await variants(client);
    await setStaging({ rolloutPercentage: 100 });
    const at100 = await variants(client);
    for (const user of users) {
      if (at10.get(user) === "on") expect(at50.get(user)).toBe("on");
      if (at50.get(user) === "on") expect(at100.get(user)).toBe("on");
    }
    const on50 = [...at50.values()].filter((v) => v === "on").length;
    expect(on50).toBeGreaterThan(users.length * 0.4);
    expect(on50).toBeLessThan(users.length * 0.6);
    expect([...at100.values()].every((v) => v === "on")).toBe(true);
    expect((await client.getBooleanDetails(flagKey, false, { targetingKey: "anyone" })).reason).toBe("STATIC");
  });

  it("sees a flag switched off at once: DISABLED with the off variation", async () => {
    await setStaging({ enabled: false });
    const details = await client.getBooleanDetails(flagKey, true, { targetingKey: "user-1" });
    expect(details).toMatchObject({ value: false, variant: "off", reason: "DISABLED" });
    await setStaging({ enabled: true });
  });

  it("reports an unknown flag as FLAG_NOT_FOUND and returns the code default", async () => {
    const details = await client.getStringDetails("no-such-flag", "fallback", { targetingKey: "user-1" });
    expect(details).toMatchObject({ value: "fallback", errorCode: "FLAG_NOT_FOUND" });
  });
});

describe("OFREP over raw HTTP: the protocol's statuses and error bodies", () => {
  const context = { context: { targetingKey: "user-1", plan: "pro" } };

  it("answers a single flag with key, value, variant, reason and metadata as JSON", async () => {
    const res = await post(`/ofrep/v1/evaluate/flags/${flagKey}`, context);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ key: flagKey, value: expect.any(Boolean), variant: expect.any(String), reason: expect.any(String) });
  });

  it("refuses bad input with PARSE_ERROR, TARGETING_KEY_MISSING and INVALID_CONTEXT", async () => {
    const single = `/ofrep/v1/evaluate/flags/${flagKey}`;
    expect(await post(single, "{not json")).toMatchObject({ status: 400, body: { key: flagKey, errorCode: "PARSE_ERROR" } });
    expect(await post(single, { context: { plan: "pro" } })).toMatchObject({ status: 400, body: { errorCode: "TARGETING_KEY_MISSING" } });
    expect(await post(single, { context: { targetingKey: 42 } })).toMatchObject({ status: 400, body: { errorCode: "INVALID_CONTEXT" } });
    expect(await post(single, [1, 2])).toMatchObject({ status: 400, body: { errorCode: "INVALID_CONTEXT" } });
    expect(await post(single, { context: { targetingKey: "u", list: Array.from({ length: 5000 }, (_, i) => i) } })).toMatchObject({
      status: 400,
      body: { errorCode: "INVALID_CONTEXT" },
    });
    expect(await post("/ofrep/v1/evaluate/flags", { context: [] })).toMatchObject({ status: 400, body: { errorCode: "INVALID_CONTEXT" } });
    expect(await post("/ofrep/v1/evaluate/flags/unknown-flag", context)).toMatchObject({ status: 404, body: { key: "unknown-flag", errorCode: "FLAG_NOT_FOUND" } });
  });

  it("refuses a body over the limit with 413, without reading it all", async () => {
    const huge = JSON.stringify({ context: { targetingKey: "u", blob: "x".repeat(MAX_BODY_BYTES) } });
    const res = await post("/ofrep/v1/evaluate/flags", huge);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ errorDetails: expect.stringContaining("larger than") });
  });

  it("refuses missing, unknown and revoked keys with 401, and client keys on the server-only endpoint with 403", async () => {
    expect((await post(`/ofrep/v1/evaluate/flags/${flagKey}`, context, { authorization: "" })).status).toBe(401);
    expect((await post(`/ofrep/v1/evaluate/flags/${flagKey}`, context, { authorization: "Bearer keel_srv_nope" })).status).toBe(401);
    const client403 = await post(`/ofrep/v1/evaluate/flags/${flagKey}`, context, { authorization: `Bearer ${clientKey}` });
    expect(client403).toMatchObject({ status: 403, body: { errorDetails: expect.stringContaining("bulk") } });
    expect((await post("/ofrep/v1/evaluate/flags", context, { authorization: `Bearer ${clientKey}` })).status).toBe(200);

    const doomed = await createSdkKey(serviceContext(actorFor(admin)), { environmentKey: "staging", kind: "server", name: "doomed" });
    await eventually(async () => (await post(`/ofrep/v1/evaluate/flags/${flagKey}`, context, { authorization: `Bearer ${doomed.secret}` })).status === 200);
    await revokeSdkKey(serviceContext(actorFor(admin)), { id: doomed.key.id });
    await eventually(async () => (await post(`/ofrep/v1/evaluate/flags/${flagKey}`, context, { authorization: `Bearer ${doomed.secret}` })).status === 401);
  });

  it("gives bulk answers an ETag and answers 304 while nothing changed", async () => {
    const first = await post("/ofrep/v1/evaluate/flags", context);
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((first.body?.flags as { key: string }[]).some((f) => f.key === flagKey)).toBe(true);
    expect(first.body?.metadata).toMatchObject({ environment: "staging", revision: expect.any(Number) });
    expect((await post("/ofrep/v1/evaluate/flags", context, { "if-none-match": etag })).status).toBe(304);
    expect((await post("/ofrep/v1/evaluate/flags", { context: { targetingKey: "user-2" } }, { "if-none-match": etag })).status).toBe(200);
    await setStaging({ rolloutPercentage: 37 });
    expect((await post("/ofrep/v1/evaluate/flags", context, { "if-none-match": etag })).status).toBe(200);
  });

  it("allows browsers cross-origin: preflight and exposed ETag", async () => {
    const res = await fetch(`${server.url}/ofrep/v1/evaluate/flags`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "content-type,authorization,if-none-match" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/);
    expect(res.headers.get("access-control-allow-headers")).toMatch(/X-API-Key/);
    const bulk = await post("/ofrep/v1/evaluate/flags", context);
    expect(bulk.headers.get("access-control-allow-origin")).toBe("*");
    expect(bulk.headers.get("access-control-expose-headers")).toMatch(/ETag/);
    // what only a preflight is read for stays on the preflight (the Fetch standard's CORS protocol)
    expect(bulk.headers.get("access-control-allow-headers")).toBeNull();
  });
});

describe("rate limiting per key", () => {
  it("answers 429 with Retry-After once a key exceeds its rate", async () => {
    const limited = await startServiceServer({ rateLimitPerSecond: 1 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${limited.url}/ofrep/v1/evaluate/flags/${flagKey}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${serverKey}` },
          body: JSON.stringify(context()),
        });
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get("retry-after");
      }
      expect(statuses.slice(0, 2)).toEqual([200, 200]); // burst of two at 1 request/s
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
  const context = () => ({ context: { targetingKey: "user-1" } });
});

describe("the snapshot endpoint", () => {
  async function get(environment: string, key: string, headers: Record<string, string> = {}) {
    return fetch(`${server.url}/api/v1/snapshots/${environment}`, { headers: { authorization: `Bearer ${key}`, ...headers } });
  }

  it("serves the published snapshot: private for server keys, CDN-cacheable for client keys, 304 on a matching ETag", async () => {
    const privateRes = await get("staging", serverKey);
    expect(privateRes.status).toBe(200);
    expect(privateRes.headers.get("cache-control")).toBe("private, no-cache");
    const snapshot = (await privateRes.json()) as { format: string; revision: number; flags: { key: string; salt: string }[] };
    expect(snapshot.format).toBe("keel-snapshot/1");
    expect(snapshot.flags.find((f) => f.key === flagKey)).toMatchObject({ enabled: true });

    const publicRes = await get("staging", clientKey);
    expect(publicRes.headers.get("cache-control")).toMatch(/^public, .*s-maxage=\d+, stale-while-revalidate=\d+/);
    const etag = publicRes.headers.get("etag")!;
    expect((await get("staging", clientKey, { "if-none-match": etag })).status).toBe(304);
  });

  it("refuses a key of another environment with 403", async () => {
    expect((await get("production", serverKey)).status).toBe(403);
  });
});
