// SMI search (inventory.md §5, §6 AC 26): a supplier finds a premises by MPAN, postcode + house number, UPRN or
// Device ID, follows the device page's links, and every search is a shareable URL. Wrong keys get a message that
// says what to correct. Read-only: these tests change nothing.
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { formatEui64 } from "@/lib/identifiers";
import { DEMO, card, deviceHeaderStatus, expect, searchSmi, signIn, smiResultIds, smiResults, test } from "../support";

const DUAL = DEMO_INVENTORY.dualFuel;
/** Everything at 14 Larkspur Road: the meters, the Communications Hub (CHF, GPF) and the IHD. */
const DUAL_FUEL_DEVICES = [DUAL.esme, DUAL.gsme, DUAL.chf, DUAL.gpf, DUAL.ihd].map(formatEui64).sort();
const searchError = (page: import("@playwright/test").Page) => page.getByTestId("search-error");

test("a supplier finds a premises by MPAN, opens its ESME and follows the association to the CHF", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await searchSmi(page, DUAL.mpan);

  // The URL holds the search; the whole premises is listed.
  expect(new URL(page.url()).searchParams.get("q")).toBe(DUAL.mpan);
  await expect(page.getByTestId("device-count")).toHaveText("5 devices");
  expect(await smiResultIds(page, 5)).toEqual(DUAL_FUEL_DEVICES);
  const esmeRow = smiResults(page).locator("tbody tr").filter({ hasText: formatEui64(DUAL.esme) });
  await expect(esmeRow).toContainText("ESME");
  await expect(esmeRow).toContainText(DUAL.mpan);
  await expect(esmeRow).toContainText(`${DUAL.addressLine}, ${DUAL.postcode}`);

  // The ESME's page: attributes, CPL entry, MPxN with the address.
  await smiResults(page).getByRole("link", { name: formatEui64(DUAL.esme), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/smi/devices/${DUAL.esme}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`ESME ${formatEui64(DUAL.esme)}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Commissioned");
  const attributes = card(page, "Device");
  await expect(attributes.getByTestId("device-id")).toHaveText(formatEui64(DUAL.esme));
  await expect(attributes).toContainText(DUAL.esmeModel);
  await expect(attributes).toContainText("Single element");
  await expect(attributes).toContainText(DUAL.supplier); // pre-notified by
  await expect(card(page, "CPL entry")).toContainText("Current on the CPL");
  const meterPoints = card(page, "Metering Points");
  await expect(meterPoints.getByRole("link", { name: DUAL.mpan, exact: true })).toBeVisible();
  await expect(meterPoints).toContainText(`${DUAL.addressLine}, ${DUAL.town}`);
  await expect(meterPoints).toContainText(DUAL.postcode);
  await expect(meterPoints).toContainText(DUAL.uprn);
  // Its own supplier sees the Registration Data.
  await expect(card(page, "Registration details")).toContainText(DUAL.supplier);
  await expect(card(page, "Registration details")).toContainText(DUAL.distributor);
  await expect(page.getByTestId("registration-hidden")).toHaveCount(0);
  // Its history, newest first: pre-notified (T1) ... Commissioned (T13).
  const esmeHistory = page.getByTestId("status-history").locator("li");
  await expect(esmeHistory.first()).toContainText("Installed not Commissioned → Commissioned");
  await expect(esmeHistory.first()).toContainText("T13");
  await expect(esmeHistory.last()).toContainText("Not in the SMI → Pending");
  await expect(esmeHistory.last()).toContainText("T1");

  // Associations link both ways; the ESME is Associated to the CHF.
  const associations = card(page, "Associated devices");
  await expect(associations.getByRole("link", { name: formatEui64(DUAL.ihd), exact: true })).toBeVisible();
  await associations.getByRole("link", { name: formatEui64(DUAL.chf), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/smi/devices/${DUAL.chf}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`CHF ${formatEui64(DUAL.chf)}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Commissioned");
  await expect(card(page, "Device")).toContainText("Communications Hub Function");
  await expect(card(page, "Device")).toContainText("Central"); // CSP region
  // The CHF's network: the meters, GPF and IHD all point at it.
  for (const id of [DUAL.esme, DUAL.gsme, DUAL.gpf, DUAL.ihd]) {
    await expect(card(page, "Associated devices").getByRole("link", { name: formatEui64(id), exact: true })).toBeVisible();
  }
  const chfHistory = page.getByTestId("status-history").locator("li");
  await expect(chfHistory).toHaveCount(2);
  await expect(chfHistory.first()).toContainText("Pending → Commissioned");
  await expect(chfHistory.first()).toContainText("T8");
  await expect(chfHistory.last()).toContainText("Not in the SMI → Pending");
  await expect(chfHistory.last()).toContainText("DCC: CH added");

  // Back to the meter through its MPxN link: the same search again.
  await card(page, "Associated devices").getByRole("link", { name: formatEui64(DUAL.esme), exact: true }).click();
  await card(page, "Metering Points").getByRole("link", { name: DUAL.mpan, exact: true }).click();
  await expect(page).toHaveURL(`/smi?q=${DUAL.mpan}`);
  expect(await smiResultIds(page, 5)).toEqual(DUAL_FUEL_DEVICES);
});

test("Device ID, postcode + house number and UPRN searches find the devices; a search URL can be shared", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);

  // A Device ID typed lower-case without separators.
  await searchSmi(page, DUAL.esme.toLowerCase());
  expect(await smiResultIds(page, 1)).toEqual([formatEui64(DUAL.esme)]);
  await expect(page.getByTestId("device-count")).toHaveText("1 device");
  // ... and with separators, choosing "Device ID".
  await searchSmi(page, formatEui64(DUAL.ihd).toLowerCase(), { by: "deviceId" });
  expect(await smiResultIds(page, 1)).toEqual([formatEui64(DUAL.ihd)]);

  // The full postcode alone finds every premises there, the pending ESME at number 16 included ...
  await searchSmi(page, DUAL.postcode);
  const postcodeIds = await smiResults(page).locator("tbody tr td:first-child").allInnerTexts();
  expect(postcodeIds).toEqual(expect.arrayContaining([...DUAL_FUEL_DEVICES, formatEui64(DEMO_INVENTORY.pendingEsme.id)]));
  // ... the house number narrows it to one property.
  const houseNumber = DUAL.addressLine.split(" ")[0];
  await searchSmi(page, DUAL.postcode.toLowerCase().replace(" ", ""), { property: houseNumber });
  expect(await smiResultIds(page, 5)).toEqual(DUAL_FUEL_DEVICES);
  await expect(smiResults(page)).not.toContainText(formatEui64(DEMO_INVENTORY.pendingEsme.id));

  // A UPRN finds one property.
  await searchSmi(page, DUAL.uprn);
  expect(await smiResultIds(page, 5)).toEqual(DUAL_FUEL_DEVICES);
  await searchSmi(page, DEMO_INVENTORY.pendingEsme.uprn, { by: "uprn" });
  expect(await smiResultIds(page, 1)).toEqual([formatEui64(DEMO_INVENTORY.pendingEsme.id)]);

  // The MPRN finds the same premises.
  await searchSmi(page, DUAL.mprn);
  expect(await smiResultIds(page, 5)).toEqual(DUAL_FUEL_DEVICES);

  // Shareable: the URL alone, opened directly, shows the same results and fills the form in.
  const response = await page.goto(`/smi?q=${DUAL.mpan}`);
  expect(response?.status()).toBe(200);
  expect(await smiResultIds(page, 5)).toEqual(DUAL_FUEL_DEVICES);
  await expect(page.getByLabel("Device ID, MPAN, MPRN, postcode or UPRN")).toHaveValue(DUAL.mpan);
  // Filters narrow it, still as a URL.
  await page.goto(`/smi?q=${DUAL.mpan}&type=GSME`);
  expect(await smiResultIds(page, 1)).toEqual([formatEui64(DUAL.gsme)]);
});

