// Each persona's home shows its own work with exact counts (issue 14), and never another party's records. Reads the
// seeded demo records (DEMO_INCIDENTS, DEMO_ORDERS, DEMO_CONSIGNMENTS, DEMO_RETURNS) without changing them. The SRO's
// home is e2e/tad/sro-home.spec.ts: it holds commands, so it runs after the Critical flow spec.
import type { Page } from "@playwright/test";
import { DEMO_CONSIGNMENTS } from "@/prisma/seed/demo-orders";
import { HOME_ROWS } from "@/lib/home/panel";
import { DEMO_RETURNS } from "@/prisma/seed/demo-returns";
import { DEMO, DEMO_INCIDENTS, INCIDENT_DEMO, ORDER_DEMO, expect, signIn, test } from "../support";

const panelCount = async (page: Page, testId: string) => Number((await page.getByTestId(`${testId}-count`).innerText()).replace(/,/g, ""));

async function home(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL("/");
}

test("a supplier's home: its open incidents counted exactly, those awaiting its reply, its DCC Alerts and the SMI search", async ({ page, signedIn }) => {
  await home(page, DEMO.supplierUser);
  const open = page.getByTestId("home-open-incidents");
  await expect(open.getByTestId("home-incident").first()).toBeVisible();
  const count = await panelCount(page, "home-open-incidents");
  // Awaiting its reply: only what is Pending with Brightwater (the demo's history may leave some), never INC0000004,
  // Brightwater's own incident Pending with Metercraft Services.
  const awaiting = page.getByTestId("home-awaiting");
  await expect(awaiting).not.toContainText(DEMO_INCIDENTS.brightwaterPaused.ref);
  const waiting = await panelCount(page, "home-awaiting");
  if (waiting === 0) await expect(page.getByTestId("home-awaiting-empty")).toContainText("Nothing needs you now.");
  await expect(awaiting.getByTestId("home-incident")).toHaveCount(Math.min(waiting, HOME_ROWS));
  for (const row of await awaiting.getByTestId("home-incident").all()) await expect(row).toContainText("Pending");
  const alerts = await panelCount(page, "home-alerts");
  await expect(page.getByTestId("home-alerts").getByTestId("home-alert")).toHaveCount(Math.min(alerts, 5));

  // The same number as the incident list's open view.
  await open.getByRole("link", { name: /^All .* open incidents? →$/ }).click();
  await expect(page).toHaveURL("/incidents?status=open");
  await expect(page.getByTestId("incident-count")).toHaveText(`${count.toLocaleString("en-GB")} incident${count === 1 ? "" : "s"} open`);

  // The SMI search box is a GET form to /smi?q=.
  await page.goto("/");
  const search = page.getByRole("search", { name: "Search the SMI" });
  await search.getByLabel("Device ID, MPAN, MPRN, postcode or UPRN").fill("1400123456786");
  await search.getByLabel("Device ID, MPAN, MPRN, postcode or UPRN").press("Enter");
  await expect(page).toHaveURL("/smi?q=1400123456786");
  await expect(page.getByRole("table", { name: /^SMI devices matching the search/ })).toBeVisible();

  // The meter agent the incident is Pending with sees it awaiting its reply; another supplier sees none of Brightwater's.
  const agent = await signedIn(INCIDENT_DEMO.agentUser);
  await agent.goto("/");
  await expect(agent.getByTestId("home-awaiting")).toContainText(DEMO_INCIDENTS.brightwaterPaused.ref);
  const other = await signedIn(DEMO.otherSupplierUser);
  await other.goto("/");
  await expect(other.getByTestId("home-open-incidents")).toContainText(DEMO_INCIDENTS.northgateOpen.ref);
  for (const ref of [DEMO_INCIDENTS.brightwaterNew.ref, DEMO_INCIDENTS.brightwaterPaused.ref]) await expect(other.getByTestId("home-party-user")).not.toContainText(ref);
});

test("the ordering user's home: forecast and order deadlines with days left, deliveries to confirm, returns due", async ({ page, signedIn }) => {
  await home(page, ORDER_DEMO.ordering);
  const deadlines = page.getByTestId("home-deadlines");
  await expect(deadlines.getByTestId("home-forecast-deadline")).toContainText(/Forecast for [A-Z][a-z]+ \d{4}/);
  await expect(deadlines.getByTestId("home-order-deadline")).toContainText(/Orders for [A-Z][a-z]+ \d{4}, delivered in [A-Z][a-z]+ \d{4}/);
  // A running deadline says how long is left (or that it is due today or passed); a late month says so.
  await expect(deadlines.getByTestId("home-order-deadline")).toContainText(/\((\d+ days? left|due today|overdue[^)]*)\)|Late: not compliant/);
  await expect(deadlines.getByTestId("home-region-order")).toHaveCount(3);

  await expect(page.getByTestId("home-deliveries")).toContainText(DEMO_CONSIGNMENTS.brightwaterDelivered.ref);
  await expect(page.getByTestId("home-deliveries").getByTestId("home-delivery").first()).toContainText(/days? left|due today/);
  const returns = page.getByTestId("home-returns");
  for (const r of [DEMO_RETURNS.brightwaterNotified, DEMO_RETURNS.brightwaterRmaRequested, DEMO_RETURNS.brightwaterRmaAuthorised]) await expect(returns).toContainText(r.ref);
  await expect(returns).not.toContainText(DEMO_RETURNS.northgateRmaRequested.ref);

  // Another supplier's OMS home has its own return, none of Brightwater's records.
  const other = await signedIn(ORDER_DEMO.otherOrdering);
  await other.goto("/");
  await expect(other.getByTestId("home-returns")).toContainText(DEMO_RETURNS.northgateRmaRequested.ref);
  await expect(other.getByTestId("home-oms")).not.toContainText(DEMO_RETURNS.brightwaterNotified.ref);
  await expect(other.getByTestId("home-oms")).not.toContainText(DEMO_CONSIGNMENTS.brightwaterDelivered.ref);
});

test("the DCC admin's home: orders to answer, consignments to schedule, RMAs to authorise, imports, service requests and quarantine", async ({ page }) => {
  await home(page, DEMO.admin);
  // The demo's orders awaiting an answer (ORD0000001, ORD0000002) and accepted without a consignment (ORD0000007) are
  // queued among the generated ones, the soonest owed (or delivered) first.
  const toAnswer = await panelCount(page, "home-orders-to-answer");
  expect(toAnswer).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("home-orders-to-answer").getByTestId("home-order")).toHaveCount(Math.min(toAnswer, 5));
  expect(await panelCount(page, "home-to-schedule")).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("home-to-schedule").getByTestId("home-schedulable").first()).toContainText(/ORD\d{7}/);
  for (const ref of [DEMO_RETURNS.brightwaterRmaRequested.rma, DEMO_RETURNS.northgateRmaRequested.rma]) await expect(page.getByTestId("home-rmas")).toContainText(ref);
  await expect(page.getByTestId("home-rmas")).not.toContainText(DEMO_RETURNS.brightwaterRmaAuthorised.rma);
  await expect(page.getByTestId("home-imports")).toBeVisible();
  await expect(page.getByTestId("home-service-requests-total")).toHaveText(/^\d[\d,]*$/);
  await expect(page.getByTestId("home-quarantine-open")).toHaveText(/^\d[\d,]*$/);

  // The queue's count is the orders page's "To answer" count.
  await page.goto("/orders");
  await expect(page.getByTestId("to-answer-link")).toHaveText(`To answer (${toAnswer})`);
});
