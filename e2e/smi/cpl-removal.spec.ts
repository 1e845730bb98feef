// A CPL model marked removed (inventory.md §6 AC 21, 23): every device of it is Suspended and N28 goes to its
// Responsible Supplier and Network Operator, nobody else; marked current again, the devices return to their earlier
// status and N29 is sent. Uses cpl_esme_07, which only its five demo ESMEs use and no other test touches; the test
// ends by restoring it.
import type { Page } from "@playwright/test";
import { formatEui64 } from "@/lib/identifiers";
import { CPL_MODELS, DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, SMI_DEMO, card, demoPartyName, deviceHeaderStatus, expect, signIn, test } from "../support";

const REMOVABLE = DEMO_INVENTORY.removableModel;
const MODEL = CPL_MODELS.find((m) => m.model === REMOVABLE.model)!;
const ESMES = REMOVABLE.premises.map((p) => p.esme);
const FIRST = ESMES[0];

const alertsTable = (page: Page) => page.getByRole("table", { name: /^DCC Alerts for/ });

/** As the DCC admin: open the model's CPL entry from the /admin/cpl list. */
async function openCplEntry(admin: Page) {
  await admin.goto("/admin/cpl?type=ESME");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Certified Products List");
  const row = admin.locator("table tbody tr").filter({ has: admin.getByRole("link", { name: MODEL.model, exact: true }) });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: MODEL.model, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`${MODEL.manufacturer} ${MODEL.model}`);
}

/** Click the CPL status button, confirm in place, and return the result message. */
async function changeCplStatus(admin: Page, trigger: string, confirm: string) {
  // The confirmation is in the page; a browser dialog, should one ever be added, is accepted too.
  admin.once("dialog", (dialog) => void dialog.accept());
  const form = admin.getByRole("form", { name: trigger });
  await form.getByRole("button", { name: trigger }).click();
  await form.getByRole("group", { name: `Confirm: ${trigger}` }).getByRole("button", { name: confirm }).click();
  return admin.getByTestId("form-message");
}

/** The Device IDs of the N28 (or N29) rows of /alerts?code=..., as shown. */
async function alertedDevices(page: Page, code: string): Promise<string[]> {
  await page.goto(`/alerts?code=${code}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("DCC Alerts");
  const table = alertsTable(page);
  if (!(await table.count())) return [];
  return (await table.locator("tbody tr td:nth-child(3)").allInnerTexts()).map((t) => t.trim());
}

test("removing a CPL model suspends its devices and alerts their supplier and distributor; restoring it brings them back", async ({ page, signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  await openCplEntry(admin);
  await expect(admin.locator("h1 + p")).toContainText("Current on the CPL");
  await expect(admin.getByRole("heading", { level: 2, name: "Devices in the SMI (5)" })).toBeVisible();

  // Mark it removed: the admin is told 5 devices were Suspended.
  const removed = await changeCplStatus(admin, "Mark removed from the CPL", "Yes, remove and suspend");
  await expect(removed).toContainText("Marked removed from the CPL. 5 devices Suspended");
  await admin.reload();
  await expect(admin.locator("h1 + p")).toContainText("Removed from the CPL");
  await expect(admin.getByTestId("status-counts")).toContainText("Suspended");
  await expect(admin.getByTestId("status-counts").locator("tbody tr")).toHaveCount(1);
  await expect(admin.getByTestId("status-counts").locator("tbody tr td").last()).toHaveText("5");

  // The supplier of the five ESMEs sees N28 for each, and the device Suspended.
  await signIn(page, DEMO.supplierUser);
  const supplierN28 = await alertedDevices(page, "N28");
  for (const id of ESMES) expect(supplierN28, `N28 for ${id}`).toContain(formatEui64(id));
  await expect(alertsTable(page).locator("tbody tr").filter({ hasText: formatEui64(FIRST) })).toContainText("Device Suspended");
  await alertsTable(page).getByRole("link", { name: formatEui64(FIRST), exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/smi/devices/${FIRST}$`));
  await expect(deviceHeaderStatus(page)).toHaveText("Suspended");
  await expect(card(page, "Device")).toContainText("Status before suspension");
  await expect(card(page, "CPL entry")).toContainText("Removed from the CPL");
  await expect(page.getByTestId("status-history").locator("li").first()).toContainText("Commissioned → Suspended");
  await expect(page.getByTestId("status-history").locator("li").first()).toContainText("T16");
  await expect(card(page, "DCC Alerts for this device")).toContainText("N28");

  // Their distributor (Network Operator) gets N28 too ...
  const distributor = await signedIn(SMI_DEMO.distributorUser);
  await expect(distributor.getByTestId("header-party")).toHaveText(REMOVABLE.distributor);
  const distributorN28 = await alertedDevices(distributor, "N28");
  for (const id of ESMES) expect(distributorN28, `N28 for ${id}`).toContain(formatEui64(id));

  // ... another supplier does not, not even when it asks for the device.
  const other = await signedIn(DEMO.otherSupplierUser);
  await expect(other.getByTestId("header-party")).toHaveText(demoPartyName("northgate.demo"));
  const otherN28 = await alertedDevices(other, "N28");
  for (const id of ESMES) expect(otherN28).not.toContain(formatEui64(id));
  await other.goto(`/alerts?deviceId=${FIRST}`);
  await expect(other.getByText("No DCC Alerts match these filters.")).toBeVisible();
  await other.goto(`/smi/devices/${FIRST}`);
  await expect(deviceHeaderStatus(other)).toHaveText("Suspended");
  await expect(card(other, "DCC Alerts for this device")).toContainText("No DCC Alerts about this device were sent to your organisation.");

  // Marked current again: back to Commissioned, N29 sent.
  await openCplEntry(admin);
  const restored = await changeCplStatus(admin, "Mark current again", "Yes, mark current");
  await expect(restored).toContainText("Marked current on the CPL again. 5 devices restored");
  await page.goto(`/smi/devices/${FIRST}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Commissioned");
  await expect(page.getByTestId("status-history").locator("li").first()).toContainText("Suspended → Commissioned");
  await expect(page.getByTestId("status-history").locator("li").first()).toContainText("T17");
  await expect(card(page, "CPL entry")).toContainText("Current on the CPL");
  const supplierN29 = await alertedDevices(page, "N29");
  for (const id of ESMES) expect(supplierN29, `N29 for ${id}`).toContain(formatEui64(id));
  await openCplEntry(admin);
  await expect(admin.getByTestId("status-counts").locator("tbody tr")).toHaveCount(1);
  await expect(admin.getByTestId("status-counts")).toContainText("Commissioned");
});
