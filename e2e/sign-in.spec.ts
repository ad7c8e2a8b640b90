import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a wrong password is refused with a clear message, the right one signs in", async ({ page }) => {
  await page.goto("/flags");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill("experimenter@keel.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();

  await signIn(page, "experimenter@keel.local");
  const nav = page.getByRole("navigation", { name: "Workspace" });
  for (const section of ["Dashboard", "Experiments", "Flags", "Approvals", "Cleanup", "Metrics", "Settings", "Audit log"]) {
    await expect(nav.getByRole("link", { name: section })).toBeVisible();
  }
  await nav.getByRole("link", { name: "Cleanup" }).click();
  await expect(page).toHaveURL(/\/cleanup$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cleanup" })).toBeVisible();
  // the demo's killed experiment left its cleanup task
  await expect(page.getByRole("row", { name: "Cleanup of autoplay-preview-test" })).toContainText("Delete the experiment's code");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
});
