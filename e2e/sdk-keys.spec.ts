import { expect, test } from "@playwright/test";
import { signIn, uniqueFlagKey } from "./helpers";
import { createSdkKeyInSettings, revokeSdkKeyInSettings, sdkKeyRow } from "./sdk-key-helpers";

test("an admin creates server and client SDK keys, sees each secret once, and revokes one", async ({ page }) => {
  await signIn(page, "admin@keel.local");
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "SDK keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SDK keys" })).toBeVisible();
  const kinds = page.getByRole("region", { name: "Key kinds" });
  await expect(kinds.getByText("evaluates any flag and reads private snapshots")).toBeVisible();
  await expect(kinds.getByText("bulk evaluation and the public snapshot only")).toBeVisible();

  // A missing name is refused at the field.
  const form = page.getByRole("form", { name: "Create an SDK key" });
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByLabel("Name")).toHaveAccessibleDescription(/Name is required: say which service uses this key/);

  const serverName = uniqueFlagKey("checkout-service");
  const secret = await createSdkKeyInSettings(page, { environment: "Staging", kind: "server", name: serverName });
  expect(secret).toMatch(/^keel_srv_/);
  await expect(page.getByText("Copy this key now: Keel stores only a hash and cannot show it again.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy key" })).toBeVisible();
  const row = sdkKeyRow(page, serverName);
  await expect(row).toContainText("Staging");
  await expect(row).toContainText("Server");
  await expect(row).toContainText(secret.slice(0, 13));
  await expect(row).toContainText("never");
  await expect(row).toContainText("admin@keel.local");
  // The table shows the prefix only, never the secret.
  await expect(page.getByRole("table", { name: "SDK keys" })).not.toContainText(secret);

  // Dismissed, the secret is gone for good, also after a reload.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByLabel("New SDK key")).toHaveCount(0);
  await page.reload();
  await expect(sdkKeyRow(page, serverName)).toBeVisible();
  expect(await page.content()).not.toContain(secret);

  const clientName = uniqueFlagKey("web-app");
  const clientSecret = await createSdkKeyInSettings(page, { environment: "Production", kind: "client", name: clientName });
  expect(clientSecret).toMatch(/^keel_cli_/);
  await expect(sdkKeyRow(page, clientName)).toContainText("Client");

  // Revoking asks first; cancelling keeps the key.
  await sdkKeyRow(page, clientName).getByRole("button", { name: `Revoke key ${clientName}` }).click();
  await expect(page.getByRole("group", { name: `Revoke key “${clientName}”?` })).toBeVisible();
  await page.getByRole("button", { name: `Cancel revoking key ${clientName}` }).click();
  await expect(sdkKeyRow(page, clientName)).toContainText("active");
  await expect(sdkKeyRow(page, clientName).getByRole("button", { name: `Revoke key ${clientName}` })).toBeFocused();

  await revokeSdkKeyInSettings(page, clientName);
  await expect(sdkKeyRow(page, clientName).getByRole("button", { name: /Revoke key/ })).toHaveCount(0);
  await expect(sdkKeyRow(page, serverName)).toContainText("active");

  // Both changes are in the audit log, keyed by the prefix and without the secret.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Entity", { exact: true }).selectOption({ label: "SDK key" });
  const entries = page.getByRole("table", { name: "Audit log entries" }).getByRole("row");
  await expect(entries.filter({ hasText: "sdk_key.created" }).filter({ hasText: secret.slice(0, 13) })).toHaveCount(1);
  await expect(entries.filter({ hasText: "sdk_key.revoked" }).filter({ hasText: clientSecret.slice(0, 13) })).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Audit log entries" })).not.toContainText(secret);
});

for (const email of ["viewer@keel.local", "experimenter@keel.local"]) {
  test(`${email.split("@")[0]}s cannot manage SDK keys, in the page or through the API`, async ({ page }) => {
    await signIn(page, email);
    await page.goto("/settings/sdk-keys");
    await expect(page.getByText("Only admins manage SDK keys.")).toBeVisible();
    await expect(page.getByRole("form", { name: "Create an SDK key" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "SDK keys" })).toHaveCount(0);

    const created = await page.request.post("/api/trpc/sdkKeys.create", {
      data: { json: { environmentKey: "production", kind: "server", name: "sneaky" } },
    });
    expect(created.status()).toBe(403);
    expect(JSON.stringify(await created.json())).not.toMatch(/keel_srv_/);
    const listed = await page.request.get(`/api/trpc/sdkKeys.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`);
    expect(listed.status()).toBe(403);
  });
}
