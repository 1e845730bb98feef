import { beforeEach, describe, expect, it } from "vitest";
import type { CspRegion } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import type { AppErrorCode } from "@/lib/errors";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { makeConsignmentRow, makeDeliveryLocation, makeOrderRow, storeForecast } from "@/lib/testing/order-fixtures";
import { raiseConsignment } from "./consignments";
import { cancelUnconfirmedDeemedOrders, confirmDeemedOrder, deemMandatoryOrders } from "./deemed-orders";

// January 2027's deadline is the end of Fri 22 Jan. The job runs on Mon 25 Jan, 09:00 GMT: January's orders are
// delivered in June 2027, whose F10 comes from the forecast submitted in August 2026 and F7 from November 2026's.
const JAN_25 = "2027-01-25T09:00:00Z";

type Figures = Partial<Record<CspRegion, { SINGLE_BAND?: number; DUAL_BAND?: number }>>;

const figuresFor = (month: string, table: Figures) => (c: { month: string; region: CspRegion; hanVariant: string }) =>
  c.month === month ? (table[c.region]?.[c.hanVariant as "SINGLE_BAND" | "DUAL_BAND"] ?? 0) : 0;

/** The forecasts made 10 and 7 months before June 2027. */
async function forecasts(partyId: string, f10: Figures, f7: Figures = f10) {
  await storeForecast({ partyId, submissionMonth: "2026-08", quantity: figuresFor("2027-06", f10), submittedAt: new Date("2026-08-10T10:00:00Z") });
  await storeForecast({ partyId, submissionMonth: "2026-11", quantity: figuresFor("2027-06", f7), submittedAt: new Date("2026-11-10T10:00:00Z") });
}

let orderer: Actor;
let returns: Actor;
let admin: Actor;
let omsIds: string[];
let depotA: string;
let depotB: string;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(JAN_25);
  orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  returns = await makeActor(["CH_DELIVERY_RETURNS"], { partyId: orderer.partyId });
  await makeAccount(orderer.partyId, ["PARTY_USER"]); // not an OMS account
  admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  omsIds = [orderer.accountId, returns.accountId].sort();
  depotA = (await makeDeliveryLocation(orderer.partyId, { name: "Depot A" })).id;
  depotB = (await makeDeliveryLocation(orderer.partyId, { name: "Depot B" })).id;
});

const deemedOrders = () => db().chOrder.findMany({ where: { deemed: true }, orderBy: { number: "asc" }, include: { lines: { orderBy: { itemCode: "asc" } }, checks: { orderBy: { hanVariant: "asc" } }, events: true } });

/** North: single band MIN 800; dual band MIN floor(max(16.5, 26.4)) = 26, so 30 in whole cartons of 10. */
const NORTH_MANDATORY: Figures = { NORTH: { SINGLE_BAND: 1000, DUAL_BAND: 33 } };

const snapshot = async () => ({
  audit: await db().auditEvent.count(),
  emails: await db().outboxEmail.count(),
  events: await db().chOrderEvent.count(),
  orders: await db().chOrder.findMany({ orderBy: { number: "asc" }, include: { lines: { orderBy: { itemCode: "asc" } } } }),
  consignments: await db().chConsignment.findMany({ orderBy: { number: "asc" }, select: { ref: true, status: true } }),
});

async function refusedWithoutWrites(operation: () => Promise<unknown>, code: AppErrorCode, message: string) {
  const before = await snapshot();
  const error = await refusal(operation());
  expect(error.code).toBe(code);
  expect(error.message).toBe(message);
  expect(await snapshot()).toEqual(before);
  return error;
}

