// Forms that tell you before you submit, and charts with their figures: the new-order form shows each HAN Variant's
// tolerance (from the seeded forecasts of 10 and 7 months before, DEMO_ORDERS.brightwaterCentralToday) live as
// quantities are typed; a refused order lists every error at once in the error summary, each a link that focuses its
// field; the orders page's chart carries its figures as captioned tables. Mutates nothing.
import { DEMO_ORDERS, expect, ORDER_DEMO, signIn, test } from "../support";

const CENTRAL = DEMO_ORDERS.brightwaterCentralToday;
const formatted = (n: number) => n.toLocaleString("en-GB");

test("the new-order form shows each HAN Variant's tolerance and where the typed quantities stand against it", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders/new");
  const form = page.getByRole("form", { name: "New CH order" });
  await form.locator('select[name="region"]').selectOption("CENTRAL");

  const single = form.getByTestId("tolerance-SINGLE_BAND");
  const dual = form.getByTestId("tolerance-DUAL_BAND");
  const { minimum, maximum } = CENTRAL.compliant.SINGLE_BAND;
  await expect(single.getByTestId("tolerance-minimum")).toHaveText(formatted(minimum));
  await expect(single.getByTestId("tolerance-maximum")).toHaveText(formatted(maximum));
  await expect(dual.getByTestId("tolerance-minimum")).toHaveText(formatted(CENTRAL.compliant.DUAL_BAND.minimum));
  await expect(single.getByTestId("tolerance-ordered")).toHaveText("0");
  await expect(single.getByTestId("tolerance-verdict")).toHaveText(`${formatted(minimum)} under the minimum`);

  // Typed over two deliveries and two single-band variants (mesh counts as single band): the sum is what counts.
  const delivery1 = form.getByTestId("delivery-1");
  await delivery1.getByLabel("Delivery 1: Central CH, single band").fill(String(maximum));
  await form.getByTestId("delivery-2").getByLabel(/^Delivery 2: Central .*mesh/i).fill("20");
  await expect(single.getByTestId("tolerance-ordered")).toHaveText(formatted(maximum + 20));
  await expect(single.getByTestId("tolerance-verdict")).toHaveText("20 over the maximum");
  await delivery1.getByLabel("Delivery 1: Central CH, single band").fill(String(minimum));
  await expect(single.getByTestId("tolerance-verdict")).toHaveText("Within tolerance");
});

test("a refused order lists every error at once, and each link takes focus to its field", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders/new");
  const form = page.getByRole("form", { name: "New CH order" });
  await form.locator('select[name="region"]').selectOption("CENTRAL");
  // A quantity with no Delivery Location or date, and no contact phone; past the browser's own checks.
  await form.getByTestId("delivery-1").getByLabel("Delivery 1: Central CH, single band").fill("10");
  await form.locator('input[name="contactPhone"]').fill("");
  await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
  await form.getByRole("button", { name: "Submit order" }).click();

  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading")).toHaveText("There is a problem");
  const links = summary.getByRole("link");
  await expect(links).toHaveText(["Choose a Delivery Location.", "Give a preferred delivery date as YYYY-MM-DD.", "Give a contact phone number for this order."]);

  await links.filter({ hasText: "contact phone" }).click();
  await expect(form.locator('input[name="contactPhone"]')).toBeFocused();
  await links.filter({ hasText: "Delivery Location" }).click();
  await expect(form.locator('select[name="location0"]')).toBeFocused();
  // What was typed stays.
  await expect(form.getByTestId("delivery-1").getByLabel("Delivery 1: Central CH, single band")).toHaveValue("10");
});

test("the orders chart sits above the orders table and gives its figures as captioned tables", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders");
  const chart = page.getByTestId("forecast-chart");
  // Above the orders table, one chart per Region, each an image named for what it shows.
  expect((await chart.boundingBox())!.y).toBeLessThan((await page.getByRole("table", { name: /^CH orders/ }).boundingBox())!.y);
  await expect(chart.getByRole("img")).toHaveCount(3);
  await chart.getByTestId("chart-CENTRAL").getByText("Show the figures as a table").click();
  const central = page.getByRole("table", { name: "Forecast, ordered and delivered CHs per month, Central Region" });
  await expect(central).toBeVisible();
  await expect(central.getByRole("columnheader")).toHaveText(["Month", "Forecast", "Ordered", "Delivered"]);
  await expect(central.locator("tbody tr")).toHaveCount(18);
});
