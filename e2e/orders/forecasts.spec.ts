// Forecasts (F5.2-F5.6): orders@brightwater.demo submits this month's forecast from the prefilled grid and lands on the
// new forecast (FC…); its CSV download has the import header and every cell; a CSV with a bad row is refused with a
// message naming the row. Mutates: adds a Brightwater forecast for the ordering month (the order tolerance reads the
// forecasts of 5 and 2 months before it, so the order spec is unaffected).
import { expect, ORDER_DEMO, signIn, test } from "../support";

const HEADER = "month,region,han_variant,quantity";
/** 24 months: the first 10 per HAN Variant (2) in each Region (3), the rest a total per Region. */
const CELLS = 10 * 3 * 2 + 14 * 3;

test("orders@brightwater submits the prefilled forecast grid, downloads it as CSV, and a bad CSV row is refused", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders/forecasts");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CH forecasts");
  const grid = page.getByRole("form", { name: "Forecast grid" });
  const inputs = grid.locator('input[name^="cell:"]');
  await expect(inputs).toHaveCount(CELLS);
  // Prefilled from Brightwater's latest (seeded) forecast.
  await expect(page.getByTestId("forecast-prefill")).toContainText(/(Prefilled from your latest forecast|Your current forecast) FC\d{7}/);
  const values = await inputs.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  expect(values.filter((v) => v !== "").length).toBeGreaterThan(CELLS / 2);

  // Change one cell, then submit.
  const first = inputs.first();
  const [month, region, hanVariant] = ((await first.getAttribute("name")) ?? "").slice("cell:".length).split("|");
  await first.fill("4321");
  // Cells the prefill left empty are highlighted and must be filled: submitted empty, they are refused as missing.
  const unfilled = grid.locator("input[data-unfilled]");
  const empty = await unfilled.count();
  if (empty) {
    await expect(page.getByTestId("unfilled-cells")).toContainText(`${empty} cell`);
    await grid.getByRole("button", { name: /^Submit the .+ forecast$/ }).click();
    await expect(grid.getByTestId("error-summary")).toBeFocused();
    await expect(grid.getByTestId("error-summary-list")).toContainText(`${empty} cells are missing`);
    while (await unfilled.count()) await unfilled.first().fill("0");
  }
  await expect(page.getByTestId("unfilled-cells")).toHaveText("Every cell is filled.");
  await grid.getByRole("button", { name: /^Submit the .+ forecast$/ }).click();
  await page.waitForURL(/\/orders\/forecasts\/FC\d{7}\?submitted=1$/);
  const ref = /\/forecasts\/(FC\d{7})/.exec(page.url())![1];
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Forecast ${ref}`);
  await expect(page.getByTestId("submitted-banner")).toContainText(`Forecast ${ref} received`);

  // Its CSV: the import header, then every cell once, including the changed one.
  await expect(page.getByTestId("forecast-csv")).toHaveAttribute("href", `/orders/forecasts/export?ref=${ref}`);
  const response = await page.request.get(`/orders/forecasts/export?ref=${ref}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect(response.headers()["content-disposition"]).toContain(`forecast-${ref}.csv`);
  const csv = await response.text();
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe(HEADER);
  expect(lines).toHaveLength(CELLS + 1);
  expect(lines).toContain(`${month},${region},${hanVariant},4321`);

  // Listed, and now "your current forecast" on the grid page.
  await page.goto("/orders/forecasts");
  await expect(page.getByTestId("forecast-ref").filter({ hasText: ref })).toHaveCount(1);
  await expect(page.getByTestId("forecast-prefill")).toContainText(`Your current forecast ${ref}`);

  // Import the same file with one bad row: refused, the problem names the row, nothing is added.
  const bad = [...lines];
  bad[3] = bad[3].replace(/,\d+$/, ",-5");
  const importForm = page.getByRole("form", { name: "Import a forecast CSV" });
  await importForm.locator('input[type="file"]').setInputFiles({ name: "forecast.csv", mimeType: "text/csv", buffer: Buffer.from(bad.join("\n") + "\n") });
  await importForm.getByRole("button", { name: "Import CSV and submit" }).click();
  // The bad row is dropped, so its cell is also reported missing.
  const summary = importForm.getByTestId("error-summary");
  await expect(summary).toContainText("There is a problem");
  await expect(summary).toContainText("The forecast has 2 problem(s): row 3: A quantity cannot be negative.");
  await expect(summary.locator("li")).toHaveText(["row 3: A quantity cannot be negative.", /^1 cells are missing, the first \d{4}-\d{2} [A-Z]+ [A-Z_]+\.$/]);
  // The refused file stays chosen, to import again once fixed.
  expect(await importForm.locator('input[type="file"]').evaluate((el: HTMLInputElement) => el.files?.[0]?.name)).toBe("forecast.csv");
  await expect(page).toHaveURL(/\/orders\/forecasts$/);
  await page.reload();
  await expect(page.getByTestId("forecast-prefill")).toContainText(`Your current forecast ${ref}`);
});
