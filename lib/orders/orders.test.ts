import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChOrderStatus, CspRegion } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { isBankHoliday, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { line, makeDeliveryLocation, makeOrderRow, orderInput, storeForecast } from "@/lib/testing/order-fixtures";
import { variantByCode } from "./catalog";
import { DECISIONS, cancelOrder, countOrdersToAnswer, dccAnswerDue, decideOrder, listOrders, orderFilters, orderTolerances, pageOrderFilters, readOrder, submitOrder } from "./orders";

// The clock stands at Tue 12 Jan 2027, 09:00 GMT: orders count for January (deadline Fri 22 Jan) and are delivered in
// June 2027. F10 comes from the forecast submitted in August 2026 (June is its month 5), F7 from November 2026's
// (June is its month 2).
const JAN_12 = "2027-01-12T09:00:00Z";
const F10_MONTH = "2026-08";
const F7_MONTH = "2026-11";

type Figures = Partial<Record<CspRegion, { SINGLE_BAND?: number; DUAL_BAND?: number }>>;

/** Figures for the Delivery Month `month` per Region and HAN Variant; every other cell 0. */
const figuresFor = (month: string, table: Figures) => (c: { month: string; region: CspRegion; hanVariant: string }) =>
  c.month === month ? (table[c.region]?.[c.hanVariant as "SINGLE_BAND" | "DUAL_BAND"] ?? 0) : 0;

async function forecasts(partyId: string, f10: Figures, f7: Figures = f10, deliveryMonth = "2027-06", months = [F10_MONTH, F7_MONTH]) {
  await storeForecast({ partyId, submissionMonth: months[0], quantity: figuresFor(deliveryMonth, f10), submittedAt: new Date(`${months[0]}-10T10:00:00Z`) });
  await storeForecast({ partyId, submissionMonth: months[1], quantity: figuresFor(deliveryMonth, f7), submittedAt: new Date(`${months[1]}-10T10:00:00Z`) });
}

const checksOf = async (orderId: string) =>
  Object.fromEntries((await db().chOrderCheck.findMany({ where: { orderId } })).map((c) => [c.hanVariant, { f10: c.f10, f7: c.f7, minimum: c.minimum, maximum: c.maximum, ordered: c.ordered, compliant: c.compliant }]));

let orderer: Actor;
let returnsId: string;
let depotA: string;
let depotB: string;
let depotC: string;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(JAN_12);
  orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  returnsId = (await makeAccount(orderer.partyId, ["CH_DELIVERY_RETURNS"])).id;
  await makeAccount(orderer.partyId, ["PARTY_USER"]);
  depotA = (await makeDeliveryLocation(orderer.partyId, { name: "Depot A" })).id;
  depotB = (await makeDeliveryLocation(orderer.partyId, { name: "Depot B" })).id;
  depotC = (await makeDeliveryLocation(orderer.partyId, { name: "Depot C" })).id;
});

