// Who sees a Service Request (issue 11 item 9): the party that sent it; the DCC's staff see every party's. Another
// party gets the 404 page (as for an id that does not exist) and does not find it in its list or its live statuses.
// The request is made fresh by the reference supplier (7.4 Read Supply Status on the reference ESME).
import type { Page } from "@playwright/test";
import { DEMO, demoEmail, expect, expectNotFound, signIn, test } from "../support";

const RTDS_SUPPLIER_USER = demoEmail("user", "rtds-supplier.demo");
const REFERENCE_ESME = "00-DB-12-34-56-78-90-A0";

/** As the reference supplier: send 7.4 from the composer and return the new request's id and RequestID. */
async function sendReadSupplyStatus(page: Page): Promise<{ id: string; requestId: string }> {
  await page.goto("/service-requests/new");
  const form = page.getByRole("form", { name: "Compose a Service Request" });
  await form.getByLabel("Service Request").selectOption("7.4");
  await form.getByLabel("Device ID").fill(REFERENCE_ESME);
  await form.getByRole("button", { name: "Send request" }).click();
  await page.waitForURL(/\/service-requests\/[^/?]+\?sent=1$/);
  const id = /\/service-requests\/([^/?]+)/.exec(page.url())![1];
  return { id, requestId: (await page.getByTestId("sr-request-id").innerText()).trim() };
}

test("another party gets 404 on a party's Service Request, which is not in its list; the DCC sees it", async ({ page, signedIn }) => {
  await signIn(page, RTDS_SUPPLIER_USER);
  const { id, requestId } = await sendReadSupplyStatus(page);
  const response = await page.goto(`/service-requests/${id}`);
  expect(response?.status()).toBe(200);

  const other = await signedIn(DEMO.otherSupplierUser);
  await expectNotFound(other, `/service-requests/${id}`);
  // The same page as for an id that does not exist.
  await expectNotFound(other, "/service-requests/no-such-request");
  await other.goto(`/service-requests?device=${REFERENCE_ESME}`);
  await expect(other.getByTestId("sr-count")).toBeVisible();
  await expect(other.locator('[data-testid="sr-row"]').filter({ hasText: requestId })).toHaveCount(0);
  // The live statuses answer only for its own requests.
  const live = await other.request.get(`/service-requests/live?ids=${id}`);
  expect(live.status()).toBe(200);
  expect((await live.json()).statuses).toEqual([]);
  // Nor is it in its CSV export.
  const csv = await other.request.get(`/service-requests/export?device=${REFERENCE_ESME}`);
  expect(await csv.text()).not.toContain(requestId);

  const desk = await signedIn(DEMO.serviceDesk);
  const deskResponse = await desk.goto(`/service-requests/${id}`);
  expect(deskResponse?.status()).toBe(200);
  await expect(desk.getByTestId("sr-request-id")).toHaveText(requestId);
  // DCC staff read it but do not send as the party.
  await expect(desk.getByRole("button", { name: "Sign and send" })).toHaveCount(0);
});

test("the silent rejects page is the DCC admin's", async ({ page, signedIn }) => {
  await signIn(page, RTDS_SUPPLIER_USER);
  const response = await page.goto("/service-requests/silent-rejects");
  expect(response?.status()).toBe(403);
  const admin = await signedIn(DEMO.admin);
  const adminResponse = await admin.goto("/service-requests/silent-rejects");
  expect(adminResponse?.status()).toBe(200);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Silent rejects");
});
