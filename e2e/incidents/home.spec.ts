// The Service Desk's home page: counts, its own open incidents, those breaching soon and those breached, and the
// incidents by category and status. Read-only.
import { DEMO, expect, signIn, test } from "../support";

test("the Service Desk home shows its incident panels and counts", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  await page.goto("/");
  const home = page.getByTestId("home-service-desk");
  await expect(home).toBeVisible();
  for (const title of ["My open incidents", "Breaching soon", "Breached", "Open and breached incidents, last 30 days", "Incidents by category and status"]) {
    await expect(home.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
  }
  for (const stat of ["Open incidents", "Assigned to me", "Breaching soon", "Breached"]) {
    await expect(home.getByRole("link", { name: new RegExp(stat) }).first()).toBeVisible();
  }
  // Each panel lists incidents or says it has none.
  for (const panel of ["home-mine", "home-at-risk", "home-breached"]) {
    await expect(home.getByTestId(panel).or(home.getByTestId(`${panel}-empty`))).toBeVisible();
  }
  // The demo data assigns open incidents to this agent (INC0000002, INC0000005) and has breached ones.
  await expect(home.getByTestId("home-mine").getByTestId("home-incident").first()).toBeVisible();
  await expect(home.getByTestId("home-breached").getByTestId("home-incident").first()).toBeVisible();
  // Open and breached incidents over the last 30 days: the chart and its table of figures, a row a day.
  const trend = home.getByTestId("home-trend");
  await expect(trend.getByRole("img", { name: /^Open incidents and those past their Target Resolution Time, each day/ })).toBeVisible();
  await expect(trend.getByTestId("chart-table").locator("tbody tr")).toHaveCount(30);
  const counts = home.getByTestId("home-counts");
  await expect(counts.locator("tbody tr")).toHaveCount(5);
  await expect(counts.locator("thead")).toContainText("New");
  await expect(counts.locator("tfoot")).toContainText("All categories");

  // A party user's home has none of it.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, DEMO.supplierUser);
  await page.goto("/");
  await expect(page.getByTestId("home-party-user")).toBeVisible();
  await expect(page.getByTestId("home-service-desk")).toHaveCount(0);
});
