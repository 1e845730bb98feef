// Delivery Locations (CHHSM 3.4): orders@brightwater.demo adds one; a bad postcode is refused on its field and the form
// keeps what was typed; corrected, the location is listed. Mutates: adds a uniquely named Brightwater location.
import { expect, ORDER_DEMO, signIn, test, uniqueSuffix } from "../support";

test("a Delivery Location with a bad postcode is refused on the field; corrected, it is listed", async ({ page }) => {
  const name = `E2E Depot ${uniqueSuffix()}`;
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders/locations");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delivery Locations");
  const form = page.getByRole("form", { name: "Add a Delivery Location" });
  const fields: Record<string, string> = {
    name,
    addressLine: "Unit 1, Test Business Park",
    town: "Coventry",
    postcode: "NOT A POSTCODE",
    operatingHours: "Mon-Fri 08:00-16:00",
    contactName: "Eve Tester",
    contactEmail: "e2e-depot@e2e.test",
    contactPhone: "024 7600 0000",
  };
  for (const [field, value] of Object.entries(fields)) await form.locator(`input[name="${field}"]`).fill(value);
  await form.getByRole("button", { name: "Add Delivery Location" }).click();

  await expect(form.getByTestId("postcode-error")).toHaveText("Enter a full UK postcode, e.g. CV4 8DE.");
  await expect(form.locator('input[name="postcode"]')).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByTestId("error-summary").getByRole("link", { name: "Enter a full UK postcode, e.g. CV4 8DE." })).toHaveAttribute("href", "#postcode");
  // What was typed is kept; nothing was added.
  await expect(form.locator('input[name="name"]')).toHaveValue(name);
  await expect(form.locator('input[name="contactPhone"]')).toHaveValue(fields.contactPhone);
  await expect(page.getByTestId("location-name").filter({ hasText: name })).toHaveCount(0);

  await form.locator('input[name="postcode"]').fill("cv1 2ab");
  await form.getByRole("button", { name: "Add Delivery Location" }).click();
  await expect(form.getByTestId("form-message")).toHaveText(`Delivery Location "${name}" added.`);
  const row = page.locator("tbody tr").filter({ has: page.getByTestId("location-name").filter({ hasText: name }) });
  await expect(row).toHaveCount(1);
  // Stored normalised.
  await expect(row).toContainText("CV1 2AB");
  await page.reload();
  await expect(page.getByTestId("location-name").filter({ hasText: name })).toHaveCount(1);

  // It is offered on the order form.
  await page.goto("/orders/new");
  await expect(page.locator('select[name="location0"] option').filter({ hasText: name })).toHaveCount(1);
});
