// Return Material Authorisations (CHIMSM 10.5-10.13; service.md §7 scenarios 20-22). Brightwater's OMS accounts
// request RMAs; admin@dcc.demo answers them.
// - Scenario 20: an RMA for a CHF with no return notification fails with "Return notification required first".
// - Scenario 21: a preferred Return Date fewer than 5 Working Days ahead, or a Saturday, is refused (input kept).
// - A valid request for RET0000001's CHF, which the DCC then rejects: a reason is required, the party sees it and the
//   CH needs a new RMA (mutates RET0000001 and the RMA it creates).
// - Scenario 22: the DCC authorises RMA0000001 (RET0000002) with a timeslot; the party sees the booking reference,
//   timeslot and RMA reference, and prints the RMA label (mutates RMA0000001 / RET0000002).
import { DEMO, expect, signIn, test } from "../support";
import { DEMO_RETURNS, RETURNS_DEMO, UNNOTIFIED_CHF, dashed, detail, listedReturns, longDate, openReturn, openRma, shiftDay, timelineTexts, weekday } from "./helpers";

const NOTIFIED = DEMO_RETURNS.brightwaterNotified;
const REQUESTED = DEMO_RETURNS.brightwaterRmaRequested;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "Monday 9 Mar 2026" (as the RMA page shows a date) → 20260309. */
function compactDate(shown: string): string {
  const [, day, month, year] = /(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})/.exec(shown)!;
  return `${year}${String(MONTHS.indexOf(month) + 1).padStart(2, "0")}${day.padStart(2, "0")}`;
}

