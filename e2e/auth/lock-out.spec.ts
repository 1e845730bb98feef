// Five wrong passwords in a row lock the account; while locked, the right password is refused too.
import { demoEmail, DEMO_PASSWORD, expect, loginError, submitLogin, test } from "../support";

// A seeded account no other spec signs in with: the lock lasts 15 minutes.
const VICTIM = demoEmail("deliveries", "oakfield.demo");

test("five wrong passwords lock the account and then the right password is refused too", async ({ page }) => {
  await page.goto("/login");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitLogin(page, VICTIM, `wrong-password-${attempt}`);
    await expect(loginError(page)).toHaveText("Incorrect email or password.");
  }
  await submitLogin(page, VICTIM, "wrong-password-5");
  await expect(loginError(page)).toContainText("locked");

  await submitLogin(page, VICTIM, DEMO_PASSWORD);
  await expect(loginError(page)).toContainText("locked");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
