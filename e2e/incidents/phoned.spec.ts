// A phoned-in Category 1 (service.md §7 scenarios 28 and 37, AG 2.2.2, H9.13-9.14): the Service Desk records it for the
// party that phoned, flags it as a Major Incident, and on resolution a Problem is opened and linked and the Panel
// summary (+2 WD) and review (+20 WD) reports fall due. The party sees it in its own list. Uses an incident it records.
import { addWorkingDays, formatLondon } from "@/lib/clock";
import { MAJOR_REVIEW_WORKING_DAYS, MAJOR_SUMMARY_WORKING_DAYS } from "@/lib/incidents/categories";
import { DEMO, demoPartyName, expect, incidentDetail, incidentSection, raiseIncident, signIn, test, timeOf, uniqueSuffix } from "../support";

const NORTHGATE = demoPartyName("northgate.demo");

test("the desk records a phoned-in Category 1 for Northgate, flags it Major and resolves it", async ({ page, signedIn }) => {
  await signIn(page, DEMO.serviceDesk);
  await page.goto("/incidents");
  await page.getByRole("link", { name: "Record a phoned incident" }).click();
  await expect(page).toHaveURL(/\/incidents\/phoned$/);
  const form = page.getByRole("form", { name: "Record a phoned-in incident" });
  // Every category is offered here, Category 1 included.
  await expect(form.locator('input[name="category"]')).toHaveCount(5);
  await expect(form.getByTestId("category-1-notice")).toHaveCount(0);
  // The organisation follows the party chosen.
  await form.getByLabel("Party that phoned").selectOption({ label: NORTHGATE });
  await expect(form.getByLabel("Contact organisation")).toHaveValue(NORTHGATE);

  const summary = `E2E DSP not processing Service Requests for any User ${uniqueSuffix()}`;
  const ref = await raiseIncident(page, { partyName: NORTHGATE, category: 1, summary, contactName: "Priya Shah", contactDetails: "07700 900123" });
  await expect(page.getByTestId("raised-banner")).toContainText(`Incident ${ref} recorded from the phone call as Category 1 (Major Incident)`);
  await expect(page.getByTestId("incident-category")).toHaveText("Cat 1");
  await expect(page.getByTestId("incident-status")).toHaveText("New");
  await expect(incidentDetail(page, "Channel")).toHaveText("Phone, recorded by the Service Desk");
  await expect(page.getByTestId("incident-raised-by")).toHaveText(NORTHGATE);
  await expect(incidentDetail(page, "Contact name")).toHaveText("Priya Shah");
  await expect(page.getByTestId("incident-timeline")).toContainText("Recorded by the Service Desk from a phone call (Category 1).");
  const header = page.locator("h1 + p");
  await expect(header.getByText("Major Incident", { exact: true })).toHaveCount(0);

  // Flag it as a Major Incident.
  const major = incidentSection(page, "major");
  await major.getByRole("button", { name: "Flag as Major Incident" }).click();
  await expect(major.getByTestId("form-message")).toContainText("Flagged as a Major Incident");
  await expect(header.getByText("Major Incident", { exact: true })).toBeVisible();
  await expect(incidentDetail(page, "Major summary report")).toHaveText("Due once the incident is resolved");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Major Incident process invoked." })).toContainText("Major Incident no → yes");

  // Resolve it: a Problem is opened and linked, the report due dates are set from the resolution.
  const status = incidentSection(page, "status");
  await status.getByLabel("New status").selectOption("RESOLVED");
  await status.getByLabel("Resolution note").fill("E2E: the DSP queue was restarted; Service Requests are processed again.");
  await status.getByRole("button", { name: "Set status" }).click();
  await expect(status.getByTestId("form-message")).toHaveText(`${ref} is now Resolved.`);
  await expect(page.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(page.getByTestId("incident-problem")).toContainText(/PRB\d{7} Root cause of /);
  await expect(page.getByTestId("incident-problem")).toContainText(`Root cause of ${ref}`);
  const resolvedAt = await timeOf(page.getByTestId("resolution-timer").locator("p", { hasText: "Resolved" }).locator("time"));
  await expect(incidentDetail(page, "Major summary report")).toHaveText(`Due ${formatLondon(addWorkingDays(resolvedAt, MAJOR_SUMMARY_WORKING_DAYS))} · not sent yet`);
  await expect(incidentDetail(page, "Major review report")).toHaveText(`Due ${formatLondon(addWorkingDays(resolvedAt, MAJOR_REVIEW_WORKING_DAYS))} · not sent yet`);
  await expect(incidentSection(page, "major-report")).toBeVisible();

  // Northgate sees it in its own list, Category 1, Major, Resolved.
  const northgate = await signedIn(DEMO.otherSupplierUser);
  // Its list defaults to open incidents: a resolved one is under All.
  await northgate.goto(`/incidents?status=all&q=${ref}`);
  const row = northgate.getByTestId("incident-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("incident-category")).toHaveText("Cat 1");
  await expect(row).toContainText("Major");
  await row.getByRole("link", { name: ref, exact: true }).click();
  await expect(northgate.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(incidentDetail(northgate, "Channel")).toHaveText("Phone, recorded by the Service Desk");
  await expect(northgate.getByTestId("desk-actions")).toHaveCount(0);
});
