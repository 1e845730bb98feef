// Editing and removing Delivery Locations: orders@brightwater.demo adds one, edits it, then removes it after
// confirming; a location its open orders use cannot be removed (the reason is given); Northgate's location is 404 to
// Brightwater. Mutates: a uniquely named Brightwater location, added then removed.
import { expect, expectNotFound, ORDER_DEMO, test, uniqueSuffix } from "../support";

test("a Delivery Location is edited, then removed after a confirmation; one in use stays, with the reason", async ({ signedIn }) => {
  const page = await signedIn(ORDER_DEMO.ordering);
  const name = `E2E Yard ${uniqueSuffix()}`;
  await page.goto("/orders/locations");
  const add = page.getByRole("form", { name: "Add a Delivery Location" });
  const fields: Record<string, string> = {
    name,
    addressLine: "Unit 7, Test Business Park",
    town: "Coventry",
    postcode: "CV1 2AB",
    operatingHours: "Mon-Fri 08:00-16:00",
    contactName: "Eve Tester",
    contactEmail: "e2e-yard@e2e.test",
    contactPhone: "024 7600 0001",
  };
  for (const [field, value] of Object.entries(fields)) await add.locator(`input[name="${field}"]`).fill(value);
  await add.getByRole("button", { name: "Add Delivery Location" }).click();
  await expect(add.getByTestId("form-message")).toHaveText(`Delivery Location "${name}" added.`);

  await page.getByRole("link", { name: `Edit or remove ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  const edit = page.getByRole("form", { name: "Edit the Delivery Location" });
  await expect(edit.locator('input[name="contactName"]')).toHaveValue("Eve Tester");
  await edit.locator('input[name="town"]').fill("Kenilworth");
  await edit.locator('input[name="contactName"]').fill("Rhys Morgan");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByTestId("form-message")).toHaveText(`Delivery Location "${name}" saved.`);
  await page.goto("/orders/locations");
  const row = page.locator("tbody tr").filter({ has: page.getByTestId("location-name").filter({ hasText: name }) });
  await expect(row).toContainText("Kenilworth");
  await expect(row).toContainText("Rhys Morgan");

  // Removing asks once more; then the list says so and no longer has it.
  await row.getByRole("link", { name: `Edit or remove ${name}` }).click();
  const remove = page.getByRole("form", { name: "Remove the Delivery Location" });
  await remove.getByRole("button", { name: "Remove this Delivery Location…" }).click();
  await remove.getByRole("group", { name: "Remove this Delivery Location…" }).getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page).toHaveURL(/\/orders\/locations\?removed=/);
  await expect(page.getByTestId("removed-banner")).toContainText(name);
  await expect(page.getByTestId("location-name").filter({ hasText: name })).toHaveCount(0);

  // A seeded location is on Brightwater's orders: removing it is refused with the reason, and it stays.
  const seeded = page.locator("tbody tr").first();
  const seededName = (await seeded.getByTestId("location-name").textContent())!;
  await seeded.getByRole("link", { name: /^Edit or remove/ }).click();
  await remove.getByRole("button", { name: "Remove this Delivery Location…" }).click();
  await remove.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(remove.getByTestId("form-message")).toContainText(`"${seededName}" cannot be removed`);
  await page.goto("/orders/locations");
  await expect(page.getByTestId("location-name").filter({ hasText: seededName })).toHaveCount(1);
});

test("another party's Delivery Location is 404, to see or edit", async ({ signedIn }) => {
  const northgate = await signedIn(ORDER_DEMO.otherOrdering);
  await northgate.goto("/orders/locations");
  const href = await northgate.getByRole("link", { name: /^Edit or remove/ }).first().getAttribute("href");
  expect(href).toMatch(/^\/orders\/locations\/[^/]+$/);

  const brightwater = await signedIn(ORDER_DEMO.ordering);
  await expectNotFound(brightwater, href!);
});
