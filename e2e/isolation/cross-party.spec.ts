// One party's accounts never see another party's resources: direct URLs answer 404 (no existence leak, the same
// page as for an id that does not exist) and lists hold only their own party's rows.
import type { Page } from "@playwright/test";
import {
  accountIdOnPartyPage,
  auditRows,
  DEMO,
  DEMO_PASSWORD,
  demoEmail,
  demoPartyName,
  expect,
  expectNotFound,
  partyIdByName,
  resetPassword,
  signIn,
  test,
} from "../support";

// Party A: the signed-in supplier's own party. Party B: another supplier.
const A = { name: demoPartyName("brightwater.demo"), resetAccount: demoEmail("aro", "brightwater.demo") };
const B = { name: demoPartyName("northgate.demo"), resetAccount: demoEmail("aro", "northgate.demo") };

interface PartyFixture {
  partyId: string;
  accountId: string;
  /** Link to the audit entry of the admin's password reset, owned by the party. */
  auditHref: string;
}

/**
 * As the DCC admin, through the UI: the party's id (from /admin/parties), one of its accounts' ids (from the party
 * page), and a fresh audit entry owned by the party (the admin resets that account's password to the demo
 * password, so the account still signs in as before).
 */
async function preparePartyAsAdmin(admin: Page, party: { name: string; resetAccount: string }): Promise<PartyFixture> {
  const partyId = await partyIdByName(admin, party.name);
  const accountId = await accountIdOnPartyPage(admin, partyId, party.resetAccount);
  await resetPassword(admin, accountId, DEMO_PASSWORD);
  const rows = await auditRows(admin, { entityId: accountId, action: "account.reset-password" });
  expect(rows.length).toBeGreaterThan(0);
  return { partyId, accountId, auditHref: rows[0].href };
}

test("an account of party A gets 404 on party B's party, account and audit entry", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const a = await preparePartyAsAdmin(admin, A);
  const b = await preparePartyAsAdmin(admin, B);

  await signIn(page, DEMO.supplierUser);

  // Its own party's resources open ...
  for (const url of [`/parties/${a.partyId}`, `/accounts/${a.accountId}`, a.auditHref]) {
    const response = await page.goto(url);
    expect(response?.status(), `HTTP status of ${url}`).toBe(200);
  }
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Password reset");

  // ... party B's read as not found, exactly like an id that does not exist.
  await expectNotFound(page, `/parties/${b.partyId}`);
  await expect(page.getByText(B.name)).toHaveCount(0);
  await expectNotFound(page, `/accounts/${b.accountId}`);
  await expect(page.getByText(B.resetAccount)).toHaveCount(0);
  await expectNotFound(page, b.auditHref);
  await expectNotFound(page, "/audit/no-such-entry");
});

test("party A's audit list holds its own entries and none of party B's", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  const a = await preparePartyAsAdmin(admin, A);
  const b = await preparePartyAsAdmin(admin, B);
  // The admin sees both entries: they exist.
  const adminEntities = (await auditRows(admin)).map((r) => r.entity);
  expect(adminEntities).toContain(`Account ${a.accountId}`);
  expect(adminEntities).toContain(`Account ${b.accountId}`);

  await signIn(page, DEMO.supplierUser);
  const rows = await auditRows(page);
  await expect(page.getByText(`Recorded changes for ${A.name}.`)).toBeVisible();
  const entities = rows.map((r) => r.entity);
  expect(entities).toContain(`Account ${a.accountId}`);
  expect(entities).not.toContain(`Account ${b.accountId}`);
  expect(rows.map((r) => r.href)).not.toContain(b.auditHref);

  // Filtering straight for party B's account finds nothing either.
  expect(await auditRows(page, { entityId: b.accountId })).toEqual([]);
  await expect(page.getByText("No audit entries match these filters.")).toBeVisible();
});

test("a party user opens its own party page from the header link", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.getByTestId("header-party").click();
  await expect(page).toHaveURL(/\/parties\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(A.name);
  await expect(page.locator("#main").getByText(DEMO.supplierUser, { exact: true })).toBeVisible();
  const response = await page.reload();
  expect(response?.status()).toBe(200);
});
