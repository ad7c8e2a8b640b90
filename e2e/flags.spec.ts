import { expect, test } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

test("an experimenter creates a flag with an expiry, enables it at 5 % in staging and finds it in the audit log", async ({ page }) => {
  await signIn(page, "experimenter@keel.local");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Flags" }).click();
  await page.getByRole("link", { name: "New flag" }).click();

  const key = uniqueFlagKey("checkout");
  await page.getByLabel("Key").fill(key);
  await page.getByLabel("Name").fill("E2E checkout");

  // no expiry: refused, the message names the rule
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page.getByLabel("Expiry date")).toHaveAccessibleDescription(/Expiry date is required: permanent flags are prohibited\./);

  // too far ahead: refused with the maximum
  await page.getByLabel("Expiry date").fill(dateInDays(120));
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page.getByLabel("Expiry date")).toHaveAccessibleDescription(/Expiry date must be within 90 days/);

  // invalid key: refused with the allowed pattern
  await page.getByLabel("Key").fill("Not A Key");
  await page.getByLabel("Expiry date").fill(dateInDays(30));
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page.getByLabel("Key")).toHaveAccessibleDescription(/Flag key must use lowercase letters/);

  await page.getByLabel("Key").fill(key);
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page).toHaveURL(new RegExp(`/flags/${key}$`));
  await expect(page.getByRole("heading", { level: 1, name: "E2E checkout" })).toBeVisible();

  // new flags are OFF everywhere
  for (const env of ["Development", "Staging", "Production"]) {
    await expect(page.getByRole("switch", { name: `Enabled in ${env}` })).toHaveAttribute("aria-checked", "false");
  }

  await page.getByRole("switch", { name: "Enabled in Staging" }).click();
  await expect(page.getByRole("switch", { name: "Enabled in Staging" })).toHaveAttribute("aria-checked", "true");
  await page.getByLabel("Rollout percentage in Staging").fill("5");
  await page.getByRole("button", { name: "Save rollout for Staging" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Staging: On for 5 %" })).toBeVisible();
  await expect(page.getByRole("switch", { name: "Enabled in Production" })).toHaveAttribute("aria-checked", "false");

  // a rollout over 100 % is refused with a message at the field
  await page.getByLabel("Rollout percentage in Staging").fill("150");
  await page.getByRole("button", { name: "Save rollout for Staging" }).click();
  await expect(page.getByLabel("Rollout percentage in Staging")).toHaveAccessibleDescription(/Rollout percentage must be between 0 and 100\./);

  // the list shows the state per environment
  await page.goto("/flags");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "E2E checkout" }) });
  await expect(row).toContainText("On for 5 %");

  // the audit log tells who did what, before and after
  await page.goto(`/audit-log?entityType=flag&entityKey=${key}`);
  const entries = page.getByRole("table", { name: "Audit log entries" });
  await expect(entries.getByRole("row").filter({ hasText: "flag.created" })).toContainText("experimenter@keel.local");
  await expect(entries.getByRole("row").filter({ hasText: "flag.environment.enabled" })).toContainText("experimenter@keel.local");
  await expect(entries.getByRole("row").filter({ hasText: "flag.environment.rollout_changed" })).toContainText(/environments\.staging\.rolloutPercentage: 0\s*→.*5/);
});

test("a duplicate key is refused at the Key field", async ({ page }) => {
  await signIn(page, "experimenter@keel.local");
  await page.goto("/flags/new");
  await page.getByLabel("Key").fill("new-checkout"); // seeded
  await page.getByLabel("Name").fill("Duplicate");
  await page.getByLabel("Expiry date").fill(dateInDays(10));
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page.getByLabel("Key")).toHaveAccessibleDescription(/Flag key “new-checkout” is already taken\./);
  await expect(page.getByLabel("Key")).toHaveAttribute("aria-invalid", "true");
});

test("the API answers bad input with 400 and messages naming each field, and writes nothing", async ({ page }) => {
  await signIn(page, "experimenter@keel.local");
  const key = uniqueFlagKey("api");
  const response = await page.request.post("/api/trpc/flags.create", {
    data: { json: { key, name: "", valueType: "boolean", expiresAt: dateInDays(400) } },
  });
  expect(response.status()).toBe(400);
  const body = JSON.stringify(await response.json());
  expect(body).toContain("Name is required.");
  const unknownEnvironment = await page.request.post("/api/trpc/flags.updateEnvironment", {
    data: { json: { flagKey: "new-checkout", environmentKey: "qa", enabled: true } },
  });
  expect(unknownEnvironment.status()).toBe(400);
  expect(JSON.stringify(await unknownEnvironment.json())).toContain("Environment “qa” does not exist");
  const tooFar = await page.request.post("/api/trpc/flags.create", {
    data: { json: { key, name: "Too far", valueType: "boolean", expiresAt: dateInDays(400) } },
  });
  expect(tooFar.status()).toBe(400);
  expect(JSON.stringify(await tooFar.json())).toContain("Expiry date must be within 90 days");
  const list = await page.request.get(`/api/trpc/flags.byKey?input=${encodeURIComponent(JSON.stringify({ json: { key } }))}`);
  expect(list.status()).toBe(404);
});