describe("submitting an order (F5.7-F5.16)", () => {
  it("a valid, compliant order: Delivery Month M+5, answer due in 5 Working Days, checks, event, audit and emails to the OMS accounts", async () => {
    await forecasts(orderer.partyId, { CENTRAL: { SINGLE_BAND: 100, DUAL_BAND: 50 } });
    const order = await submitOrder(
      orderer,
      orderInput("CENTRAL", [
        line(depotA, "CH-C-SB", 60, "2027-06-15"),
        line(depotA, "CH-C-MESH", 10, "2027-06-15"),
        line(depotA, "AUX-AERIAL-T1", 5, "2027-06-15"),
        line(depotA, "CH-C-DB", 0, "2027-06-15"),
        line(depotB, "CH-C-DB", 50, "2027-06-22"),
        line(depotB, "CH-C-SB", 30, "2027-06-22"),
      ]),
    );
    expect(order.ref).toMatch(/^ORD\d{7}$/);
    expect(order).toMatchObject({
      partyId: orderer.partyId,
      region: "CENTRAL",
      submissionMonth: "2027-01",
      deliveryMonth: "2027-06",
      status: "SUBMITTED",
      compliant: true,
      meshShareFlagged: false,
      submittedById: orderer.accountId,
    });
    expect(order.answerDueAt).toEqual(new Date("2027-01-19T09:00:00Z")); // Tue 12 + 5 Working Days = Tue 19 Jan
    expect(await checksOf(order.id)).toEqual({
      SINGLE_BAND: { f10: 100, f7: 100, minimum: 80, maximum: 120, ordered: 100, compliant: true },
      DUAL_BAND: { f10: 50, f7: 50, minimum: 40, maximum: 60, ordered: 50, compliant: true },
    });
    const lines = await db().chOrderLine.findMany({ where: { orderId: order.id } });
    expect(lines.map((l) => `${l.itemCode}:${l.quantity}`).sort()).toEqual(["AUX-AERIAL-T1:5", "CH-C-DB:50", "CH-C-MESH:10", "CH-C-SB:30", "CH-C-SB:60"]);
    const events = await db().chOrderEvent.findMany({ where: { orderId: order.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "submitted", text: "Order for 150 CHs, Delivery Month June 2027." });
    expect(await db().auditEvent.count({ where: { action: "ch-order.submit", entityId: order.ref, actorId: orderer.accountId, partyId: orderer.partyId } })).toBe(1);
    const emails = await db().outboxEmail.findMany();
    expect(emails.map((e) => e.toAccountId).sort()).toEqual([orderer.accountId, returnsId].sort());
    for (const email of emails) {
      expect(email.eventType).toBe("ch-order.submitted");
      expect(email.subject).toContain(order.ref);
      expect(email.body).toContain("is compliant with your forecasts");
      expect(email.body).toContain("19 Jan 2027, 09:00");
    }
  });

  it("F10 and F7 come from the forecasts submitted 10 and 7 months before the Delivery Month, the latest of each month, for this party and Region", async () => {
    const decoy = { CENTRAL: { SINGLE_BAND: 5000, DUAL_BAND: 5000 } };
    for (const month of ["2026-07", "2026-09", "2026-10", "2026-12"]) await storeForecast({ partyId: orderer.partyId, submissionMonth: month, quantity: figuresFor("2027-06", decoy) });
    await storeForecast({ partyId: orderer.partyId, submissionMonth: F10_MONTH, quantity: figuresFor("2027-06", { CENTRAL: { SINGLE_BAND: 200, DUAL_BAND: 60 }, NORTH: { SINGLE_BAND: 9 } }) });
    await storeForecast({ partyId: orderer.partyId, submissionMonth: F7_MONTH, quantity: figuresFor("2027-06", decoy), submittedAt: new Date("2026-11-05T10:00:00Z") });
    await storeForecast({ partyId: orderer.partyId, submissionMonth: F7_MONTH, quantity: figuresFor("2027-06", { CENTRAL: { SINGLE_BAND: 150, DUAL_BAND: 40 } }), submittedAt: new Date("2026-11-20T10:00:00Z") });
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    await forecasts(other.partyId, { CENTRAL: { SINGLE_BAND: 1, DUAL_BAND: 1 } });

    // The new-order form's live bounds are the same figures, for every Region, before anything is ordered.
    const { deliveryMonth, regions } = await orderTolerances(orderer);
    expect(deliveryMonth).toBe("2027-06");
    expect(regions.CENTRAL).toEqual([
      { hanVariant: "SINGLE_BAND", f10: 200, f7: 150, minimum: 120, maximum: 180 },
      { hanVariant: "DUAL_BAND", f10: 60, f7: 40, minimum: 32, maximum: 48 },
    ]);
    // North: F10 9 and F7 0 give MIN = max(4.5, 0) rounded down = 4, MAX = min(0, 13.5) = 0: nothing but 0 is within.
    expect(regions.NORTH[0]).toEqual({ hanVariant: "SINGLE_BAND", f10: 9, f7: 0, minimum: 4, maximum: 0 });

    const order = await submitOrder(orderer, orderInput("CENTRAL", [line(depotA, "CH-C-SB", 130, "2027-06-15"), line(depotA, "CH-C-DB", 40, "2027-06-15")]));
    // SINGLE_BAND: MIN = max(100, 120) = 120, MAX = min(180, 300) = 180. DUAL_BAND: MIN = max(30, 32) = 32, MAX = min(48, 90) = 48.
    expect(await checksOf(order.id)).toEqual({
      SINGLE_BAND: { f10: 200, f7: 150, minimum: 120, maximum: 180, ordered: 130, compliant: true },
      DUAL_BAND: { f10: 60, f7: 40, minimum: 32, maximum: 48, ordered: 40, compliant: true },
    });
    expect(order.compliant).toBe(true);
  });

  it("non-compliance is per HAN Variant and stored with its figures; the order is still taken (scenario 4)", async () => {
    const table = { SINGLE_BAND: 1000, DUAL_BAND: 100 };
    await forecasts(orderer.partyId, { NORTH: table, CENTRAL: table, SOUTH: table });
    const under = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 790, "2027-06-15"), line(depotA, "CH-N-DB", 100, "2027-06-15")]));
    expect(under.compliant).toBe(false);
    expect(under.status).toBe("SUBMITTED");
    expect(await checksOf(under.id)).toEqual({
      SINGLE_BAND: { f10: 1000, f7: 1000, minimum: 800, maximum: 1200, ordered: 790, compliant: false },
      DUAL_BAND: { f10: 100, f7: 100, minimum: 80, maximum: 120, ordered: 100, compliant: true },
    });
    const emails = await db().outboxEmail.findMany({ where: { subject: { contains: under.ref } } });
    expect(emails[0].body).toContain("is not compliant with your forecasts");

    const atMinimum = await submitOrder(orderer, orderInput("CENTRAL", [line(depotB, "CH-C-SB", 800, "2027-06-15"), line(depotB, "CH-C-DB", 120, "2027-06-15")]));
    expect(atMinimum.compliant).toBe(true);
    const over = await submitOrder(orderer, orderInput("SOUTH", [line(depotC, "CH-S-SB", 1200, "2027-06-15"), line(depotC, "CH-S-DB", 130, "2027-06-15")]));
    expect(over.compliant).toBe(false);
    expect((await checksOf(over.id)).SINGLE_BAND.compliant).toBe(true);
    expect((await checksOf(over.id)).DUAL_BAND).toMatchObject({ maximum: 120, ordered: 130, compliant: false });
  });

  it("the form's tolerances: none without a forecast (null, counted as 0), and only for an account that orders", async () => {
    const { regions } = await orderTolerances(orderer);
    expect(regions.SOUTH).toEqual([
      { hanVariant: "SINGLE_BAND", f10: null, f7: null, minimum: 0, maximum: 0 },
      { hanVariant: "DUAL_BAND", f10: null, f7: null, minimum: 0, maximum: 0 },
    ]);
    const viewer = await makeActor(["PARTY_USER"], { partyId: orderer.partyId });
    expect((await refusal(orderTolerances(viewer))).code).toBe("FORBIDDEN");
  });

  it("a HAN Variant not ordered at all is non-compliant when its minimum is above zero", async () => {
    await forecasts(orderer.partyId, { NORTH: { SINGLE_BAND: 100, DUAL_BAND: 100 } });
    const order = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 100, "2027-06-15")]));
    expect(order.compliant).toBe(false);
    expect((await checksOf(order.id)).DUAL_BAND).toEqual({ f10: 100, f7: 100, minimum: 80, maximum: 120, ordered: 0, compliant: false });
  });

  it("without forecasts any positive quantity is non-compliant (F10 and F7 recorded as missing, bounds 0..0)", async () => {
    const order = await submitOrder(orderer, orderInput("SOUTH", [line(depotA, "CH-S-DB", 10, "2027-06-15")]));
    expect(order.compliant).toBe(false);
    expect(await checksOf(order.id)).toEqual({
      SINGLE_BAND: { f10: null, f7: null, minimum: 0, maximum: 0, ordered: 0, compliant: true },
      DUAL_BAND: { f10: null, f7: null, minimum: 0, maximum: 0, ordered: 10, compliant: false },
    });
  });

  it("only one of the two forecasts: the missing one counts as zero", async () => {
    await storeForecast({ partyId: orderer.partyId, submissionMonth: F7_MONTH, quantity: figuresFor("2027-06", { NORTH: { SINGLE_BAND: 100 } }) });
    const order = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 100, "2027-06-15")]));
    // MIN = max(0, 80) = 80, MAX = min(120, 0) = 0.
    expect((await checksOf(order.id)).SINGLE_BAND).toEqual({ f10: null, f7: 100, minimum: 80, maximum: 0, ordered: 100, compliant: false });
  });

  it("scenario 2: an order after the deadline is January's, late, stored not compliant, with the DCC's decision due at the month's end (F5.14, F5.17)", async () => {
    await forecasts(orderer.partyId, { NORTH: { SINGLE_BAND: 10 }, CENTRAL: { SINGLE_BAND: 10 } });
    setNow("2027-01-22T23:59:00Z"); // Fri 22 Jan, the deadline day
    const onTime = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    expect(onTime).toMatchObject({ submissionMonth: "2027-01", deliveryMonth: "2027-06", status: "SUBMITTED", compliant: true, late: false });

    setNow("2027-01-23T00:00:00Z");
    // Still January's order: delivered in June, so a July date is refused, and North is already ordered this month.
    expect((await refusal(submitOrder(orderer, orderInput("CENTRAL", [line(depotB, "CH-C-SB", 10, "2027-07-15")])))).message).toBe(
      "Depot B: the preferred date must be in the Delivery Month June 2027.",
    );
    expect((await refusal(submitOrder(orderer, orderInput("NORTH", [line(depotB, "CH-N-SB", 10, "2027-06-22")])))).message).toContain("at most one order per Region per month");

    // Within the tolerance, yet not compliant: it is late, and waits for the DCC's decision (not silently accepted).
    const late = await submitOrder(orderer, orderInput("CENTRAL", [line(depotB, "CH-C-SB", 10, "2027-06-22")]));
    expect(late).toMatchObject({ submissionMonth: "2027-01", deliveryMonth: "2027-06", status: "NON_COMPLIANT", compliant: false, late: true });
    expect((await checksOf(late.id)).SINGLE_BAND).toMatchObject({ minimum: 8, maximum: 12, ordered: 10, compliant: true });
    expect(dccAnswerDue(late)).toEqual({ due: new Date("2027-01-31T23:59:59.999Z"), what: "Decision (end of the month of receipt)" });
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.submitted", body: { contains: late.ref } } });
    expect(emails.length).toBeGreaterThan(0);
    expect(emails[0].body).toContain("was received after this month's deadline (F5.14), so it is not compliant: the DCC decides by 31 Jan 2027, 23:59.");
    expect((await readOrder(orderer, late.ref)).events.map((e) => e.text)).toEqual(["Order for 10 CHs, Delivery Month June 2027; late (after the month's deadline), so not compliant."]);

    // The DCC decides with reasons, as for any non-compliant order.
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    expect((await refusal(decideOrder(admin, { ref: late.ref, status: "ACCEPTED" }))).message).toBe("Give the reason: the party is told why.");
    expect(await decideOrder(admin, { ref: late.ref, status: "ACCEPTED", reason: "Stock allows it." })).toMatchObject({ status: "ACCEPTED" });

    // From 1 February, orders are February's again and on time.
    setNow("2027-02-01T09:00:00Z");
    expect(await submitOrder(orderer, orderInput("NORTH", [line(depotC, "CH-N-SB", 10, "2027-07-15")]))).toMatchObject({ submissionMonth: "2027-02", deliveryMonth: "2027-07", status: "SUBMITTED", late: false });
  });

  it("a late order meets the DCC's deemed order for that Region and month: refused, pointing to it (F5.13)", async () => {
    const deemed = await makeOrderRow({ partyId: orderer.partyId, region: "SOUTH", deliveryMonth: "2027-06", deemed: true, lines: [{ locationId: depotA, itemCode: "CH-S-SB", quantity: 10, preferredDate: "2027-06-16" }] });
    setNow("2027-01-25T09:00:00Z");
    const before = await db().chOrder.count();
    const error = await refusal(submitOrder(orderer, orderInput("SOUTH", [line(depotB, "CH-S-SB", 10, "2027-06-22")])));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`The DCC deemed order ${deemed.ref} for the South Region this month, as you had not ordered by the deadline (F5.13): give its delivery details on its page.`);
    expect(error.fieldErrors).toEqual({ region: "Deemed order this month." });
    expect(await db().chOrder.count()).toBe(before);
  });
});

