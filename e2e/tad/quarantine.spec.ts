// Quarantine review (issue 13 item 4): the DUIS reference supplier's system sends Disable Supply (7.2) over its User
// ADT of 20 per 60 minutes (seeded), so its latest Signed Pre-Command is held; its SRO finds it in /quarantine with its
// RequestID, releases it and sees it released. Another party's user gets the 404 page for the item and its incident.
// The requests go over HTTP to the gateway, signed with the keys the e2e server's seed writes (.data/e2e/keys).
import { DEMO, expect, expectNotFound, signIn, test } from "../support";
import { REFERENCE_ESME, SUPPLIER_SRO, holdOneCommand } from "./helpers";

test("an SRO releases a quarantined command and sees it released; another party gets 404", async ({ page, signedIn, baseURL }) => {
  test.setTimeout(120_000);
  const held = await holdOneCommand(baseURL!);

  await signIn(page, SUPPLIER_SRO);
  await page.goto("/quarantine");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quarantine");
  const row = page.locator(`[data-testid="quarantine-item"][data-request-id="${held}"]`);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("SRV 7.2");
  await expect(row).toContainText(REFERENCE_ESME);
  await expect(row.getByTestId("countdown")).toContainText(/^4d 23:\d\d:\d\d left$/);
  const itemPath = await row.getByRole("link", { name: held }).getAttribute("href");
  const incidentPath = await page.getByTestId("quarantine-group").filter({ has: row }).getByRole("link").first().getAttribute("href");

  await row.getByRole("checkbox", { name: `Select ${held}` }).check();
  await page.getByTestId("decision-bar").getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("decision-result").locator('[data-outcome="done"]')).toContainText(held);
  await expect(page.getByTestId("decision-bar")).toContainText("1 released.");

  await page.goto(itemPath!);
  await expect(page.getByTestId("quarantine-request-id")).toHaveText(held);
  await expect(page.getByTestId("quarantine-status")).toHaveText("Released");
  await expect(page.getByRole("button", { name: "Release" })).toHaveCount(0);

  const other = await signedIn(DEMO.otherSupplierUser);
  await expectNotFound(other, itemPath!);
  await expectNotFound(other, incidentPath!);
});
