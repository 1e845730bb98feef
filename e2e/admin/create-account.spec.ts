// The DCC admin creates an account for a new party and its holder signs in; DCC permissions stay with the DCC.
import {
  auditRows,
  createAccount,
  createParty,
  DEMO,
  demoPartyName,
  expect,
  navEntry,
  outboxSubjectsFor,
  signIn,
  submitAccountForm,
  test,
  uniqueSuffix,
} from "../support";

test("the DCC admin creates a party and an account for it, and the new account signs in", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const party = await createParty(admin, { roles: ["GS"] });
  const account = await createAccount(admin, { partyName: party.name, permissions: ["PARTY_USER"] });
  await expect(admin.locator("#main").getByRole("link", { name: party.name })).toHaveAttribute("href", `/parties/${party.id}`);

  // The party page lists it; the audit trail has the change; the welcome email is queued.
  await admin.goto(`/parties/${party.id}`);
  await expect(admin.getByText(account.email)).toBeVisible();
  expect((await auditRows(admin, { entityId: account.id })).map((e) => e.action)).toEqual(["account.create"]);
  expect(await outboxSubjectsFor(admin, account.email)).toEqual(["Your DCC Self-Service Interface account"]);

  await signIn(page, account.email, account.password);
  await expect(page.getByTestId("header-party")).toHaveText(party.name);
  await expect(page.getByTestId("home-party-user")).toBeVisible();
  await expect(navEntry(page, "Audit trail")).toBeVisible();
  await expect(navEntry(page, "Accounts")).toHaveCount(0);
});

test("giving the DCC administrator permission to a supplier account is refused with a message and creates nothing", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const email = `e2e-escalate-${uniqueSuffix()}@e2e.test`;
  await submitAccountForm(page, { partyName: demoPartyName("brightwater.demo"), email, permissions: ["PARTY_USER", "DCC_ADMIN"] });

  await expect(page.getByTestId("permissions-error")).toContainText("DCC administrator");
  await expect(page.getByTestId("form-message")).toContainText("only DCC accounts hold DCC permissions");
  await expect(page).toHaveURL(/\/admin\/accounts\/new$/);

  await page.goto(`/admin/accounts?q=${encodeURIComponent(email)}`);
  await expect(page.getByText("No accounts match these filters.")).toBeVisible();
});

test("an initial password shorter than 12 characters is refused and creates nothing", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const email = `e2e-short-${uniqueSuffix()}@e2e.test`;
  await submitAccountForm(page, { partyName: demoPartyName("brightwater.demo"), email, password: "short-pw-11" });

  await expect(page.getByTestId("password-error")).toContainText("at least 12 characters");
  await expect(page).toHaveURL(/\/admin\/accounts\/new$/);
  await page.goto(`/admin/accounts?q=${encodeURIComponent(email)}`);
  await expect(page.getByText("No accounts match these filters.")).toBeVisible();
});