describe("order refusals: each names the rule, and nothing is written", () => {
  const refused = async (input: Parameters<typeof submitOrder>[1], code: string, message: string, actor = orderer) => {
    const before = await db().chOrder.count();
    const error = await refusal(submitOrder(actor, input));
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(await db().chOrder.count()).toBe(before);
    return error;
  };

  it("a second order for the same Region in the same month is a CONFLICT; another Region is fine (F5.13(a), scenario 3)", async () => {
    const first = await submitOrder(orderer, orderInput("CENTRAL", [line(depotA, "CH-C-SB", 10, "2027-06-15")]));
    const emailsAfterFirst = await db().outboxEmail.count();
    await refused(orderInput("CENTRAL", [line(depotB, "CH-C-SB", 10, "2027-06-22")]), "CONFLICT", "at most one order per Region per month");
    expect(await db().outboxEmail.count()).toBe(emailsAfterFirst);
    expect(await db().auditEvent.count({ where: { action: "ch-order.submit" } })).toBe(1);
    await submitOrder(orderer, orderInput("NORTH", [line(depotB, "CH-N-SB", 10, "2027-06-22")]));
    // Another party may order for Central in the same month.
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const otherDepot = await makeDeliveryLocation(other.partyId);
    await submitOrder(other, orderInput("CENTRAL", [line(otherDepot.id, "CH-C-SB", 10, "2027-06-15")]));
    expect(first.ref).not.toBe("");
  });

  it("quantities must be whole cartons (3.14(a), scenario 6)", async () => {
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 15, "2027-06-15")]), "INVALID", "North cellular CH, single band: order whole cartons of 10.");
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 20, "2027-06-15"), line(depotA, "CH-N-DB", 5, "2027-06-15")]), "INVALID", "North cellular CH, dual band: order whole cartons of 10.");
  });

  describe("with a configured minimum delivery above one carton (D7)", () => {
    const variant = variantByCode("CH-N-SB")!;
    const configured = variant.minimumDelivery;
    afterEach(() => {
      variant.minimumDelivery = configured;
    });

    it("a delivery below the minimum is refused; zero is allowed (F5.12, scenario 7)", async () => {
      variant.minimumDelivery = 200;
      await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 190, "2027-06-15")]), "INVALID", "North cellular CH, single band: at least 200 per delivery.");
      const order = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 0, "2027-06-15"), line(depotA, "CH-N-DB", 10, "2027-06-15")]));
      expect(order.compliant).toBe(false);
    });
  });

  it("nothing to deliver, negative quantities and unknown items are refused", async () => {
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 0, "2027-06-15")]), "INVALID", "Order at least one Communications Hub.");
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", -10, "2027-06-15")]), "INVALID", "Quantities cannot be negative.");
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15"), line(depotA, "AUX-T9", 1, "2027-06-15")]), "INVALID", "AUX-T9 is not a CH variant or auxiliary item.");
  });

  it("a CH variant of another Region is refused (F5.8(a))", async () => {
    await refused(orderInput("NORTH", [line(depotA, "CH-C-SB", 10, "2027-06-15")]), "INVALID", "Central CH, single band is for the Central Region, not this order's.");
  });

  it("a third Delivery Location is refused (3.5, 3.13(a), scenario 9)", async () => {
    await refused(
      orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-08"), line(depotB, "CH-N-SB", 10, "2027-06-15"), line(depotC, "CH-N-SB", 10, "2027-06-22")]),
      "INVALID",
      "An order has at most 2 Delivery Locations.",
    );
  });

  it("another party's Delivery Location, or one that does not exist, is refused", async () => {
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const theirs = await makeDeliveryLocation(other.partyId);
    await refused(orderInput("NORTH", [line(theirs.id, "CH-N-SB", 10, "2027-06-15")]), "INVALID", "Choose one of your own Delivery Locations.");
    await refused(orderInput("NORTH", [line("no-such-location", "CH-N-SB", 10, "2027-06-15")]), "INVALID", "Choose one of your own Delivery Locations.");
  });

  it("a location that would get only auxiliary equipment is refused (3.12, scenario 8)", async () => {
    await refused(
      orderInput("CENTRAL", [line(depotA, "CH-C-MESH", 10, "2027-06-15"), line(depotB, "AUX-AERIAL-T1", 50, "2027-06-22")]),
      "INVALID",
      "Depot B: auxiliary equipment is delivered only alongside Communications Hubs.",
    );
    // The same aerials alongside hubs are fine.
    const order = await submitOrder(orderer, orderInput("CENTRAL", [line(depotA, "CH-C-MESH", 10, "2027-06-15"), line(depotA, "AUX-AERIAL-T1", 50, "2027-06-15")]));
    expect(order.ref).toMatch(/^ORD/);
  });

  it("the preferred date must be a Working Day inside the Delivery Month (F5.8(e), scenario 11)", async () => {
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-07-01")]), "INVALID", "Depot A: the preferred date must be in the Delivery Month June 2027.");
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-05-28")]), "INVALID", "Depot A: the preferred date must be in the Delivery Month June 2027.");
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-12")]), "INVALID", "Depot A: the preferred date must be a Working Day."); // Saturday
  });

  it("a bank holiday is not a Working Day: ordering in December 2026 for May 2027, 31 May is refused", async () => {
    setNow("2026-12-10T10:00:00Z");
    expect(isBankHoliday(new Date("2027-05-31T12:00:00Z"))).toBe(true);
    await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-05-31")]), "INVALID", "Depot A: the preferred date must be a Working Day.");
    const order = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-05-28")]));
    expect(order.deliveryMonth).toBe("2027-05");
  });

  it("one preferred date per location per order", async () => {
    await refused(
      orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15"), line(depotA, "CH-N-DB", 10, "2027-06-16")]),
      "INVALID",
      "Depot A: one delivery per location per order, so give one preferred date.",
    );
  });

  it("every problem of the lines at once, each on its line's field", async () => {
    const error = await refused(
      // The first line (0) is dropped; the field keys still count it.
      orderInput("NORTH", [line(depotA, "CH-N-DB", 0, "2027-06-12"), line(depotA, "CH-N-SB", 15, "2027-06-12"), line(depotA, "CH-N-DB", 10, "2027-06-12"), line(depotB, "AUX-AERIAL-T1", 5, "2027-06-15")]),
      "INVALID",
      "The order has 3 problems",
    );
    expect(error.fieldErrors).toEqual({
      "lines.1.preferredDate": "Depot A: the preferred date must be a Working Day.",
      "lines.1.quantity": "North cellular CH, single band: order whole cartons of 10.",
      lines: "Depot B: auxiliary equipment is delivered only alongside Communications Hubs.",
    });
  });

  it("a second delivery to a location within a week, from another order, is refused (3.13(b), scenario 10)", async () => {
    const first = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    const message = `Depot A already has a delivery on 15 Jun 2027 (${first.ref}): one delivery a week per location.`;
    await refused(orderInput("CENTRAL", [line(depotA, "CH-C-SB", 10, "2027-06-21")]), "INVALID", message);
    await refused(orderInput("CENTRAL", [line(depotA, "CH-C-SB", 10, "2027-06-09")]), "INVALID", message);
    await refused(orderInput("CENTRAL", [line(depotA, "CH-C-SB", 10, "2027-06-15")]), "INVALID", message); // the same day is a second delivery too
    // Another location, or the same one a full week later, is fine.
    await submitOrder(orderer, orderInput("CENTRAL", [line(depotB, "CH-C-SB", 10, "2027-06-16"), line(depotA, "CH-C-DB", 10, "2027-06-22")]));
  });

  it("a rejected or cancelled order no longer holds its location's week", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const first = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    await refused(orderInput("SOUTH", [line(depotA, "CH-S-SB", 10, "2027-06-17")]), "INVALID", "Depot A already has a delivery");
    await decideOrder(admin, { ref: first.ref, status: "REJECTED", reason: "No forecast for this quantity." });
    await submitOrder(orderer, orderInput("SOUTH", [line(depotA, "CH-S-SB", 10, "2027-06-17")]));
  });

  it("only CH_ORDERING accounts order: a party user, a delivery-and-returns account and a DCC admin are FORBIDDEN", async () => {
    for (const actor of [
      await makeActor(["PARTY_USER"], { partyId: orderer.partyId }),
      await makeActor(["CH_DELIVERY_RETURNS"], { partyId: orderer.partyId }),
      await makeActor(["DCC_ADMIN"], { isDcc: true }),
    ]) {
      await refused(orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]), "FORBIDDEN", "permission", actor);
    }
  });
});

