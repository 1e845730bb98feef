// Service Alerts (service.md L37 and §7 scenario 30, AG 2.1.4): the Service Desk publishes an alert about the demo
// ESME; a supplier sees it in the incident list's banner and, typing that Device ID on the raise form, in the related
// panel, and asks the Service Desk to add it as an Interested Party instead of raising a duplicate. The supplier has
// no publish form and does not see the reference of the (other party's) incident the alert is linked to. The desk
// ends the alert and it leaves the banner. The alert is new, published by this spec with a unique title.
import { DEMO_INVENTORY } from "@/prisma/seed/inventory";
import { DEMO, DEMO_INCIDENTS, demoPartyName, expect, outboxSubjectsFor, signIn, test, uniqueSuffix } from "../support";

const ESME = DEMO_INVENTORY.dualFuel.esme;
/** Northgate Power's open incident: Brightwater must not learn its reference from the alert. */
const OTHER_PARTY_INCIDENT = DEMO_INCIDENTS.northgateOpen.ref;

test("the desk publishes a Service Alert; a supplier sees it, finds it before raising and asks to be added; the desk ends it", async ({ page, signedIn }) => {
  test.setTimeout(120_000);
  const title = `E2E ESME reads delayed ${uniqueSuffix()}`;

  // The Service Desk opens Service Alerts from the incident list.
  const desk = await signedIn(DEMO.serviceDesk);
  await desk.goto("/incidents");
  await desk.getByRole("link", { name: "Service Alerts", exact: true }).click();
  await expect(desk).toHaveURL(/\/incidents\/service-alerts$/);
  await expect(desk.getByRole("heading", { level: 1 })).toHaveText("Service Alerts");
  const publish = desk.getByRole("form", { name: "Publish a Service Alert" });

  // A malformed Device ID is refused on its field; what was typed is kept.
  await publish.getByLabel("Title").fill(title);
  await publish.getByLabel("Description").fill("Reads from ESMEs in the Central region answer late. No workaround yet.");
  await publish.getByLabel("Affected Service").fill("SR 4.1 Read Instantaneous Values");
  await publish.getByLabel("Device ID (optional)").fill("0A-1C-ZZ");
  await publish.getByRole("button", { name: "Publish Service Alert" }).click();
  await expect(publish.getByTestId("deviceId-error")).toHaveText("Enter a 16-digit hexadecimal Device ID.");
  await expect(publish.getByLabel("Device ID (optional)")).toHaveAttribute("aria-invalid", "true");
  await expect(publish.getByLabel("Title")).toHaveValue(title);

  // Corrected, and linked to an open incident: published.
  await publish.getByLabel("Device ID (optional)").fill(ESME);
  await publish.getByLabel("Incident reference (optional)").fill(OTHER_PARTY_INCIDENT);
  await publish.getByRole("button", { name: "Publish Service Alert" }).click();
  await expect(publish.getByTestId("form-message")).toHaveText(`Service Alert published: ${title}.`);
  const deskItem = desk.getByTestId("active-service-alerts").getByTestId("service-alert").filter({ hasText: title });
  await expect(deskItem).toHaveCount(1);
  await expect(deskItem.getByTestId("service-alert-device-id")).toHaveText("0A-1C-4D-DE-00-00-01-01");
  await expect(deskItem.getByTestId("service-alert-incident")).toHaveText(OTHER_PARTY_INCIDENT);

  // A supplier sees it in the banner of its incident list, and on the Service Alerts page without the desk's tools.
  await signIn(page, DEMO.supplierUser);
  await page.goto("/incidents");
  const banner = page.getByTestId("service-alerts-banner");
  await expect(banner.getByTestId("service-alert-banner-item").filter({ hasText: title })).toContainText("SR 4.1 Read Instantaneous Values");
  await banner.getByRole("link", { name: "All Service Alerts" }).click();
  await expect(page).toHaveURL(/\/incidents\/service-alerts$/);
  const item = page.getByTestId("service-alert").filter({ hasText: title });
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId("service-alert-service")).toHaveText("SR 4.1 Read Instantaneous Values");
  await expect(item.getByTestId("service-alert-incident")).toHaveCount(0);
  await expect(page.locator("#main")).not.toContainText(OTHER_PARTY_INCIDENT);
  await expect(page.getByRole("form", { name: "Publish a Service Alert" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^End/ })).toHaveCount(0);

  // Before raising: typing the Device ID shows the alert in the related panel; the supplier asks to be added.
  await page.goto("/incidents/new");
  const form = page.getByRole("form", { name: "Raise an incident" });
  await form.getByLabel("Summary", { exact: true }).fill("Readings from our ESME arrive hours late");
  await form.getByLabel("Device ID (optional)").fill(ESME);
  const related = page.getByTestId("related-incidents");
  await expect(related.getByTestId("related-service-alert").filter({ hasText: title })).toContainText("SR 4.1 Read Instantaneous Values");
  await related.getByRole("button", { name: "Ask the Service Desk to add us as an Interested Party" }).click();
  const party = demoPartyName("brightwater.demo");
  await expect(related.getByRole("status")).toHaveText(`The Service Desk has been asked to add ${party} as an Interested Party.`);
  await expect(related.getByRole("button", { name: "Ask the Service Desk to add us as an Interested Party" })).toHaveCount(0);
  await expect(page).toHaveURL(/\/incidents\/new$/);

  // The request reached the Service Desk's mailbox (the outbox).
  const admin = await signedIn(DEMO.admin);
  expect(await outboxSubjectsFor(admin, DEMO.serviceDesk)).toContain(`Interested Party request from ${party}`);

  // The desk ends the alert: it moves to the ended list and leaves the supplier's banner.
  await desk.reload();
  await desk.getByRole("button", { name: `End Service Alert ${title}` }).click();
  await expect(desk.getByTestId("ended-service-alerts").getByTestId("service-alert").filter({ hasText: title })).toHaveCount(1);
  await expect(desk.getByTestId("active-service-alerts").getByTestId("service-alert").filter({ hasText: title })).toHaveCount(0);
  await page.goto("/incidents");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Incidents");
  await expect(page.getByTestId("service-alert-banner-item").filter({ hasText: title })).toHaveCount(0);
});
