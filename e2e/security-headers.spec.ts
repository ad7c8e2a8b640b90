/**
 * Security headers on every kind of response Keel sends: pages (strict CSP with a per-request
 * nonce that Next puts on its scripts), tRPC, Next API routes, static files and the fast path
 * (OFREP, snapshots) — and HSTS only when a TLS-terminating proxy says the request came over HTTPS.
 */
import { expect, test, type APIResponse, type ConsoleMessage, type Page, type Response } from "@playwright/test";
import { signIn } from "./helpers";

const PERMISSIONS = /(^|, )camera=\(\)(, |$)/;

function expectBaseHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toMatch(PERMISSIONS);
  expect(headers["permissions-policy"]).toMatch(/microphone=\(\)/);
  expect(headers["permissions-policy"]).toMatch(/geolocation=\(\)/);
  expect(headers["x-frame-options"]).toBe("DENY");
}

function expectApiHeaders(response: APIResponse | Response) {
  const headers = response.headers();
  expectBaseHeaders(headers);
  expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(headers["strict-transport-security"]).toBeUndefined();
}

/** The page's nonce, after checking its policy; every <script> in the HTML must carry it. */
async function expectPageHeaders(response: APIResponse | Response): Promise<string> {
  const headers = response.headers();
  expectBaseHeaders(headers);
  const csp = headers["content-security-policy"] ?? "";
  expect(csp.split(",")).toHaveLength(1); // one policy, not the API one as well
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'(;|$)/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  for (const directive of [
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).not.toContain("unsafe-eval");
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce!;
}

/** CSP and Permissions-Policy complaints Chromium writes to the console. */
function collectPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    const text = message.text();
    if (/Content Security Policy|Content-Security-Policy|Permissions-Policy|Permissions Policy/i.test(text)) violations.push(text);
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

test("pages get a strict CSP whose nonce changes with every request and is on every script", async ({ request }) => {
  const first = await request.get("/sign-in");
  expect(first.status()).toBe(200);
  const second = await request.get("/sign-in");
  const [a, b] = [await expectPageHeaders(first), await expectPageHeaders(second)];
  expect(a).not.toBe(b);
  expect(first.headers()["strict-transport-security"]).toBeUndefined();

  // an unknown path renders Next's 404 page: a page too
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  await expectPageHeaders(missing);
});

test("API routes, tRPC, auth and static files get the API set", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expectApiHeaders(health);
  expect(health.headers()["content-type"]).toContain("application/json");

  const anonymous = await request.get("/api/trpc/session.me");
  expect(anonymous.status()).toBe(401);
  expectApiHeaders(anonymous);

  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  expectApiHeaders(csrf);

  const favicon = await request.get("/favicon.svg");
  expect(favicon.status()).toBe(200);
  expectApiHeaders(favicon);
});

test("the fast path (OFREP, snapshots) keeps CORS and gets the API set", async ({ request }) => {
  const ofrep = await request.post("/ofrep/v1/evaluate/flags", {
    headers: { origin: "https://shop.example.com" },
    data: { context: { targetingKey: "user-1" } },
  });
  expect(ofrep.status()).toBe(401);
  expectApiHeaders(ofrep);
  expect(ofrep.headers()["access-control-allow-origin"]).toBe("*");
  expect(ofrep.headers()["access-control-expose-headers"]).toContain("ETag");

  const preflight = await request.fetch("/ofrep/v1/evaluate/flags/new-checkout", {
    method: "OPTIONS",
    headers: { origin: "https://shop.example.com", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
  });
  expect(preflight.status()).toBe(204);
  expectApiHeaders(preflight);
  expect(preflight.headers()["access-control-allow-headers"]).toContain("Authorization");

  const snapshot = await request.get("/api/v1/snapshots/staging");
  expect(snapshot.status()).toBe(401);
  expectApiHeaders(snapshot);
  expect(snapshot.headers()["access-control-allow-origin"]).toBe("*");
});

test("HSTS only when a proxy says the request came over HTTPS", async ({ request }) => {
  const hsts = "max-age=63072000; includeSubDomains";
  const https = { "x-forwarded-proto": "https" };
  for (const path of ["/sign-in", "/api/health", "/api/trpc/session.me", "/favicon.svg"]) {
    expect((await request.get(path, { headers: https })).headers()["strict-transport-security"], path).toBe(hsts);
    expect((await request.get(path, { headers: { "x-forwarded-proto": "http" } })).headers()["strict-transport-security"], path).toBeUndefined();
    expect((await request.get(path)).headers()["strict-transport-security"], path).toBeUndefined();
  }
  const ofrep = await request.post("/ofrep/v1/evaluate/flags", { headers: https, data: {} });
  expect(ofrep.status()).toBe(401);
  expect(ofrep.headers()["strict-transport-security"]).toBe(hsts);
  expect((await request.post("/ofrep/v1/evaluate/flags", { data: {} })).headers()["strict-transport-security"]).toBeUndefined();

  // over HTTPS the page also upgrades any http:// subresource
  const page = await request.get("/sign-in", { headers: https });
  expect(page.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  expect((await request.get("/sign-in")).headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
});

test("signing in and working with flags raises no CSP violation; the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
  const violations = collectPolicyViolations(page);

  const signInPage = await page.goto("/sign-in");
  await expectPageHeaders(signInPage!);
  await signIn(page, "experimenter@keel.local");

  const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false }); // Secure when NEXTAUTH_URL is https
  const csrf = (await context.cookies()).find((c) => c.name === "next-auth.csrf-token");
  expect(csrf).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const dashboard = await page.goto("/dashboard");
  await expectPageHeaders(dashboard!);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // client-side navigation: the router's scripts and the tRPC client at work
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Flags" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Flags" })).toBeVisible();
  const flags = await page.goto("/flags");
  await expectPageHeaders(flags!);
  await expect(page.getByRole("heading", { level: 1, name: "Flags" })).toBeVisible();
  await page.getByRole("link", { name: "New flag" }).first().click();
  await expect(page).toHaveURL(/\/flags\/new/);

  // Tailwind's stylesheet applied (a blocked stylesheet would leave the body at the default margin)
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe("0px");
  // the page's scripts ran: React hydrated and handles clicks
  expect(await page.evaluate(() => document.querySelectorAll("script[src]").length)).toBeGreaterThan(0);

  const me = await page.request.get("/api/trpc/session.me");
  expect(me.status()).toBe(200);
  expectApiHeaders(me);
  expect(await me.text()).toContain("experimenter@keel.local");

  // the 404 page is rendered per request too, so its scripts carry the nonce
  const missing = await page.goto("/no-such-page");
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  expect(violations).toEqual([]);
});
