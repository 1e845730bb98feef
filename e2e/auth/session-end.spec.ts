// A session ends on the server: a copy of its cookie stops working once the session is signed out, or once an
// administrator resets the password.
import { DEMO, expect, resetPassword, createAccount, newPassword, signIn, signOut, test } from "../support";

test("signing out in one browser ends a copy of the session cookie in another", async ({ browser, page }) => {
  await signIn(page, DEMO.supplierSro);
  const copy = await browser.newContext({ storageState: await page.context().storageState() });
  const copied = await copy.newPage();
  await copied.goto("/");
  await expect(copied.getByTestId("header-account")).toContainText(DEMO.supplierSro);

  await signOut(page);
  await copied.goto("/");
  await expect(copied).toHaveURL(/\/login$/);
  await copy.close();
});

test("a password reset ends the account's open sessions", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const account = await createAccount(admin, { partyName: "Brightwater Energy" });
  await signIn(page, account.email, account.password);

  await resetPassword(admin, account.id, newPassword());
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
