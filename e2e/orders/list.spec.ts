// The orders list's filters and CSV export: orders@brightwater filters its orders by status and Region, downloads
// the filtered list as CSV, and a filter nothing matches shows the empty state with a way back. Mutates nothing.
import fs from "node:fs";
import { DEMO_ORDERS, expect, ORDER_DEMO, signIn, test } from "../support";

const REJECTED = DEMO_ORDERS.brightwaterRejected;

/** The export quotes only when needed; no value here holds a comma or a quote. */
const parseCsv = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));

test("orders@brightwater filters its orders by status and Region and downloads them as CSV", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders");
  const filters = page.getByRole("search");
  await filters.getByLabel("Status").selectOption({ label: "Rejected" });
  await filters.getByLabel("Region").selectOption({ label: "South" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]status=REJECTED/);

  const refs = await page.getByTestId("order-ref").allInnerTexts();
  expect(refs).toContain(REJECTED.ref);
  for (const status of await page.getByTestId("order-status").allInnerTexts()) expect(status).toBe("Rejected");
  await expect(page.getByTestId("orders-count")).toContainText("matching the filters");

  const link = page.getByTestId("orders-export");
  await expect(link).toHaveAttribute("href", /^\/orders\/export\?region=SOUTH&status=REJECTED$/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^ch-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(fs.readFileSync(await download.path(), "utf8"));
  expect(header).toEqual(["order_ref", "party", "region", "submission_month", "delivery_month", "chs", "compliant", "late", "deemed", "status", "submitted_at", "dcc_answer_due"]);
  expect(rows.map((r) => r[0]).sort()).toEqual([...refs].sort());
  const rejected = rows.find((r) => r[0] === REJECTED.ref)!;
  expect([rejected[1], rejected[2], rejected[6], rejected[9], rejected[11]]).toEqual([REJECTED.party, "SOUTH", "no", "Rejected", ""]);

  // A bad filter in the export's URL is an HTTP error, not a file.
  const bad = await page.request.get("/orders/export?deliveryMonth=2027-13");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("Give the Delivery Month as YYYY-MM.");
});

test("a Delivery Month without orders shows the empty state, and clearing the filters brings the list back", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders?deliveryMonth=2020-01");
  await expect(page.getByText("No order matches these filters.")).toBeVisible();
  await expect(page.getByTestId("order-ref")).toHaveCount(0);
  await expect(page.getByTestId("orders-export")).toHaveCount(0);
  await page.getByRole("link", { name: "Clear the filters" }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByTestId("order-ref").first()).toBeVisible();
});
