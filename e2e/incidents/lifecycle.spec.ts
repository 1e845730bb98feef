// An incident through the Service Desk and back (service.md §7 scenarios 38 and 35): the desk finds a new incident in
// its queue, assigns it to a resolver group (Assigned), changes its category 3 -> 2 with a reason (a reason is
// required; the timeline shows the change and the reason) and resolves it with a note; the raiser sees it Resolved and
// disputes within 3 Working Days, which sends it back to Assigned. Uses an incident this spec raises.
import { DEMO, expect, incidentDetail, incidentSection, raiseIncident, signIn, test, timeOf, uniqueSuffix } from "../support";

const HOUR = 3_600_000;

test("the desk assigns, re-categorises and resolves an incident; the raiser disputes the resolution", async ({ page, signedIn }) => {
  // The raiser: a new Category 3.
  await signIn(page, DEMO.supplierUser);
  const summary = `E2E lifecycle tariff not applied ${uniqueSuffix()}`;
  const ref = await raiseIncident(page, { category: 3, summary });

  // The desk finds it in the queue (searching for its summary) and opens it.
  const desk = await signedIn(DEMO.serviceDesk);
  await desk.goto("/incidents");
  await expect(desk.getByRole("heading", { level: 1 })).toHaveText("Incidents");
  await desk.getByLabel("Reference, summary, Device ID or MPxN").fill(summary);
  await desk.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(desk).toHaveURL((url) => url.searchParams.get("q") === summary);
  const row = desk.getByTestId("incident-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Brightwater Energy");
  await expect(row.getByTestId("incident-status")).toHaveText("New");
  await row.getByRole("link", { name: ref, exact: true }).click();
  await expect(desk).toHaveURL(new RegExp(`/incidents/${ref}$`));
  await expect(desk.getByTestId("incident-status")).toHaveText("New");
  await expect(desk.getByTestId("desk-actions")).toBeVisible();

  // Assign to a resolver group: Assigned, and the response is met.
  const assign = incidentSection(desk, "assign");
  await assign.getByLabel("Resolver group").selectOption("SM WAN");
  await assign.getByRole("button", { name: "Assign" }).click();
  await expect(assign.getByTestId("form-message")).toHaveText(`${ref} assigned; status Assigned.`);
  await expect(desk.getByTestId("incident-status")).toHaveText("Assigned");
  await expect(desk.getByTestId("incident-resolver-group")).toHaveText("SM WAN");
  await expect(desk.getByTestId("response-timer").getByTestId("sla-state")).toContainText("Met");

  // Category 3 -> 2: a blank reason is refused and nothing changes ...
  const category = incidentSection(desk, "category");
  await category.getByLabel("New category").selectOption("2");
  await category.getByLabel("Reason for the change").fill("   ");
  await category.getByRole("button", { name: "Change category" }).click();
  await expect(category.getByTestId("reason-error")).toHaveText("A reason for the change is required.");
  await expect(desk.getByTestId("incident-category")).toHaveText("Cat 3");

  // ... with a reason it is Category 2, its targets recounted from logging (24 hours), the reason on the timeline.
  const reason = `E2E: the outage affects many prepayment customers ${uniqueSuffix()}`;
  await category.getByLabel("New category").selectOption("2");
  await category.getByLabel("Reason for the change").fill(reason);
  await category.getByRole("button", { name: "Change category" }).click();
  await expect(category.getByTestId("form-message")).toContainText(`${ref} is now Category 2 (High)`);
  await expect(desk.getByTestId("incident-category")).toHaveText("Cat 2");
  const logged = await timeOf(incidentDetail(desk, "Logged").locator("time"));
  await expect
    .poll(async () => (await timeOf(desk.getByTestId("resolution-due").locator("time"))).getTime() - logged.getTime())
    .toBe(24 * HOUR);
  const change = desk.getByTestId("timeline-entry").filter({ hasText: reason });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText("Category 3 → 2");
  await expect(change).toContainText("Change");

  // Resolve with a note: a note is required.
  const status = incidentSection(desk, "status");
  await status.getByLabel("New status").selectOption("RESOLVED");
  const note = `E2E: the CSP reset the hub; reads succeed again ${uniqueSuffix()}`;
  await status.getByLabel("Resolution note").fill(note);
  await status.getByRole("button", { name: "Set status" }).click();
  await expect(status.getByTestId("form-message")).toHaveText(`${ref} is now Resolved.`);
  await expect(desk.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(desk.getByTestId("incident-resolution-note")).toHaveText(note);

  // The raiser sees it Resolved, with 3 Working Days to dispute.
  await page.goto(`/incidents/${ref}`);
  await expect(page.getByTestId("incident-status")).toHaveText("Resolved");
  await expect(page.getByTestId("incident-category")).toHaveText("Cat 2");
  await expect(page.getByTestId("incident-resolution-note")).toHaveText(note);
  await expect(page.getByTestId("desk-actions")).toHaveCount(0);
  const dispute = incidentSection(page, "dispute");
  await expect(dispute.getByTestId("dispute-deadline")).toContainText("3 Working Days after it was resolved");
  const why = `E2E: still no reads from the meter this morning ${uniqueSuffix()}`;
  await dispute.getByLabel("Supporting information").fill(why);
  await dispute.getByRole("button", { name: "Dispute resolution" }).click();
  await expect(dispute.getByTestId("form-message")).toHaveText("Resolution disputed: the incident is back with its resolver (Assigned).");
  await expect(page.getByTestId("incident-status")).toHaveText("Assigned");
  const disputed = page.getByTestId("timeline-entry").filter({ hasText: why });
  await expect(disputed).toContainText("Dispute");
  await expect(disputed).toContainText("Status Resolved → Assigned");
  await expect(incidentDetail(page, "Last disputed")).toBeVisible();
  // Nothing left to dispute.
  await page.reload();
  await expect(incidentSection(page, "dispute")).toHaveCount(0);

  // The desk sees the dispute too, back in its queue as Assigned.
  await desk.reload();
  await expect(desk.getByTestId("incident-status")).toHaveText("Assigned");
  await expect(desk.getByTestId("timeline-entry").filter({ hasText: why })).toContainText("Dispute");
  await desk.goto(`/incidents?q=${encodeURIComponent(summary)}`);
  await expect(desk.getByTestId("incident-row").getByTestId("incident-status")).toHaveText("Assigned");
});
