// The return notification (CHIMSM 9.3-9.9, F8.6): Brightwater's CH_DELIVERY_RETURNS account sends SRV 8.14.3 for the
// fresh CHF DEMO_RETURNS.notifyFresh (fault type and reason (f) CH Defect). A removal more than 5 Working Days ago is
// refused with "Contact the Service Desk", keeping what was typed; removed today it is recorded and the record shows the
// 90-day return-by date and its timeline; notifying it again is refused. Northgate (not the Responsible Supplier) is
// refused another CHF. Mutates notifyFresh's CHF only (no other spec relies on it).
import { expect, signIn, test } from "../support";
import { DEMO_RETURNS, RETURNS_DEMO, UNNOTIFIED_CHF, dashed, listedReturns, londonToday, shiftDay, shortDate, timelineTexts } from "./helpers";

const FRESH = DEMO_RETURNS.notifyFresh;

test("SRV 8.14.3 for a fresh CHF: a removal over 5 Working Days ago is refused, today's is recorded with its 90-day return-by date", async ({ page }) => {
  const note = `Hub LED dark after a storm (e2e ${Date.now().toString(36)}).`;
  const today = londonToday();
  const old = shiftDay(today, -21);
  await signIn(page, RETURNS_DEMO.deliveries);
  await page.goto("/returns");
  await page.getByRole("link", { name: "Notify a removed CH" }).click();
  await expect(page).toHaveURL(/\/returns\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notify a removed CH");

  const form = page.getByRole("form", { name: "Notify a removed CH" });
  await form.getByLabel("CHF Device ID").fill(dashed(FRESH.chfId));
  await form.getByLabel("Removal date").fill(old);
  await form.getByTestId("kind-FAULT").check();
  await form.getByLabel("Return reason (F9.5)").selectOption("f");
  await form.getByLabel("Fault return type").selectOption("CH Defect");
  await form.getByLabel("Note (optional)").fill(note);
  await form.getByRole("button", { name: "Send the CH Status Update" }).click();

  // Refused: too late for the SR, the Service Desk takes it; every input is kept.
  await expect(form.getByTestId("form-message")).toContainText("SRV 8.14.3 must be sent within 5 Working Days of removal");
  await expect(form.getByTestId("form-message")).toContainText("Contact the Service Desk to notify this return (CHIMSM 9.9).");
  await expect(form.getByTestId("removedOn-error")).toHaveText("More than 5 Working Days ago.");
  await expect(page).toHaveURL(/\/returns\/new$/);
  await expect(form.getByLabel("CHF Device ID")).toHaveValue(dashed(FRESH.chfId));
  await expect(form.getByLabel("Removal date")).toHaveValue(old);
  await expect(form.getByTestId("kind-FAULT")).toBeChecked();
  await expect(form.getByLabel("Return reason (F9.5)")).toHaveValue("f");
  await expect(form.getByLabel("Fault return type")).toHaveValue("CH Defect");
  await expect(form.getByLabel("Note (optional)")).toHaveValue(note);

  // Removed today: recorded, and the record page opens.
  await form.getByLabel("Removal date").fill(today);
  await form.getByRole("button", { name: "Send the CH Status Update" }).click();
  await page.waitForURL(/\/returns\/RET\d{7}\?notified=1$/);
  const ref = /\/returns\/(RET\d{7})/.exec(page.url())![1];
  expect(Object.values(DEMO_RETURNS).map((r) => ("ref" in r ? r.ref : ""))).not.toContain(ref);
  const returnBy = shortDate(shiftDay(today, 90));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Return ${ref}`);
  await expect(page.getByTestId("notified-banner")).toContainText(`Return ${ref} recorded (SRV 8.14.3). Return the CH by ${returnBy}.`);
  await expect(page.getByTestId("return-ref")).toHaveText(ref);
  await expect(page.getByTestId("return-status")).toHaveText("Notified: RMA needed");
  await expect(page.getByTestId("return-chf")).toHaveText(dashed(FRESH.chfId));
  await expect(page.getByTestId("return-kind")).toHaveText("SRV 8.14.3 CH Status Update – Fault Return");
  await expect(page.getByTestId("return-reason")).toHaveText("(f) CH Defect");
  const record = page.getByRole("heading", { level: 2, name: "Return record" }).locator("xpath=..");
  await expect(record.locator("dt", { hasText: /^Fault type$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("CH Defect");
  await expect(record.locator("dt", { hasText: /^Notified via$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText("SRV 8.14.3");
  await expect(record.locator("dt", { hasText: /^Note$/ }).locator("xpath=following-sibling::dd[1]")).toHaveText(note);
  await expect(record.getByText("(within 5 Working Days)")).toBeVisible();
  // 90 days from removal, running.
  await expect(page.getByTestId("return-due")).toContainText(returnBy);
  await expect(page.getByTestId("return-due")).toContainText("(90 days left)");
  // The next step is offered, and the timeline holds the notification.
  await expect(page.getByRole("link", { name: "Request an RMA" })).toHaveAttribute("href", `/returns/rma/new?chf=${FRESH.chfId}`);
  const timeline = await timelineTexts(page);
  expect(timeline).toHaveLength(1);
  expect(timeline[0]).toContain("(Brightwater Energy)");
  expect(timeline[0]).toContain("Notified");
  expect(timeline[0]).toContain(`SRV 8.14.3: CH removed on ${shortDate(today)}, reason (f) CH Defect, fault type CH Defect.`);

  // Listed, with its return-by date.
  const listed = await listedReturns(page, ref);
  expect(listed.returns).toEqual([ref]);
  const row = page.locator("table tbody tr").filter({ hasText: ref });
  await expect(row.getByTestId("return-chf")).toHaveText(dashed(FRESH.chfId));
  await expect(row.getByTestId("return-due")).toContainText(returnBy);
  await expect(row.getByTestId("return-status")).toHaveText("Notified: RMA needed");
  await expect(row.getByRole("link", { name: "Request one" })).toBeVisible();

  // The same CH cannot be notified twice while its return is open.
  await page.goto(`/returns/new`);
  await form.getByLabel("CHF Device ID").fill(FRESH.chfId);
  await form.getByLabel("Removal date").fill(today);
  await form.getByLabel("Return reason (F9.5)").selectOption("f");
  await form.getByLabel("Fault return type").selectOption("Physical damage");
  await form.getByRole("button", { name: "Send the CH Status Update" }).click();
  await expect(form.getByTestId("form-message")).toHaveText(`CH ${dashed(FRESH.chfId)} is already notified for return as ${ref}.`);
  await expect(form.getByTestId("deviceId-error")).toHaveText(`Already ${ref}.`);
  await expect(form.getByLabel("Fault return type")).toHaveValue("Physical damage");
});

test("the form offers the reasons of the chosen CH Status Update, and the fault type only with SRV 8.14.3", async ({ page }) => {
  await signIn(page, RETURNS_DEMO.ordering);
  await page.goto("/returns/new");
  const form = page.getByRole("form", { name: "Notify a removed CH" });
  const reason = form.getByLabel("Return reason (F9.5)");
  await expect(page.getByTestId("earliest-removal")).toBeVisible();

  // SRV 8.14.3: fault reasons only (no no-fault reason can go with it), and a fault type.
  await form.getByTestId("kind-FAULT").check();
  await expect(reason.locator("option")).toHaveText([
    "Choose the reason…",
    "(d) Loss, damage or destruction while the party carried the risk",
    "(f) CH Defect",
    "(g) Loss or damage caused by a DCC breach",
    "(h) Rejected on delivery (F6.10)",
    "(i) Returned at the DCC's request (Product Recall or Technology Refresh)",
  ]);
  await expect(form.getByLabel("Fault return type").locator("option")).toHaveText(["Choose the fault type…", "CH Defect", "Physical damage", "Fault procedure (CHIMSM 8.8)"]);

  // SRV 8.14.4: the no-fault reasons, no fault type.
  await form.getByTestId("kind-NO_FAULT").check();
  await expect(reason.locator("option")).toHaveText([
    "Choose the reason…",
    "(a) CHF Withdrawn from a Non-Domestic Premises",
    "(b) Special Second-Fuel Installation",
    "(c) Special WAN-Variant Installation",
    "(e) Any other return",
  ]);
  await expect(form.getByLabel("Fault return type")).toHaveCount(0);
  await reason.selectOption("e");
  await expect(form.getByTestId("kind-NO_FAULT")).toBeChecked();
});

test("only the Responsible Supplier may notify an installed CH's return", async ({ page }) => {
  await signIn(page, RETURNS_DEMO.otherDeliveries);
  await page.goto("/returns/new");
  const form = page.getByRole("form", { name: "Notify a removed CH" });
  await form.getByLabel("CHF Device ID").fill(UNNOTIFIED_CHF);
  await form.getByLabel("Removal date").fill(londonToday());
  await form.getByTestId("kind-NO_FAULT").check();
  await form.getByLabel("Return reason (F9.5)").selectOption("e");
  await form.getByRole("button", { name: "Send the CH Status Update" }).click();
  await expect(form.getByTestId("form-message")).toHaveText(`Only the Responsible Supplier may remove and return CH ${dashed(UNNOTIFIED_CHF)} (F8.3).`);
  await expect(page).toHaveURL(/\/returns\/new$/);
  await expect(form.getByLabel("CHF Device ID")).toHaveValue(UNNOTIFIED_CHF);
  const listed = await listedReturns(page);
  expect(listed.returns).toEqual([DEMO_RETURNS.northgateRmaRequested.ref]);
});
