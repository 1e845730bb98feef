// Placing a CH order (F5.8): orders@brightwater.demo orders Central CHs for the Delivery Month shown on the form, within
// the tolerance of the seeded forecasts (DEMO_ORDERS.brightwaterCentralToday), and lands on its order page with the
// tolerance table: submitted and compliant before the month's deadline; after it (the month's last week), late, so
// stored not compliant for the DCC to decide by the month's end (service.md §7 scenario 2). A second Central order the
// same month is refused (one per Region per month); a quantity not in whole cartons is blocked by the browser and
// refused by the server. Mutates: creates Brightwater's Central order for this month (no other spec relies on it; the
// cancellation spec uses ORD0000003).
import type { Page } from "@playwright/test";
import { formatLondon, isWorkingDay } from "@/lib/clock";
import { isPastDeadline, monthEnd, monthOf } from "@/lib/orders/calendar";
import { DEMO_DELIVERY_LOCATIONS, DEMO_ORDERS, expect, ORDER_DEMO, signIn, test } from "../support";

const CENTRAL = DEMO_ORDERS.brightwaterCentralToday;
const [COVENTRY, LEEDS] = DEMO_ORDERS.brightwaterLocations.map((name) => DEMO_DELIVERY_LOCATIONS.find((l) => l.name === name)!);
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A whole-carton quantity in the middle of a compliant range. */
const midCartons = ({ minimum, maximum }: { minimum: number; maximum: number }) => Math.round((minimum + maximum) / 20) * 10;
const SINGLE = midCartons(CENTRAL.compliant.SINGLE_BAND);
const DUAL = midCartons(CENTRAL.compliant.DUAL_BAND);

/** As the order form shows a location: "<name> — <town>, <postcode>". */
const locationLabel = (l: { name: string; town: string; postcode: string }) => `${l.name} — ${l.town}, ${l.postcode}`;
const formatted = (n: number) => n.toLocaleString("en-GB");

/** The Delivery Month the form shows ("December 2026") as "2026-12". */
async function shownDeliveryMonth(page: Page): Promise<string> {
  const text = (await page.getByTestId("delivery-month").innerText()).trim();
  const match = /^(\w+) (\d{4})$/.exec(text);
  const month = match ? MONTHS.indexOf(match[1]) + 1 : 0;
  if (!match || !month) throw new Error(`Unexpected Delivery Month "${text}"`);
  return `${match[2]}-${String(month).padStart(2, "0")}`;
}

/** The first Tuesday-Thursday Working Day of the month on/after the first clear day (clear of bank holidays too). */
function preferredDate(month: string): string {
  const [y, m] = month.split("-").map(Number);
  for (let day = CENTRAL.firstClearDay; day <= 31; day++) {
    const at = new Date(Date.UTC(y, m - 1, day, 12));
    if (at.getUTCMonth() !== m - 1) break;
    if (at.getUTCDay() >= 2 && at.getUTCDay() <= 4 && isWorkingDay(at)) return at.toISOString().slice(0, 10);
  }
  throw new Error(`No Tuesday-Thursday Working Day in ${month} from the ${CENTRAL.firstClearDay}th`);
}

interface OrderFields {
  location: { name: string; town: string; postcode: string };
  date: string;
  single: number | string;
  dual: number | string;
}

/** On /orders/new: the Central Region, one delivery, a contact phone; returns the form (not yet submitted). */
async function fillCentralOrder(page: Page, fields: OrderFields) {
  const form = page.getByRole("form", { name: "New CH order" });
  await form.locator('select[name="region"]').selectOption("CENTRAL");
  const delivery = form.getByTestId("delivery-1");
  await delivery.locator('select[name="location0"]').selectOption({ label: locationLabel(fields.location) });
  await delivery.locator('input[name="date0"]').fill(fields.date);
  await delivery.getByLabel("Delivery 1: Central CH, single band").fill(String(fields.single));
  await delivery.getByLabel("Delivery 1: Central CH, dual band").fill(String(fields.dual));
  await form.locator('input[name="contactPhone"]').fill("024 7655 0199");
  return form;
}

async function openNewOrder(page: Page) {
  await page.goto("/orders/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New CH order");
  const month = await shownDeliveryMonth(page);
  return { month, date: preferredDate(month) };
}

/** After this month's deadline an order is late; the form says so before anything is submitted. */
async function expectWindow(page: Page, late: boolean) {
  if (late) await expect(page.getByTestId("late-window")).toContainText(`the DCC decides on them by ${formatLondon(monthEnd(monthOf(new Date())))}`);
  else await expect(page.getByTestId("late-window")).toHaveCount(0);
}

