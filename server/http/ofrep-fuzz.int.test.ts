/**
 * Hostile input never breaks the service endpoints: 10,000 random and malicious requests per
 * endpoint (fast-check, fixed seed) against the real fast path. Every answer is < 500 and, when it
 * is an error, a JSON body in the protocol's shape.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { actorFor, makeFlag, makeMember, serviceContext } from "../../prisma/factories";
import { createSdkKey } from "../services/sdk-keys/create-sdk-key";
import { updateFlagEnvironment } from "../services/flags/update-flag-environment";
import { startServiceServer, type ServiceServer } from "../test/service-server";
import { MAX_BODY_BYTES } from "./service-http";

const RUNS = 10_000;
let server: ServiceServer;
let serverKey: string;
let clientKey: string;
let flagKey: string;

beforeAll(async () => {
  const admin = await makeMember(["admin"]);
  flagKey = (await makeFlag(admin)).key;
  await updateFlagEnvironment(serviceContext(actorFor(admin)), { flagKey, environmentKey: "development", enabled: true, rolloutPercentage: 50 });
  serverKey = (await createSdkKey(serviceContext(actorFor(admin)), { environmentKey: "development", kind: "server", name: "fuzz" })).secret;
  clientKey = (await createSdkKey(serviceContext(actorFor(admin)), { environmentKey: "development", kind: "client", name: "fuzz-web" })).secret;
  server = await startServiceServer();
});

afterAll(() => server.close());

/** a path segment that stays one (fetch resolves "." and ".." segments away, to another URL) */
const segment = (s: string) => (/^\.{1,2}$/.test(s) ? `${s}x` : encodeURIComponent(s) || "x");
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("__proto__", "constructor", "prototype", "", " ", "null", "\u0000", "😀", "a".repeat(10_000), "%E0%A4%A", "../../etc/passwd"),
);
const contextValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 5 }),
  ),
})).value;
const context = fc.oneof(
  fc.record({ targetingKey: fc.oneof(hostileString, fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string())) }, { requiredKeys: [] }),
  fc.dictionary(hostileString, contextValue, { maxKeys: 8 }),
  fc.record({ targetingKey: fc.string(), huge: fc.constant(Array.from({ length: 2_000 }, (_, i) => i)) }),
  fc.record({ targetingKey: fc.string(), deep: fc.constant(JSON.parse("[".repeat(40) + "]".repeat(40))) }),
  contextValue,
);
const body = fc.oneof(
  context.map((c) => JSON.stringify({ context: c })),
  fc.json(),
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("", "{", "[]", "null", '{"context":', '{"__proto__":{"context":{"targetingKey":"x"}}}', "x".repeat(MAX_BODY_BYTES + 10)),
  fc.anything().map((v) => {
    try {
      return JSON.stringify(v) ?? "";
    } catch {
      return "";
    }
  }),
);
const auth = fc.oneof(
  fc.constant<Record<string, string>>({}),
  fc.constant({ authorization: "" }),
  fc.constant({ authorization: "Bearer " }),
  hostileString.map((s) => ({ authorization: `Bearer ${s.replace(/[^\x20-\x7e]/g, "")}` })),
  hostileString.map((s) => ({ "x-api-key": s.replace(/[^\x20-\x7e]/g, "") })),
);
const goodAuth = fc.constantFrom(() => ({ authorization: `Bearer ${serverKey}` }), () => ({ "x-api-key": serverKey }), () => ({ authorization: `Bearer ${clientKey}` }));
const headers = fc.tuple(fc.oneof({ weight: 3, arbitrary: goodAuth.map((f) => f()) }, { weight: 1, arbitrary: auth }), fc.option(hostileString)).map(([h, inm]) =>
  inm === null ? h : { ...h, "if-none-match": inm.replace(/[^\x20-\x7e]/g, "") },
);

type Probe = { path: string; method: string; headers: Record<string, string>; body?: string };

async function send(probe: Probe): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(`${server.url}${probe.path}`, {
    method: probe.method,
    headers: { "content-type": "application/json", ...probe.headers },
    body: probe.body,
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get("content-type") };
}

async function fuzz(probes: Probe[]) {
  const failures: string[] = [];
  for (let i = 0; i < probes.length; i += 64) {
    const batch = probes.slice(i, i + 64);
    const answers = await Promise.all(batch.map(send));
    answers.forEach((answer, j) => {
      const probe = batch[j]!;
      const where = `${probe.method} ${probe.path.slice(0, 80)} ${JSON.stringify(probe.body?.slice(0, 80))} → ${answer.status} ${answer.text.slice(0, 160)}`;
      if (answer.status >= 500) failures.push(where);
      else if (answer.status >= 400) {
        try {
          const parsed = JSON.parse(answer.text) as { errorDetails?: unknown; errorCode?: unknown };
          if (typeof parsed.errorDetails !== "string") failures.push(`no errorDetails: ${where}`);
          if (answer.status === 400 && !["PARSE_ERROR", "TARGETING_KEY_MISSING", "INVALID_CONTEXT", "GENERAL"].includes(String(parsed.errorCode))) {
            failures.push(`400 without a protocol error code: ${where}`);
          }
        } catch {
          failures.push(`error body is not JSON: ${where}`);
        }
      } else if (answer.status === 200 && !answer.contentType?.startsWith("application/json")) {
        failures.push(`200 without a JSON content type: ${where}`);
      }
    });
  }
  expect(failures.slice(0, 5)).toEqual([]);
}

// 10,000 HTTP requests take ~5–20 s on a shared 2-core machine; the limit only guards against a hang.
const FUZZ_TIMEOUT_MS = 180_000;

describe("fuzzing the service endpoints (10,000 requests each)", () => {
  it("POST /ofrep/v1/evaluate/flags/{key}", async () => {
    const paths = fc.oneof({ weight: 3, arbitrary: fc.constant(flagKey) }, { weight: 1, arbitrary: hostileString.map(segment) }, { weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "..x") });
    const probes = fc.sample(fc.record({ key: paths, headers, body }), { numRuns: RUNS, seed: 42 });
    await fuzz(probes.map((p) => ({ method: "POST", path: `/ofrep/v1/evaluate/flags/${p.key}`, headers: p.headers, body: p.body })));
  }, FUZZ_TIMEOUT_MS);

  it("POST /ofrep/v1/evaluate/flags (bulk)", async () => {
    const probes = fc.sample(fc.record({ headers, body }), { numRuns: RUNS, seed: 43 });
    await fuzz(probes.map((p) => ({ method: "POST", path: "/ofrep/v1/evaluate/flags", headers: p.headers, body: p.body })));
  }, FUZZ_TIMEOUT_MS);

  it("GET /api/v1/snapshots/{environment}", async () => {
    const env = fc.oneof(fc.constantFrom("development", "production", "%", "%E0%A4%A"), hostileString.map(segment));
    const probes = fc.sample(fc.record({ env, headers, method: fc.constantFrom("GET", "GET", "GET", "POST", "PUT", "DELETE", "OPTIONS") }), { numRuns: RUNS, seed: 44 });
    await fuzz(probes.map((p) => ({ method: p.method, path: `/api/v1/snapshots/${p.env}`, headers: p.headers, body: p.method === "GET" || p.method === "OPTIONS" ? undefined : "{}" })));
  }, FUZZ_TIMEOUT_MS);
});