describe("deemMandatoryOrders (F5.13(b)-(c), CHHSM 3.6-3.8)", () => {
  it("no order by the deadline and a minimum above zero: one deemed ACCEPTED order at the minimum in whole cartons, at the last-used location, every OMS account emailed", async () => {
    await forecasts(orderer.partyId, NORTH_MANDATORY);
    // Earlier orders: Depot A in November, Depot B in December (the last used), though Depot A was created first.
    await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-04", submittedAt: new Date("2026-11-10T10:00:00Z"), lines: [{ locationId: depotA, itemCode: "CH-N-SB", quantity: 10 }] });
    await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-05", region: "CENTRAL", submittedAt: new Date("2026-12-10T10:00:00Z"), lines: [{ locationId: depotB, itemCode: "CH-C-SB", quantity: 10 }] });

    expect(await deemMandatoryOrders()).toEqual({ deemed: 1 });
    const [order] = await deemedOrders();
    expect(order).toMatchObject({
      partyId: orderer.partyId,
      region: "NORTH",
      submissionMonth: "2027-01",
      deliveryMonth: "2027-06",
      status: "ACCEPTED",
      deemed: true,
      compliant: true,
      detailsConfirmedAt: null,
      submittedAt: new Date(JAN_25),
      decidedAt: new Date(JAN_25),
      detailsDueAt: new Date("2027-01-27T09:00:00Z"), // 2 Working Days
      confirmDueAt: new Date("2027-02-24T09:00:00Z"), // 30 days
    });
    expect(order.ref).toMatch(/^ORD\d{7}$/);
    // Mid-month Working Day, 10:00 BST, until the party says otherwise.
    expect(order.lines.map((l) => ({ itemCode: l.itemCode, quantity: l.quantity, locationId: l.locationId, preferredDate: l.preferredDate }))).toEqual([
      { itemCode: "CH-N-DB", quantity: 30, locationId: depotB, preferredDate: new Date("2027-06-15T09:00:00Z") },
      { itemCode: "CH-N-SB", quantity: 800, locationId: depotB, preferredDate: new Date("2027-06-15T09:00:00Z") },
    ]);
    expect(order.checks.map(({ hanVariant, f10, f7, minimum, maximum, ordered, compliant }) => ({ hanVariant, f10, f7, minimum, maximum, ordered, compliant }))).toEqual([
      { hanVariant: "DUAL_BAND", f10: 33, f7: 33, minimum: 26, maximum: 40, ordered: 30, compliant: true },
      { hanVariant: "SINGLE_BAND", f10: 1000, f7: 1000, minimum: 800, maximum: 1200, ordered: 800, compliant: true },
    ]);
    expect(order.events.map((e) => [e.kind, e.text])).toEqual([["deemed", "Deemed order (F5.13(c)): no order for the North Region by the deadline, so the compliant minimum of 830 CHs is ordered."]]);
    expect(await db().auditEvent.findMany({ where: { action: "ch-order.deem" }, select: { entityId: true, actorId: true, partyId: true } })).toEqual([
      { entityId: order.ref, actorId: null, partyId: orderer.partyId },
    ]);
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.deemed" } });
    expect(emails.map((e) => e.toAccountId).sort()).toEqual(omsIds);
    expect(emails[0].subject).toBe(`Deemed order ${order.ref} for the North Region`);
    expect(emails[0].body).toContain(`the DCC has deemed order ${order.ref} for 830 CHs, delivered in June 2027`);
    expect(emails[0].body).toContain("Give Delivery Locations and dates by 27 Jan 2027, 09:00");
    expect(emails[0].body).toContain("not confirmed by 24 Feb 2027, 09:00, the order is treated as cancelled");

    // Idempotent: a second run deems nothing and writes nothing.
    const before = await snapshot();
    expect(await deemMandatoryOrders()).toEqual({ deemed: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("nothing is deemed for a Region whose minimum is 0, or that already has an order for the month, or for a party without forecasts", async () => {
    await forecasts(orderer.partyId, { NORTH: { SINGLE_BAND: 1000 }, SOUTH: { SINGLE_BAND: 100 } }); // Central: 0 everywhere
    // South was ordered in January (still awaiting the DCC's answer); North was not.
    const south = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", region: "SOUTH", status: "SUBMITTED", lines: [{ locationId: depotA, itemCode: "CH-S-SB", quantity: 10 }] });
    const quiet = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    await makeDeliveryLocation(quiet.partyId);
    await forecasts(quiet.partyId, {}); // forecasts, but every figure 0
    const silent = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    await makeDeliveryLocation(silent.partyId); // no forecasts at all

    expect(await deemMandatoryOrders()).toEqual({ deemed: 1 });
    const deemed = await deemedOrders();
    expect(deemed.map((o) => [o.partyId, o.region])).toEqual([[orderer.partyId, "NORTH"]]);
    // With no earlier order the party's first Delivery Location is used; only the variant with a minimum is ordered.
    expect(deemed[0].lines.map((l) => [l.itemCode, l.quantity, l.locationId])).toEqual([["CH-N-SB", 800, depotA]]);
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: south.id } })).status).toBe("SUBMITTED");
    expect(await db().outboxEmail.count({ where: { eventType: "ch-order.deemed", partyId: { not: orderer.partyId } } })).toBe(0);
  });

  it("a small minimum becomes one whole carton (F10 = F7 = 5: MIN 4, ordered 10)", async () => {
    await forecasts(orderer.partyId, { CENTRAL: { DUAL_BAND: 5 } });
    expect(await deemMandatoryOrders()).toEqual({ deemed: 1 });
    const [order] = await deemedOrders();
    expect(order.region).toBe("CENTRAL");
    expect(order.lines.map((l) => [l.itemCode, l.quantity])).toEqual([["CH-C-DB", 10]]);
  });

  it("before the deadline has passed, January's orders are not deemed (the party may still order)", async () => {
    await forecasts(orderer.partyId, NORTH_MANDATORY);
    setNow("2027-01-22T23:59:00Z");
    expect(await deemMandatoryOrders()).toEqual({ deemed: 0 });
    expect(await db().chOrder.count()).toBe(0);
    setNow("2027-01-23T00:00:00Z");
    expect(await deemMandatoryOrders()).toEqual({ deemed: 1 });
  });
});

