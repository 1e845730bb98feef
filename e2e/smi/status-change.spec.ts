// SR 8.4 Update Inventory, status function (inventory.md §6 AC 9): only the Responsible Supplier moves a Pending ESME
// to Installed not Commissioned. Another supplier's request is refused and changes nothing. One test, in this order:
// the refusal needs the ESME still Pending, and the success changes it for the rest of the run.
import type { Page } from "@playwright/test";
import { formatEui64 } from "@/lib/identifiers";
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, demoPartyName, deviceHeaderStatus, expect, signIn, srSection, test } from "../support";

const PENDING = DEMO_INVENTORY.pendingEsme;
const STATUS_FORM = "SR 8.4 Update Inventory: SMI Status";

async function requestStatus(page: Page, status: string) {
  const section = srSection(page, STATUS_FORM);
  await section.getByLabel("New SMI Status").selectOption({ label: status });
  await section.getByRole("button", { name: "Update SMI Status" }).click();
  return section.getByTestId("form-message");
}

test("a non-responsible supplier's SR 8.4 status change is refused; the Responsible Supplier's succeeds", async ({ page, signedIn }) => {
  // Northgate Power supplies neither this MPAN nor the device: it may read the device, its request is refused.
  const other = await signedIn(DEMO.otherSupplierUser);
  await other.goto(`/smi/devices/${PENDING.id}`);
  await expect(other.getByRole("heading", { level: 1 })).toHaveText(`ESME ${formatEui64(PENDING.id)}`);
  await expect(deviceHeaderStatus(other)).toHaveText("Pending");
  const refusal = await requestStatus(other, "Installed not Commissioned");
  await expect(refusal).toContainText("only by the Responsible Supplier");
  await expect(refusal).toContainText(`${demoPartyName("northgate.demo")} is not the registered supplier for device ${formatEui64(PENDING.id)}`);
  // Nothing changed.
  await other.reload();
  await expect(deviceHeaderStatus(other)).toHaveText("Pending");
  await expect(other.getByTestId("status-history").locator("li")).toHaveCount(1);
  // A Commissioned ESME offers no SR 8.4 status change at all (T13 is SR 8.1.1's).
  await other.goto(`/smi/devices/${DEMO_INVENTORY.dualFuel.esme}`);
  await expect(deviceHeaderStatus(other)).toHaveText("Commissioned");
  await expect(other.getByTestId("service-requests")).toBeVisible();
  await expect(srSection(other, STATUS_FORM)).toHaveCount(0);

  // Brightwater, the Responsible Supplier: Pending → Installed not Commissioned (T5).
  await signIn(page, DEMO.supplierUser);
  await page.goto(`/smi/devices/${PENDING.id}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Pending");
  const done = await requestStatus(page, "Installed not Commissioned");
  await expect(done).toHaveText("SMI Status updated to Installed not Commissioned (T5).");
  await expect(deviceHeaderStatus(page)).toHaveText("Installed not Commissioned");
  const history = page.getByTestId("status-history").locator("li");
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText("Pending → Installed not Commissioned");
  await expect(history.first()).toContainText("T5");
  await expect(history.first()).toContainText(demoPartyName("brightwater.demo"));
  await expect(history.last()).toContainText("Not in the SMI → Pending");

  // It stays so after a reload, and the other supplier sees the new status too.
  await page.reload();
  await expect(deviceHeaderStatus(page)).toHaveText("Installed not Commissioned");
  await other.goto(`/smi/devices/${PENDING.id}`);
  await expect(deviceHeaderStatus(other)).toHaveText("Installed not Commissioned");
});
