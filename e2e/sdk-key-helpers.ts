import { expect, type Page } from "@playwright/test";

export type SdkKeyKindLabel = "server" | "client";

/**
 * Creates an SDK key through Settings → SDK keys as the signed-in admin and returns its secret,
 * read from the one-time alert. `environment` is the environment's name as the select shows it
 * (e.g. "Staging"). The alert is left open; the key is listed as active and never used.
 */
export async function createSdkKeyInSettings(
  page: Page,
  { environment, kind, name }: { environment: string; kind: SdkKeyKindLabel; name: string },
): Promise<string> {
  await page.goto("/settings/sdk-keys");
  const form = page.getByRole("form", { name: "Create an SDK key" });
  await form.getByLabel("Environment").selectOption({ label: environment });
  await form.getByLabel("Kind").selectOption(kind);
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Create key" }).click();
  const secretField = page.getByLabel("New SDK key");
  await expect(secretField).toHaveValue(kind === "server" ? /^keel_srv_[A-Za-z0-9_-]{32}$/ : /^keel_cli_[A-Za-z0-9_-]{32}$/);
  await expect(sdkKeyRow(page, name)).toContainText("active");
  return secretField.inputValue();
}

/** The row of the key named `name` in the SDK keys table. */
export function sdkKeyRow(page: Page, name: string) {
  return page.getByRole("table", { name: "SDK keys" }).getByRole("row").filter({ hasText: name });
}

/** Revokes the key named `name` through its confirm step, on Settings → SDK keys. */
export async function revokeSdkKeyInSettings(page: Page, name: string): Promise<void> {
  await sdkKeyRow(page, name).getByRole("button", { name: `Revoke key ${name}` }).click();
  const confirm = page.getByRole("group", { name: `Revoke key “${name}”?` });
  await confirm.getByRole("button", { name: `Confirm revoking key ${name}` }).click();
  await expect(sdkKeyRow(page, name)).toContainText("revoked");
}
