// SR 12.2 Device Pre-Notification from the portal (inventory.md §6 AC 1, 3, 4): a supplier adds a new ESME (Pending,
// history T1) and an IHD (Type 2: no model, no status); the same Device ID twice is refused. Every run uses fresh
// random Device IDs, so no other test sees these devices.
import type { Page } from "@playwright/test";
import { modelLabel } from "@/components/smi/models";
import { formatEui64 } from "@/lib/identifiers";
import { CPL_MODELS, DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, card, demoPartyName, deviceHeaderStatus, expect, randomEui64, searchSmi, signIn, smiResultIds, srSection, test } from "../support";

const ESME_MODEL = CPL_MODELS.find((m) => m.model === DEMO_INVENTORY.dualFuel.esmeModel)!;
const REMOVED_GSME_MODEL = CPL_MODELS.find((m) => m.model === DEMO_INVENTORY.removedModelWithoutDevices.model)!;
const SUPPLIER = demoPartyName("brightwater.demo");

const form = (page: Page) => page.getByRole("form", { name: "SR 12.2 Device Pre-Notification" });

async function fillPreNotify(page: Page, fields: { deviceId: string; deviceType: string; model?: string; description?: string }) {
  await page.goto("/smi/pre-notify");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pre-notify a device (SR 12.2)");
  await form(page).getByLabel("Device ID").fill(fields.deviceId);
  await form(page).getByLabel("Device Type").selectOption(fields.deviceType);
  if (fields.model) await form(page).getByLabel("Device Model").selectOption({ label: fields.model });
  if (fields.description) await form(page).getByLabel("Description (optional)").fill(fields.description);
}

const submit = (page: Page) => form(page).getByRole("button", { name: "Pre-notify device" }).click();

test("a supplier pre-notifies a new ESME: Pending with T1 in its history; the same Device ID again is refused", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  // The search page offers the pre-notification.
  await page.goto("/smi");
  await page.getByRole("link", { name: "Pre-notify a device (SR 12.2)" }).click();
  await expect(page).toHaveURL(/\/smi\/pre-notify$/);

  const id = randomEui64();
  // Typed lower-case with separators: stored canonical.
  await fillPreNotify(page, { deviceId: formatEui64(id).toLowerCase(), deviceType: "ESME", model: modelLabel(ESME_MODEL), description: "E2E hallway cupboard" });
  await submit(page);

  await expect(page).toHaveURL(new RegExp(`/smi/devices/${id}\\?created=1$`));
  await expect(page.getByTestId("created-banner")).toHaveText("Device pre-notified: SMI Status Pending.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`ESME ${formatEui64(id)}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Pending");
  const attributes = card(page, "Device");
  await expect(attributes).toContainText(ESME_MODEL.model);
  await expect(attributes).toContainText(ESME_MODEL.manufacturer);
  await expect(attributes).toContainText("E2E hallway cupboard");
  await expect(attributes).toContainText("Pending since");
  await expect(attributes).toContainText(SUPPLIER); // pre-notified by
  const history = page.getByTestId("status-history").locator("li");
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText("Not in the SMI → Pending");
  await expect(history.first()).toContainText("T1");
  await expect(history.first()).toContainText("SR 12.2 Device Pre-Notification");
  await expect(history.first()).toContainText(SUPPLIER);
  // The pre-notifying party may still edit or delete the Pending record.
  await expect(srSection(page, "SR 8.4 Update Inventory: device details")).toBeVisible();
  await expect(srSection(page, "SR 8.4 Update Inventory: delete the record")).toBeVisible();

  // It is in the SMI: a search finds it.
  await searchSmi(page, id);
  expect(await smiResultIds(page, 1)).toEqual([formatEui64(id)]);

  // The same Device ID again (this time as an ESME of another model) is refused; the form keeps what was typed.
  const otherModel = CPL_MODELS.find((m) => m.deviceType === "ESME" && m.status === "CURRENT" && m.model !== ESME_MODEL.model && m.weight > 0)!;
  await fillPreNotify(page, { deviceId: id, deviceType: "ESME", model: modelLabel(otherModel) });
  await submit(page);
  await expect(form(page).getByTestId("form-message")).toContainText("is already in the SMI");
  await expect(form(page).getByTestId("form-message")).toContainText(formatEui64(id));
  await expect(form(page).getByTestId("deviceId-error")).toHaveText("This Device ID is already in the SMI.");
  await expect(form(page).getByLabel("Device ID")).toHaveValue(id);
  await expect(page).toHaveURL(/\/smi\/pre-notify$/);

  // The existing record is unchanged.
  await page.goto(`/smi/devices/${id}`);
  await expect(deviceHeaderStatus(page)).toHaveText("Pending");
  await expect(card(page, "Device")).toContainText(ESME_MODEL.model);
  await expect(page.getByTestId("status-history").locator("li")).toHaveCount(1);
});

test("an IHD is pre-notified without a model and has no SMI Status; a removed model is refused", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);

  const ihd = randomEui64();
  await fillPreNotify(page, { deviceId: ihd, deviceType: "IHD" });
  // Type 2: no Device Model to choose.
  await expect(form(page).getByTestId("type-2-note")).toBeVisible();
  await expect(form(page).getByLabel("Device Model")).toHaveCount(0);
  await submit(page);

  await expect(page).toHaveURL(new RegExp(`/smi/devices/${ihd}\\?created=1$`));
  await expect(page.getByTestId("created-banner")).toHaveText("Device pre-notified: Type 2 devices have no SMI Status.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`IHD ${formatEui64(ihd)}`);
  await expect(deviceHeaderStatus(page)).toHaveCount(0);
  await expect(page.getByText("Type 2 device: no SMI Status")).toBeVisible();
  await expect(card(page, "CPL entry")).toContainText("Type 2 devices need no CPL entry.");
  await expect(card(page, "SMI Status history")).toContainText("Type 2 devices have no SMI Status.");
  await expect(page.getByTestId("status-history")).toHaveCount(0);

  // A model marked removed on the CPL is not even offered; a GSME without a model is refused with a field error.
  const gsme = randomEui64();
  await fillPreNotify(page, { deviceId: gsme, deviceType: "GSME" });
  await expect(form(page).getByLabel("Device Model").locator("option", { hasText: REMOVED_GSME_MODEL.model })).toHaveCount(0);
  await submit(page);
  await expect(form(page).getByTestId("modelId-error")).toHaveText("Choose a Device Model.");
  await expect(page).toHaveURL(/\/smi\/pre-notify$/);
  const response = await page.goto(`/smi/devices/${gsme}`);
  expect(response?.status()).toBe(404);
});
