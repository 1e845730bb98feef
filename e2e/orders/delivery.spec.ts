// CH deliveries (F6, F5.19; service.md §1.3-1.4, scenarios 14 and 16) in the browser, on the fixed demo records of
// prisma/seed/demo-orders.ts:
// - ORD0000007 (Brightwater, accepted, no consignment): the DCC schedules its delivery (a weekend date refused first),
//   cannot record it before the Delivery Date, the party sees it; then orders@brightwater cancels it (48 h ahead and
//   more) after the cost warning. Mutates ORD0000007 only.
// - CON0000001 (delivered, awaiting Brightwater's answer): listed under "Deliveries to confirm", reported damaged by
//   deliveries@brightwater (refused first without units), then collected by the DCC. Mutates CON0000001 only.
// - CON0000002 (rejected as damaged, 3 dates offered): deliveries@brightwater picks one; the replacement appears.
//   Mutates CON0000002 only.
// - Isolation: Brightwater and Northgate never see each other's consignments (read-only).
// The tests on one record run in order (test.describe.serial); the groups do not depend on each other.
import type { Locator, Page } from "@playwright/test";
import { DEMO_CONSIGNMENTS } from "@/prisma/seed/demo-orders";
import { DEMO, DEMO_ORDERS, expect, expectOrderNotFound, listedOrderRefs, openOrder, ORDER_DEMO, signIn, test } from "../support";

const SCHEDULABLE = DEMO_ORDERS.brightwaterSchedulable;
const DELIVERED = DEMO_CONSIGNMENTS.brightwaterDelivered;
const REJECTED = DEMO_CONSIGNMENTS.brightwaterRejected;
const NORTHGATE = DEMO_CONSIGNMENTS.northgateScheduled;
const DAMAGED = "Damaged or looks tampered with, before delivery (F6.9(c))";
const WINDOW = "12:00-16:00";

/** A consignment on its order's page, by reference. */
const consignment = (page: Page, ref: string) => page.locator(`[data-testid="consignment"][data-ref="${ref}"]`);
/** Its status badge (as shown: "Scheduled", "Rejected: awaiting collection", …). */
const statusOf = (c: Locator) => c.locator("header").getByTestId("consignment-status");
/** The order timeline's entries about one consignment, of one kind (e.g. "consignment.rejected"). */
const timelineEntry = (page: Page, ref: string, kind: string) => page.locator(`[data-testid="timeline-entry"][data-consignment="${ref}"][data-kind="${kind}"]`);
/** The success or refusal message of a form, by (part of) its text. */
const message = (scope: Page | Locator, text: string | RegExp) => scope.getByTestId("form-message").filter({ hasText: text });

/** The first Saturday of a "YYYY-MM" month, as YYYY-MM-DD. */
function firstSaturday(month: string): string {
  const [y, m] = month.split("-").map(Number);
  for (let day = 1; ; day++) {
    const at = new Date(Date.UTC(y, m - 1, day, 12));
    if (at.getUTCDay() === 6) return at.toISOString().slice(0, 10);
  }
}

/** The consignment references listed in the "Deliveries to confirm" panel of /orders. */
async function deliveriesToConfirm(page: Page): Promise<string[]> {
  await page.goto("/orders");
  const panel = page.getByTestId("deliveries-to-confirm");
  await expect(panel).toBeVisible();
  return (await panel.getByTestId("panel-consignment-ref").allInnerTexts()).map((t) => t.trim());
}

