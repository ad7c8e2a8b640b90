import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { signIn } from "./helpers";

/**
 * Guardrails as users meet them: simulated traffic whose variant fails three times as often as
 * control is aborted by Keel itself (the page says why with the metric's chart, OFREP serves the
 * off variation, the owner finds it in the inbox); a security signal aborts at once; a healthy
 * experiment ramps 5 % → 10 % once its minimum time has passed, and not before.
 */
const root = path.resolve(__dirname, "..");
const E2E_DATABASE_URL = "file:./e2e/.data/e2e.db";

function tsx(args: string[], baseURL: string): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, KEEL_URL: baseURL },
    encoding: "utf8",
    timeout: 120_000,
  });
}

/** A fresh experiment of the demo experimenter on its own flag in staging (e2e/guardrail-setup.ts). */
function experiment(kind: "running" | "ramping", baseURL: string): { key: string; flagKey: string } {
  return JSON.parse(tsx(["e2e/guardrail-setup.ts", kind], baseURL).trim().split("\n").pop()!) as { key: string; flagKey: string };
}

let serverKey: string;
test.beforeAll(({ baseURL }) => {
  serverKey = tsx(["server/cli/keel.ts", "keys", "create", "--env", "staging", "--kind", "server", "--name", "guardrails e2e"], baseURL!).trim().split("\n").pop()!;
});

async function api(page: Page, path: string, body: unknown) {
  const response = await page.request.post(path, { headers: { authorization: `Bearer ${serverKey}` }, data: body });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

test("a variant with 3× control's error rate is aborted by itself: the page says why, OFREP serves off, the owner is told", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const { key, flagKey } = experiment("running", baseURL!);
  await signIn(page, "experimenter@keel.local");
  await page.goto(`/experiments/${key}`);
  const guardrails = page.getByRole("region", { name: "Guardrails" });
  await expect(guardrails.getByTestId("guardrail-status-error_rate-error-rate")).toHaveText("Not enough data");

  tsx(["server/cli/keel.ts", "simulate", "--env", "staging", "--experiment", key, "--users", "3000", "--lift", "0", "--error-factor", "3", "--seed", "5"], baseURL!);

  // the open page learns it without a reload
  const aborted = page.getByRole("alert").filter({ hasText: "Aborted by a guardrail" });
  await expect(aborted).toBeVisible({ timeout: 10_000 });
  await expect(aborted).toContainText(/Error rate increase|SLA risk/);
  await expect(aborted.getByRole("img", { name: /Error rate/i })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("experiment-state")).toHaveText("Aborted");

  const evaluation = await api(page, `/ofrep/v1/evaluate/flags/${flagKey}`, { context: { targetingKey: "sim-5-1" } });
  expect(evaluation.body).toMatchObject({ value: false, variant: "off", reason: "DISABLED" });

  await page.goto("/inbox");
  await expect(page.getByText("Guardrail demo was aborted by a guardrail").first()).toBeVisible();
});

test("a security signal from a variant's user aborts the experiment at once", async ({ page, baseURL }) => {
  const { key, flagKey } = experiment("running", baseURL!);
  const at = new Date(Date.now() - 2_000).toISOString();
  const sent = await api(page, "/api/v1/events", {
    events: [
      { type: "exposure", id: `exposure:${key}:on:intruder`, unitId: "intruder", experimentKey: key, variation: "on", timestamp: at },
      { type: "metric", id: randomUUID(), unitId: "intruder", eventName: "token_replay_detected", securitySignal: true, timestamp: new Date().toISOString() },
    ],
  });
  expect(sent.status).toBe(200);
  await expect.poll(async () => (await api(page, `/ofrep/v1/evaluate/flags/${flagKey}`, { context: { targetingKey: "anyone" } })).body.reason, { timeout: 5_000 }).toBe("DISABLED");

  await signIn(page, "experimenter@keel.local");
  await page.goto(`/experiments/${key}`);
  const aborted = page.getByRole("alert").filter({ hasText: "Aborted by a guardrail" });
  await expect(aborted).toContainText("Security signals");
  await expect(aborted).toContainText("token_replay_detected");
});

test("a healthy experiment ramps 5 % → 10 % only after its minimum time", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { key } = experiment("ramping", baseURL!);
  await signIn(page, "experimenter@keel.local");
  await page.goto(`/experiments/${key}`);
  const ramp = page.getByRole("region", { name: "Ramp" });
  const advance = ramp.getByRole("button", { name: "Advance to 10 %" });
  await expect(advance).toBeDisabled();
  await expect(advance).toHaveAccessibleDescription(/runs at least 60 min/);

  const plan = page.getByRole("form", { name: "Ramp plan" });
  await plan.getByLabel("Minimum time per step (minutes)").fill("0.25");
  await plan.getByRole("button", { name: "Save ramp plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ramp plan saved." })).toBeVisible();

  // 15 s after launch the step may advance; the section polls every few seconds
  await expect(advance).toBeEnabled({ timeout: 40_000 });
  await advance.click();
  await expect(ramp.getByRole("button", { name: "Advance to 25 %" })).toBeVisible();
  await expect(ramp).toContainText("10 %");
});
