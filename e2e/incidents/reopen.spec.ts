// Re-opening (service.md §7 scenario 36, AG 2.13): an incident closed with a workaround whose Problem is still open
// may be re-opened by the party that raised it, with the reason; another party may not: it does not even see the
// incident, and once made an Interested Party it sees it but is offered no re-open. Uses INC0000007 (Brightwater,
// closed with the workaround of the open Known Error PRB0000001), which no other spec touches.
import { DEMO, DEMO_INCIDENTS, demoPartyName, expect, expectIncidentNotFound, incidentDetail, incidentSection, signIn, test, uniqueSuffix } from "../support";

const WORKAROUND = DEMO_INCIDENTS.brightwaterWorkaround;
const NORTHGATE = demoPartyName("northgate.demo");

test("the raiser re-opens an incident closed with a workaround; another party cannot", async ({ page, signedIn }) => {
  // Another party (neither raiser nor Interested Party): not found.
  const other = await signedIn(DEMO.otherSupplierUser);
  await expectIncidentNotFound(other, WORKAROUND.ref);

  // Made an Interested Party by the desk, it sees the incident, but re-opening is not offered to it.
  const desk = await signedIn(DEMO.serviceDesk);
  await desk.goto(`/incidents/${WORKAROUND.ref}`);
  const interested = incidentSection(desk, "interested");
  await interested.getByLabel("Interested Party").selectOption({ label: NORTHGATE });
  await interested.getByRole("button", { name: "Add Interested Party" }).click();
  await expect(interested.getByTestId("form-message")).toHaveText("Interested Party added; an email to its users has been queued.");
  await other.goto(`/incidents/${WORKAROUND.ref}`);
  await expect(other.getByTestId("incident-status")).toHaveText("Closed");
  await expect(other.getByTestId("interested-parties")).toContainText(NORTHGATE);
  await expect(incidentSection(other, "reopen")).toHaveCount(0);
  await expect(incidentSection(other, "note")).toBeVisible();

  // The raiser: Closed with a workaround, linked to the open Known Error, so it may re-open.
  await signIn(page, DEMO.supplierUser);
  await page.goto(`/incidents/${WORKAROUND.ref}`);
  await expect(page.getByTestId("incident-status")).toHaveText("Closed");
  await expect(incidentDetail(page, "Workaround")).toHaveText("Resolved with a workaround");
  await expect(page.getByTestId("incident-problem")).toContainText(WORKAROUND.problem);
  await expect(page.getByTestId("incident-problem")).not.toContainText("closed");
  const reopen = incidentSection(page, "reopen");
  // A blank reason is refused.
  await reopen.getByLabel("How the workaround failed").fill("  ");
  await reopen.getByRole("button", { name: "Re-open incident" }).click();
  await expect(reopen.getByTestId("reason-error")).toHaveText("How the workaround failed is required.");
  await expect(page.getByTestId("incident-status")).toHaveText("Closed");

  const reason = `E2E: the hub reboot no longer restores the tariff ${uniqueSuffix()}`;
  await reopen.getByLabel("How the workaround failed").fill(reason);
  await reopen.getByRole("button", { name: "Re-open incident" }).click();
  await expect(reopen.getByTestId("form-message")).toHaveText("Incident re-opened: the Service Desk will re-assign it.");
  await expect(page.getByTestId("incident-status")).toHaveText("Reopened");
  const entry = page.getByTestId("timeline-entry").filter({ hasText: reason });
  await expect(entry).toContainText("Re-open");
  await expect(entry).toContainText("Status Closed → Reopened");

  // Everyone who sees it sees it Reopened; the Interested Party still has no re-open.
  await other.reload();
  await expect(other.getByTestId("incident-status")).toHaveText("Reopened");
  await expect(incidentSection(other, "reopen")).toHaveCount(0);
  await desk.reload();
  await expect(desk.getByTestId("incident-status")).toHaveText("Reopened");
  await expect(desk.getByTestId("timeline-entry").filter({ hasText: reason })).toHaveCount(1);
});