test("invalid keys get a message saying what to correct; an unknown Device ID shows the empty state", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);

  // An MPAN whose check digit is wrong.
  const badMpan = `${DUAL.mpan.slice(0, 12)}${(Number(DUAL.mpan[12]) + 1) % 10}`;
  await searchSmi(page, badMpan);
  await expect(searchError(page)).toContainText("check digit");
  await expect(searchError(page)).toContainText(badMpan);
  await expect(smiResults(page)).toHaveCount(0);
  await expect(page.getByLabel("Device ID, MPAN, MPRN, postcode or UPRN")).toHaveAttribute("aria-invalid", "true");

  // Part of a postcode.
  const outward = DUAL.postcode.split(" ")[0];
  await searchSmi(page, outward);
  await expect(searchError(page)).toContainText("full postcode");
  await expect(smiResults(page)).toHaveCount(0);

  // A house number without a postcode.
  await page.goto(`/smi?property=14`);
  await expect(searchError(page)).toContainText("full postcode");

  // Malformed Device IDs: 15 hex digits, or a 'G'.
  for (const bad of [DUAL.esme.slice(0, 15), `${DUAL.esme.slice(0, 15)}G`, `${formatEui64(DUAL.esme).slice(0, -1)}G`]) {
    await searchSmi(page, bad);
    await expect(searchError(page), bad).toContainText("is not a Device ID");
    await expect(searchError(page), bad).toContainText("16 hexadecimal digits");
    await expect(smiResults(page)).toHaveCount(0);
  }
  // Choosing "Device ID" for something else is refused the same way.
  await searchSmi(page, DUAL.mpan, { by: "deviceId" });
  await expect(searchError(page)).toContainText("is not a Device ID");

  // A well-formed Device ID that is not in the SMI: no error, the empty state.
  const unknown = "0AFFFFDE0000FF01";
  await searchSmi(page, unknown);
  await expect(searchError(page)).toHaveCount(0);
  await expect(page.getByText(`No devices match “${unknown}”.`)).toBeVisible();
  await expect(page.getByText("That Device ID is not in the SMI.")).toBeVisible();
  await expect(smiResults(page)).toHaveCount(0);

  // A device page for something that is not a Device ID, or not in the SMI: 404.
  for (const url of ["/smi/devices/ZZZ", `/smi/devices/${unknown}`]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Device not in the SMI");
  }
});
