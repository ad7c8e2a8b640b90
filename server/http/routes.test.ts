/**
 * The framework-free routes answer synchronously when the source answers from memory (the hot
 * path: no promise per evaluation) and asynchronously when it waits (a first sync, the edge
 * route's fetch); both give the same answer.
 */
import { describe, expect, it } from "vitest";
import { snapshotFlag, snapshotOf } from "../core/evaluation/snapshot-fixtures";
import { later, liveSnapshot, resolveKey, TEST_SECRET as SECRET } from "../test/memory-source";
import { routeServiceRequest } from "./routes";
import type { EvaluationSource, ServiceRequest, ServiceResponse } from "./service-http";

const live = liveSnapshot(snapshotOf([snapshotFlag()]));
const inMemory: EvaluationSource = { resolve: (secret) => resolveKey(live, secret) };
const waiting: EvaluationSource = { resolve: (secret) => later(1, () => resolveKey(live, secret)) };

function request(path: string, body: unknown, secret = SECRET, method = "POST"): ServiceRequest {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}` };
  return { method, path, header: (name) => headers[name], body: JSON.stringify(body) };
}

describe("routeServiceRequest", () => {
  it("answers an evaluation from an in-memory source synchronously, without a promise", () => {
    const answer = routeServiceRequest(inMemory, request("/ofrep/v1/evaluate/flags/new-checkout", { context: { targetingKey: "user-1" } }));
    expect(answer).not.toBeInstanceOf(Promise);
    const response = answer as ServiceResponse;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      key: "new-checkout",
      value: true,
      variant: "on",
      reason: "STATIC",
      metadata: { flagVersion: 3, revision: 7, inExperiment: false },
    });
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  it.each([
    ["an evaluation", request("/ofrep/v1/evaluate/flags/new-checkout", { context: { targetingKey: "user-1" } })],
    ["an unknown flag", request("/ofrep/v1/evaluate/flags/no-such-flag", { context: { targetingKey: "user-1" } })],
    ["a missing targeting key", request("/ofrep/v1/evaluate/flags/new-checkout", { context: {} })],
    ["an unknown key", request("/ofrep/v1/evaluate/flags/new-checkout", { context: { targetingKey: "user-1" } }, "keel_srv_wrong")],
    ["bulk evaluation", request("/ofrep/v1/evaluate/flags", { context: { targetingKey: "user-1" } })],
    ["a snapshot", request("/api/v1/snapshots/production", undefined, SECRET, "GET")],
  ])("gives the same answer for %s whether the source answers now or later", async (_, req) => {
    const now = await routeServiceRequest(inMemory, req);
    const later = routeServiceRequest(waiting, req);
    expect(later).toBeInstanceOf(Promise);
    expect(await later).toEqual(now);
  });

  it("sends the CORS preflight headers on OPTIONS answers only", async () => {
    const preflight = (await routeServiceRequest(inMemory, request("/ofrep/v1/evaluate/flags", undefined, SECRET, "OPTIONS")))!;
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-headers"]).toContain("If-None-Match");
    const answer = (await routeServiceRequest(inMemory, request("/ofrep/v1/evaluate/flags/new-checkout", { context: { targetingKey: "u" } })))!;
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    expect(answer.headers["access-control-allow-headers"]).toBeUndefined();
  });

  it("leaves other paths to the caller", () => {
    expect(routeServiceRequest(inMemory, request("/settings", {}, SECRET, "GET"))).toBeNull();
  });
});