describe("confirmDeemedOrder (CHHSM 3.7)", () => {
  let ref: string;
  beforeEach(async () => {
    await forecasts(orderer.partyId, NORTH_MANDATORY);
    await deemMandatoryOrders();
    ref = (await deemedOrders())[0].ref;
  });

  const details = (overrides: Partial<Parameters<typeof confirmDeemedOrder>[1]> = {}) => ({
    ref,
    locationId: depotB,
    preferredDate: "2027-06-22",
    contactPhone: "07700 900123",
    contactEmail: "deemed@example.test",
    ...overrides,
  });

  it("sets every line's location and preferred date, the contacts, and records it", async () => {
    setNow("2027-01-26T14:00:00Z");
    const updated = await confirmDeemedOrder(orderer, details({ ref: ref.toLowerCase() }));
    expect(updated).toMatchObject({ detailsConfirmedAt: new Date("2027-01-26T14:00:00Z"), contactPhone: "07700 900123", contactEmail: "deemed@example.test", status: "ACCEPTED" });
    const lines = await db().chOrderLine.findMany({ where: { orderId: updated.id } });
    expect(lines).toHaveLength(2);
    for (const l of lines) expect({ locationId: l.locationId, preferredDate: l.preferredDate }).toEqual({ locationId: depotB, preferredDate: new Date("2027-06-22") });
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { orderId: updated.id, kind: "details" } });
    expect(event.text).toBe("Delivery details confirmed: Depot B, preferred 22 Jun 2027.");
    expect(await db().auditEvent.findMany({ where: { action: "ch-order.confirm-deemed" }, select: { entityId: true, actorId: true, partyId: true } })).toEqual([
      { entityId: ref, actorId: orderer.accountId, partyId: orderer.partyId },
    ]);
    // Confirmed once: a second confirmation is refused.
    await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details({ locationId: depotA })), "CONFLICT", `${ref} has no delivery details to confirm.`);
  });

  it("refusals: outside the Delivery Month, not a Working Day, another party's location, after the 30 days; nothing written", async () => {
    await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details({ preferredDate: "2027-07-01" })), "INVALID", "The preferred date must be in the Delivery Month June 2027.");
    await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details({ preferredDate: "2027-05-28" })), "INVALID", "The preferred date must be in the Delivery Month June 2027.");
    const weekend = await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details({ preferredDate: "2027-06-19" })), "INVALID", "The preferred date must be a Working Day.");
    expect(weekend.fieldErrors).toEqual({ preferredDate: "Not a Working Day." });
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const theirs = await makeDeliveryLocation(other.partyId);
    const location = await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details({ locationId: theirs.id })), "INVALID", "Choose one of your own Delivery Locations.");
    expect(location.fieldErrors).toEqual({ locationId: "Not one of yours." });
    expect((await refusal(confirmDeemedOrder(orderer, details({ contactPhone: " " })))).fieldErrors.contactPhone).toBe("Give a contact phone number for this order.");

    setNow("2027-02-24T09:00:00.001Z");
    await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details()), "CONFLICT", `The details of ${ref} were due by 24 Feb 2027, 09:00.`);
    setNow("2027-02-24T09:00:00Z");
    expect((await confirmDeemedOrder(orderer, details())).detailsConfirmedAt).toEqual(new Date("2027-02-24T09:00:00Z"));
  });

  it("a date within a week of another delivery to the location, or an order the DCC already scheduled, is refused (CHHSM 3.13(b))", async () => {
    const other = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", region: "SOUTH", lines: [{ locationId: depotB, itemCode: "CH-S-SB", quantity: 10, preferredDate: "2027-06-25" }] });
    const week = await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details()), "INVALID", `Depot B already has a delivery on 25 Jun 2027 (${other.ref}): one delivery a week per location.`);
    expect(week.fieldErrors).toEqual({ preferredDate: "Another delivery that week." });
    // The deemed order's own provisional date does not count against it.
    const deemed = (await deemedOrders())[0];
    const provisional = deemed.lines[0];
    const scheduled = await makeConsignmentRow({ orderId: deemed.id, locationId: provisional.locationId, deliveryDate: provisional.preferredDate, lines: deemed.lines.map((l) => ({ itemCode: l.itemCode, quantity: l.quantity })) });
    await refusedWithoutWrites(
      () => confirmDeemedOrder(orderer, details({ preferredDate: provisional.preferredDate.toISOString().slice(0, 10), locationId: provisional.locationId })),
      "CONFLICT",
      `The DCC has already scheduled ${scheduled.ref} for ${ref} on its provisional details: ask the DCC to change it.`,
    );
  });

  it("an order that was not deemed has no details to confirm", async () => {
    const ordinary = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", region: "SOUTH", lines: [{ locationId: depotA, itemCode: "CH-S-SB", quantity: 10 }] });
    await refusedWithoutWrites(() => confirmDeemedOrder(orderer, details({ ref: ordinary.ref })), "CONFLICT", `${ordinary.ref} has no delivery details to confirm.`);
  });

  it("another party's user gets NOT_FOUND; a delivery-and-returns account and the DCC are FORBIDDEN", async () => {
    const other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const theirs = await makeDeliveryLocation(other.partyId);
    await refusedWithoutWrites(() => confirmDeemedOrder(other, details({ locationId: theirs.id })), "NOT_FOUND", `Order ${ref} was not found.`);
    await refusedWithoutWrites(() => confirmDeemedOrder(returns, details()), "FORBIDDEN", "Your account does not have permission to do this.");
    await refusedWithoutWrites(() => confirmDeemedOrder(admin, details()), "FORBIDDEN", "Your account does not have permission to do this.");
  });
});

