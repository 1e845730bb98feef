// Signed-out visitors are sent to the login page before any portal page renders.
import { expect, test } from "../support";

test("an unauthenticated visit to / redirects to /login", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expect(page.locator("nav[aria-label=Main]")).toHaveCount(0);
});

test("an unauthenticated visit to an admin page redirects to /login", async ({ page }) => {
  await page.goto("/admin/parties");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("table")).toHaveCount(0);
});
