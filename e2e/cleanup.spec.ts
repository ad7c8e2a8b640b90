import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dateInDays, signIn } from "./helpers";

/**
 * Cleanup (issue 16) as users meet it: a decision on an experiment leaves a task on the Cleanup page
 * (what to do, who, by when, what the code scan says) that archiving the flag completes; a flag past
 * its expiry is overdue — listed, flagged on its page, not ramped or turned on, though it can still
 * be turned off — until its expiry is extended with a reason.
 */
const root = path.resolve(__dirname, "..");
const E2E_DATABASE_URL = "file:./e2e/.data/e2e.db";
const OWNER = "Eli Experimenter"; // experimenter@keel.local in the demo data

const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");
const execOptions = (baseURL: string) => ({
  cwd: root,
  env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, KEEL_URL: baseURL },
  encoding: "utf8" as const,
  timeout: 120_000,
});

/** A tsx script against the e2e server and database: its stdout. */
function tsx(args: string[], baseURL: string): string {
  return execFileSync(process.execPath, [tsxCli, ...args], { ...execOptions(baseURL), stdio: ["ignore", "pipe", "pipe"] });
}

/** `npm run keel -- …` against the e2e server and database: stdout and stderr together, as a terminal shows them. */
function keelWithStderr(args: string[], baseURL: string): string {
  return execFileSync("sh", ["-c", 'exec "$@" 2>&1', "sh", process.execPath, tsxCli, "server/cli/keel.ts", ...args], execOptions(baseURL));
}

/** Rows made directly in the e2e database (e2e/cleanup-setup.ts): the last line it prints. */
function setup<T>(kind: "running" | "expired-flag" | "expired-experiment", baseURL: string): T {
  return JSON.parse(tsx(["e2e/cleanup-setup.ts", kind], baseURL).trim().split("\n").pop()!) as T;
}

/** A date as Keel shows it: "Mar 5, 2026" (UTC). */
function shownDate(date: Date): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

function nav(page: Page) {
  return page.getByRole("navigation", { name: "Workspace" });
}

function toasts(page: Page) {
  return page.getByRole("status", { name: "Notifications" });
}

function overdueRefusal(flagKey: string, expiresAt: string, action: string): string {
  return `Flag “${flagKey}” expired on ${expiresAt.slice(0, 10)} and is overdue for cleanup: it keeps serving what it serves, but cannot ${action}. Extend its expiry with a reason, or clean it up.`;
}

