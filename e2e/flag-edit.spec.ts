import { expect, test } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

test("an experimenter renames a flag, extends its expiry with a reason and sets a 50/50 split", async ({ page }) => {
  await signIn(page, "experimenter@keel.local");
  const key = uniqueFlagKey("copy");
  const created = await page.request.post("/api/trpc/flags.create", {
    data: {
      json: {
        key,
        name: "Upload copy",
        valueType: "string",
        variations: [
          { key: "control", name: "Control", value: "Upload video" },
          { key: "bold", name: "Bold", value: "Localise now" },
        ],
        offVariationKey: "control",
        expiresAt: dateInDays(10),
      },
    },
  });
  expect(created.status()).toBe(200);
  await page.goto(`/flags/${key}`);

  // Rename: the heading follows.
  const details = page.getByRole("form", { name: "Flag details" });
  await details.getByLabel("Flag name").fill("Upload button copy");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Upload button copy" })).toBeVisible();

  // Extend the expiry: a reason is required, then it is kept in the audit log.
  const extend = page.getByRole("form", { name: "Extend expiry" });
  await extend.getByLabel("New expiry date").fill(dateInDays(40));
  await extend.getByRole("button", { name: "Extend expiry" }).click();
  await expect(extend.getByLabel("Reason for the extension")).toHaveAccessibleDescription(/Reason is required/);
  await extend.getByLabel("Reason for the extension").fill("Waiting for the marketing launch");
  await extend.getByRole("button", { name: "Extend expiry" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Expiry extended to ${dateInDays(40)}` })).toBeVisible();

  // A split that does not add up is refused; 50/50 is saved.
  const split = page.getByRole("form", { name: "Variation split in Staging" });
  await split.getByLabel("Control in Staging (%)").fill("60");
  await split.getByLabel("Bold in Staging (%)").fill("30");
  await split.getByRole("button", { name: "Save split for Staging" }).click();
  await expect(split.getByRole("alert")).toContainText("must add up to 100 % (they add up to 90 %)");
  await split.getByLabel("Control in Staging (%)").fill("50");
  await split.getByLabel("Bold in Staging (%)").fill("50");
  await split.getByRole("button", { name: "Save split for Staging" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Staging: split saved" })).toBeVisible();

  // Variations: change a value and add one; the summary shows them.
  const variations = page.getByRole("form", { name: "Variations" });
  await variations.getByLabel("Value of variation 2").fill("Localise your video now");
  await variations.getByRole("button", { name: "Add variation" }).click();
  await variations.getByLabel("Key of variation 3").fill("calm");
  await variations.getByLabel("Name of variation 3").fill("Calm");
  await variations.getByLabel("Value of variation 3").fill("Add subtitles");
  await variations.getByRole("button", { name: "Save variations" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Variations saved" })).toBeVisible();
  const summary = page.getByRole("table", { name: "Variations" });
  await expect(summary).toContainText('"Localise your video now"');
  await expect(summary).toContainText("calm");

  await page.goto(`/audit-log?entityType=flag&entityKey=${key}`);
  const entries = page.getByRole("table", { name: "Audit log entries" });
  await expect(entries.getByRole("row").filter({ hasText: "flag.expiry.extended" })).toContainText("Waiting for the marketing launch");
  await expect(entries.getByRole("row").filter({ hasText: "flag.updated" })).toContainText("Upload button copy");
  await expect(entries.getByRole("row").filter({ hasText: "flag.environment.weights_changed" })).toContainText("experimenter@keel.local");
});

test("a viewer sees a flag without any way to edit it", async ({ page }) => {
  await signIn(page, "viewer@keel.local");
  await page.goto("/flags/upload-cta-copy");
  await expect(page.getByRole("heading", { level: 1, name: "Upload button copy" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Flag details" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Extend expiry" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save split for Staging" })).toHaveCount(0);
  await expect(page.getByLabel("Control in Staging (%)")).toHaveAttribute("readonly", "");
});
