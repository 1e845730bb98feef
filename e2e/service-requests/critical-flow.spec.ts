// The Critical flow in the composer (issue 11 item 9): the reference supplier (RTDS Supplier, whose demo keys the
// portal holds) composes 7.2 Disable Supply for the reference ESME, sees the Pre-Command the DCC returned (GBCS
// version, payload, its decoded lines), signs and sends it, and watches the request reach Command sent, then
// Responded (the device stand-in answers) without reloading. Each run uses a fresh RequestID.
import type { Page } from "@playwright/test";
import { demoEmail, expect, signIn, test } from "../support";

const RTDS_SUPPLIER_USER = demoEmail("user", "rtds-supplier.demo");
const REFERENCE_ESME = "00-DB-12-34-56-78-90-A0";

const composer = (page: Page) => page.getByRole("form", { name: "Compose a Service Request" });

test("a supplier composes 7.2 Disable Supply, signs the Pre-Command and sees the command sent and answered", async ({ page }) => {
  await signIn(page, RTDS_SUPPLIER_USER);
  await page.goto("/service-requests");
  await page.getByRole("link", { name: "Compose a request" }).click();
  await expect(page).toHaveURL(/\/service-requests\/new$/);

  await composer(page).getByLabel("Service Request").selectOption("7.2");
  await expect(page.getByTestId("critical-note")).toBeVisible();
  // Disable Supply cannot be future-dated: the composer does not offer it.
  await expect(composer(page).getByLabel("Execute at (optional, UK time)")).toHaveCount(0);
  await composer(page).getByLabel("Device ID").fill(REFERENCE_ESME.toLowerCase());
  await composer(page).getByRole("button", { name: "Send request" }).click();

  // The Transform (CV 4) answered I0 with the Pre-Command.
  await page.waitForURL(/\/service-requests\/[^/?]+\?sent=1$/);
  const requestPage = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("SRV 7.2 Disable Supply");
  const requestId = (await page.getByTestId("sr-request-id").innerText()).trim();
  expect(requestId).toMatch(new RegExp(`^90-B3-D5-1F-30-01-00-00:${REFERENCE_ESME}:\\d+$`));
  await expect(page.getByTestId("sr-live-status").getByTestId("sr-status")).toHaveText("Pre-Command issued");
  const preCommand = page.getByTestId("pre-command");
  await expect(preCommand).toContainText("GBCS version");
  await expect(page.getByTestId("pre-command-payload")).toHaveText(/^[A-Za-z0-9+/]+=*$/);
  await expect(page.getByTestId("pre-command-decoded")).toContainText(`RequestID=${requestId}`);
  await expect(page.getByTestId("pre-command-decoded")).toContainText("SRV=7.2");
  // Every check of the request passed or did not apply.
  await expect(page.getByTestId("sr-check").first()).toBeVisible();
  await expect(page.locator('[data-testid="sr-check"][data-result="fail"]')).toHaveCount(0);

  await preCommand.getByRole("button", { name: "Sign and send" }).click();
  await page.waitForURL(`${requestPage}?signed=1`);
  await expect(page.getByTestId("signed-banner")).toBeVisible();
  // Same request: the Signed Pre-Command kept its RequestID.
  await expect(page.getByTestId("sr-request-id")).toHaveText(requestId);
  await expect(page.getByTestId("xml-spc")).toContainText("<sr:CommandVariant>5</sr:CommandVariant>");
  await expect(page.getByTestId("sr-live-status").getByTestId("sr-status")).toHaveText(/Command sent|Responded/);
  await expect(page.getByTestId("pre-command").getByRole("button", { name: "Sign and send" })).toHaveCount(0);

  // The device stand-in answers: the page follows by polling, no reload.
  await expect(page.getByTestId("sr-live-status").getByTestId("sr-status")).toHaveText("Responded", { timeout: 30_000 });
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="service-response"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="timeline-entry"][data-kind="command-sent"]')).toHaveCount(1);
  await expect(page.getByTestId("xml-message").first()).toContainText("<sr:ResponseCode>I0</sr:ResponseCode>");

  // The list shows it with its SRV, device and final status, and finds it by device in any format.
  await page.goto(`/service-requests?srv=7.2&device=${REFERENCE_ESME.replaceAll("-", "").toLowerCase()}`);
  const row = page.locator(`[data-testid="sr-row"]`).filter({ hasText: requestId });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Disable Supply");
  await expect(row.getByTestId("sr-status")).toHaveText("Responded");
  await expect(row.getByTestId("sr-code")).toHaveText("I0");
});
