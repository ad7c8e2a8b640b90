import { expect, test } from "@playwright/test";
import { signIn, uniqueFlagKey } from "./helpers";

test("an experimenter adds an error-rate metric (its request event is required) and edits it; a viewer only reads", async ({ page, browser }) => {
  await signIn(page, "experimenter@keel.local");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Metrics" }).click();
  const form = page.getByRole("form", { name: "Add a metric" });
  const key = uniqueFlagKey("api-errors");
  await form.getByLabel("Key", { exact: true }).fill(key);
  await form.getByLabel("Name", { exact: true }).fill("API errors");
  await form.getByLabel("Kind").selectOption({ label: "Error rate" });
  await form.getByLabel("Better when").selectOption({ label: "Lower is better" });
  await form.getByLabel("Error event").fill("request_failed");
  await form.getByRole("button", { name: "Add metric" }).click();
  await expect(form.getByLabel("Request event")).toHaveAccessibleDescription(/Denominator event/);
  await form.getByLabel("Request event").fill("request_served");
  await form.getByLabel("Guardrail threshold (% worse)").fill("10");
  await form.getByRole("button", { name: "Add metric" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Metric “${key}” added.` })).toBeVisible();
  const row = page.getByRole("table", { name: "Metrics" }).getByRole("row").filter({ hasText: key });
  await expect(row).toContainText("request_failed / request_served");
  await expect(row).toContainText("10 % worse");

  await row.getByRole("button", { name: "Edit API errors" }).click();
  const edit = page.getByRole("form", { name: `Edit metric ${key}` });
  await edit.getByLabel("Name", { exact: true }).fill("API error rate");
  await edit.getByRole("button", { name: "Save metric" }).click();
  await expect(page.getByRole("table", { name: "Metrics" })).toContainText("API error rate");

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@keel.local");
  await viewer.goto("/metrics");
  await expect(viewer.getByRole("table", { name: "Metrics" })).toContainText("API error rate");
  await expect(viewer.getByRole("form", { name: "Add a metric" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await viewerContext.close();
});