test.describe.serial("ORD0000007: the DCC schedules a consignment, the party sees it and cancels it", () => {
  test("the DCC schedules the delivery on a Working Day, not before it; deliveries@brightwater sees it with its timeline entry", async ({ signedIn }) => {
    const admin = await signedIn(DEMO.admin);
    await openOrder(admin, SCHEDULABLE.ref);
    await expect(admin.getByTestId("order-status")).toHaveText("Accepted");
    await expect(admin.getByTestId("consignments")).toContainText("No consignments yet.");
    const form = admin.getByRole("form", { name: `Raise consignment to ${SCHEDULABLE.location}` });
    const date = form.getByLabel("Delivery Date");
    const preferred = await date.inputValue();
    const month = (await date.getAttribute("max"))!.slice(0, 7);

    // A Saturday of the Delivery Month: refused, what was chosen stays in the form.
    const saturday = firstSaturday(month);
    await date.fill(saturday);
    await form.getByLabel("Delivery Window").selectOption(WINDOW);
    await form.getByRole("button", { name: "Raise consignment" }).click();
    await expect(message(form, "The Delivery Date must be a Working Day.")).toBeVisible();
    await expect(form.getByTestId("field-error")).toHaveText("Not a Working Day.");
    await expect(form.getByLabel("Delivery Date")).toHaveValue(saturday);
    await expect(form.getByLabel("Delivery Window")).toHaveValue(WINDOW);

    // The order's preferred date (a Working Day in the Delivery Month, months ahead): scheduled.
    await form.getByLabel("Delivery Date").fill(preferred);
    await form.getByRole("button", { name: "Raise consignment" }).click();
    const scheduled = message(admin, /^CON\d{7} scheduled for /);
    await expect(scheduled).toHaveText(new RegExp(`^CON\\d{7} scheduled for ${SCHEDULABLE.location} on \\w+ \\d{1,2} \\w+ \\d{4}, ${WINDOW}\\. An email to the party's OMS accounts has been queued\\.$`));
    const ref = /^(CON\d{7})/.exec(await scheduled.innerText())![1];

    await admin.reload();
    const dccView = consignment(admin, ref);
    await expect(statusOf(dccView)).toHaveText("Scheduled");
    const when = (await dccView.getByTestId("consignment-date").innerText()).trim();
    expect(when).toMatch(new RegExp(`^\\w+ \\d{1,2} \\w+ \\d{4}, ${WINDOW}$`));
    // Recording the delivery before its Delivery Date is not offered (the lib refuses it too).
    await expect(dccView.getByTestId("delivery-not-due")).toHaveText(`The delivery can be recorded from ${when.replace(`, ${WINDOW}`, "")}.`);
    await expect(dccView.getByRole("button", { name: "Record delivery" })).toHaveCount(0);
    // One delivery per location: nothing more to raise.
    await expect(admin.getByRole("form", { name: `Raise consignment to ${SCHEDULABLE.location}` })).toHaveCount(0);

    // The party sees the consignment, its date and window, and the timeline entry; delivery & returns cannot cancel it.
    const party = await signedIn(ORDER_DEMO.deliveries);
    await openOrder(party, SCHEDULABLE.ref);
    const partyView = consignment(party, ref);
    await expect(statusOf(partyView)).toHaveText("Scheduled");
    await expect(partyView.getByTestId("consignment-date")).toHaveText(when);
    await expect(partyView).toContainText(`${SCHEDULABLE.location}, Leeds LS9 0SG`);
    const entry = timelineEntry(party, ref, "consignment.scheduled");
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Consignment scheduled");
    await expect(entry.locator("p")).toHaveText(`To ${SCHEDULABLE.location} on ${when}.`);
    await expect(party.getByRole("button", { name: "Cancel consignment…" })).toHaveCount(0);
    await expect(party.getByRole("button", { name: "Report non-compliant…" })).toHaveCount(0);
  });

  test("orders@brightwater cancels the scheduled consignment (more than 48 hours ahead) after the cost warning", async ({ signedIn }) => {
    const party = await signedIn(ORDER_DEMO.ordering);
    await openOrder(party, SCHEDULABLE.ref);
    const scheduled = party.locator('[data-testid="consignment"][data-status="SCHEDULED"]');
    await expect(scheduled).toHaveCount(1);
    const ref = (await scheduled.getAttribute("data-ref"))!;
    const form = party.getByRole("form", { name: `Cancel ${ref}` });
    await expect(form).toContainText("A consignment can be cancelled up to 48 hours before its delivery; the DCC's reasonable costs are billed on your next Invoice.");

    // The first click only asks; "Keep it" backs out.
    await form.getByRole("button", { name: "Cancel consignment…" }).click();
    const confirm = form.getByRole("group", { name: "Confirm cancellation" });
    await expect(confirm).toHaveText(new RegExp(`^Cancel ${ref}\\? The DCC's reasonable costs are billed on your next Invoice\\. This cannot be undone\\.`));
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect(confirm).toHaveCount(0);
    await party.reload();
    await expect(statusOf(consignment(party, ref))).toHaveText("Scheduled");

    await form.getByRole("button", { name: "Cancel consignment…" }).click();
    await confirm.getByRole("button", { name: "Yes, cancel the consignment" }).click();
    await expect(message(party, ref)).toHaveText(`${ref} is cancelled. The DCC's reasonable costs are billed on your next Invoice.`);

    await party.reload();
    await expect(statusOf(consignment(party, ref))).toHaveText("Cancelled");
    await expect(party.getByRole("form", { name: `Cancel ${ref}` })).toHaveCount(0);
    const entry = timelineEntry(party, ref, "consignment.cancelled");
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Cancelled");
    await expect(entry).toContainText("Cancelled by the party; the DCC's reasonable costs are billed on the next Invoice.");
    // Only the consignment is cancelled, not the order.
    await expect(party.getByTestId("order-status")).toHaveText("Accepted");
  });
});

