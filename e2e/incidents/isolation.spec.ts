// Who sees an incident (D6): the party that raised it and its Interested Parties; the Service Desk sees every party's.
// Anyone else gets the 404 page (as for a reference that does not exist), and the incident is not in its list. The
// desk's pages and actions are the desk's: a party user gets 403 on them and is not shown them. Read-only: demo
// incidents INC0000001 (Brightwater, New), INC0000004 (Brightwater, Pending with Metercraft), INC0000005 (Northgate,
// Central Networks Distribution an Interested Party) and INC0000009 (Harbour, Major).
import type { Page } from "@playwright/test";
import { DEMO, DEMO_INCIDENTS, demoPartyName, expect, expectForbidden, expectIncidentNotFound, INCIDENT_DEMO, signIn, test } from "../support";

const BRIGHTWATER_NEW = DEMO_INCIDENTS.brightwaterNew;
const BRIGHTWATER_PAUSED = DEMO_INCIDENTS.brightwaterPaused;
const NORTHGATE_OPEN = DEMO_INCIDENTS.northgateOpen;
const HARBOUR_MAJOR = DEMO_INCIDENTS.harbourMajor;
const CENTRAL = demoPartyName("centralnetworks.demo");

/** Open an incident and expect its page (HTTP 200, its reference as the title). */
async function expectIncidentPage(page: Page, ref: string) {
  const response = await page.goto(`/incidents/${ref}`);
  expect(response?.status(), `HTTP status of /incidents/${ref}`).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ref);
}

/** The references the signed-in account's list shows for a search (status "all" for the desk). */
async function listedRefs(page: Page, q: string): Promise<string[]> {
  await page.goto(`/incidents?status=all&q=${encodeURIComponent(q)}`);
  await expect(page.getByTestId("incident-count")).toBeVisible();
  return page.getByTestId("incident-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ref") ?? ""));
}

test("another supplier gets 404 on a Brightwater incident, which is not in its list", async ({ page }) => {
  await signIn(page, DEMO.otherSupplierUser);
  await expectIncidentNotFound(page, BRIGHTWATER_NEW.ref);
  await expect(page.getByText(BRIGHTWATER_NEW.party)).toHaveCount(0);
  // The same page as for a reference that does not exist.
  await expectIncidentNotFound(page, "INC9999999");

  expect(await listedRefs(page, BRIGHTWATER_NEW.ref)).toEqual([]);
  await expect(page.getByText("No incidents match these filters.")).toBeVisible();
  // Its own incident is listed and opens.
  expect(await listedRefs(page, NORTHGATE_OPEN.ref)).toEqual([NORTHGATE_OPEN.ref]);
  await page.goto("/incidents");
  await expect(page.getByTestId("incident-row").filter({ hasText: BRIGHTWATER_NEW.party })).toHaveCount(0);
  await expectIncidentPage(page, NORTHGATE_OPEN.ref);
});

test("an Interested Party (Central Networks) opens INC0000005 but gets 404 on a Brightwater incident", async ({ page }) => {
  await signIn(page, INCIDENT_DEMO.distributorUser);
  await expectIncidentPage(page, NORTHGATE_OPEN.ref);
  await expect(page.getByTestId("incident-raised-by")).toContainText(NORTHGATE_OPEN.party);
  await expect(page.getByTestId("interested-parties")).toContainText(CENTRAL);
  await expect(page.getByTestId("desk-actions")).toHaveCount(0);
  expect(await listedRefs(page, NORTHGATE_OPEN.ref)).toEqual([NORTHGATE_OPEN.ref]);

  await expectIncidentNotFound(page, BRIGHTWATER_NEW.ref);
  expect(await listedRefs(page, BRIGHTWATER_NEW.ref)).toEqual([]);
});

test("the meter agent (Metercraft) gets 404 on INC0000005 but opens the incident pending with it", async ({ page }) => {
  await signIn(page, INCIDENT_DEMO.agentUser);
  await expectIncidentNotFound(page, NORTHGATE_OPEN.ref);
  expect(await listedRefs(page, NORTHGATE_OPEN.ref)).toEqual([]);
  // Pending with Metercraft made it an Interested Party of INC0000004.
  await expectIncidentPage(page, BRIGHTWATER_PAUSED.ref);
  await expect(page.getByTestId("incident-status")).toHaveText("Pending");
  await expect(page.getByTestId("incident-pending-with")).toContainText(BRIGHTWATER_PAUSED.pendingWith);
});

test("a party user is shown no desk actions and gets 403 on the phoned-in form and the SLA report", async ({ page }) => {
  await signIn(page, DEMO.supplierUser);
  await expectIncidentPage(page, DEMO_INCIDENTS.brightwaterAtRisk.ref);
  await expect(page.getByTestId("party-actions")).toBeVisible();
  await expect(page.getByTestId("desk-actions")).toHaveCount(0);
  for (const section of ["assign", "status", "category", "interested", "problem", "major"]) {
    await expect(page.getByTestId(`${section}-section`), section).toHaveCount(0);
  }
  await page.goto("/incidents");
  await expect(page.getByRole("link", { name: "Raise an incident" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Record a phoned incident" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "SLA report" })).toHaveCount(0);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await expect(page.getByTestId("select-page")).toHaveCount(0);

  await expectForbidden(page, "/incidents/phoned");
  await expect(page.getByRole("form", { name: "Record a phoned-in incident" })).toHaveCount(0);
  await expectForbidden(page, "/incidents/sla-report");
  await expect(page.getByTestId("sla-report")).toHaveCount(0);
});

test("the Service Desk sees and manages every party's incidents", async ({ page }) => {
  await signIn(page, DEMO.serviceDesk);
  for (const incident of [BRIGHTWATER_NEW, NORTHGATE_OPEN, HARBOUR_MAJOR]) {
    await expectIncidentPage(page, incident.ref);
    await expect(page.getByTestId("incident-raised-by")).toContainText(incident.party);
    await expect(page.getByTestId("desk-actions")).toBeVisible();
    expect(await listedRefs(page, incident.ref)).toEqual([incident.ref]);
  }
  // The queue mixes parties.
  await page.goto("/incidents?status=all");
  const parties = await page.getByTestId("incident-row").locator("td:nth-child(6)").allInnerTexts();
  expect(new Set(parties).size).toBeGreaterThan(1);
  for (const path of ["/incidents/phoned", "/incidents/sla-report"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
});
