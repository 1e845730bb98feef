// CH Fault Diagnosis (F9.7-F9.14, CHIMSM 10.16-11.9) on the seeded authorised RMA0000002 (RET0000003, SRV 8.14.4,
// reason (e) any other return): the party prints its label; the DCC records the receipt (none ticked is refused), says
// further analysis is required, and issues a Fault Analysis Report finding (d); the party objects (a blank objection is
// refused) and the Service Desk is emailed; the DCC settles and the record closes with the final reason.
// Mutates RMA0000002 / RET0000003 (no other spec relies on them).
import { DEMO, expect, outboxSubjectsFor, test } from "../support";
import { DEMO_RETURNS, RETURNS_DEMO, dashed, openReturn, openRma, returnSection, timelineTexts } from "./helpers";

const AUTHORISED = DEMO_RETURNS.brightwaterRmaAuthorised;

test("receipt, further analysis, Fault Analysis Report, objection and settlement of RET0000003", async ({ signedIn }) => {
  test.setTimeout(120_000);
  const finding = `Casing cracked and water marks on the board; electronic tests not run (e2e ${Date.now().toString(36)}).`;
  const objection = "The hub was removed intact from a dry loft: we hold photographs of the undamaged casing at removal.";
  const settlement = "Agreed with the party on review of the DCC's photographs: the damage happened in its carrier's van.";

  // The party's authorised RMA has a label ready.
  const party = await signedIn(RETURNS_DEMO.deliveries);
  await openRma(party, AUTHORISED.rma);
  await expect(party.getByTestId("rma-status")).toHaveText("Authorised: booked");
  await expect(party.getByTestId("rma-timeslot")).toHaveText(AUTHORISED.timeslot);
  const booking = (await party.getByTestId("booking-reference").innerText()).trim();
  expect(booking).toMatch(/^BK-\d{8}-00002$/);
  await party.getByTestId("label-link").click();
  await expect(party.getByTestId("label-rma-ref")).toHaveText(AUTHORISED.rma);
  await expect(party.getByTestId("booking-reference")).toHaveText(booking);
  await expect(party.getByTestId("label-timeslot")).toHaveText(AUTHORISED.timeslot);
  await expect(party.getByTestId("label-location")).toContainText("DCC Returns Centre Warrington (Central Region)");
  await expect(party.getByTestId("label-chf-ids").locator("li")).toHaveText([dashed(AUTHORISED.chfId)]);
  await expect(party.getByRole("button", { name: "Print the label" })).toBeVisible();

  // The DCC records the receipt: at least one CH must be ticked.
  const admin = await signedIn(DEMO.admin);
  await openRma(admin, AUTHORISED.rma);
  const receipt = admin.getByRole("form", { name: "Record the receipt" });
  const tick = receipt.getByTestId(`received-${AUTHORISED.chfId}`);
  await expect(tick).toBeChecked();
  await tick.uncheck();
  await receipt.getByRole("button", { name: "Record the receipt" }).click();
  await expect(receipt.getByTestId("form-message")).toHaveText("Tick the CHs that arrived; if none did, leave the RMA authorised.");
  await expect(receipt.getByTestId("receivedChfIds-error")).toHaveText("None ticked.");
  await expect(tick).not.toBeChecked();
  await tick.check();
  await receipt.getByRole("button", { name: "Record the receipt" }).click();
  await expect(admin.getByTestId("form-message")).toHaveText("Receipt recorded: 1 received.");
  await admin.reload();
  await expect(admin.getByTestId("rma-status")).toHaveText("Received by the DCC");
  await expect(admin.getByText("The delivery is recorded.")).toBeVisible();
  await expect(admin.getByTestId("rma-chf").getByTestId("return-status")).toHaveText("Received by the DCC");

  // Received: the DCC has 10 days to say it will diagnose; it does.
  await openReturn(admin, AUTHORISED.ref);
  await expect(admin.getByTestId("return-status")).toHaveText("Received by the DCC");
  await expect(admin.getByTestId("notice-due")).toContainText("(10 days left)");
  await expect(returnSection(admin, "report")).toHaveCount(0);
  await returnSection(admin, "diagnose").getByRole("button", { name: "Further analysis required" }).click();
  await expect(returnSection(admin, "diagnose").getByTestId("form-message")).toHaveText("Further analysis required: the party has been told.");
  await admin.reload();
  await expect(admin.getByTestId("return-status")).toHaveText("Further analysis required");
  await expect(admin.getByTestId("report-due")).toContainText("(35 days left)");
  await expect(returnSection(admin, "diagnose")).toHaveCount(0);

  await openReturn(party, AUTHORISED.ref);
  await expect(party.getByTestId("return-status")).toHaveText("Further analysis required");
  await expect(party.getByText("Nothing for you to do on this record now.")).toBeVisible();
  await expect(party.getByRole("heading", { name: "DCC actions" })).toHaveCount(0);

  // The Fault Analysis Report disputes the party's reason: (e) is not offered.
  const report = returnSection(admin, "report");
  const dccReason = report.getByLabel("Reason the DCC finds");
  await expect(dccReason.locator("option", { hasText: "(e) Any other return" })).toHaveCount(0);
  await dccReason.selectOption("d");
  await report.getByLabel("Finding").fill(finding);
  await report.getByRole("button", { name: "Issue the report" }).click();
  await expect(report.getByTestId("form-message")).toHaveText("Fault Analysis Report issued: the party has been told.");
  await admin.reload();
  await expect(admin.getByTestId("return-status")).toHaveText("Fault Analysis Report issued");
  await expect(admin.getByTestId("dcc-reason")).toHaveText("(d) Loss, damage or destruction while the party carried the risk");

  // The party reads the report and objects within 35 days.
  await party.reload();
  await expect(party.getByTestId("return-status")).toHaveText("Fault Analysis Report issued");
  await expect(party.getByTestId("return-reason")).toHaveText("(e) Any other return");
  await expect(party.getByTestId("dcc-reason")).toHaveText("(d) Loss, damage or destruction while the party carried the risk");
  await expect(party.getByTestId("report-finding")).toHaveText(finding);
  await expect(party.getByTestId("objection-due")).toContainText("(35 days left)");
  const object = returnSection(party, "object");
  await object.getByLabel("Why you object").fill("   ");
  await object.getByRole("button", { name: "Send the objection" }).click();
  await expect(object.getByTestId("form-message")).toContainText("Say why you object to the report.");
  await expect(object.getByTestId("text-error")).toHaveText("Say why you object to the report.");
  await party.reload();
  await expect(party.getByTestId("return-status")).toHaveText("Fault Analysis Report issued");
  await object.getByLabel("Why you object").fill(objection);
  await object.getByRole("button", { name: "Send the objection" }).click();
  await expect(object.getByTestId("form-message")).toHaveText("Objection sent to the Service Desk.");
  await party.reload();
  await expect(party.getByTestId("return-status")).toHaveText("Objected: with the Service Desk");
  await expect(returnSection(party, "object")).toHaveCount(0);
  expect(await outboxSubjectsFor(admin, DEMO.serviceDesk)).toContain(`Objection to the Fault Analysis Report on ${AUTHORISED.ref}`);

  // The DCC settles the objection: the record closes with the final reason.
  await openReturn(admin, AUTHORISED.ref);
  await expect(admin.getByTestId("return-status")).toHaveText("Objected: with the Service Desk");
  const settle = returnSection(admin, "settle");
  await expect(settle).toContainText("The party gave (e), the report found (d).");
  await settle.getByLabel("Final reason").selectOption("d");
  await settle.getByLabel("How it was settled").fill(settlement);
  await settle.getByRole("button", { name: "Settle and close" }).click();
  await expect(settle.getByTestId("form-message")).toHaveText("Objection settled: the record is closed.");
  await admin.reload();
  await expect(admin.getByTestId("return-status")).toHaveText("Closed");
  await expect(admin.getByText("Nothing for the DCC to do on this record now.")).toBeVisible();

  await party.reload();
  await expect(party.getByTestId("return-status")).toHaveText("Closed");
  await expect(party.getByTestId("final-reason")).toHaveText("(d) Loss, damage or destruction while the party carried the risk");
  const timeline = await timelineTexts(party);
  const order = ["Received", "Further analysis", "Fault Analysis Report", "Objection", "Closed"].map((kind) => timeline.findIndex((t) => t.includes(`) ${kind} `)));
  expect(order.every((i) => i >= 0), `timeline: ${timeline.join(" | ")}`).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(timeline.at(-1)).toContain(`Objection settled: final reason (d) Loss, damage or destruction while the party carried the risk. ${settlement}`);
  expect(timeline.some((t) => t.includes(`The party objects to the Fault Analysis Report: ${objection}`))).toBe(true);
});