test.describe.serial("CON0000001: the party reports the delivery damaged, the DCC collects the units", () => {
  test("Brightwater's 'Deliveries to confirm' lists CON0000001 and links to it", async ({ signedIn }) => {
    const ordering = await signedIn(ORDER_DEMO.ordering);
    const page = await signedIn(ORDER_DEMO.deliveries);
    for (const [email, account] of [[ORDER_DEMO.ordering, ordering], [ORDER_DEMO.deliveries, page]] as const) {
      expect(await deliveriesToConfirm(account), email).toContain(DELIVERED.ref);
      const row = account.locator(`[data-testid="delivery-to-confirm"][data-ref="${DELIVERED.ref}"]`);
      await expect(row).toContainText(DELIVERED.location);
      await expect(row.getByTestId("confirm-by")).not.toHaveText("—");
      await expect(account.getByTestId("deliveries-to-confirm")).toContainText("Not confirmed or rejected by the deadline, a delivery is deemed compliant (F6.8).");
    }
    // deliveries@brightwater follows the link to the consignment on its order.
    await page.getByTestId("deliveries-to-confirm").getByRole("link", { name: DELIVERED.ref, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/orders/${DELIVERED.order}#${DELIVERED.ref}$`));
    const c = consignment(page, DELIVERED.ref);
    await expect(statusOf(c)).toHaveText("Delivered: confirm or reject");
    await expect(c.getByTestId("consignment-date")).toContainText(DELIVERED.window);
    await expect(c.getByTestId("confirm-due")).toContainText("(otherwise deemed compliant, F6.8)");
    await expect(c.getByRole("button", { name: "Confirm compliant" })).toBeVisible();
  });

  test("deliveries@brightwater reports CON0000001 damaged: refused without units, then Rejected with the collection in the timeline", async ({ signedIn }) => {
    const note = `Two cartons crushed on the pallet (e2e ${Date.now().toString(36)}).`;
    const page = await signedIn(ORDER_DEMO.deliveries);
    await openOrder(page, DELIVERED.order);
    const c = consignment(page, DELIVERED.ref);
    await expect(statusOf(c)).toHaveText("Delivered: confirm or reject");
    await c.getByRole("button", { name: "Report non-compliant…" }).click();
    const form = page.getByRole("form", { name: `Report ${DELIVERED.ref} non-compliant` });
    await form.getByRole("radio", { name: DAMAGED }).check();
    await form.getByLabel("Note").fill(note);

    // No units: refused, the ground and the note kept.
    await form.getByRole("button", { name: "Report non-compliant", exact: true }).click();
    await expect(message(form, /./)).toHaveText("Units rejected: give the units, per item, that the delivery got wrong.");
    await expect(form.getByTestId("field-error")).toHaveText("Give at least one unit.");
    await expect(form.getByRole("radio", { name: DAMAGED })).toBeChecked();
    await expect(form.getByLabel("Note")).toHaveValue(note);
    await page.reload();
    await expect(statusOf(consignment(page, DELIVERED.ref))).toHaveText("Delivered: confirm or reject");

    // With 20 units of the first CH line: Rejected, awaiting collection.
    await c.getByRole("button", { name: "Report non-compliant…" }).click();
    await form.getByRole("radio", { name: DAMAGED }).check();
    const units = form.getByLabel(/^Units rejected: /);
    await expect(units.first()).toBeVisible();
    await units.first().fill("20");
    await form.getByLabel("Note").fill(note);
    await form.getByRole("button", { name: "Report non-compliant", exact: true }).click();
    await expect(message(page, DELIVERED.ref)).toHaveText(
      `${DELIVERED.ref} is reported non-compliant. Make the units available for the DCC to collect; the DCC will offer replacement dates here.`,
    );

    await page.reload();
    await expect(statusOf(c)).toHaveText("Rejected: awaiting collection");
    await expect(c.getByTestId("consignment-ground")).toHaveText(DAMAGED);
    await expect(c.getByTestId("consignment-note")).toHaveText(note);
    await expect(c.getByTestId("affected-quantity").first()).toHaveText("20");
    await expect(c).toContainText("The DCC will offer dates here.");
    await expect(c.getByRole("button", { name: "Report non-compliant…" })).toHaveCount(0);
    const entry = timelineEntry(page, DELIVERED.ref, "consignment.rejected");
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Rejected");
    await expect(entry.locator("p")).toHaveText(
      `Reported non-compliant by the party: ${DAMAGED}, 20 units (${note}); 20 units await collection by the DCC (F6.10-F6.11); the DCC will offer replacement dates (F6.13).`,
    );
    // No longer waiting for confirmation.
    expect(await deliveriesToConfirm(page)).not.toContain(DELIVERED.ref);
  });

  test("the DCC records the collection of CON0000001's rejected units; the party sees it collected", async ({ signedIn }) => {
    const admin = await signedIn(DEMO.admin);
    await admin.goto("/orders");
    const row = admin.locator(`[data-testid="consignment-to-work"][data-ref="${DELIVERED.ref}"]`);
    await expect(row).toContainText(DELIVERED.party);
    await expect(row.getByTestId("consignment-status")).toHaveText("Rejected: awaiting collection");

    await openOrder(admin, DELIVERED.order);
    const c = consignment(admin, DELIVERED.ref);
    const form = admin.getByRole("form", { name: `Record collection: ${DELIVERED.ref}` });
    await expect(form).toContainText("Record the collection once the DCC has taken back the rejected or surplus units (F6.10-F6.11).");
    await form.getByRole("button", { name: "Record collection" }).click();
    await expect(message(admin, DELIVERED.ref)).toHaveText(`${DELIVERED.ref}: the rejected units are recorded as collected.`);
    await admin.reload();
    await expect(statusOf(c)).toHaveText("Collected by the DCC");
    await expect(admin.getByRole("form", { name: `Record collection: ${DELIVERED.ref}` })).toHaveCount(0);

    const party = await signedIn(ORDER_DEMO.deliveries);
    await openOrder(party, DELIVERED.order);
    await expect(statusOf(consignment(party, DELIVERED.ref))).toHaveText("Collected by the DCC");
    const entry = timelineEntry(party, DELIVERED.ref, "consignment.collected");
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Collected by the DCC");
    await expect(entry.locator("p")).toHaveText("Rejected units collected by the DCC.");
  });
});

test("deliveries@brightwater picks an offered replacement date for CON0000002; the replacement consignment is scheduled", async ({ signedIn }) => {
  const page = await signedIn(ORDER_DEMO.deliveries);
  await openOrder(page, REJECTED.order);
  const original = consignment(page, REJECTED.ref);
  await expect(statusOf(original)).toHaveText("Rejected: awaiting collection");
  await expect(original.getByTestId("consignment-ground")).toHaveText(DAMAGED);
  await expect(original.getByTestId("offered-dates").locator("li")).toHaveCount(REJECTED.offeredWorkingDays.length);
  await expect(original.getByTestId("offered-dates")).toContainText(REJECTED.window);

  const form = page.getByRole("form", { name: `Pick a replacement date for ${REJECTED.ref}` });
  await expect(form).toContainText(`Replacement date (${REJECTED.window})`);
  const choices = form.getByRole("radio");
  await expect(choices).toHaveCount(REJECTED.offeredWorkingDays.length);
  const second = form.locator("label").filter({ has: page.getByRole("radio") }).nth(1);
  const day = (await second.innerText()).trim();
  await second.getByRole("radio").check();
  await form.getByRole("button", { name: "Pick this date" }).click();
  const picked = message(page, "will deliver the replacement units");
  await expect(picked).toHaveText(new RegExp(`^CON\\d{7} will deliver the replacement units on ${day}, ${REJECTED.window}\\.$`));
  const ref = /^(CON\d{7})/.exec(await picked.innerText())![1];
  expect(ref).not.toBe(REJECTED.ref);

  await page.reload();
  const replacement = consignment(page, ref);
  await expect(statusOf(replacement)).toHaveText("Scheduled");
  await expect(replacement.locator("header")).toContainText("Replacement");
  await expect(replacement.getByTestId("consignment-date")).toHaveText(`${day}, ${REJECTED.window}`);
  await expect(replacement.getByTestId("replacement-of")).toHaveText(REJECTED.ref);
  await expect(replacement).toContainText(REJECTED.location);
  // It carries the rejected units only.
  await expect(replacement.getByTestId("consignment-line")).toHaveCount(1);
  await expect(replacement.getByTestId("consignment-line")).toContainText(String(REJECTED.affectedUnits));
  await expect(original.getByTestId("replaced-by")).toHaveText(ref);
  await expect(original.getByTestId("offered-dates")).toHaveCount(0);
  await expect(page.getByRole("form", { name: `Pick a replacement date for ${REJECTED.ref}` })).toHaveCount(0);
  const entry = timelineEntry(page, ref, "consignment.replacement");
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Replacement scheduled");
  await expect(entry.locator("p")).toHaveText(`Replaces the units of ${REJECTED.ref}, on ${day}, ${REJECTED.window}.`);

  // The DCC has it to deliver.
  const admin = await signedIn(DEMO.admin);
  await admin.goto("/orders");
  const row = admin.locator(`[data-testid="consignment-to-work"][data-ref="${ref}"]`);
  await expect(row).toContainText(REJECTED.party);
  await expect(row.getByTestId("consignment-status")).toHaveText("Scheduled");
});

test.describe("isolation: a party sees only its own consignments", () => {
  test("Brightwater gets the 404 page on Northgate's order with CON0000003, and its panel lists its own consignments only", async ({ page }) => {
    await signIn(page, ORDER_DEMO.ordering);
    await expectOrderNotFound(page, NORTHGATE.order);
    await expect(page.getByText(NORTHGATE.ref)).toHaveCount(0);
    await expect(page.getByText(NORTHGATE.party)).toHaveCount(0);

    const own = await listedOrderRefs(page);
    expect(own).not.toContain(NORTHGATE.order);
    const panel = page.getByTestId("deliveries-to-confirm");
    await expect(panel).toBeVisible();
    await expect(panel.getByText(NORTHGATE.ref)).toHaveCount(0);
    // Every consignment listed belongs to one of Brightwater's own orders.
    for (const row of await panel.getByTestId("delivery-to-confirm").all()) {
      const order = (await row.getByRole("link", { name: /^ORD\d{7}$/ }).innerText()).trim();
      expect(own, `order of ${await row.getAttribute("data-ref")}`).toContain(order);
    }
  });

  test("Northgate sees CON0000003 on its order, gets the 404 page on Brightwater's delivered order, and has nothing to confirm", async ({ page }) => {
    await signIn(page, ORDER_DEMO.otherOrdering);
    await openOrder(page, NORTHGATE.order);
    const c = consignment(page, NORTHGATE.ref);
    await expect(statusOf(c)).toHaveText("Scheduled");
    await expect(c.getByTestId("consignment-date")).toContainText(NORTHGATE.window);
    await expect(c).toContainText(NORTHGATE.location);

    await expectOrderNotFound(page, DELIVERED.order);
    await expect(page.getByText(DELIVERED.ref)).toHaveCount(0);
    await expectOrderNotFound(page, REJECTED.order);

    // Brightwater's delivered CON0000001 (or any other party's) is not Northgate's to confirm.
    expect(await deliveriesToConfirm(page)).toEqual([]);
    await expect(page.getByTestId("deliveries-empty")).toHaveText("No delivery is waiting for your confirmation.");
    await expect(page.getByText(DELIVERED.ref)).toHaveCount(0);
  });
});
