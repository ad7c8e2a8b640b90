import { expect, test, type Page } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

async function createFlag(page: Page, key: string) {
  const response = await page.request.post("/api/trpc/flags.create", { data: { json: { key, name: `Targeted ${key}`, valueType: "boolean", expiresAt: dateInDays(20) } } });
  expect(response.status(), await response.text()).toBe(200);
}

test("an experimenter targets pro plans and a beta tester in Staging; the test panel and the audit log show it", async ({ page }) => {
  await signIn(page, "experimenter@keel.local");
  const key = uniqueFlagKey("target");
  await createFlag(page, key);
  await page.goto(`/flags/${key}`);
  await page.getByRole("switch", { name: "Enabled in Staging" }).click();
  await expect(page.getByRole("switch", { name: "Enabled in Staging" })).toHaveAttribute("aria-checked", "true");

  await page.getByLabel("Targeting environment").selectOption({ label: "Staging" });
  const form = page.getByRole("form", { name: "Targeting in Staging" });
  await form.getByLabel("Targets for On in Staging").fill("beta-ben");
  await form.getByRole("button", { name: "Add rule" }).click();
  const conditions = form.getByRole("group", { name: "Conditions of rule 1" });
  await conditions.getByLabel("Attribute of condition 1").fill("plan");
  await conditions.getByLabel("Operator of condition 1").selectOption("in");
  await conditions.getByLabel("Values of condition 1").fill("pro, enterprise");
  await form.getByLabel("Serve of rule 1").selectOption({ label: "On" });
  await expect(form.getByTestId("rule-summary")).toContainText("plan is one of pro");
  await form.getByRole("button", { name: "Save targeting for Staging" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Staging: targeting saved" })).toBeVisible();

  // The test panel: a pro user matches the rule, a free user gets the default, the beta tester is a target.
  const panel = page.getByRole("form", { name: "Test this flag" });
  await panel.getByLabel("Environment to test").selectOption({ label: "Staging" });
  await panel.getByLabel("Targeting key").fill("user-1");
  await panel.getByLabel("Attributes (JSON)").fill('{"plan": "pro"}');
  await panel.getByRole("button", { name: "Evaluate" }).click();
  const result = page.getByRole("status", { name: "Evaluation result" });
  await expect(result).toContainText("TARGETING_MATCH");
  await expect(result).toContainText("Rule 1");
  await panel.getByLabel("Attributes (JSON)").fill('{"plan": "free"}');
  await panel.getByRole("button", { name: "Evaluate" }).click();
  await expect(result).toContainText("DEFAULT");
  await expect(result).toContainText("no rule");
  await panel.getByLabel("Targeting key").fill("beta-ben");
  await panel.getByRole("button", { name: "Evaluate" }).click();
  await expect(result).toContainText("an individual target");

  // The audit log shows the change with before and after.
  await page.goto(`/audit-log?entityType=flag&entityKey=${key}`);
  const row = page.getByRole("table", { name: "Audit log entries" }).getByRole("row").filter({ hasText: "flag.targeting.updated" });
  await expect(row).toContainText("experimenter@keel.local");
  await expect(row).toContainText("pro");
});

test("a semantic-version condition with a bad value is refused at its field, and nothing is saved", async ({ page }) => {
  await signIn(page, "experimenter@keel.local");
  const key = uniqueFlagKey("semver");
  await createFlag(page, key);
  await page.goto(`/flags/${key}`);
  await page.getByLabel("Targeting environment").selectOption({ label: "Staging" });
  const form = page.getByRole("form", { name: "Targeting in Staging" });
  await form.getByRole("button", { name: "Add rule" }).click();
  const conditions = form.getByRole("group", { name: "Conditions of rule 1" });
  await conditions.getByLabel("Attribute of condition 1").fill("appVersion");
  await conditions.getByLabel("Operator of condition 1").selectOption("semver_gte");
  await conditions.getByLabel("Values of condition 1").fill("abc");
  await form.getByRole("button", { name: "Save targeting for Staging" }).click();
  await expect(conditions.getByLabel("Values of condition 1")).toHaveAccessibleDescription(/“abc” is not a semantic version/);
  await page.reload();
  await page.getByLabel("Targeting environment").selectOption({ label: "Staging" });
  await expect(page.getByRole("form", { name: "Targeting in Staging" }).getByText("No rules")).toBeVisible();
});

test("a viewer sees targeting read-only", async ({ page }) => {
  await signIn(page, "viewer@keel.local");
  await page.goto("/flags/new-checkout");
  await page.getByLabel("Targeting environment").selectOption({ label: "Staging" });
  const form = page.getByRole("form", { name: "Targeting in Staging" });
  await expect(form.getByRole("button", { name: "Save targeting for Staging" })).toHaveCount(0);
  await expect(form.getByRole("button", { name: "Add rule" })).toHaveCount(0);
  await expect(form.getByLabel("Targets for On in Staging")).toHaveAttribute("readonly", "");
});
