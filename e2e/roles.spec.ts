import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a viewer can read a flag but the server refuses their edit", async ({ page }) => {
  await signIn(page, "viewer@keel.local");
  await page.goto("/flags/new-checkout");
  await expect(page.getByRole("heading", { level: 1, name: "New checkout flow" })).toBeVisible();
  await expect(page.getByText("You can view this flag. Changing it needs the experimenter or admin role.")).toBeVisible();
  await expect(page.getByRole("switch", { name: "Enabled in Staging" })).toBeDisabled();

  // Going around the UI does not help: the server checks the role.
  const response = await page.request.post("/api/trpc/flags.updateEnvironment", {
    data: { json: { flagKey: "new-checkout", environmentKey: "staging", enabled: true } },
  });
  expect(response.status()).toBe(403);
  expect(JSON.stringify(await response.json())).toContain("Your role does not allow this.");

  await page.reload();
  await expect(page.getByRole("switch", { name: "Enabled in Staging" })).toHaveAttribute("aria-checked", "false");

  await page.goto("/settings/members");
  await expect(page.getByText("Only admins can manage members and roles.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" })).toHaveCount(0);
});

test("an admin adds a member who can then sign in with their role", async ({ page, browser }) => {
  await signIn(page, "admin@keel.local");
  await page.goto("/settings/members");
  const email = `new-${Date.now()}@keel.local`;
  const form = page.getByRole("form", { name: "Add a member" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("New Member");
  await form.getByRole("checkbox", { name: "Experimenter" }).check();
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(form.getByLabel("Initial password")).toHaveAccessibleDescription(/Password must be at least 10 characters\./);
  await form.getByLabel("Initial password").fill("a-good-long-password");
  await form.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: email })).toContainText("Experimenter");

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await signIn(newcomer, email, "a-good-long-password");
  await newcomer.goto("/flags");
  await expect(newcomer.getByRole("link", { name: "New flag" })).toBeVisible();

  // Off-boarding: once deactivated, their open session stops working at the next request.
  await page.getByRole("button", { name: `Deactivate ${email}` }).click();
  await page.getByRole("button", { name: `Confirm deactivating ${email}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${email} is deactivated` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row").filter({ hasText: email })).toContainText("Deactivated");
  await newcomer.goto("/flags");
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await other.close();
});

test("the audit log filters by actor and by entity", async ({ page }) => {
  await signIn(page, "admin@keel.local");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" }).click();
  const rows = page.getByRole("table", { name: "Audit log entries" }).getByRole("row");

  await page.getByLabel("Actor").selectOption({ label: "experimenter@keel.local" });
  await expect(page).toHaveURL(/actorId=/);
  await expect(rows.nth(1)).toContainText("experimenter@keel.local");
  for (const text of await rows.allInnerTexts()) {
    if (!/^when/i.test(text)) expect(text).toContain("experimenter@keel.local");
  }

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/actorId=/);
  await page.getByLabel("Entity", { exact: true }).selectOption({ label: "Member" });
  await expect(rows.filter({ hasText: "member.created" }).filter({ hasText: "viewer@keel.local" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "flag.created" })).toHaveCount(0);
});

test("an admin adds an environment and every flag is off there", async ({ page }) => {
  await signIn(page, "admin@keel.local");
  await page.goto("/settings/environments");
  const key = `qa-${Date.now().toString(36)}`;
  await page.getByLabel("Key").fill("QA env");
  await page.getByLabel("Name").fill("QA");
  await page.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByLabel("Key")).toHaveAccessibleDescription(/Environment key must use lowercase letters/);
  await page.getByLabel("Key").fill(key);
  await page.getByRole("button", { name: "Add environment" }).click();
  await expect(page.getByRole("table", { name: "Environments" }).getByRole("row").filter({ hasText: key })).toBeVisible();

  await page.goto("/flags/new-checkout");
  await expect(page.getByRole("switch", { name: "Enabled in QA" })).toHaveAttribute("aria-checked", "false");
});