test.describe.serial("requesting an RMA", () => {
  let requestedRef = "";

  test("scenario 20: an RMA for a CHF with no return notification is refused", async ({ page }) => {
    await signIn(page, RETURNS_DEMO.ordering);
    await page.goto("/returns");
    await page.getByRole("link", { name: "Request an RMA" }).click();
    await expect(page).toHaveURL(/\/returns\/rma\/new$/);
    const form = page.getByRole("form", { name: "Request an RMA" });
    const earliest = (await form.getByLabel("Preferred Return Date").getAttribute("min"))!;
    await form.getByLabel("CHF IDs").fill(dashed(UNNOTIFIED_CHF));
    await form.getByLabel("DCC Returns Location").selectOption("RL-C1");
    await form.getByLabel("Preferred Return Date").fill(earliest);
    await form.getByLabel("Phone").fill("0121 496 0000");
    await form.getByRole("button", { name: "Request the RMA" }).click();

    await expect(form.getByTestId("form-message")).toHaveText(
      `Return notification required first (SRV 8.14.3 / 8.14.4 or the Service Desk, CHIMSM 10.5): ${dashed(UNNOTIFIED_CHF)}.`,
    );
    await expect(form.getByTestId("chfIds-error")).toHaveText("Notify the return first.");
    await expect(page).toHaveURL(/\/returns\/rma\/new$/);
    await expect(form.getByLabel("CHF IDs")).toHaveValue(dashed(UNNOTIFIED_CHF));
    await expect(form.getByLabel("DCC Returns Location")).toHaveValue("RL-C1");
    await expect(form.getByLabel("Preferred Return Date")).toHaveValue(earliest);
    await expect(form.getByLabel("Phone")).toHaveValue("0121 496 0000");
    // Nothing was booked for it.
    expect((await listedReturns(page, UNNOTIFIED_CHF)).returns).toEqual([]);
    await expect(page.getByText("No return record matches these filters.")).toBeVisible();
  });

  test("scenario 21: a preferred Return Date fewer than 5 Working Days ahead, or not a Working Day, is refused", async ({ page }) => {
    await signIn(page, RETURNS_DEMO.deliveries);
    await page.goto(`/returns/rma/new?chf=${NOTIFIED.chfId}`);
    const form = page.getByRole("form", { name: "Request an RMA" });
    const date = form.getByLabel("Preferred Return Date");
    const earliest = (await date.getAttribute("min"))!;
    await expect(page.getByTestId("earliest-return-date")).toHaveText(longDate(earliest));
    await expect(form.getByLabel("CHF IDs")).toHaveValue(dashed(NOTIFIED.chfId));
    await expect(form.getByTestId(`pick-${NOTIFIED.chfId}`)).toBeChecked();
    await form.getByLabel("DCC Returns Location").selectOption("RL-C2");
    await form.getByLabel("Phone").fill("0121 496 0001");
    const submit = form.getByRole("button", { name: "Request the RMA" });
    const refused = `The preferred Return Date must be a Working Day at least 5 Working Days after today: ${longDate(earliest)} or later.`;

    // The day before the earliest: the date field refuses it before anything is sent...
    const early = shiftDay(earliest, -1);
    await date.fill(early);
    await submit.click();
    expect(await date.evaluate((el: HTMLInputElement) => el.validity.rangeUnderflow)).toBe(true);
    await expect(form.getByTestId("form-message")).toHaveCount(0);
    // ...and so does the portal when a browser lets it through.
    await form.evaluate((el: HTMLFormElement) => (el.noValidate = true));
    await submit.click();
    await expect(form.getByTestId("form-message")).toHaveText(refused);
    await expect(form.getByTestId("preferredReturnDate-error")).toHaveText("A Working Day at least 5 Working Days ahead.");
    await expect(date).toHaveValue(early);

    // A Saturday after the earliest date is not a Working Day.
    let saturday = earliest;
    while (weekday(saturday) !== 6) saturday = shiftDay(saturday, 1);
    await date.fill(saturday);
    await submit.click();
    await expect(form.getByTestId("form-message")).toHaveText(refused);
    await expect(form.getByTestId("preferredReturnDate-error")).toHaveText("A Working Day at least 5 Working Days ahead.");
    await expect(page).toHaveURL(/\/returns\/rma\/new\?chf=/);
    await expect(date).toHaveValue(saturday);
    await expect(form.getByLabel("CHF IDs")).toHaveValue(dashed(NOTIFIED.chfId));
    await expect(form.getByLabel("DCC Returns Location")).toHaveValue("RL-C2");
    await expect(form.getByLabel("Phone")).toHaveValue("0121 496 0001");

    await openReturn(page, NOTIFIED.ref);
    await expect(page.getByTestId("return-status")).toHaveText("Notified: RMA needed");
  });

  test("a valid RMA request for RET0000001's CHF", async ({ page }) => {
    await signIn(page, RETURNS_DEMO.deliveries);
    await openReturn(page, NOTIFIED.ref);
    await expect(page.getByTestId("return-status")).toHaveText("Notified: RMA needed");
    await page.getByRole("link", { name: "Request an RMA" }).click();
    await expect(page).toHaveURL(`/returns/rma/new?chf=${NOTIFIED.chfId}`);
    const form = page.getByRole("form", { name: "Request an RMA" });
    await expect(form.getByLabel("CHF IDs")).toHaveValue(dashed(NOTIFIED.chfId));
    // Ticking the notified return beside the list adds or removes its ID.
    await form.getByTestId(`pick-${NOTIFIED.chfId}`).uncheck();
    await expect(form.getByLabel("CHF IDs")).toHaveValue("");
    await form.getByTestId(`pick-${NOTIFIED.chfId}`).check();
    await expect(form.getByLabel("CHF IDs")).toHaveValue(dashed(NOTIFIED.chfId));
    const earliest = (await form.getByLabel("Preferred Return Date").getAttribute("min"))!;
    await form.getByLabel("DCC Returns Location").selectOption("RL-C1");
    await form.getByLabel("Preferred Return Date").fill(earliest);
    await form.getByLabel("Phone").fill("0121 496 0002");
    await form.getByRole("button", { name: "Request the RMA" }).click();

    await page.waitForURL(/\/returns\/rma\/RMA\d{7}\?requested=1$/);
    requestedRef = /\/rma\/(RMA\d{7})/.exec(page.url())![1];
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`RMA ${requestedRef}`);
    await expect(page.getByTestId("requested-banner")).toContainText(`RMA ${requestedRef} requested.`);
    await expect(page.getByTestId("rma-status")).toHaveText("Requested: awaiting the DCC");
    await expect(page.getByTestId("return-date")).toHaveText(`${longDate(earliest)} (preferred)`);
    await expect(page.getByTestId("booking-reference")).toHaveCount(0);
    await expect(page.getByTestId("label-link")).toHaveCount(0);
    await expect(detail(page, "DCC Returns Location")).toContainText("DCC Returns Centre Birmingham (Central Region)");
    await expect(detail(page, "Contact")).toContainText("0121 496 0002");
    const chf = page.getByTestId("rma-chf");
    await expect(chf).toHaveCount(1);
    await expect(chf).toContainText(dashed(NOTIFIED.chfId));
    await expect(chf).toContainText(NOTIFIED.ref);
    await expect(chf.getByTestId("return-status")).toHaveText("RMA requested");

    await openReturn(page, NOTIFIED.ref);
    await expect(page.getByTestId("return-status")).toHaveText("RMA requested");
    await expect(page.getByTestId("return-rma")).toHaveText(requestedRef);
    await expect(page.getByRole("link", { name: "Request an RMA" })).toHaveCount(0);
    const timeline = await timelineTexts(page);
    expect(timeline.some((t) => t.includes(`Included in RMA request ${requestedRef}.`))).toBe(true);
    expect(timeline.some((t) => t.includes("RMA: Requested") && t.includes(`preferred Return Date ${longDate(earliest)}`))).toBe(true);
  });

  test("the DCC rejects the RMA only with a reason; the party sees it and the CH needs a new RMA", async ({ signedIn }) => {
    expect(requestedRef, "the RMA requested by the previous test").toMatch(/^RMA\d{7}$/);
    const reason = `No capacity at Birmingham that week, choose Warrington (e2e ${Date.now().toString(36)}).`;
    const admin = await signedIn(DEMO.admin);
    await openRma(admin, requestedRef);
    const form = admin.getByRole("form", { name: "Authorise or reject the RMA" });
    await form.getByTestId("decision-REJECTED").check();
    await expect(form.getByLabel("Delivery timeslot")).toHaveCount(0);
    // Blank (spaces only): refused, the answer kept.
    await form.getByLabel("Reason").fill("   ");
    await form.getByRole("button", { name: "Send the answer" }).click();
    await expect(form.getByTestId("form-message")).toContainText("Give the reason: the party is told why.");
    await expect(form.getByTestId("reason-error")).toHaveText("Give the reason: the party is told why.");
    await expect(form.getByTestId("decision-REJECTED")).toBeChecked();
    await admin.reload();
    await expect(admin.getByTestId("rma-status")).toHaveText("Requested: awaiting the DCC");

    await form.getByTestId("decision-REJECTED").check();
    await form.getByLabel("Reason").fill(reason);
    await form.getByRole("button", { name: "Send the answer" }).click();
    await expect(admin.getByTestId("form-message")).toHaveText("RMA rejected: the party has been told why.");
    await admin.reload();
    await expect(admin.getByTestId("rma-status")).toHaveText("Rejected");
    await expect(admin.getByText("The RMA is answered.")).toBeVisible();

    const party = await signedIn(RETURNS_DEMO.deliveries);
    await openRma(party, requestedRef);
    await expect(party.getByTestId("rma-status")).toHaveText("Rejected");
    await expect(party.getByTestId("rejected-banner")).toHaveText(`Rejected: ${reason}. The CHs are back to "Notified: RMA needed": request a new RMA for them.`);
    await expect(party.getByTestId("rma-reason")).toHaveText(reason);
    await expect(party.getByTestId("label-link")).toHaveCount(0);
    await expect(party.getByTestId("rma-chf")).toContainText("Released by the rejection: needs a new RMA");
    await expect(party.getByTestId("rma-events").getByTestId("timeline-entry").last()).toContainText(`Rejected: ${reason}`);
    // No label for a rejected RMA.
    await party.goto(`/returns/rma/${requestedRef}/label`);
    await expect(party.getByTestId("label-not-ready")).toHaveText(`RMA ${requestedRef} was rejected: there is no label. Request a new RMA for its CHs.`);
    await expect(party.getByTestId("rma-label")).toHaveCount(0);

    // The return record is back to "Notified" and a new RMA can be requested.
    await openReturn(party, NOTIFIED.ref);
    await expect(party.getByTestId("return-status")).toHaveText("Notified: RMA needed");
    await expect(party.getByTestId("return-rma")).toHaveCount(0);
    await expect(party.getByRole("link", { name: "Request an RMA" })).toBeVisible();
    expect((await timelineTexts(party)).at(-1)).toContain(`RMA ${requestedRef} rejected: request a new RMA.`);
  });
});