describe("cancelUnconfirmedDeemedOrders (CHHSM 3.9)", () => {
  it("30 days after the notice an unconfirmed deemed order is CANCELLED and its scheduled consignments DEEMED_CANCELLED; confirmed and ordinary orders stand", async () => {
    await forecasts(orderer.partyId, NORTH_MANDATORY);
    const confirming = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
    const theirDepot = await makeDeliveryLocation(confirming.partyId, { name: "Their depot" });
    await forecasts(confirming.partyId, { SOUTH: { SINGLE_BAND: 100 } });
    const ordinary = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", region: "CENTRAL", lines: [{ locationId: depotA, itemCode: "CH-C-SB", quantity: 10 }] });
    expect(await deemMandatoryOrders()).toEqual({ deemed: 2 });
    const deemed = await deemedOrders();
    const mine = deemed.find((o) => o.partyId === orderer.partyId)!;
    const theirs = deemed.find((o) => o.partyId === confirming.partyId)!;
    expect([mine.region, theirs.region]).toEqual(["NORTH", "SOUTH"]);
    await confirmDeemedOrder(confirming, { ref: theirs.ref, locationId: theirDepot.id, preferredDate: "2027-06-16", contactPhone: "01", contactEmail: "a@example.test" });
    // The DCC schedules the deemed order's delivery at the reused location.
    const consignment = await raiseConsignment(admin, { orderRef: mine.ref, locationId: mine.lines[0].locationId, deliveryDate: "2027-06-15", deliveryWindow: "09:00-17:00" });

    setNow("2027-02-24T09:00:00Z"); // exactly 30 days: not yet
    expect(await cancelUnconfirmedDeemedOrders()).toEqual({ cancelled: 0 });
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("ACCEPTED");

    setNow("2027-02-24T09:00:00.001Z");
    expect(await cancelUnconfirmedDeemedOrders()).toEqual({ cancelled: 1 });
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("CANCELLED");
    expect((await db().chConsignment.findUniqueOrThrow({ where: { id: consignment.id } })).status).toBe("DEEMED_CANCELLED");
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("ACCEPTED");
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: ordinary.id } })).status).toBe("ACCEPTED");

    const event = await db().chOrderEvent.findFirstOrThrow({ where: { orderId: mine.id, kind: "cancelled" } });
    expect(event.text).toBe("Deemed cancelled: the delivery details were not confirmed within 30 days (CHHSM 3.9); 1 consignment deemed cancelled. The DCC's reasonable costs are billed on the next Invoice.");
    const audits = await db().auditEvent.findMany({ where: { action: "ch-order.deemed-cancel" } });
    expect(audits.map((a) => ({ entityId: a.entityId, actorId: a.actorId, partyId: a.partyId, before: a.before, after: a.after }))).toEqual([
      { entityId: mine.ref, actorId: null, partyId: orderer.partyId, before: { status: "ACCEPTED" }, after: { status: "CANCELLED" } },
    ]);
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.deemed-cancelled" } });
    expect(emails.map((e) => e.toAccountId).sort()).toEqual(omsIds);
    expect(emails[0].subject).toBe(`Deemed order ${mine.ref} cancelled`);
    expect(emails[0].body).toContain("The DCC's reasonable costs will be billed on your next Invoice.");

    // Idempotent.
    const before = await snapshot();
    expect(await cancelUnconfirmedDeemedOrders()).toEqual({ cancelled: 0 });
    expect(await snapshot()).toEqual(before);
  });
});
