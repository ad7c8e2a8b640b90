import { expect, test, type Browser, type Page } from "@playwright/test";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

/** A signed-in page for one demo member, in its own browser context (its own session). */
async function member(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function createPricingFlag(page: Page): Promise<string> {
  const key = uniqueFlagKey("price");
  const created = await page.request.post("/api/trpc/flags.create", {
    data: {
      json: {
        key,
        name: "Annual plan price",
        valueType: "number",
        variations: [
          { key: "standard", name: "Standard", value: "99" },
          { key: "discount", name: "Discount", value: "79" },
        ],
        offVariationKey: "standard",
        expiresAt: dateInDays(40),
      },
    },
  });
  expect(created.status()).toBe(200);
  return key;
}

/** Starts a draft through the new-experiment form and lands on its edit page. */
async function newExperiment(page: Page, input: { key: string; name: string; type: string; flagKey: string }) {
  await page.goto("/experiments/new");
  const form = page.getByRole("form", { name: "New experiment" });
  await form.getByLabel("Key").fill(input.key);
  await form.getByLabel("Name").fill(input.name);
  await form.getByLabel("Type").selectOption({ label: input.type });
  await form.getByLabel("Flag").selectOption(input.flagKey);
  await form.getByLabel("Environment").selectOption("staging");
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${input.key}/edit$`));
}

/** Fills the hypothesis and the traffic estimate, confirms the security statement, saves. */
async function writeHypothesis(page: Page, options: { personalData?: boolean } = {}) {
  await page.getByLabel("Problem statement").fill("Annual plans convert poorly at the current price.");
  await page.getByLabel("Expected outcome").fill("A 20 % discount raises annual-plan conversion by 10 %.");
  await page.getByRole("group", { name: "Success metrics" }).getByRole("checkbox", { name: /Checkout conversion/ }).check();
  await page.getByRole("group", { name: "Failure metrics" }).getByRole("checkbox", { name: /Error rate/ }).check();
  await page.getByLabel("Rollback plan").fill("Disable the experiment: everyone sees the standard price again.");
  await page.getByLabel("Expected daily units").fill("20000");
  if (options.personalData) await page.getByRole("checkbox", { name: "Touches personal data" }).check();
  await page.getByRole("checkbox", { name: /Confirmed: does not alter auth\/session logic/ }).check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Saved version \d+/ })).toBeVisible();
}

function actions(page: Page) {
  return page.getByRole("region", { name: "Actions" });
}

test("a pricing experiment goes from hypothesis through approval (voided by an edit) to a 5 % launch", async ({ page, browser }) => {
  await signIn(page, "experimenter@keel.local");
  const flagKey = await createPricingFlag(page);
  const key = uniqueFlagKey("annual-price");
  await newExperiment(page, { key, name: "Annual plan discount", type: "Pricing experiment", flagKey });

  // The policy explains why it needs an approval before anything is written.
  await expect(page.getByRole("region", { name: "Policy" })).toContainText("Needs a pricing approval before launch.");
  await writeHypothesis(page);

  // Submit: it waits for a pricing approval and cannot launch.
  await page.getByRole("link", { name: "Back to experiment" }).click();
  await actions(page).getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("In review");
  await expect(actions(page).getByRole("button", { name: /^Launch/ })).toHaveCount(0);
  await expect(actions(page)).toContainText("It cannot launch while approvals are pending.");

  // Another member, a pricing approver, approves it from the queue.
  const approver = await member(browser, "pricing@keel.local");
  await approver.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: /^Inbox, \d+ unread$/ }).click();
  await approver.getByRole("link", { name: "Pricing approval requested: Annual plan discount" }).click();
  await expect(approver).toHaveURL(/\/approvals$/);
  const request = approver.getByRole("article", { name: /Annual plan discount/ });
  await expect(request).toContainText("Annual plans convert poorly at the current price.");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(approver.getByRole("status").filter({ hasText: /approved/i })).toBeVisible();

  // The experimenter edits the design: the approval is voided and it is back in review.
  await page.reload();
  await expect(page.getByTestId("experiment-state")).toHaveText("Approved");
  await page.goto(`/experiments/${key}/edit`);
  await expect(page.getByRole("alert").or(page.getByRole("note")).filter({ hasText: /void/i }).first()).toBeVisible();
  await page.getByLabel("Planned exposure (%)").fill("40");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Saved version \d+/ })).toBeVisible();
  await page.goto(`/experiments/${key}`);
  await expect(page.getByTestId("experiment-state")).toHaveText("In review");
  await expect(page.getByRole("region", { name: "Approvals" })).toContainText(/void/i);

  // Re-approval shows what changed since the approved version; then it launches at 5 % in staging.
  await approver.goto("/approvals");
  const again = approver.getByRole("article", { name: /Annual plan discount/ });
  await expect(again).toContainText("Planned exposure");
  await expect(again).toContainText("40 %");
  await again.getByRole("button", { name: "Approve" }).click();
  await expect(approver.getByRole("status").filter({ hasText: /approved/i })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("experiment-state")).toHaveText("Approved");
  await actions(page).getByRole("button", { name: "Launch at 5 %" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Running");
  await page.goto("/dashboard");
  await expect(page.getByRole("list", { name: "Running experiments" })).toContainText("Annual plan discount");
  await page.goto(`/flags/${flagKey}`);
  await expect(page.getByText("On for 5 %").first()).toBeVisible();

  // The experiment's Markdown document carries every field PHASE-42 requires.
  const doc = await page.request.get(`/api/v1/experiments/${key}/document`);
  expect(doc.status()).toBe(200);
  const markdown = await doc.text();
  for (const field of ["Owner", "Problem statement", "Expected outcome", "Success metrics", "Failure metrics", "Rollback plan", "Start", "End", "Decision", "Outcome"]) {
    expect(markdown).toContain(field);
  }
  expect(markdown).toContain("experimenter@keel.local");
  expect(markdown).toContain("Checkout conversion");

  // Disable now: one click, the flag serves the off variation again.
  await page.goto(`/experiments/${key}`);
  await actions(page).getByRole("button", { name: "Disable now" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Aborted");

  // Decide: iterate needs a rationale and an outcome, and opens a linked redesign draft.
  await actions(page).getByRole("button", { name: "Stop and decide" }).click();
  const decide = page.getByRole("form", { name: "Stop and decide" });
  await decide.getByRole("radio", { name: /Iterate/ }).check();
  await decide.getByRole("button", { name: "Record decision" }).click();
  await expect(decide.getByLabel("Rationale")).toHaveAccessibleDescription(/Rationale is required/);
  await decide.getByLabel("Rationale").fill("Error rate rose at checkout during the test.");
  await decide.getByLabel("Outcome").fill("The discount banner needs a lighter page.");
  await decide.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Stopped");
  await page.getByRole("region", { name: "Overview" }).getByRole("link", { name: `${key}-r2` }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Draft");
  await expect(page.getByRole("region", { name: "Overview" })).toContainText(`Annual plan discount (${key})`);
  await approver.context().close();
});

test("a security/auth experiment is refused, and a sensitive one waits for the security reviewer", async ({ page, browser }) => {
  await signIn(page, "experimenter@keel.local");
  const flagKey = await createPricingFlag(page);

  await page.goto("/experiments/new");
  const form = page.getByRole("form", { name: "New experiment" });
  await form.getByLabel("Type").selectOption({ label: "Security/auth change" });
  await expect(form.getByRole("alert")).toContainText("never allowed");
  await form.getByLabel("Key").fill(uniqueFlagKey("login"));
  await form.getByLabel("Name").fill("Passwordless login");
  await form.getByLabel("Flag").selectOption(flagKey);
  await form.getByRole("button", { name: "Create draft" }).click();
  await expect(form.getByLabel("Type")).toHaveAccessibleDescription(/never allowed/);

  const key = uniqueFlagKey("profile");
  await newExperiment(page, { key, name: "Profile prefill", type: "A/B test", flagKey });
  await writeHypothesis(page, { personalData: true });
  await expect(page.getByRole("region", { name: "Policy" })).toContainText("Needs a security sign-off before launch.");
  await page.getByRole("link", { name: "Back to experiment" }).click();
  await actions(page).getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("In review");

  // Not in the pricing queue; in the security reviewer's, until signed off.
  const pricing = await member(browser, "pricing@keel.local");
  await pricing.goto("/approvals");
  await expect(pricing.getByRole("article", { name: /Profile prefill/ })).toHaveCount(0);
  await pricing.context().close();

  const security = await member(browser, "security@keel.local");
  await security.goto("/approvals");
  const request = security.getByRole("article", { name: /Profile prefill/ });
  await expect(request).toContainText("Touches personal data");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(security.getByRole("status").filter({ hasText: /approved/i })).toBeVisible();
  await security.context().close();

  await page.reload();
  await expect(page.getByTestId("experiment-state")).toHaveText("Approved");
  await expect(actions(page).getByRole("button", { name: "Launch at 5 %" })).toBeVisible();
});

test("an admin bounds experiment durations and sets the notification webhook in Settings", async ({ page }) => {
  await signIn(page, "admin@keel.local");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Experiment policy and notifications" }).click();
  const form = page.getByRole("form", { name: "Experiment policy and notifications" });
  await form.getByLabel("Maximum experiment duration (days)").fill("400");
  await form.getByLabel("Webhook URL").fill("not a url");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByLabel("Maximum experiment duration (days)")).toHaveAccessibleDescription(/at most 365 days/);
  await expect(form.getByLabel("Webhook URL")).toHaveAccessibleDescription(/http\(s\) URL/);
  await form.getByLabel("Maximum experiment duration (days)").fill("21");
  await form.getByLabel("Webhook URL").fill("");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  // The new maximum applies to designs at once, on the server.
  await page.goto("/audit-log");
  await expect(page.getByRole("table", { name: "Audit log entries" })).toContainText("settings.updated");
  await page.goto("/settings/workflow");
  await form.getByLabel("Maximum experiment duration (days)").fill("30");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
});
