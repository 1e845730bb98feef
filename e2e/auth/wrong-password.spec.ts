// A wrong password is refused with one message, the same as for an unknown email, and signs nobody in.
import { DEMO, expect, loginError, submitLogin, test } from "../support";

test("a wrong password shows \"Incorrect email or password.\" and does not sign in", async ({ page }) => {
  await page.goto("/login");
  await submitLogin(page, DEMO.otherSupplierUser, "not-the-password");
  await expect(loginError(page)).toHaveText("Incorrect email or password.");
  await expect(page).toHaveURL(/\/login$/);

  // An unknown email reads exactly the same (no account enumeration).
  await submitLogin(page, "nobody@nowhere.demo", "not-the-password");
  await expect(loginError(page)).toHaveText("Incorrect email or password.");

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
