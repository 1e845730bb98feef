// Disabling an account ends its open sessions at once and refuses new sign-ins.
import { auditRows, createAccount, DEMO, demoPartyName, expect, loginError, signIn, submitLogin, test } from "../support";

test("a disabled account's session stops working and sign-in is refused", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const account = await createAccount(admin, { partyName: demoPartyName("harbour.demo") });

  // The holder signs in (its own browser) before the admin acts.
  await signIn(page, account.email, account.password);
  await expect(page.getByTestId("home-party-user")).toBeVisible();

  await admin.goto(`/accounts/${account.id}`);
  await admin.getByRole("button", { name: "Disable account" }).click();
  await expect(admin.getByTestId("form-message")).toContainText("Account disabled");
  await expect(admin.getByRole("button", { name: "Enable account" })).toBeVisible();

  // The holder's existing session (a still-valid JWT cookie) no longer opens the portal.
  await page.reload();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(`/accounts/${account.id}`);
  await expect(page).toHaveURL(/\/login$/);

  await submitLogin(page, account.email, account.password);
  await expect(loginError(page)).toContainText("disabled");
  await expect(page).toHaveURL(/\/login$/);

  // The admin sees it: listed as disabled, and in the audit trail.
  await admin.goto("/admin/accounts?status=disabled");
  await expect(admin.locator("table tbody tr").filter({ hasText: account.email })).toHaveCount(1);
  expect((await auditRows(admin, { entityId: account.id })).map((e) => e.action)).toEqual(["account.disable", "account.create"]);
});