test("a decided experiment leaves a cleanup task on the Cleanup page; once a scan shows no references, archiving its flag cleans it up", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const { key, flagKey, name } = setup<{ key: string; flagKey: string; name: string }>("running", baseURL!);
  await signIn(page, "experimenter@keel.local");
  await page.goto(`/experiments/${key}`);
  await expect(page.getByTestId("experiment-state")).toHaveText("Running");
  await expect(page.getByRole("status").filter({ hasText: "Cleanup task" })).toHaveCount(0);

  // kill it through the decision form
  const actions = page.getByRole("region", { name: "Actions" });
  await actions.getByRole("button", { name: "Stop and decide" }).click();
  const decide = page.getByRole("form", { name: "Stop and decide" });
  await decide.getByRole("radio", { name: /Kill/ }).check();
  await decide.getByLabel("Rationale").fill("Checkout completions did not move at all.");
  await decide.getByLabel("Outcome").fill("The new copy makes no difference; keep the old one.");
  const dueIfDecidedBefore = shownDate(new Date(Date.now() + 14 * 86_400_000));
  await decide.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByTestId("experiment-state")).toHaveText("Stopped");
  const dueIfDecidedAfter = shownDate(new Date(Date.now() + 14 * 86_400_000));
  // the due date is 14 days after the decision (the workspace default); the clock may cross midnight meanwhile
  const due = new RegExp(`(${dueIfDecidedBefore}|${dueIfDecidedAfter})`);

  // the experiment page says what is left to do, by whom, by when
  const instructions = `Delete the experiment's code and the checks of “${flagKey}”, re-scan, then archive the flag.`;
  const notice = page.getByRole("status").filter({ hasText: "Cleanup task" });
  await expect(notice).toContainText(instructions);
  await expect(notice).toContainText(`Owner: ${OWNER}`);
  await expect(notice).toContainText(due);

  // the Cleanup page lists the task; the code was never scanned, so the action is to scan it
  await nav(page).getByRole("link", { name: "Cleanup" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cleanup" })).toBeVisible();
  const tasks = page.getByRole("region", { name: "Decided, not cleaned up" });
  const row = tasks.getByRole("row", { name: `Cleanup of ${key}` });
  await expect(row.getByRole("link", { name })).toHaveAttribute("href", `/experiments/${key}`);
  await expect(row).toContainText("Kill");
  await expect(row).toContainText(instructions);
  await expect(row.getByRole("cell", { name: OWNER, exact: true })).toBeVisible();
  await expect(row).toContainText(due);
  await expect(row).toContainText("Due in 14 days");
  await expect(row).toContainText("Never scanned");
  await expect(row.getByRole("link", { name: "Scan the code" })).toHaveAttribute("href", `/flags/${flagKey}#code-references`);
  await expect(row.getByRole("button", { name: /Archive flag/ })).toHaveCount(0);
  // a flag with a task is not listed a second time among the flags
  await expect(page.getByRole("row", { name: flagKey, exact: true })).toHaveCount(0);

  // the code no longer mentions the flag: a scan says so
  const repo = mkdtempSync(path.join(tmpdir(), "keel-e2e-cleanup-"));
  mkdirSync(path.join(repo, "src"));
  writeFileSync(path.join(repo, "src/checkout.ts"), 'export const checkoutCopy = () => "Pay now";\n');
  const serverKey = tsx(["server/cli/keel.ts", "keys", "create", "--env", "staging", "--kind", "server", "--name", "cleanup e2e scan"], baseURL!).trim().split("\n").pop()!;
  const repository = `shop-${flagKey}`;
  const upload = ["scan", repo, "--keys", flagKey, "--upload", "--key", serverKey, "--repository", repository];
  expect(keelWithStderr(upload, baseURL!)).toContain(`Uploaded 0 references to ${baseURL} as the latest scan of “${repository}”`);
  rmSync(repo, { recursive: true, force: true });

  // now the flag can be archived from the row, which completes the task
  await page.reload();
  await expect(row).toContainText("No references");
  await row.getByRole("button", { name: `Archive flag ${flagKey}` }).click();
  await expect(toasts(page)).toContainText(`Archived “${flagKey}”`);
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Cleanup" })).toBeVisible();
  await expect(page.getByRole("row", { name: `Cleanup of ${key}` })).toHaveCount(0);

  await page.goto(`/experiments/${key}`);
  await expect(page.getByTestId("experiment-state")).toHaveText("Cleaned up");
  await expect(page.getByRole("status").filter({ hasText: "Cleanup done" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Cleanup task" })).toHaveCount(0);
});

test("an expired flag is overdue: listed, flagged, not ramped up or turned on (turning it off works) until its expiry is extended", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const { flagKey, expiresAt, rolloutPercentage } = setup<{ flagKey: string; expiresAt: string; rolloutPercentage: number }>("expired-flag", baseURL!);
  const expiredOn = shownDate(new Date(expiresAt));
  await signIn(page, "experimenter@keel.local");

  // the flag list marks it
  await nav(page).getByRole("link", { name: "Flags" }).click();
  await page.getByLabel("Search flags").fill(flagKey);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${flagKey}`));
  await expect(page.getByText("1 flag", { exact: true })).toBeVisible();
  const listed = page.getByRole("table", { name: "Flags" }).getByRole("row").filter({ hasText: flagKey });
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("Expired · overdue");

  // the Cleanup page lists it under "Expired", with its owner and what can be done
  await nav(page).getByRole("link", { name: "Cleanup" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cleanup" })).toBeVisible();
  const expired = page.getByRole("region", { name: "Expired", exact: true });
  const row = expired.getByRole("row", { name: flagKey, exact: true });
  await expect(row).toContainText(OWNER);
  await expect(row).toContainText(expiredOn);
  await expect(row).toContainText("Expired · overdue");
  await expect(row.getByRole("link", { name: "Extend expiry" })).toHaveAttribute("href", `/flags/${flagKey}#extend-expiry`);

  // its page says it is overdue
  await row.getByRole("link", { name: "E2E overdue banner" }).click();
  await expect(page).toHaveURL(new RegExp(`/flags/${flagKey}$`));
  const overdue = page.getByRole("alert").filter({ hasText: `Overdue: expired on ${expiredOn}` });
  await expect(overdue).toBeVisible();

  // raising its rollout is refused, and nothing changes
  const rollout = page.getByLabel("Rollout percentage in Staging");
  const onInStaging = page.getByRole("switch", { name: "Enabled in Staging" });
  await expect(rollout).toHaveValue(String(rolloutPercentage));
  await rollout.fill("50");
  await page.getByRole("button", { name: "Save rollout for Staging" }).click();
  await expect(toasts(page)).toContainText(overdueRefusal(flagKey, expiresAt, "be ramped up"));
  await page.reload();
  await expect(rollout).toHaveValue(String(rolloutPercentage));
  await expect(onInStaging).toHaveAttribute("aria-checked", "true");

  // turning it off works; turning it back on does not
  await onInStaging.click();
  await expect(toasts(page)).toContainText("Staging: Off");
  await expect(onInStaging).toHaveAttribute("aria-checked", "false");
  await onInStaging.click();
  await expect(toasts(page)).toContainText(overdueRefusal(flagKey, expiresAt, "be turned on"));
  await page.reload();
  await expect(onInStaging).toHaveAttribute("aria-checked", "false");

  // extending its expiry with a reason lifts it
  const extend = page.getByRole("form", { name: "Extend expiry" });
  const newExpiry = dateInDays(30);
  await extend.getByLabel("New expiry date").fill(newExpiry);
  await extend.getByLabel("Reason for the extension").fill("The migration off this banner ships next sprint.");
  await extend.getByRole("button", { name: "Extend expiry" }).click();
  await expect(toasts(page)).toContainText(`Expiry extended to ${newExpiry}`);
  await expect(overdue).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "E2E overdue banner" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Overdue" })).toHaveCount(0);

  await onInStaging.click();
  await expect(onInStaging).toHaveAttribute("aria-checked", "true");
  await rollout.fill("50");
  await page.getByRole("button", { name: "Save rollout for Staging" }).click();
  await expect(toasts(page)).toContainText("Staging: On for 50 %");
  await page.reload();
  await expect(rollout).toHaveValue("50");
  await expect(onInStaging).toHaveAttribute("aria-checked", "true");

  // and it has left the Cleanup page
  await nav(page).getByRole("link", { name: "Cleanup" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cleanup" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Decided, not cleaned up" })).toBeVisible();
  await expect(page.getByRole("row", { name: flagKey, exact: true })).toHaveCount(0);
});

test("a running experiment whose flag expired is not ramped: its page says why until the expiry is extended", async ({ page, baseURL }) => {
  const { key, flagKey, expiresAt } = setup<{ key: string; flagKey: string; expiresAt: string }>("expired-experiment", baseURL!);
  const refusal = overdueRefusal(flagKey, expiresAt, "be ramped");
  await signIn(page, "experimenter@keel.local");
  await page.goto(`/experiments/${key}`);
  await expect(page.getByTestId("experiment-state")).toHaveText("Running");

  const flagOverdue = page.getByRole("alert").filter({ hasText: "Flag overdue" });
  await expect(flagOverdue).toContainText(overdueRefusal(flagKey, expiresAt, "be ramped or used in a new experiment"));
  const advance = page.getByRole("region", { name: "Ramp" }).getByRole("button", { name: "Advance to 10 %" });
  await expect(advance).toBeDisabled();
  await expect(advance).toHaveAccessibleDescription(refusal);
  await expect(page.getByRole("region", { name: "Actions" }).getByRole("list", { name: "Not available now" })).toContainText(`Increase exposure: ${refusal}`);
  // it keeps serving: disabling stays one click away
  await expect(page.getByRole("region", { name: "Actions" }).getByRole("button", { name: "Disable now" })).toBeEnabled();

  await page.goto(`/flags/${flagKey}#extend-expiry`);
  const extend = page.getByRole("form", { name: "Extend expiry" });
  const newExpiry = dateInDays(30);
  await extend.getByLabel("New expiry date").fill(newExpiry);
  await extend.getByLabel("Reason for the extension").fill("The experiment needs two more weeks of data.");
  await extend.getByRole("button", { name: "Extend expiry" }).click();
  await expect(toasts(page)).toContainText(`Expiry extended to ${newExpiry}`);

  // the ramp waits only for its minimum time again
  await page.goto(`/experiments/${key}`);
  await expect(advance).toHaveAccessibleDescription(/runs at least 60 min/);
  await expect(page.getByRole("alert").filter({ hasText: "Flag overdue" })).toHaveCount(0);
});

test("an admin sets the cleanup reminder schedule in Settings; out-of-range values are refused at their field", async ({ page }) => {
  await signIn(page, "admin@keel.local");
  await page.goto("/settings/workflow");
  const form = page.getByRole("form", { name: "Experiment policy and notifications" });
  const interval = form.getByLabel("Reminder interval (days)");
  const escalate = form.getByLabel("Escalate to admins after (reminders)");
  await expect(interval).toHaveValue("3");
  await expect(escalate).toHaveValue("2");
  await interval.fill("0");
  await escalate.fill("11");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(interval).toHaveAccessibleDescription(/at least 1 day/);
  await expect(escalate).toHaveAccessibleDescription(/at most 10 reminders/);

  await interval.fill("5");
  await escalate.fill("4");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(interval).toHaveValue("5");
  await expect(escalate).toHaveValue("4");

  // back to the defaults for the other journeys
  await interval.fill("3");
  await escalate.fill("2");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
});
