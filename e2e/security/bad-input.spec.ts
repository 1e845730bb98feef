// Bad input is never the error page: a list with a page or date that does not parse shows the list with a message,
// a NUL byte in a form field is refused on the form, and an upload over the limit names the limit, whether the
// browser catches it before sending or the server refuses the body.
import { DEMO, expect, fillIncidentForm, ORDER_DEMO, signIn, test } from "../support";

// Past the proxy's 11 MB allowance for a form beside its file.
const OVER_LIMIT = Buffer.alloc(11 * 1024 * 1024 + 64 * 1024, "a");

test("the audit trail with page=0 or from=2026-13-45 shows the list, the bad date named and ignored", async ({ page }) => {
  await signIn(page, DEMO.admin);
  for (const url of ["/audit?page=0", "/audit?page=abc", "/audit?from=2026-13-45", "/audit?to=2026-02-31"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }), url).toHaveText("Audit trail");
    await expect(page.getByText("Something went wrong"), url).toHaveCount(0);
  }
  await page.goto("/audit?from=2026-13-45");
  await expect(page.getByTestId("filter-problems")).toHaveText("The From date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24. The filter was ignored.");
  await expect(page.getByRole("table")).toBeVisible();
});

test("a NUL byte in an incident's summary is refused on the form and no incident is raised", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await page.goto("/incidents/new");
  const form = await fillIncidentForm(page, { category: 3, summary: "Hub offline\u0000after firmware update" });
  await form.getByRole("button", { name: "Raise incident" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Summary contains characters that are not allowed.");
  await expect(page).toHaveURL(/\/incidents\/new$/);
});

test("a forecast CSV over 10 MB is stopped in the browser with the limit", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  await page.goto("/orders/forecasts");
  const importForm = page.getByRole("form", { name: "Import a forecast CSV" });
  await importForm.locator('input[type="file"]').setInputFiles({ name: "forecast.csv", mimeType: "text/csv", buffer: OVER_LIMIT });
  await expect(importForm.getByTestId("form-message")).toHaveText("The file is larger than the 10 MB limit.");
  await expect(importForm.getByRole("button", { name: "Import CSV and submit" })).toBeDisabled();
});

test("an upload body over the limit sent past the browser check is answered with the limit, not the error page", async ({ page }) => {
  await signIn(page, ORDER_DEMO.ordering);
  const response = await page.request.post("/orders/forecasts", {
    headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: OVER_LIMIT,
  });
  expect(response.status()).toBe(413);
  expect(response.headers()["content-type"]).toBe("text/plain");
  expect(await response.text()).toBe("The file is larger than the 10 MB limit.");
});

test("a detail URL with a stray % names no record: the 404 page, not the error page", async ({ page }) => {
  await signIn(page, DEMO.admin);
  for (const url of ["/incidents/%25", "/orders/%25", "/orders/forecasts/%25", "/returns/%25", "/returns/rma/%25", "/returns/rma/%25/label", "/smi/devices/%25"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByText("Something went wrong"), url).toHaveCount(0);
  }
});
