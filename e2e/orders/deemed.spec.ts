// Deemed orders (F5.13(c), CHHSM 3.7-3.9): Harbour missed an order the forecasts made mandatory, so the DCC deemed
// ORD0000006 (prisma/seed/demo-orders.ts harbourDeemed). Its page tells Harbour why and by when; orders@harbour gives
// the Delivery Location, preferred date and contacts (a weekend date refused first, keeping what was typed). Delivery
// & returns accounts and the DCC see the notice without the form; another party gets the 404 page. Mutates ORD0000006
// only (no other spec relies on it).
import type { Page } from "@playwright/test";
import { DEMO, DEMO_DELIVERY_LOCATIONS, DEMO_ORDERS, demoEmail, expect, expectOrderNotFound, openOrder, ORDER_DEMO, test } from "../support";

const ORDER = DEMO_ORDERS.harbourDeemed;
const HARBOUR = { ordering: demoEmail("orders", "harbour.demo"), deliveries: demoEmail("deliveries", "harbour.demo") };
const LOCATIONS = DEMO_DELIVERY_LOCATIONS.filter((l) => l.party === ORDER.party);
const FORM = `Confirm the delivery details of ${ORDER.ref}`;

/** The first Saturday of a "YYYY-MM" month, as YYYY-MM-DD. */
function firstSaturday(month: string): string {
  const [y, m] = month.split("-").map(Number);
  for (let day = 1; ; day++) {
    const at = new Date(Date.UTC(y, m - 1, day, 12));
    if (at.getUTCDay() === 6) return at.toISOString().slice(0, 10);
  }
}

/** The notice every viewer of the deemed order sees: why, the two deadlines, and that nothing is confirmed yet. */
async function expectOpenNotice(page: Page) {
  const notice = page.getByTestId("deemed-notice");
  await expect(notice).toContainText("so the DCC deemed this order at the compliant minimum (F5.13(c))");
  await expect(notice.getByTestId("details-due")).toContainText("(2 Working Days; until then the DCC uses the last Delivery Location)");
  await expect(notice.getByTestId("deemed-confirm-due")).toContainText("(30 days; otherwise the order is treated as cancelled and the DCC's costs are billed)");
  await expect(notice).toContainText("Not yet");
  await expect(notice.getByTestId("details-confirmed")).toHaveCount(0);
}

test("Harbour's deemed order shows why and by when; orders@harbour confirms its delivery details, a weekend date refused first", async ({ signedIn }) => {
  // Delivery & returns reads the notice but gives no details.
  const deliveries = await signedIn(HARBOUR.deliveries);
  await openOrder(deliveries, ORDER.ref);
  await expectOpenNotice(deliveries);
  await expect(deliveries.getByRole("form", { name: FORM })).toHaveCount(0);

  const page = await signedIn(HARBOUR.ordering);
  await openOrder(page, ORDER.ref);
  await expect(page.getByTestId("order-status")).toHaveText("Accepted");
  await expectOpenNotice(page);
  const deemed = page.getByTestId("timeline-entry").filter({ hasText: "Deemed order (F5.13(c))" });
  await expect(deemed).toHaveCount(1);
  await expect(deemed).toContainText("Deemed order");
  await expect(page.getByTestId("consignments")).toContainText("No consignments yet.");

  const form = page.getByRole("form", { name: FORM });
  const location = form.getByLabel("Delivery Location");
  const date = form.getByLabel("Preferred delivery date");
  // Prefilled: the Delivery Location the DCC used, its preferred date, and the signed-in account's email.
  const used = await location.inputValue();
  expect(used).not.toBe("");
  const preferred = await date.inputValue();
  const month = (await date.getAttribute("min"))!.slice(0, 7);
  expect(preferred.slice(0, 7)).toBe(month);
  await expect(form.getByLabel("Contact email for this order")).toHaveValue(HARBOUR.ordering);
  await expect(form.getByLabel("Contact phone for this order")).toHaveValue("");
  await expect(location.locator("option")).toHaveText(["Choose…", ...LOCATIONS.map((l) => `${l.name} (${l.town}, ${l.postcode})`)]);

  // Move the delivery to the other location, on a Saturday: refused, everything typed is kept.
  const usedName = (await location.locator(`option[value="${used}"]`).innerText()).trim();
  const other = LOCATIONS.find((l) => !usedName.startsWith(l.name))!;
  const otherLabel = `${other.name} (${other.town}, ${other.postcode})`;
  const phone = "0118 496 0999";
  const saturday = firstSaturday(month);
  await location.selectOption({ label: otherLabel });
  await date.fill(saturday);
  await form.getByLabel("Contact phone for this order").fill(phone);
  await form.getByRole("button", { name: "Confirm delivery details" }).click();
  await expect(form.getByTestId("form-message")).toHaveText("The preferred date must be a Working Day.");
  await expect(form.getByTestId("field-error")).toHaveText("Not a Working Day.");
  await expect(form.getByLabel("Preferred delivery date")).toHaveValue(saturday);
  await expect(form.getByLabel("Delivery Location").locator("option:checked")).toHaveText(otherLabel);
  await expect(form.getByLabel("Contact phone for this order")).toHaveValue(phone);
  await page.reload();
  await expectOpenNotice(page);

  // The Working Day the DCC had chosen: confirmed.
  await form.getByLabel("Delivery Location").selectOption({ label: otherLabel });
  await form.getByLabel("Preferred delivery date").fill(preferred);
  await form.getByLabel("Contact phone for this order").fill(phone);
  await form.getByRole("button", { name: "Confirm delivery details" }).click();
  await expect(page.getByTestId("form-message")).toHaveText(`The delivery details of ${ORDER.ref} are confirmed. The DCC raises its consignment.`);

  await page.reload();
  const notice = page.getByTestId("deemed-notice");
  await expect(notice.getByTestId("details-confirmed")).toBeVisible();
  await expect(notice).not.toContainText("Not yet");
  await expect(page.getByRole("form", { name: FORM })).toHaveCount(0);
  await expect(page.getByTestId("order-delivery")).toHaveCount(1);
  await expect(page.getByTestId("order-delivery").getByRole("heading")).toHaveText(`Delivery 1: ${other.name}`);
  await expect(page.getByText(`${phone} · ${HARBOUR.ordering}`)).toBeVisible();
  const details = page.locator('[data-testid="timeline-entry"][data-kind="details"]');
  await expect(details).toHaveCount(1);
  await expect(details).toContainText("Delivery details");
  await expect(details.locator("p")).toHaveText(new RegExp(`^Delivery details confirmed: ${other.name}, preferred \\d{1,2} \\w{3} \\d{4}\\.$`));
});

test("the DCC sees the deemed notice without the party's form; Brightwater gets the 404 page on it", async ({ signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  await openOrder(admin, ORDER.ref);
  await expect(admin.getByTestId("deemed-notice")).toContainText("so the DCC deemed this order at the compliant minimum (F5.13(c))");
  await expect(admin.getByRole("form", { name: FORM })).toHaveCount(0);

  const other = await signedIn(ORDER_DEMO.ordering);
  await expectOrderNotFound(other, ORDER.ref);
  await expect(other.getByText(ORDER.party)).toHaveCount(0);
});
