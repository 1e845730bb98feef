// "Raise an incident about this device" on the device page: user@brightwater.demo (the Responsible Supplier) lands on
// the incident form with the Device ID, its MPAN and a summary to finish already filled in. Mutates nothing.
import { formatEui64 } from "@/lib/identifiers";
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, expect, signIn, test } from "../support";

const ESME = DEMO_INVENTORY.dualFuel.esme;

test("the device page's 'Raise an incident about this device' opens the incident form pre-filled with the device", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.goto(`/smi/devices/${ESME}`);
  // The everyday action sits in the header; the ones that end the record are apart, below the everyday requests.
  await page.getByRole("link", { name: "Raise an incident about this device" }).click();

  await expect(page).toHaveURL(/\/incidents\/new\?/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Raise an incident");
  const form = page.getByRole("form", { name: "Raise an incident" });
  await expect(form.getByLabel("Device ID (optional)")).toHaveValue(ESME);
  await expect(form.getByLabel("MPxN (optional)")).toHaveValue(DEMO_INVENTORY.dualFuel.mpan);
  await expect(form.getByLabel("Summary", { exact: true })).toHaveValue(`ESME ${formatEui64(ESME)}: `);
  // The contact is the signed-in user, as on the plain form.
  await expect(form.getByLabel("Contact organisation")).toHaveValue("Brightwater Energy");
});