test("scenario 22: the DCC authorises RMA0000001 with a timeslot; the party sees the booking and prints the RMA label", async ({ signedIn }) => {
  const admin = await signedIn(DEMO.admin);
  await openRma(admin, REQUESTED.rma);
  await expect(admin.getByTestId("rma-status")).toHaveText("Requested: awaiting the DCC");
  await expect(admin.getByTestId("booking-reference")).toHaveCount(0);
  const shown = (await admin.getByTestId("return-date").innerText()).replace(" (preferred)", "").trim();
  const form = admin.getByRole("form", { name: "Authorise or reject the RMA" });
  await form.getByTestId("decision-AUTHORISED").check();
  await expect(form.getByText(`Authorise: book the return on ${shown}`)).toBeVisible();
  await expect(form.getByLabel("Reason")).toHaveCount(0);
  await form.getByLabel("Delivery timeslot").selectOption("14:00-16:00");
  await form.getByRole("button", { name: "Send the answer" }).click();
  await expect(admin.getByTestId("form-message")).toHaveText("RMA authorised: the party can print the RMA label.");
  await admin.reload();
  await expect(admin.getByTestId("rma-status")).toHaveText("Authorised: booked");
  const booking = `BK-${compactDate(shown)}-00001`;
  await expect(admin.getByTestId("booking-reference")).toHaveText(booking);

  // The party: booking reference, timeslot and RMA reference in the OMS.
  const party = await signedIn(RETURNS_DEMO.deliveries);
  await party.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await openRma(party, REQUESTED.rma);
  await expect(party.getByTestId("rma-ref")).toHaveText(REQUESTED.rma);
  await expect(party.getByTestId("rma-status")).toHaveText("Authorised: booked");
  await expect(party.getByTestId("booking-reference")).toHaveText(booking);
  await expect(party.getByTestId("rma-timeslot")).toHaveText("14:00-16:00");
  await expect(party.getByTestId("return-date")).toHaveText(shown);
  await expect(party.getByRole("form", { name: "Authorise or reject the RMA" })).toHaveCount(0);
  await expect(party.getByTestId("rma-events").getByTestId("timeline-entry").last()).toContainText(
    `Authorised: booking reference ${booking}, ${shown}, 14:00-16:00 at DCC Returns Centre Birmingham.`,
  );

  // The printable label: RMA reference, booking reference, Party Signifier, Returns Location, CHF IDs.
  await party.getByTestId("label-link").click();
  await expect(party).toHaveURL(`/returns/rma/${REQUESTED.rma}/label`);
  const label = party.getByTestId("rma-label");
  await expect(label).toBeVisible();
  await expect(label.getByTestId("label-rma-ref")).toHaveText(REQUESTED.rma);
  await expect(label.getByTestId("booking-reference")).toHaveText(booking);
  await expect(label.getByTestId("label-return-date")).toContainText(/\d{4}/);
  await expect(label.getByTestId("label-timeslot")).toHaveText("14:00-16:00");
  await expect(label.getByTestId("label-party")).toHaveText(/^[0-9A-F]{2}(-[0-9A-F]{2}){7} · Brightwater Energy$/);
  await expect(label.getByTestId("label-location")).toContainText("DCC Returns Centre Birmingham (Central Region)");
  await expect(label.getByTestId("label-location")).toContainText("Unit 12, Hams Hall, Coleshill B46 1AL");
  await expect(label.getByTestId("label-chf-ids").locator("li")).toHaveText([dashed(REQUESTED.chfId)]);
  await expect(label.getByRole("heading", { name: "CHF Identifiers (1)" })).toBeVisible();
  const print = party.getByRole("button", { name: "Print the label" });
  await expect(print).toBeVisible();
  await print.click();
  await expect.poll(() => party.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // The return record moved with its RMA; the list shows the booking.
  await openReturn(party, REQUESTED.ref);
  await expect(party.getByTestId("return-status")).toHaveText("RMA authorised: return booked");
  await expect(party.getByTestId("rma-status")).toHaveText("Authorised: booked");
  const timeline = await timelineTexts(party);
  expect(timeline.some((t) => t.includes("RMA: Authorised") && t.includes(booking))).toBe(true);
  expect(timeline.some((t) => t.includes(`RMA ${REQUESTED.rma} authorised: booking ${booking}.`))).toBe(true);
  await listedReturns(party, REQUESTED.rma);
  await expect(party.locator("table tbody tr").filter({ hasText: booking })).toHaveCount(1);
});
