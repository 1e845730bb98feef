// Five wrong passwords in a row from one browser block that account there, with the right password refused too;
// an unknown email gets exactly the same answers, and a stranger's guesses from elsewhere do not lock the person out.
import { demoEmail, DEMO_PASSWORD, expect, loginError, signIn, submitLogin, test, uniqueSuffix } from "../support";

// Seeded accounts no other spec signs in with: the block lasts 15 minutes.
const VICTIM = demoEmail("deliveries", "oakfield.demo");
const TARGET = demoEmail("deliveries", "fenland.demo");
const BLOCKED = /^Too many failed sign-in attempts\. Try again at \d\d:\d\d \(in 15 minutes\), or ask your administrator to reset your password\.$/;

test("five wrong passwords block the account in this browser, then the right password is refused too", async ({ page }) => {
  await page.goto("/login");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitLogin(page, VICTIM, `wrong-password-${attempt}`);
    await expect(loginError(page)).toHaveText("Incorrect email or password.");
  }
  await submitLogin(page, VICTIM, "wrong-password-5");
  await expect(loginError(page)).toHaveText(BLOCKED);

  await submitLogin(page, VICTIM, DEMO_PASSWORD);
  await expect(loginError(page)).toHaveText(BLOCKED);
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});

test("an email with no account gets the very same answers", async ({ page }) => {
  const nobody = `nobody-${uniqueSuffix()}@oakfield.demo`;
  await page.goto("/login");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitLogin(page, nobody, `wrong-password-${attempt}`);
    await expect(loginError(page)).toHaveText("Incorrect email or password.");
  }
  await submitLogin(page, nobody, "wrong-password-5");
  await expect(loginError(page)).toHaveText(BLOCKED);
});

test("a stranger's wrong guesses from another address do not lock the account holder out", async ({ browser, page }) => {
  const stranger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.9" } });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt++) await submitLogin(strangerPage, TARGET, `guess-${attempt}`);
  await expect(loginError(strangerPage)).toHaveText(BLOCKED);
  await stranger.close();

  await signIn(page, TARGET);
});
