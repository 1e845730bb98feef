// What one account or party may see of the SMI: saved searches belong to the account that saved them (not listed
// for, and not deletable by, anyone else); any party user may read any device, but Registration Data only when its
// party is registered for the MPxN (D8); the CPL administration is the DCC admin's.
import type { Page } from "@playwright/test";
import { formatEui64 } from "@/lib/identifiers";
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, SMI_DEMO, card, demoPartyName, deviceHeaderStatus, expect, expectForbidden, searchSmi, signIn, test, uniqueSuffix } from "../support";

const ELEC = DEMO_INVENTORY.electricityOnly;

const savedSearches = (page: Page) => page.getByTestId("saved-searches");

/** Run a search and save it under a name; returns the saved search's id (from its delete form). */
async function saveSearch(page: Page, q: string, name: string): Promise<string> {
  await searchSmi(page, q);
  const form = page.getByRole("form", { name: "Save this search" });
  await form.getByLabel("Name for this search").fill(name);
  await form.getByRole("button", { name: "Save this search" }).click();
  await expect(form.getByTestId("form-message")).toHaveText(`Search saved as "${name}".`);
  const entry = savedSearches(page).locator("li").filter({ has: page.getByRole("link", { name, exact: true }) });
  await expect(entry).toHaveCount(1);
  return entry.locator('input[name="id"]').inputValue();
}

test("a saved search is listed only for the account that saved it, and only it can delete it", async ({ page, signedIn }) => {
  await signIn(page, DEMO.supplierUser);
  const name = `E2E Larkspur ${uniqueSuffix()}`;
  const id = await saveSearch(page, DEMO_INVENTORY.dualFuel.postcode, name);
  // The saved search opens the same search.
  await page.goto("/smi");
  await savedSearches(page).getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL((url) => url.searchParams.get("q") === DEMO_INVENTORY.dualFuel.postcode);

  // Another supplier's account does not see it ...
  const other = await signedIn(DEMO.otherSupplierUser);
  await other.goto("/smi");
  await expect(other.getByRole("link", { name, exact: true })).toHaveCount(0);
  await expect(other.getByText(name)).toHaveCount(0);
  // ... nor does another account of the same party (saved searches are per account, not per party).
  const colleague = await signedIn(DEMO.supplierSro);
  await colleague.goto("/smi");
  await expect(colleague.getByText(name)).toHaveCount(0);

  // Deleting is a server action, not a URL. The other account sends its own delete form with this search's id:
  // refused as not found, and the search is still there for its owner.
  const ownName = `E2E Mill Lane ${uniqueSuffix()}`;
  await saveSearch(other, ELEC.postcode, ownName);
  await other.goto("/smi");
  const ownEntry = savedSearches(other).locator("li").filter({ hasText: ownName });
  await ownEntry.locator('input[name="id"]').evaluate((input, stolen) => ((input as HTMLInputElement).value = stolen), id);
  await ownEntry.getByRole("button", { name: `Delete saved search ${ownName}` }).click();
  await expect(ownEntry.getByTestId("form-message")).toHaveText("That saved search was not found.");
  await page.goto("/smi");
  await expect(savedSearches(page).getByRole("link", { name, exact: true })).toBeVisible();
  // Its own delete still works, for its own search only.
  await other.reload();
  await savedSearches(other).locator("li").filter({ hasText: ownName }).getByRole("button", { name: `Delete saved search ${ownName}` }).click();
  await expect(other.getByText(ownName)).toHaveCount(0);
  await page.reload();
  await expect(savedSearches(page).getByRole("link", { name, exact: true })).toBeVisible();
});

test("an RSA reads any device but sees Registration Data only where registered; the supplier sees it", async ({ page, signedIn }) => {
  // Metercraft Services (RSA) is not registered for Northgate's MPAN: the device reads, its registration is hidden.
  await signIn(page, SMI_DEMO.agentUser);
  const response = await page.goto(`/smi/devices/${ELEC.esme}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`ESME ${formatEui64(ELEC.esme)}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Commissioned");
  await expect(card(page, "Metering Points")).toContainText(ELEC.mpan);
  await expect(card(page, "Metering Points")).toContainText(ELEC.addressLine);
  await expect(page.getByTestId("registration-hidden")).toBeVisible();
  await expect(card(page, "Registration details").getByRole("table")).toHaveCount(0);
  await expect(card(page, "Registration details")).not.toContainText(ELEC.supplier);
  // The RSA may search too.
  await searchSmi(page, ELEC.mpan);
  await expect(page.getByRole("table", { name: /^SMI devices matching the search/ }).getByRole("link", { name: formatEui64(ELEC.esme) })).toBeVisible();
  // Where it is the registered agent (Brightwater's dual-fuel premises), it sees the Registration Data.
  await page.goto(`/smi/devices/${DEMO_INVENTORY.dualFuel.esme}`);
  await expect(card(page, "Registration details")).toContainText(DEMO_INVENTORY.dualFuel.agent);
  await expect(page.getByTestId("registration-hidden")).toHaveCount(0);

  // Northgate Power, the registered supplier, sees who is registered.
  const supplier = await signedIn(DEMO.otherSupplierUser);
  await supplier.goto(`/smi/devices/${ELEC.esme}`);
  const registrations = card(supplier, "Registration details").getByRole("table");
  await expect(registrations).toContainText(ELEC.mpan);
  await expect(registrations).toContainText(demoPartyName("northgate.demo"));
  await expect(registrations).toContainText(ELEC.distributor);
  await expect(supplier.getByTestId("registration-hidden")).toHaveCount(0);
});

test("a supplier user visiting /admin/cpl gets the 403 page", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await expectForbidden(page, "/admin/cpl");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectForbidden(page, `/admin/cpl/dm_${DEMO_INVENTORY.removableModel.model}`);
  await expect(page.getByText(DEMO_INVENTORY.removableModel.manufacturer)).toHaveCount(0);
});
