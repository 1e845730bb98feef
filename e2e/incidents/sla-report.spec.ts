// The SLA report as a monthly trend against target: per CPM a chart of the 12 months to the chosen one, with its
// figures as a captioned table, above the month's table per category. Mutates nothing.
import { DEMO, expect, signIn, test } from "../support";

test("the SLA report shows the 12-month trend per CPM against target, with its figures as tables", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  await page.goto("/incidents/sla-report");
  const trend = page.getByTestId("sla-trend");
  await expect(trend.getByRole("img")).toHaveCount(2);
  await trend.getByTestId("sla-trend-cpm-5").getByText("Show the figures as a table").click();
  const cpm5 = page.getByRole("table", { name: /^CPM 5 \(Category 3-5\): share of resolved incidents within the Target Resolution Time/ });
  await expect(cpm5.getByRole("columnheader")).toHaveText(["Month", "Within target", "Target 90%", "Minimum 80%"]);
  await expect(cpm5.locator("tbody tr")).toHaveCount(12);
  // The month's report table is still there, below.
  await expect(page.getByTestId("sla-report-row")).toHaveCount(5);
});
