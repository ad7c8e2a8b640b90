import { expect, test, type Page } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

async function openSegments(page: Page) {
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Segments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Segments" })).toBeVisible();
}

async function startNewSegment(page: Page, key: string, name: string) {
  await openSegments(page);
  await page.getByRole("link", { name: "New segment" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New segment" })).toBeVisible();
  await page.getByRole("textbox", { name: "Key", exact: true }).fill(key);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
}

async function trpcQuery<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

test("an experimenter creates segments, sees where they are used, and cannot delete one in use; a viewer reads them", async ({ page }) => {
  test.setTimeout(120_000);
  const beta = uniqueFlagKey("beta-testers");
  const staff = uniqueFlagKey("staff");
  await signIn(page, "experimenter@keel.local");

  // "beta-testers": two included ids and an email condition.
  await startNewSegment(page, beta, "Beta testers");
  await page.getByLabel("Description").fill("Early-access users and the team");
  await page.getByLabel("Included unit ids").fill("qa-1\nqa-2, qa-1");
  await expect(page.getByLabel("Included unit ids")).toHaveAccessibleDescription(/^2 ids/);
  await page.getByRole("button", { name: "Add condition" }).click();
  await expect(page.getByLabel("Attribute of condition 1")).toBeFocused();
  await page.getByLabel("Attribute of condition 1").fill("email");
  await page.getByLabel("Operator of condition 1").selectOption({ label: "ends with" });
  await page.getByLabel("Values of condition 1").fill("@keel.local");

  // A version condition with "abc" is refused at the field, by the server.
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Attribute of condition 2").fill("appVersion");
  await page.getByLabel("Operator of condition 2").selectOption({ label: "version ≥" });
  await page.getByLabel("Values of condition 2").fill("abc");
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByLabel("Values of condition 2")).toHaveAccessibleDescription(/Condition 2: .*“abc” is not a semantic version \(e\.g\. 1\.4\.0\)/);
  await expect(page.getByLabel("Values of condition 2")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The segment was not created")).toBeVisible();

  await page.getByRole("button", { name: "Remove condition 2" }).click();
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Beta testers" })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/segments/${beta}$`));
  await expect(page.getByText("Nothing uses this segment yet")).toBeVisible();

  // Listed, with its definition in words.
  await openSegments(page);
  const betaRow = page.getByRole("table", { name: "Segments" }).getByRole("row").filter({ hasText: beta });
  await expect(betaRow).toContainText("Beta testers");
  await expect(betaRow).toContainText("email ends with @keel.local; 2 included");
  await expect(betaRow).toContainText("Not used");

  // Used by a flag rule, when the rules API exists (the rule editor is built separately).
  const flagKey = uniqueFlagKey("seg-flag");
  let usedByFlag = false;
  const flagCreated = await page.request.post("/api/trpc/flags.create", {
    data: { json: { key: flagKey, name: "Segment e2e flag", valueType: "boolean", expiresAt: dateInDays(30) } },
  });
  expect(flagCreated.ok()).toBe(true);
  const flag = await trpcQuery<{ environments: { environmentKey: string; version: number }[] }>(page, "flags.byKey", { key: flagKey });
  const staging = flag.environments.find((e) => e.environmentKey === "staging")!;
  const targeted = await page.request.post("/api/trpc/flags.updateTargeting", {
    data: {
      json: {
        flagKey,
        environmentKey: "staging",
        version: staging.version,
        targets: [],
        rules: [{ id: "r1", match: "all", conditions: [{ attribute: "targetingKey", operator: "in_segment", values: [beta] }], serve: { variation: "on" } }],
      },
    },
  });
  if (targeted.status() !== 404) {
    expect(targeted.ok(), await targeted.text()).toBe(true);
    usedByFlag = true;
  }

  // "staff": everyone in beta-testers, through the segment condition.
  await startNewSegment(page, staff, "Staff");
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Operator of condition 1").selectOption({ label: "is in segment" });
  await page.getByLabel("Values of condition 1").selectOption(beta);
  await page.getByRole("button", { name: "Create segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();

  // beta-testers shows where it is used, and deleting it is refused naming its users.
  await page.goto(`/segments/${beta}`);
  await expect(page.getByRole("heading", { level: 1, name: "Beta testers" })).toBeVisible();
  await expect(page.getByRole("link", { name: staff })).toBeVisible();
  if (usedByFlag) await expect(page.getByRole("link", { name: flagKey })).toBeVisible();
  await page.getByRole("button", { name: "Delete segment" }).click();
  await page.getByRole("group", { name: `Delete segment “${beta}”?` }).getByRole("button", { name: "Yes, delete" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "The segment was not deleted" });
  await expect(refusal).toContainText(`Segment “${beta}” is used by:`);
  await expect(refusal).toContainText(`segment ${staff}`);
  if (usedByFlag) await expect(refusal).toContainText(`flag ${flagKey} (Staging rule r1)`);
  await openSegments(page);
  await expect(page.getByRole("table", { name: "Segments" }).getByRole("row").filter({ hasText: beta })).toContainText(`segment ${staff}`);

  // The audit log has the creation.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Entity", { exact: true }).selectOption({ label: "Segment" });
  const entries = page.getByRole("table", { name: "Audit log entries" }).getByRole("row");
  const created = entries.filter({ hasText: "segment.created" }).filter({ has: page.getByRole("cell", { name: `Segment ${beta}`, exact: true }) });
  await expect(created).toHaveCount(1);
  await expect(created).toContainText("Beta testers");

  // A viewer sees segments read-only: no form controls, no delete; the server refuses changes anyway.
  await page.context().clearCookies();
  await signIn(page, "viewer@keel.local");
  await openSegments(page);
  await expect(page.getByRole("link", { name: "New segment" })).toHaveCount(0);
  await page.getByRole("link", { name: "Beta testers" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Beta testers" })).toBeVisible();
  await expect(page.getByText("email ends with @keel.local")).toBeVisible();
  await expect(page.getByText("qa-1, qa-2")).toBeVisible();
  const main = page.getByRole("main");
  await expect(main.getByRole("textbox")).toHaveCount(0);
  await expect(main.getByRole("combobox")).toHaveCount(0);
  await expect(main.getByRole("listbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete segment" })).toHaveCount(0);
  const refused = await page.request.post("/api/trpc/segments.delete", { data: { json: { key: staff } } });
  expect(refused.status()).toBe(403);
});
