// Signing out ends the session: back on /login, and the portal asks to sign in again.
import { DEMO, expect, signIn, test } from "../support";

test("sign-out returns to /login and / then redirects to /login", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await expect(page.getByTestId("home-party-user")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId("header-account")).toHaveCount(0);
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login$/);
});