describe("mesh share (CHHSM 3.11, scenario 12)", () => {
  it("a Central order with more than 10% mesh CHs is flagged; exactly 10% is not; South is checked too; North never", async () => {
    const over = await submitOrder(orderer, orderInput("CENTRAL", [line(depotA, "CH-C-SB", 80, "2027-06-15"), line(depotA, "CH-C-MESH", 10, "2027-06-15")]));
    expect(over.meshShareFlagged).toBe(true); // 10 of 90 = 11.1%
    const south = await submitOrder(orderer, orderInput("SOUTH", [line(depotB, "CH-S-DB", 70, "2027-06-15"), line(depotB, "CH-S-MESH", 10, "2027-06-15"), line(depotB, "AUX-AERIAL-T2", 100, "2027-06-15")]));
    expect(south.meshShareFlagged).toBe(true); // 10 of 80 hubs = 12.5%; the aerials do not count
    const north = await submitOrder(orderer, orderInput("NORTH", [line(depotC, "CH-N-SB", 10, "2027-06-15")]));
    expect(north.meshShareFlagged).toBe(false);
    // The ordering contacts are asked: the CH Ordering account and the order's contact address, not the returns account.
    const meshEmails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.mesh-share" }, orderBy: [{ subject: "asc" }, { toAddress: "asc" }] });
    expect(meshEmails.map((e) => [e.subject, e.toAddress, e.toAccountId])).toEqual([
      [`Order ${over.ref}: mesh CHs over 10%`, orderer.email, orderer.accountId],
      [`Order ${over.ref}: mesh CHs over 10%`, "orders@example.test", null],
      [`Order ${south.ref}: mesh CHs over 10%`, orderer.email, orderer.accountId],
      [`Order ${south.ref}: mesh CHs over 10%`, "orders@example.test", null],
    ]);
    expect(meshEmails[0].body).toBe(`Mesh CHs are 11.1% of order ${over.ref} for the Central Region, over 10%: the DCC may ask why, and you should answer promptly by email (CHHSM 3.11).`);

    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const otherDepot = await makeDeliveryLocation(other.partyId);
    const otherDepot2 = await makeDeliveryLocation(other.partyId);
    const exactly = await submitOrder(other, orderInput("CENTRAL", [line(otherDepot.id, "CH-C-SB", 60, "2027-06-15"), line(otherDepot2.id, "CH-C-DB", 30, "2027-06-15"), line(otherDepot2.id, "CH-C-MESH", 10, "2027-06-15")]));
    expect(exactly.meshShareFlagged).toBe(false); // 10 of 100 = 10%
    const allMeshSouth = await submitOrder(other, orderInput("SOUTH", [line(otherDepot.id, "CH-S-SB", 270, "2027-06-22"), line(otherDepot.id, "CH-S-MESH", 30, "2027-06-22")]));
    expect(allMeshSouth.meshShareFlagged).toBe(false); // 30 of 300 = 10%
  });
});

