import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dateInDays, signIn, uniqueFlagKey } from "./helpers";

/**
 * Code references and archiving (issue 16): a sample repository referencing a new flag is scanned
 * and uploaded with `keel scan --upload`; the flag page lists the file:line; archiving is refused
 * while the reference is there; after it is removed and the scan uploaded again the flag is
 * archived and OFREP answers FLAG_NOT_FOUND for it.
 */
const root = path.resolve(__dirname, "..");
const E2E_DATABASE_URL = "file:./e2e/.data/e2e.db";

/** `npm run keel -- …` against the e2e server and database; returns stdout and stderr together. */
function keel(args: string[], baseURL: string): string {
  return execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/cli/keel.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, KEEL_URL: baseURL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
}

function keelWithStderr(args: string[], baseURL: string): string {
  return execFileSync("sh", ["-c", 'exec "$@" 2>&1', "sh", process.execPath, path.join(root, "node_modules/tsx/dist/cli.mjs"), "server/cli/keel.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, KEEL_URL: baseURL },
    encoding: "utf8",
    timeout: 120_000,
  });
}

test("a scanned reference shows on the flag page and blocks archiving until a new scan shows none; the archived flag answers FLAG_NOT_FOUND", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  await signIn(page, "experimenter@keel.local");

  // a new flag of our own, on in staging
  const key = uniqueFlagKey("cleanup");
  await page.goto("/flags/new");
  await page.getByLabel("Key").fill(key);
  await page.getByLabel("Name").fill("E2E cleanup candidate");
  await page.getByLabel("Expiry date").fill(dateInDays(30));
  await page.getByRole("button", { name: "Create flag" }).click();
  await expect(page).toHaveURL(new RegExp(`/flags/${key}$`));
  await page.getByRole("switch", { name: "Enabled in Staging" }).click();
  await expect(page.getByRole("switch", { name: "Enabled in Staging" })).toHaveAttribute("aria-checked", "true");

  const references = page.getByRole("region", { name: "Code references" });
  await expect(references).toContainText("Never scanned");

  // a sample repository that uses the flag, scanned and uploaded with a server key
  const repo = mkdtempSync(path.join(tmpdir(), "keel-e2e-repo-"));
  mkdirSync(path.join(repo, "src"));
  const line = `export const cleanupOn = () => client.getBooleanValue("${key}", false);`;
  writeFileSync(path.join(repo, "src/checkout.ts"), `import { client } from "./flags";\n\n${line}\n`);
  writeFileSync(path.join(repo, "src/flags.ts"), "export const client = openFeature.getClient();\n");
  const serverKey = keel(["keys", "create", "--env", "staging", "--kind", "server", "--name", "e2e code scan"], baseURL!).trim();
  const repository = `shop-${key}`;
  const upload = ["scan", repo, "--keys", key, "--upload", "--key", serverKey, "--repository", repository];
  expect(keelWithStderr(upload, baseURL!)).toContain(`Uploaded 1 reference to ${baseURL} as the latest scan of “${repository}”`);

  await page.reload();
  await expect(references).toContainText(`Last scanned`);
  await expect(references).toContainText(`(${repository})`);
  await expect(references.getByRole("list", { name: `References in ${repository}` })).toContainText(`src/checkout.ts:3 ${line}`);

  // archiving is refused, naming the reference
  await page.getByRole("button", { name: "Archive flag" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Not archived" });
  await expect(refusal).toContainText(`${repository}: src/checkout.ts:3`);
  await expect(page.getByRole("heading", { name: /Archived on/ })).toHaveCount(0);

  // the code stops using the flag; a new scan is uploaded; now it can be archived
  writeFileSync(path.join(repo, "src/checkout.ts"), 'import { client } from "./flags";\n\nexport const cleanupOn = () => true;\n');
  expect(keelWithStderr(upload, baseURL!)).toContain(`Uploaded 0 references`);
  await page.reload();
  await expect(references).toContainText(`No references in the last scan of ${repository}`);
  await page.getByRole("button", { name: "Archive flag" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Archived on/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive flag" })).toHaveCount(0);
  await expect(page.getByRole("switch", { name: "Enabled in Staging" })).toBeDisabled();

  // services get FLAG_NOT_FOUND (and fall back to their code default) within the snapshot poll
  await expect
    .poll(
      async () => {
        const response = await page.request.post(`${baseURL}/ofrep/v1/evaluate/flags/${key}`, {
          headers: { authorization: `Bearer ${serverKey}` },
          data: { context: { targetingKey: "user-1" } },
        });
        return [response.status(), ((await response.json()) as { errorCode?: string }).errorCode];
      },
      { timeout: 10_000 },
    )
    .toEqual([404, "FLAG_NOT_FOUND"]);

  // the history stays readable
  await page.getByRole("link", { name: "View audit history" }).click();
  await expect(page.getByText("flag.archived", { exact: true }).first()).toBeVisible();
});