test("a quantity not in whole cartons is blocked by the browser and refused by the order rules", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  const { date } = await openNewOrder(page);
  const form = await fillCentralOrder(page, { location: COVENTRY, date, single: SINGLE + 5, dual: DUAL });
  const single = form.getByLabel("Delivery 1: Central CH, single band");
  await expect(single).toHaveAttribute("step", "10");

  // The browser's step check stops the submission: nothing is sent.
  await form.getByRole("button", { name: "Submit order" }).click();
  expect(await single.evaluate((el: HTMLInputElement) => el.validity.stepMismatch)).toBe(true);
  await expect(page).toHaveURL(/\/orders\/new$/);
  await expect(page.getByTestId("error-summary")).toHaveCount(0);

  // Past the browser (noValidate), the rule refuses it with the carton message on the form and on the quantity.
  await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
  await form.getByRole("button", { name: "Submit order" }).click();
  const message = "Central CH, single band: order whole cartons of 10.";
  await expect(page.getByTestId("error-summary")).toContainText(message);
  await expect(page).toHaveURL(/\/orders\/new$/);
  // The refused form keeps what was typed.
  await expect(single).toHaveValue(String(SINGLE + 5));
  await expect(form.locator('select[name="location0"]')).not.toHaveValue("");
  await expect(form.locator('input[name="date0"]')).toHaveValue(date);
});

test("orders@brightwater places a Central order within tolerance (compliant, or late after the deadline); a second one the same month is refused", async ({ page }) => {
  const late = isPastDeadline(new Date());
  await signIn(page, ORDER_DEMO.ordering);
  const { month, date } = await openNewOrder(page);
  await expectWindow(page, late);
  const form = await fillCentralOrder(page, { location: COVENTRY, date, single: SINGLE, dual: DUAL });
  await expect(form.getByTestId("delivery-1-total")).toContainText(formatted(SINGLE + DUAL));
  await form.getByRole("button", { name: "Submit order" }).click();

  await page.waitForURL(/\/orders\/ORD\d{7}\?submitted=1$/);
  const ref = /\/orders\/(ORD\d{7})/.exec(page.url())![1];
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${ref}`);
  if (late) {
    // Scenario 2: within the tolerance, yet stored not compliant, for the DCC to decide by the month's end.
    await expect(page.getByTestId("submitted-banner")).toContainText(
      `Order ${ref} received after the month's deadline: it is late (F5.14), so not compliant. The DCC decides on it by ${formatLondon(monthEnd(monthOf(new Date())))}.`,
    );
    await expect(page.getByTestId("late-order")).toBeVisible();
    await expect(page.getByTestId("order-status")).toHaveText("Not compliant (DCC deciding)");
    await expect(page.getByTestId("order-compliant")).toHaveText("Not compliant: late");
    await expect(page.getByTestId("answer-due")).toContainText(`${formatLondon(monthEnd(monthOf(new Date())))}: decision (end of the month of receipt)`);
  } else {
    await expect(page.getByTestId("submitted-banner")).toContainText(`Order ${ref} received: it is compliant with your forecasts.`);
    await expect(page.getByTestId("late-order")).toHaveCount(0);
    await expect(page.getByTestId("order-status")).toHaveText("Submitted");
    await expect(page.getByTestId("order-compliant")).toHaveText("Compliant");
  }
  await expect(page.getByTestId("order-total")).toHaveText(formatted(SINGLE + DUAL));
  const [y, m] = month.split("-").map(Number);
  await expect(page.getByText(`Brightwater Energy · Central Region · Delivery Month ${MONTHS[m - 1]} ${y}`)).toBeVisible();
  const delivery = page.getByTestId("order-delivery");
  await expect(delivery).toHaveCount(1);
  await expect(delivery).toContainText(COVENTRY.name);
  await expect(delivery.getByTestId("preferred-date")).toContainText(`${Number(date.slice(8))} ${MONTHS[m - 1]} ${y}`);

  // The tolerance table: F10 / F7 / MIN / MAX / Ordered per HAN Variant, both compliant.
  const table = page.getByTestId("tolerance-checks");
  await expect(table.locator("thead th")).toHaveText(["HAN Variant", "F10", "F7", "MIN", "MAX", "Ordered", "Compliant"]);
  for (const [variant, ordered] of [["SINGLE_BAND", SINGLE], ["DUAL_BAND", DUAL]] as const) {
    const { minimum, maximum } = CENTRAL.compliant[variant];
    await expect(table.getByTestId(`check-${variant}`).locator("td")).toHaveText([
      formatted(CENTRAL.f10[variant]),
      formatted(CENTRAL.f7[variant]),
      formatted(minimum),
      formatted(maximum),
      formatted(ordered),
      "Yes",
    ]);
  }
  await expect(page.getByTestId("timeline-entry")).toHaveCount(1);
  await expect(page.getByTestId("timeline-entry")).toContainText("Submitted");
  // A submitted order is not cancellable yet.
  await expect(page.getByRole("form", { name: "Cancel the order" })).toHaveCount(0);

  // Listed on /orders.
  await page.goto("/orders");
  await expect(page.getByTestId("order-ref").filter({ hasText: ref })).toHaveCount(1);
  const listed = await page.getByTestId("order-ref").allInnerTexts();

  // A second Central order for the same month (another location, so no weekly-delivery clash) is refused.
  await openNewOrder(page);
  const second = await fillCentralOrder(page, { location: LEEDS, date, single: SINGLE, dual: DUAL });
  await second.getByRole("button", { name: "Submit order" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("You already have an order for the Central Region this month: at most one order per Region per month.");
  await expect(page.getByTestId("region-error")).toHaveText("Already ordered this month.");
  await expect(page).toHaveURL(/\/orders\/new$/);
  // Nothing was added.
  await page.goto("/orders");
  await expect(page.getByTestId("order-ref")).toHaveText(listed);
});
