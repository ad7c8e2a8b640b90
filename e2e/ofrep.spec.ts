/**
 * Services and browsers evaluate flags through OFREP with keys an admin created in Settings:
 * the unmodified OpenFeature web SDK + OFREP web provider in Chromium, on another origin (CORS),
 * and the edge route. Keel here is the production server (fast path in front of Next).
 */
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";
import { createSdkKeyInSettings } from "./sdk-key-helpers";

const KEEL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
let appServer: http.Server;
let appOrigin: string;

test.beforeAll(async () => {
  const bundle = await build({
    entryPoints: [path.join(__dirname, "ofrep-web/app.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const script = bundle.outputFiles[0]!.text;
  appServer = http.createServer((req, res) => {
    if (req.url === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(script);
    } else {
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><html lang="en"><head><title>Shop</title><script src="/app.js"></script></head><body><h1>Shop</h1></body></html>');
    }
  });
  await new Promise<void>((resolve) => appServer.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => appServer.close(() => resolve())));

async function trpc(page: Page, procedure: string, input: unknown) {
  const response = await page.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
}

async function evaluateOnServer(request: APIRequestContext, base: string, flagKey: string, key: string, targetingKey: string) {
  const response = await request.post(`${base}/ofrep/v1/evaluate/flags/${flagKey}`, {
    headers: { authorization: `Bearer ${key}` },
    data: { context: { targetingKey, plan: "pro" } },
  });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

test("a browser app on another origin evaluates flags with the OpenFeature web SDK and a client key from Settings", async ({ page, context }) => {
  await signIn(page, "admin@keel.local");
  const flagKey = uniqueFlagKey("web");
  await trpc(page, "flags.create", { key: flagKey, name: "Web banner", valueType: "boolean", expiresAt: dateInDays(20) });
  await trpc(page, "flags.updateEnvironment", { flagKey, environmentKey: "staging", enabled: true, rolloutPercentage: 50 });
  const clientKey = await createSdkKeyInSettings(page, { environment: "Staging", kind: "client", name: uniqueFlagKey("web-app") });
  const serverKey = await createSdkKeyInSettings(page, { environment: "Staging", kind: "server", name: uniqueFlagKey("api") });

  const app = await context.newPage();
  await app.goto(appOrigin);
  await app.evaluate(([base, key]) => window.keel.start(base, key, "visitor-42"), [KEEL, clientKey] as const);
  const inBrowser = await app.evaluate((key) => window.keel.booleanFlag(key, false), flagKey);
  expect(inBrowser.errorCode).toBeUndefined();
  expect(["SPLIT", "DEFAULT"]).toContain(inBrowser.reason);

  // The browser gets exactly what a service gets for the same user.
  const onServer = await evaluateOnServer(page.request, KEEL, flagKey, serverKey, "visitor-42");
  expect(onServer.status).toBe(200);
  expect(inBrowser).toMatchObject({ value: onServer.body.value, variant: onServer.body.variant, reason: onServer.body.reason });

  // Unknown flags fall back to the code default; the key's environment decides what exists.
  expect(await app.evaluate(() => window.keel.booleanFlag("no-such-flag", true))).toMatchObject({ value: true, errorCode: "FLAG_NOT_FOUND" });

  // A change in Keel reaches the browser on its next fetch.
  await trpc(page, "flags.updateEnvironment", { flagKey, environmentKey: "staging", rolloutPercentage: 100 });
  await expect
    .poll(async () => {
      await app.evaluate(() => window.keel.refresh());
      return app.evaluate((key) => window.keel.booleanFlag(key, false), flagKey);
    })
    .toMatchObject({ value: true, variant: "on", reason: "STATIC" });
});

test("the edge route evaluates against the cached snapshot, with the same answers and key rules", async ({ page }) => {
  await signIn(page, "admin@keel.local");
  const flagKey = uniqueFlagKey("edge");
  await trpc(page, "flags.create", { key: flagKey, name: "Edge banner", valueType: "boolean", expiresAt: dateInDays(20) });
  await trpc(page, "flags.updateEnvironment", { flagKey, environmentKey: "production", enabled: true, rolloutPercentage: 30 });
  const serverKey = await createSdkKeyInSettings(page, { environment: "Production", kind: "server", name: uniqueFlagKey("edge-api") });
  const clientKey = await createSdkKeyInSettings(page, { environment: "Production", kind: "client", name: uniqueFlagKey("edge-web") });
  const edge = `${KEEL}/api/v1/edge/production`;

  for (const user of ["u-1", "u-2", "u-3", "u-4", "u-5"]) {
    const [fast, atEdge] = await Promise.all([
      evaluateOnServer(page.request, KEEL, flagKey, serverKey, user),
      evaluateOnServer(page.request, edge, flagKey, serverKey, user),
    ]);
    expect(atEdge).toEqual(fast);
  }
  expect((await evaluateOnServer(page.request, edge, flagKey, clientKey, "u-1")).status).toBe(403);
  expect((await evaluateOnServer(page.request, edge, flagKey, "keel_srv_not-a-real-key-not-a-real-key12", "u-1")).status).toBe(401);

  const bulk = await page.request.post(`${edge}/ofrep/v1/evaluate/flags`, {
    headers: { "x-api-key": clientKey },
    data: { context: { targetingKey: "u-1" } },
  });
  expect(bulk.status()).toBe(200);
  const etag = bulk.headers()["etag"]!;
  const again = await page.request.post(`${edge}/ofrep/v1/evaluate/flags`, {
    headers: { "x-api-key": clientKey, "if-none-match": etag },
    data: { context: { targetingKey: "u-1" } },
  });
  expect(again.status()).toBe(304);

  // The snapshot a CDN may hold: public for client keys, with a bounded staleness.
  const snapshot = await page.request.get(`${KEEL}/api/v1/snapshots/production`, { headers: { authorization: `Bearer ${clientKey}` } });
  expect(snapshot.headers()["cache-control"]).toMatch(/^public, max-age=0, s-maxage=1, stale-while-revalidate=10$/);
  expect(((await snapshot.json()) as { flags: { key: string }[] }).flags.some((f) => f.key === flagKey)).toBe(true);
});

test("the health endpoint reports the snapshots this instance serves", async ({ request }) => {
  const health = (await (await request.get("/api/health")).json()) as { ok: boolean; evaluation: { status: string; database: string; environments: Record<string, number> } };
  expect(health).toMatchObject({ ok: true, evaluation: { status: "ok", database: "ok" } });
  expect(Object.keys(health.evaluation.environments)).toEqual(expect.arrayContaining(["development", "staging", "production"]));
});
