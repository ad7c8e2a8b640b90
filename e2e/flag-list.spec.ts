import { expect, test, type Page } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

const COUNT = 30;
const pad = (i: number) => String(i).padStart(2, "0");

async function createFlags(page: Page, prefix: string) {
  for (let i = 0; i < COUNT; i++) {
    const response = await page.request.post("/api/trpc/flags.create", {
      data: { json: { key: `${prefix}-${pad(i)}`, name: `Listing ${prefix} ${pad(i)}`, valueType: "boolean", expiresAt: dateInDays(30) } },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
}

async function enableInStaging(page: Page, flagKey: string) {
  const response = await page.request.post("/api/trpc/flags.updateEnvironment", {
    data: { json: { flagKey, environmentKey: "staging", enabled: true } },
  });
  expect(response.ok(), await response.text()).toBe(true);
}

test("search, pages, sorting and filters of the flag list live in the URL", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "experimenter@keel.local");
  const prefix = uniqueFlagKey("list");
  await createFlags(page, prefix);
  await enableInStaging(page, `${prefix}-03`);
  await enableInStaging(page, `${prefix}-17`);

  await page.goto("/flags");
  const table = page.getByRole("table", { name: "Flags" });
  const rows = table.locator("tbody").getByRole("row");

  // search by key prefix: 30 flags, 25 on the first page, newest first
  await page.getByLabel("Search flags").fill(prefix);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${prefix}`));
  await expect(page.getByText(`${COUNT} flags`, { exact: true })).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText(`${prefix}-29`);
  await expect(page.getByRole("button", { name: "Previous" })).toBeDisabled();
  await expect(table.getByRole("columnheader", { name: /Created/ })).toHaveAttribute("aria-sort", "descending");

  // page 2 holds the remaining 5
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText(`${prefix}-04`);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();

  // sort by name, A to Z: back to page 1, starting with 00
  await page.getByRole("button", { name: "Name", exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=name/);
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  await expect(rows.first()).toContainText(`${prefix}-00`);
  await expect(table.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(table.getByRole("columnheader", { name: /Created/ })).not.toHaveAttribute("aria-sort");

  // on in Staging: the two switched on through the API
  await page.getByLabel("Environment").selectOption({ label: "Staging" });
  await page.getByLabel("State").selectOption({ label: "On" });
  await expect(page.getByText("2 flags", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`${prefix}-03`);
  await expect(rows.nth(1)).toContainText(`${prefix}-17`);
  await expect(page.getByText("Page 1 of 1")).toBeVisible();
  await expect(page).toHaveURL(/[?&]env=staging&state=on/);

  // the link is the view: a reload shows the same filtered, sorted list
  await page.reload();
  await expect(page.getByLabel("Search flags")).toHaveValue(prefix);
  await expect(page.getByLabel("Environment")).toHaveValue("staging");
  await expect(page.getByLabel("State")).toHaveValue("on");
  await expect(page.getByText("2 flags", { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(2);
  await expect(table.getByRole("columnheader", { name: /Name/ })).toHaveAttribute("aria-sort", "ascending");

  // nothing matches: say so, and offer to clear the filters
  await page.getByLabel("Search flags").fill(`${prefix}-nothing`);
  await expect(page.getByRole("heading", { name: "No flags match these filters" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(page.getByLabel("Search flags")).toHaveValue("");
  await expect(page.getByLabel("Environment")).toHaveValue("");
  await expect(page.getByLabel("State")).toHaveValue("");
  await expect(page).not.toHaveURL(/[?&](q|env|state)=/);
  await expect(page.getByText(/^\d+ flags$/)).toBeVisible();
  await expect(rows).toHaveCount(25);
});

test("a shared link with a typo still shows flags and says what was ignored", async ({ page }) => {
  await signIn(page, "viewer@keel.local");
  await page.goto("/flags?sort=owner&size=30&experiment=no");
  await expect(page.getByRole("status").filter({ hasText: "not understood" })).toContainText("sort, page size");
  await expect(page.getByLabel("Experiment")).toHaveValue("no");
  await expect(page.getByRole("table", { name: "Flags" })).toBeVisible();
});
