import { expect, test, type Browser, type Page } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

/**
 * Reliability budgets (PHASE-42: experiments must respect them): admins set an environment's SLA,
 * burn-rate alert and guardrail defaults; the dashboard shows every budget; the incident switch
 * pauses an environment's running experiments. Staging's budget and experiments are left alone:
 * other journeys rely on its two running demo experiments.
 */

async function member(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function openEnvironments(page: Page) {
  await page.goto("/settings");
  await page.getByRole("link", { name: "Environments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Environments" })).toBeVisible();
}

test("an admin sets production's reliability budget: impossible values are refused at the field, the dashboard shows it", async ({ page, browser }) => {
  await signIn(page, "admin@keel.local");
  await openEnvironments(page);
  const form = page.getByRole("form", { name: "Reliability budget of Production" });
  const sla = form.getByLabel("SLA target (%)");
  const burn = form.getByLabel("Burn-rate threshold (×)");
  const save = form.getByRole("button", { name: "Save reliability budget" });
  await expect(sla).toHaveValue("99.9");
  await expect(burn).toHaveValue("14.4");

  // A 100 % SLA leaves no error budget: refused, naming the fix at the field.
  await sla.fill("100");
  await save.click();
  await expect(sla).toHaveAccessibleDescription(/at most 99\.999 %/);
  await expect(sla).toHaveAttribute("aria-invalid", "true");

  // A burn rate the SLA cannot reach (99.5 % → at most 200×) is refused at its own field.
  await sla.fill("99.5");
  await burn.fill("300");
  await save.click();
  await expect(burn).toHaveAccessibleDescription(/choose at most 200/);

  await burn.fill("10");
  await save.click();
  await expect(form.getByRole("status").filter({ hasText: "Reliability budget saved." })).toBeVisible();
  await expect(sla).not.toHaveAttribute("aria-invalid", "true");

  await page.reload();
  const reloaded = page.getByRole("form", { name: "Reliability budget of Production" });
  await expect(reloaded.getByLabel("SLA target (%)")).toHaveValue("99.5");
  await expect(reloaded.getByLabel("Burn-rate threshold (×)")).toHaveValue("10");
  // the other environments kept theirs
  await expect(page.getByRole("form", { name: "Reliability budget of Staging" }).getByLabel("SLA target (%)")).toHaveValue("99.9");

  await page.goto("/dashboard");
  const budgets = page.getByRole("region", { name: "Reliability budgets" });
  await expect(budgets.getByRole("heading", { level: 2, name: "Reliability budgets" })).toBeVisible();
  const production = budgets.getByRole("row", { name: /^Production/ });
  await expect(production).toContainText("99.5 %");
  await expect(production).toContainText("0.5 %");
  await expect(production).toContainText("10× over 5 min and 60 min");

  // A viewer reads the budget but cannot change it, nor pause anything.
  const viewer = await member(browser, "viewer@keel.local");
  await openEnvironments(viewer);
  await expect(viewer.getByRole("heading", { level: 2, name: "Reliability budgets" })).toBeVisible();
  await expect(viewer.getByText("99.5 %").first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save reliability budget" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Pause all experiments" })).toHaveCount(0);
  await viewer.context().close();
});

/** A quick A/B test (no approvals needed) launched at 5 % in development. */
async function launchInDevelopment(page: Page): Promise<string> {
  const flagKey = uniqueFlagKey("dev-banner");
  const created = await page.request.post("/api/trpc/flags.create", {
    data: {
      json: {
        key: flagKey,
        name: "Dev banner height",
        valueType: "number",
        variations: [
          { key: "standard", name: "Standard", value: "48" },
          { key: "tall", name: "Tall", value: "72" },
        ],
        offVariationKey: "standard",
        expiresAt: dateInDays(40),
      },
    },
  });
  expect(created.status()).toBe(200);
  const key = uniqueFlagKey("dev-banner-test");
  await page.goto("/experiments/new");
  const form = page.getByRole("form", { name: "New experiment" });
  await form.getByLabel("Key").fill(key);
  await form.getByLabel("Name").fill("Dev banner test");
  await form.getByLabel("Type").selectOption({ label: "A/B test" });
  await form.getByLabel("Flag").selectOption(flagKey);
  await form.getByLabel("Environment").selectOption("development");
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${key}/edit$`));
  await page.getByLabel("Problem statement").fill("Few people notice the new banner.");
  await page.getByLabel("Expected outcome").fill("A brighter banner raises checkout conversion by 5 %.");
  await page.getByRole("group", { name: "Success metrics" }).getByRole("checkbox", { name: /Checkout conversion/ }).check();
  await page.getByRole("group", { name: "Failure metrics" }).getByRole("checkbox", { name: /Error rate/ }).check();
  await page.getByLabel("Rollback plan").fill("Disable the experiment: everyone sees the old banner.");
  await page.getByLabel("Expected daily units").fill("20000");
  await page.getByRole("checkbox", { name: /Confirmed: does not alter auth\/session logic/ }).check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Saved version \d+/ })).toBeVisible();
  await page.getByRole("link", { name: "Back to experiment" }).click();
  const actions = page.getByRole("region", { name: "Actions" });
  await actions.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Approved");
  await actions.getByRole("button", { name: "Launch at 5 %" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Running");
  return key;
}

test("the incident switch pauses every running experiment of development, with a reason", async ({ page, browser }) => {
  const experimenter = await member(browser, "experimenter@keel.local");
  const key = await launchInDevelopment(experimenter);

  await signIn(page, "admin@keel.local");
  await openEnvironments(page);
  const card = page.getByRole("region", { name: "Development", exact: true });
  const development = card.getByRole("button", { name: "Pause all experiments", exact: true });
  await expect(development).toHaveAccessibleDescription("1 running");
  await development.click();
  const form = page.getByRole("form", { name: "Pause all experiments in Development" });
  await form.getByRole("button", { name: "Pause all experiments now" }).click();
  await expect(form.getByLabel("Reason")).toHaveAccessibleDescription(/Reason is required/);
  await form.getByLabel("Reason").fill("Error spike in the development cluster.");
  await form.getByRole("button", { name: "Pause all experiments now" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Paused 1 experiment: ${key}.` })).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(development).toHaveAccessibleDescription("0 running");

  // Pausing again finds nothing running.
  await development.click();
  await form.getByLabel("Reason").fill("Still investigating.");
  await form.getByRole("button", { name: "Pause all experiments now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No experiment was running in Development." })).toBeVisible();

  // The experiment is paused (its flag serves off); staging's experiments keep running.
  await experimenter.goto(`/experiments/${key}`);
  await expect(experimenter.getByTestId("experiment-state")).toHaveText("Paused");
  await page.goto("/dashboard");
  const budgets = page.getByRole("region", { name: "Reliability budgets" });
  await expect(budgets.getByRole("row", { name: /^Development/ })).toContainText("0 running");
  await expect(budgets.getByRole("row", { name: /^Staging/ })).toContainText(/[1-9]\d* running/);
  await experimenter.context().close();
});