describe("DCC decisions (F5.16-F5.17, 3.19-3.20)", () => {
  let admin: Actor;
  beforeEach(async () => {
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  const compliantOrder = async (region: CspRegion = "NORTH", location = depotA) => {
    await forecasts(orderer.partyId, { [region]: { SINGLE_BAND: 10 } });
    const code = { NORTH: "CH-N-SB", CENTRAL: "CH-C-SB", SOUTH: "CH-S-SB" }[region];
    const order = await submitOrder(orderer, orderInput(region, [line(location, code, 10, "2027-06-15")]));
    expect(order.compliant).toBe(true);
    return order;
  };
  const nonCompliantOrder = async () => {
    const order = await submitOrder(orderer, orderInput("SOUTH", [line(depotC, "CH-S-DB", 10, "2027-06-22")]));
    expect(order.compliant).toBe(false);
    return order;
  };

  it("the decision table (as data) is what the seed allows", () => {
    expect(DECISIONS).toEqual({
      SUBMITTED: ["ACCEPTED", "NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED"],
      NON_COMPLIANT: ["ACCEPTED", "ACCEPTED_IN_PART", "REJECTED"],
      ACCEPTED: [],
      ACCEPTED_IN_PART: [],
      REJECTED: [],
      CANCELLED: [],
    });
  });

  it("a compliant order is accepted without a reason: status, decision time, event, audit, emails (scenario 13)", async () => {
    const order = await compliantOrder();
    setNow("2027-01-14T15:00:00Z");
    const decided = await decideOrder(admin, { ref: order.ref.toLowerCase(), status: "ACCEPTED" });
    expect(decided).toMatchObject({ status: "ACCEPTED", decisionReason: null });
    expect(decided.decidedAt).toEqual(new Date("2027-01-14T15:00:00Z"));
    const events = await db().chOrderEvent.findMany({ where: { orderId: order.id, kind: "decision" } });
    expect(events.map((e) => e.text)).toEqual(["Accepted"]);
    expect(await db().auditEvent.count({ where: { action: "ch-order.decide", entityId: order.ref, actorId: admin.accountId, partyId: orderer.partyId } })).toBe(1);
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.decision" } });
    expect(emails.map((e) => e.toAccountId).sort()).toEqual([orderer.accountId, returnsId].sort());
    expect(emails[0].subject).toBe(`Order ${order.ref}: Accepted`);
  });

  it("a non-compliant order needs a reason for any decision, and the reason reaches the party", async () => {
    const order = await nonCompliantOrder();
    const error = await refusal(decideOrder(admin, { ref: order.ref, status: "ACCEPTED" }));
    expect(error.code).toBe("INVALID");
    expect(error.fieldErrors.reason).toBe("A reason is required.");
    expect((await refusal(decideOrder(admin, { ref: order.ref, status: "ACCEPTED", reason: "   " }))).code).toBe("INVALID");
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SUBMITTED");

    await decideOrder(admin, { ref: order.ref, status: "NON_COMPLIANT", reason: "Above your forecast; we are checking stock." });
    const decided = await decideOrder(admin, { ref: order.ref, status: "ACCEPTED_IN_PART", reason: "Stock allows 10 of 10 dual band only in July." });
    expect(decided).toMatchObject({ status: "ACCEPTED_IN_PART", decisionReason: "Stock allows 10 of 10 dual band only in July." });
    const email = await db().outboxEmail.findFirstOrThrow({ where: { eventType: "ch-order.decision", subject: { contains: "Accepted in part" } } });
    expect(email.body).toContain("Reason: Stock allows 10 of 10 dual band only in July.");
  });

  it("a compliant order cannot be called non-compliant, and rejecting it needs a reason", async () => {
    const order = await compliantOrder();
    const error = await refusal(decideOrder(admin, { ref: order.ref, status: "NON_COMPLIANT", reason: "x" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`${order.ref} is compliant with the forecasts.`);
    expect((await refusal(decideOrder(admin, { ref: order.ref, status: "REJECTED" }))).code).toBe("INVALID");
  });

  it("the table is enforced: a final answer cannot be changed (REJECTED → ACCEPTED refused)", async () => {
    const order = await nonCompliantOrder();
    await decideOrder(admin, { ref: order.ref, status: "REJECTED", reason: "No stock." });
    const error = await refusal(decideOrder(admin, { ref: order.ref, status: "ACCEPTED", reason: "Changed our mind." }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`${order.ref} is Rejected: it cannot become Accepted.`);
    for (const from of ["ACCEPTED", "ACCEPTED_IN_PART", "CANCELLED", "NON_COMPLIANT"] as ChOrderStatus[]) {
      await db().chOrder.update({ where: { id: order.id }, data: { status: from } });
      for (const to of ["ACCEPTED", "NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED"] as const) {
        const attempt = decideOrder(admin, { ref: order.ref, status: to, reason: "Because." });
        if (DECISIONS[from].includes(to)) {
          expect((await attempt).status).toBe(to);
          await db().chOrder.update({ where: { id: order.id }, data: { status: from } });
        } else {
          expect((await refusal(attempt)).code).toBe("CONFLICT");
        }
      }
    }
  });

  it("a party user cannot decide; an unknown order is NOT_FOUND", async () => {
    const order = await compliantOrder();
    expect((await refusal(decideOrder(orderer, { ref: order.ref, status: "ACCEPTED" }))).code).toBe("FORBIDDEN");
    expect((await refusal(decideOrder(await makeActor(["SERVICE_DESK"], { isDcc: true }), { ref: order.ref, status: "ACCEPTED" }))).code).toBe("FORBIDDEN");
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SUBMITTED");
    expect((await refusal(decideOrder(admin, { ref: "ORD9999999", status: "ACCEPTED" }))).code).toBe("NOT_FOUND");
  });
});

describe("cancellation (F5.19, scenario 14)", () => {
  let admin: Actor;
  beforeEach(async () => {
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  /** An accepted order delivering to A on 15 June and B on 22 June. */
  const acceptedOrder = async (status: "ACCEPTED" | "ACCEPTED_IN_PART" = "ACCEPTED") => {
    const order = await submitOrder(orderer, orderInput("NORTH", [line(depotB, "CH-N-SB", 10, "2027-06-22"), line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    await decideOrder(admin, { ref: order.ref, status, reason: "Stock allows it." });
    return order;
  };

  it("an accepted order is cancelled exactly 48 hours before its earliest delivery: event, audit, email", async () => {
    const order = await acceptedOrder();
    setNow("2027-06-13T00:00:00Z");
    const cancelled = await cancelOrder(orderer, { ref: order.ref });
    expect(cancelled.status).toBe("CANCELLED");
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { orderId: order.id, kind: "cancelled" } });
    expect(event.at).toEqual(new Date("2027-06-13T00:00:00Z"));
    expect(event.text).toContain("reasonable costs");
    expect(await db().auditEvent.count({ where: { action: "ch-order.cancel", entityId: order.ref, actorId: orderer.accountId } })).toBe(1);
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.cancelled" } });
    expect(emails.map((e) => e.toAccountId).sort()).toEqual([orderer.accountId, returnsId].sort());
    // A cancelled order cannot be cancelled again.
    expect((await refusal(cancelOrder(orderer, { ref: order.ref }))).code).toBe("CONFLICT");
  });

  it("a cancelled order frees its Region's month for a new order; a rejected one does not (F5.13(a))", async () => {
    const order = await acceptedOrder();
    await cancelOrder(orderer, { ref: order.ref });
    const again = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 20, "2027-06-15")]));
    expect(again).toMatchObject({ submissionMonth: "2027-01", region: "NORTH", status: "SUBMITTED" });
    await decideOrder(admin, { ref: again.ref, status: "REJECTED", reason: "No stock." });
    expect((await refusal(submitOrder(orderer, orderInput("NORTH", [line(depotC, "CH-N-SB", 10, "2027-06-08")])))).message).toContain("at most one order per Region per month");
  });

  it("the database holds the rule too: a second live order for a party, Region and month is a unique violation, a cancelled one is not", async () => {
    const lines = [{ locationId: depotA, itemCode: "CH-N-SB", quantity: 10 }];
    await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", lines, status: "CANCELLED" });
    await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", lines });
    const error = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", lines }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(error)).toBe(true);
  });

  it("less than 48 hours before the earliest delivery it is refused, naming the delivery", async () => {
    const order = await acceptedOrder("ACCEPTED_IN_PART");
    setNow("2027-06-13T00:00:01Z");
    const error = await refusal(cancelOrder(orderer, { ref: order.ref }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`${order.ref} can no longer be cancelled: its delivery on 15 Jun 2027 is less than 48 hours away.`);
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("ACCEPTED_IN_PART");
    expect(await db().outboxEmail.count({ where: { eventType: "ch-order.cancelled" } })).toBe(0);
    // Well before, an order accepted in part is cancellable.
    setNow("2027-06-01T09:00:00Z");
    expect((await cancelOrder(orderer, { ref: order.ref })).status).toBe("CANCELLED");
  });

  it("an order not (yet) accepted, or rejected, cannot be cancelled", async () => {
    const order = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    const error = await refusal(cancelOrder(orderer, { ref: order.ref }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`Only an accepted order can be cancelled; ${order.ref} is Submitted.`);
    await decideOrder(admin, { ref: order.ref, status: "REJECTED", reason: "No." });
    expect((await refusal(cancelOrder(orderer, { ref: order.ref }))).message).toContain("is Rejected");
  });

  it("another party's order is NOT_FOUND; a delivery-and-returns account and the DCC cannot cancel", async () => {
    const order = await acceptedOrder();
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    expect((await refusal(cancelOrder(other, { ref: order.ref }))).code).toBe("NOT_FOUND");
    expect((await refusal(cancelOrder(await makeActor(["CH_DELIVERY_RETURNS"], { partyId: orderer.partyId }), { ref: order.ref }))).code).toBe("FORBIDDEN");
    expect((await refusal(cancelOrder(admin, { ref: order.ref }))).code).toBe("FORBIDDEN");
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("ACCEPTED");
  });
});

describe("visibility (F5.22(b), scenario 19)", () => {
  it("readOrder of another party's order is NOT_FOUND; listOrders is scoped to the party; a DCC admin sees all", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const returns = await makeActor(["CH_DELIVERY_RETURNS"], { partyId: orderer.partyId });
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const otherDepot = await makeDeliveryLocation(other.partyId);
    const mine = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    const theirs = await submitOrder(other, orderInput("NORTH", [line(otherDepot.id, "CH-N-SB", 20, "2027-06-15")]));

    const read = await readOrder(orderer, mine.ref.toLowerCase());
    expect(read.ref).toBe(mine.ref);
    expect(read.lines[0].location.name).toBe("Depot A");
    expect(read.checks).toHaveLength(2);
    expect(read.events.map((e) => e.kind)).toEqual(["submitted"]);
    expect((await readOrder(returns, mine.ref)).ref).toBe(mine.ref);
    expect((await readOrder(admin, theirs.ref)).partyId).toBe(other.partyId);
    expect((await refusal(readOrder(orderer, theirs.ref))).code).toBe("NOT_FOUND");
    expect((await refusal(readOrder(other, mine.ref))).code).toBe("NOT_FOUND");
    expect((await refusal(readOrder(orderer, "ORD9999999"))).code).toBe("NOT_FOUND");

    expect((await listOrders(orderer)).map((o) => o.ref)).toEqual([mine.ref]);
    expect((await listOrders(returns)).map((o) => o.ref)).toEqual([mine.ref]);
    expect((await listOrders(other)).map((o) => o.ref)).toEqual([theirs.ref]);
    expect((await listOrders(admin)).map((o) => o.ref).sort()).toEqual([mine.ref, theirs.ref].sort());
    expect((await refusal(listOrders(await makeActor(["PARTY_USER"], { partyId: orderer.partyId })))).code).toBe("FORBIDDEN");
  });

  it("listOrders filters by Region, status and Delivery Month; the DCC's 'to answer' view holds submitted and non-compliant orders", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const north = await submitOrder(orderer, orderInput("NORTH", [line(depotA, "CH-N-SB", 10, "2027-06-15")]));
    const south = await submitOrder(orderer, orderInput("SOUTH", [line(depotB, "CH-S-SB", 10, "2027-06-15")]));
    const central = await submitOrder(orderer, orderInput("CENTRAL", [line(depotC, "CH-C-SB", 10, "2027-06-15")]));
    await decideOrder(admin, { ref: south.ref, status: "NON_COMPLIANT", reason: "Not in your forecasts." });
    await decideOrder(admin, { ref: central.ref, status: "REJECTED", reason: "Not in your forecasts." });
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const theirs = await makeOrderRow({ partyId: other.partyId, deliveryMonth: "2027-05", lines: [{ locationId: (await makeDeliveryLocation(other.partyId)).id, itemCode: "CH-N-SB", quantity: 10 }] });
    const refs = async (actor: Actor, filters: Parameters<typeof listOrders>[1]) => (await listOrders(actor, filters)).map((o) => o.ref).sort();

    expect(await refs(orderer, { region: "NORTH" })).toEqual([north.ref]);
    expect(await refs(orderer, { status: "REJECTED" })).toEqual([central.ref]);
    expect(await refs(orderer, { deliveryMonth: "2027-06" })).toEqual([north.ref, south.ref, central.ref].sort());
    expect(await refs(orderer, { deliveryMonth: "2027-05" })).toEqual([]); // another party's month
    expect(await refs(admin, { deliveryMonth: "2027-05" })).toEqual([theirs.ref]);
    expect(await refs(admin, { toAnswer: true })).toEqual([north.ref, south.ref].sort());
    expect(await refs(admin, { toAnswer: true, status: "NON_COMPLIANT" })).toEqual([south.ref]);
    expect(await refs(admin, { toAnswer: true, status: "ACCEPTED" })).toEqual([]);
    expect(await countOrdersToAnswer(admin)).toBe(2);
    // A query string's bad values: refused with their message (CSV), or dropped (the page).
    expect(() => orderFilters({ deliveryMonth: "2027-13" })).toThrow("Give the Delivery Month as YYYY-MM.");
    expect(() => orderFilters({ region: "MARS" })).toThrow("Unknown Region.");
    expect(pageOrderFilters({ region: "MARS", status: "REJECTED", deliveryMonth: "" })).toEqual({ region: undefined, status: "REJECTED", deliveryMonth: undefined, toAnswer: undefined });
  });
});
