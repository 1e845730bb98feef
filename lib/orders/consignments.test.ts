import { beforeEach, describe, expect, it } from "vitest";
import type { ChConsignmentStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import type { AppErrorCode } from "@/lib/errors";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { concurrently } from "@/lib/testing/concurrently";
import { refusal } from "@/lib/testing/incident-fixtures";
import { makeConsignmentRow, makeDeliveryLocation, makeOrderRow, type OrderRowLine } from "@/lib/testing/order-fixtures";
import { forecastOrderChart } from "./chart";
import {
  CONSIGNMENT_STATUS_LABELS,
  CONSIGNMENT_TRANSITIONS,
  cancelConsignment,
  confirmDelivery,
  deemDeliveriesCompliant,
  hubsDelivered,
  listConsignments,
  offerReplacementDates,
  pickReplacementDate,
  raiseConsignment,
  recordCollection,
  recordDelivery,
} from "./consignments";
import { cancelOrder, readOrder } from "./orders";

// The clock starts at Tue 1 Jun 2027, 10:00 BST. The default order is North, Delivery Month June 2027: Depot A gets
// 100 single band, 50 dual band and 20 aerials; Depot B 30 single band. Consignments go out in the 08:00-12:00 window.
const JUNE_1 = "2027-06-01T09:00:00Z";
const STATUSES = Object.keys(CONSIGNMENT_TRANSITIONS) as ChConsignmentStatus[];

let orderer: Actor;
let returns: Actor;
let admin: Actor;
let other: Actor;
let omsIds: string[];
let depotA: string;
let depotB: string;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(JUNE_1);
  orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  returns = await makeActor(["CH_DELIVERY_RETURNS"], { partyId: orderer.partyId });
  await makeAccount(orderer.partyId, ["PARTY_USER"]); // not an OMS account: never emailed
  admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  omsIds = [orderer.accountId, returns.accountId].sort();
  depotA = (await makeDeliveryLocation(orderer.partyId, { name: "Depot A" })).id;
  depotB = (await makeDeliveryLocation(orderer.partyId, { name: "Depot B" })).id;
});

const defaultLines = (month: string): OrderRowLine[] => [
  { locationId: depotA, itemCode: "CH-N-SB", quantity: 100 },
  { locationId: depotA, itemCode: "CH-N-DB", quantity: 50 },
  { locationId: depotA, itemCode: "AUX-AERIAL-T1", quantity: 20 },
  { locationId: depotB, itemCode: "CH-N-SB", quantity: 30, preferredDate: `${month}-22` },
];

const acceptedOrder = (opts: Partial<Parameters<typeof makeOrderRow>[0]> = {}) =>
  makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", lines: defaultLines(opts.deliveryMonth ?? "2027-06"), ...opts });

const raise = (orderRef: string, locationId = depotA, deliveryDate = "2027-06-15", extra: { quantities?: Record<string, number>; deliveryWindow?: string } = {}) =>
  raiseConsignment(admin, { orderRef, locationId, deliveryDate, deliveryWindow: "08:00-12:00", ...extra } as Parameters<typeof raiseConsignment>[1]);

const reload = (ref: string) =>
  db().chConsignment.findUniqueOrThrow({ where: { ref }, include: { lines: { orderBy: { itemCode: "asc" } }, replacement: true, replacementOf: true } });

const linesOf = async (ref: string) => (await reload(ref)).lines.map((l) => `${l.itemCode}:${l.quantity}:${l.affectedQuantity}`);

/** Depot A's consignment (15 June, 08:00-12:00), delivered at 10:30 that day. */
async function deliveredConsignment() {
  const order = await acceptedOrder();
  const raised = await raise(order.ref);
  setNow("2027-06-15T09:30:00Z");
  await recordDelivery(admin, { ref: raised.ref });
  return { order, consignment: await reload(raised.ref) };
}

/** Exactly one audit row for the change (by the actor, in the party's trail) and one email to each OMS account. */
async function expectRecorded(entityId: string, action: string, actorId: string | null, eventType: string, subject: string) {
  expect(await db().auditEvent.findMany({ where: { entityId, action }, select: { actorId: true, partyId: true, entityType: true } })).toEqual([
    { actorId, partyId: orderer.partyId, entityType: "ChConsignment" },
  ]);
  const emails = await db().outboxEmail.findMany({ where: { eventType, subject } });
  expect(emails.map((e) => e.toAccountId).sort()).toEqual(omsIds);
  expect(new Set(emails.map((e) => e.partyId))).toEqual(new Set([orderer.partyId]));
  return emails;
}

const snapshot = async () => ({
  audit: await db().auditEvent.count(),
  emails: await db().outboxEmail.count(),
  events: await db().chOrderEvent.count(),
  orders: await db().chOrder.findMany({ orderBy: { number: "asc" }, select: { ref: true, status: true } }),
  consignments: await db().chConsignment.findMany({ orderBy: { number: "asc" }, include: { lines: { orderBy: { itemCode: "asc" } } } }),
});

/** The operation is refused with the code and exact message, and nothing at all is written. */
async function refusedWithoutWrites(operation: () => Promise<unknown>, code: AppErrorCode, message: string) {
  const before = await snapshot();
  const error = await refusal(operation());
  expect(error.code).toBe(code);
  expect(error.message).toBe(message);
  expect(await snapshot()).toEqual(before);
  return error;
}

const FORBIDDEN = "Your account does not have permission to do this.";

describe("the consignment status machine (service.md §1.3)", () => {
  it("is the table the design gives", () => {
    expect(CONSIGNMENT_TRANSITIONS).toEqual({
      SCHEDULED: ["DELIVERED", "CANCELLED", "DEEMED_CANCELLED"],
      DELIVERED: ["CONFIRMED_COMPLIANT", "DEEMED_COMPLIANT", "NON_COMPLIANT_SHORT", "REJECTED"],
      REJECTED: ["COLLECTED"],
      NON_COMPLIANT_SHORT: [],
      CONFIRMED_COMPLIANT: [],
      DEEMED_COMPLIANT: [],
      CANCELLED: [],
      DEEMED_CANCELLED: [],
      COLLECTED: [],
    });
  });

  it("recordCollection on a CONFIRMED_COMPLIANT consignment is refused, naming both statuses, and writes nothing", async () => {
    const { consignment } = await deliveredConsignment();
    await confirmDelivery(orderer, { ref: consignment.ref, ground: null });
    await refusedWithoutWrites(() => recordCollection(admin, { ref: consignment.ref }), "CONFLICT", `${consignment.ref} is Confirmed compliant: it cannot become Collected by the DCC.`);
    expect((await reload(consignment.ref)).status).toBe("CONFIRMED_COMPLIANT");
  });

  it("collection, delivery and cancellation are allowed from exactly the statuses the table allows", async () => {
    const order = await acceptedOrder();
    const c = await raise(order.ref, depotA, "2027-06-18");
    const attempts: [string, ChConsignmentStatus, (ref: string) => Promise<unknown>][] = [
      ["collect", "COLLECTED", (ref) => recordCollection(admin, { ref })],
      ["deliver", "DELIVERED", (ref) => recordDelivery(admin, { ref })],
      ["cancel", "CANCELLED", (ref) => cancelConsignment(orderer, { ref })],
    ];
    for (const [name, to, attempt] of attempts) {
      // Delivery needs the Delivery Date to have come; cancellation needs 48 hours' notice.
      setNow(name === "deliver" ? "2027-06-18T10:00:00Z" : JUNE_1);
      for (const from of STATUSES) {
        await db().chConsignment.update({ where: { id: c.id }, data: { status: from } });
        if (CONSIGNMENT_TRANSITIONS[from].includes(to)) {
          await attempt(c.ref);
          expect((await reload(c.ref)).status, `${name} from ${from}`).toBe(to);
        } else {
          const error = await refusal(attempt(c.ref));
          expect(error.code, `${name} from ${from}`).toBe("CONFLICT");
          expect(error.message).toBe(`${c.ref} is ${CONSIGNMENT_STATUS_LABELS[from]}: it cannot become ${CONSIGNMENT_STATUS_LABELS[to]}.`);
          expect((await reload(c.ref)).status).toBe(from);
        }
      }
    }
  });
});

describe("raising a consignment (F6.1-F6.2)", () => {
  it("one per location of an accepted order: every line at that location, SCHEDULED, with its event, audit row and emails", async () => {
    const order = await acceptedOrder();
    const c = await raise(order.ref.toLowerCase());
    expect(c.ref).toMatch(/^CON\d{7}$/);
    const stored = await reload(c.ref);
    expect(stored).toMatchObject({ orderId: order.id, locationId: depotA, status: "SCHEDULED", deliveryWindow: "08:00-12:00", replacementOfId: null, confirmDueAt: null });
    expect(stored.deliveryDate).toEqual(new Date("2027-06-15T07:00:00Z")); // 08:00 BST, the window's start
    expect(await linesOf(c.ref)).toEqual(["AUX-AERIAL-T1:20:0", "CH-N-DB:50:0", "CH-N-SB:100:0"]);
    const events = await db().chOrderEvent.findMany({ where: { consignmentId: c.id } });
    expect(events.map((e) => [e.kind, e.text])).toEqual([["consignment.scheduled", `${c.ref} to Depot A on Tuesday 15 June 2027, 08:00-12:00.`]]);
    expect(await db().auditEvent.count({ where: { action: "ch-consignment.raise", entityId: c.ref, actorId: admin.accountId, partyId: orderer.partyId } })).toBe(1);
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-consignment.scheduled" } });
    expect(emails.map((e) => e.toAccountId).sort()).toEqual(omsIds);
    expect(emails[0].subject).toBe(`Consignment ${c.ref} scheduled`);
    expect(emails[0].body).toBe(`Order ${order.ref}: consignment ${c.ref} will be delivered to Depot A on Tuesday 15 June 2027, 08:00-12:00.`);

    // Depot B gets its own consignment; the quantities given for an order accepted in full are ignored.
    const b = await raise(order.ref, depotB, "2027-06-22", { quantities: { "CH-N-SB": 10 } });
    expect(await linesOf(b.ref)).toEqual(["CH-N-SB:30:0"]);
  });

  it("an order accepted in part delivers the quantities the DCC gives, dropping zero lines", async () => {
    const order = await acceptedOrder({ status: "ACCEPTED_IN_PART" });
    const c = await raise(order.ref, depotA, "2027-06-15", { quantities: { "CH-N-SB": 60, "CH-N-DB": 0 } });
    expect(await linesOf(c.ref)).toEqual(["AUX-AERIAL-T1:20:0", "CH-N-SB:60:0"]);
  });

  it("refusals name the rule and write nothing", async () => {
    const order = await acceptedOrder();
    const notAcceptedStatuses = ["SUBMITTED", "NON_COMPLIANT", "REJECTED", "CANCELLED"] as const;
    for (const [i, status] of notAcceptedStatuses.entries()) {
      // One order per Region per submission month: each gets a month of its own.
      const notAccepted = await acceptedOrder({ status, region: "CENTRAL", submissionMonth: `2026-0${i + 1}`, lines: [{ locationId: depotA, itemCode: "CH-C-SB", quantity: 10 }] });
      await refusedWithoutWrites(() => raise(notAccepted.ref), "CONFLICT", `Only an accepted order is delivered; ${notAccepted.ref} is not.`);
    }
    await refusedWithoutWrites(() => raise("ORD9999999"), "NOT_FOUND", "Order ORD9999999 was not found.");
    const depotC = (await makeDeliveryLocation(orderer.partyId, { name: "Depot C" })).id;
    const notOnOrder = await refusedWithoutWrites(() => raise(order.ref, depotC), "INVALID", "That location is not one of this order's Delivery Locations.");
    expect(notOnOrder.fieldErrors).toEqual({ locationId: "Not on this order." });
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-07-01"), "INVALID", "The Delivery Date must be in the Delivery Month June 2027.");
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-05-31"), "INVALID", "The Delivery Date must be in the Delivery Month June 2027.");
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-06-12"), "INVALID", "The Delivery Date must be a Working Day."); // Saturday
    const window = await refusal(raise(order.ref, depotA, "2027-06-15", { deliveryWindow: "18:00-20:00" }));
    expect(window.fieldErrors.deliveryWindow).toBe("Choose a Delivery Window inside Working Hours.");

    setNow("2027-06-15T06:00:00Z"); // 07:00 BST on the 15th: today is not "after today"
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-06-15"), "INVALID", "The Delivery Date must be after today.");
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-06-14"), "INVALID", "The Delivery Date must be after today.");
    setNow(JUNE_1);

    const first = await raise(order.ref, depotA, "2027-06-15");
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-06-25"), "CONFLICT", `This location already has its consignment (${first.ref}): one delivery per location per order.`);

    const part = await acceptedOrder({ status: "ACCEPTED_IN_PART", region: "SOUTH", lines: [{ locationId: depotA, itemCode: "CH-S-SB", quantity: 50 }, { locationId: depotA, itemCode: "AUX-HOTSHOE", quantity: 5 }] });
    await refusedWithoutWrites(() => raise(part.ref, depotA, "2027-06-16", { quantities: { "CH-S-SB": 0 } }), "INVALID", "A consignment cannot contain only auxiliary equipment (CHHSM 3.12).");
    const more = await refusedWithoutWrites(() => raise(part.ref, depotA, "2027-06-16", { quantities: { "CH-S-SB": 60 } }), "INVALID", "South CH, single band: at most the 50 ordered.");
    expect(more.fieldErrors).toEqual({ "quantity.CH-S-SB": "More than ordered." });
    await refusedWithoutWrites(() => raise(part.ref, depotA, "2027-06-16", { quantities: { "AUX-HOTSHOE": 6 } }), "INVALID", "Hot shoe (gas-only sites): at most the 5 ordered.");
    await refusedWithoutWrites(() => raise(part.ref, depotA, "2027-06-16", { quantities: { "CH-S-SB": 25 } }), "INVALID", "South CH, single band: whole cartons of 10.");
  });

  it("a bank holiday is not a Working Day: 31 May 2027 is refused for a May order", async () => {
    setNow("2027-05-03T09:00:00Z");
    const order = await acceptedOrder({ deliveryMonth: "2027-05" });
    await refusedWithoutWrites(() => raise(order.ref, depotA, "2027-05-31"), "INVALID", "The Delivery Date must be a Working Day.");
    expect((await raise(order.ref, depotA, "2027-05-28")).deliveryDate).toEqual(new Date("2027-05-28T07:00:00Z"));
  });

  it("only the DCC raises consignments: both OMS profiles of the party are FORBIDDEN", async () => {
    const order = await acceptedOrder();
    for (const actor of [orderer, returns]) {
      await refusedWithoutWrites(() => raiseConsignment(actor, { orderRef: order.ref, locationId: depotA, deliveryDate: "2027-06-15", deliveryWindow: "08:00-12:00" }), "FORBIDDEN", FORBIDDEN);
    }
  });
});

describe("scenario 14: cancelling a consignment needs 48 hours' notice (F5.19)", () => {
  it("D = Friday 10:00: on Wednesday at 11:00 (47 h) it is refused; at 09:00 (49 h) it is CANCELLED with the cost note", async () => {
    const order = await acceptedOrder();
    const friday = await makeConsignmentRow({ orderId: order.id, locationId: depotA, deliveryDate: new Date("2027-06-18T09:00:00Z"), lines: [{ itemCode: "CH-N-SB", quantity: 100 }] });

    setNow("2027-06-16T10:00:00Z"); // Wed 16 Jun, 11:00 BST
    await refusedWithoutWrites(() => cancelConsignment(orderer, { ref: friday.ref }), "CONFLICT", `${friday.ref} can no longer be cancelled: its delivery at 18 Jun 2027, 10:00 is less than 48 hours away.`);
    expect((await reload(friday.ref)).status).toBe("SCHEDULED");

    setNow("2027-06-16T08:00:00Z"); // Wed 16 Jun, 09:00 BST
    await cancelConsignment(orderer, { ref: friday.ref.toLowerCase() });
    expect((await reload(friday.ref)).status).toBe("CANCELLED");
    const events = await db().chOrderEvent.findMany({ where: { consignmentId: friday.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "consignment.cancelled", text: `${friday.ref}: cancelled by the party; the DCC's reasonable costs are billed on the next Invoice.` });
    expect(events[0].at).toEqual(new Date("2027-06-16T08:00:00Z"));
    const emails = await expectRecorded(friday.ref, "ch-consignment.cancelled", orderer.accountId, "ch-consignment.cancelled", `Consignment ${friday.ref}: Cancelled`);
    expect(emails[0].body).toBe(`Consignment ${friday.ref} was cancelled. The DCC's reasonable costs will be billed on your next Invoice.`);
    // The order itself stands.
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("ACCEPTED");
  });

  it("exactly 48 hours before the window opens is in time; one second later is not", async () => {
    const order = await acceptedOrder();
    const a = await raise(order.ref, depotA, "2027-06-18"); // Friday, window opens 08:00 BST
    const b = await raise(order.ref, depotB, "2027-06-18");
    setNow("2027-06-16T07:00:01Z");
    await refusedWithoutWrites(() => cancelConsignment(orderer, { ref: a.ref }), "CONFLICT", `${a.ref} can no longer be cancelled: its delivery at 18 Jun 2027, 08:00 is less than 48 hours away.`);
    setNow("2027-06-16T07:00:00Z");
    await cancelConsignment(orderer, { ref: b.ref });
    expect((await reload(b.ref)).status).toBe("CANCELLED");
  });

  it("only the party's CH_ORDERING accounts cancel; another party gets NOT_FOUND", async () => {
    const order = await acceptedOrder();
    const c = await raise(order.ref);
    await refusedWithoutWrites(() => cancelConsignment(returns, { ref: c.ref }), "FORBIDDEN", FORBIDDEN);
    await refusedWithoutWrites(() => cancelConsignment(admin, { ref: c.ref }), "FORBIDDEN", FORBIDDEN);
    await refusedWithoutWrites(() => cancelConsignment(other, { ref: c.ref }), "NOT_FOUND", `Consignment ${c.ref} was not found.`);
    await refusedWithoutWrites(() => cancelConsignment(orderer, { ref: "CON9999999" }), "NOT_FOUND", "Consignment CON9999999 was not found.");
  });
});

describe("delivery and confirmation (F6.4-F6.8)", () => {
  it("the DCC records the delivery on the Delivery Date, not before: the party has 5 Working Days to the end of the day", async () => {
    const order = await acceptedOrder();
    const c = await raise(order.ref);
    setNow("2027-06-14T22:59:59Z"); // 23:59:59 BST on the 14th
    await refusedWithoutWrites(() => recordDelivery(admin, { ref: c.ref }), "CONFLICT", `${c.ref} is due on 15 Jun 2027: it cannot be delivered before its Delivery Date.`);

    setNow("2027-06-15T09:30:00Z");
    const result = await recordDelivery(admin, { ref: c.ref });
    expect(result.confirmDueAt).toEqual(new Date("2027-06-22T22:59:59.999Z")); // Tue 15 + 5 WD = Tue 22 Jun, 23:59:59.999 BST
    const stored = await reload(c.ref);
    expect(stored).toMatchObject({ status: "DELIVERED", confirmDueAt: new Date("2027-06-22T22:59:59.999Z"), deliveredAt: new Date("2027-06-15T09:30:00Z") });
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.delivered" } });
    expect(event.text).toBe(`${c.ref}: delivered to Depot A; the party confirms or rejects by 22 Jun 2027, 23:59.`);
    const emails = await expectRecorded(c.ref, "ch-consignment.delivered", admin.accountId, "ch-consignment.delivered", `Consignment ${c.ref}: Delivered: confirm or reject`);
    expect(emails[0].body).toContain("by 22 Jun 2027, 23:59; otherwise it is deemed compliant.");
    expect((await listConsignments(orderer, "DELIVERED")).map((x) => x.ref)).toEqual([c.ref]);
  });

  it("the delivered CHs become the party's: stock CHFs of the order's Region up to the hubs carried; units reported short go back", async () => {
    const chf = (n: number, extra: object = {}) => ({ id: `0A0000000000${String(n).padStart(4, "0")}`, deviceType: "CHF" as const, status: "PENDING" as const, cspRegion: "NORTH" as const, ...extra });
    await db().device.createMany({
      data: [
        ...Array.from({ length: 160 }, (_, i) => chf(i)),
        chf(900, { cspRegion: "CENTRAL" }),
        chf(901, { status: "COMMISSIONED", commissionedAt: new Date("2026-01-01") }),
        chf(902, { chHolderPartyId: other.partyId }),
        chf(903),
        { id: "0A000000000E5E01", deviceType: "ESME", status: "PENDING" },
      ],
    });
    // CHF 903 is at premises: a meter is Associated to it. CHFs 0 and 149 come with their GPFs (a CH is both).
    await db().deviceAssociation.create({ data: { deviceId: "0A000000000E5E01", associatedDeviceId: "0A00000000000903" } });
    await db().device.createMany({ data: [0, 149].map((n) => ({ id: `0A00000000F0${String(n).padStart(4, "0")}`, deviceType: "GPF" as const, status: "PENDING" as const, cspRegion: "NORTH" as const })) });
    await db().deviceAssociation.createMany({ data: [0, 149].map((n) => ({ deviceId: `0A00000000F0${String(n).padStart(4, "0")}`, associatedDeviceId: chf(n).id })) });
    const { consignment: c } = await deliveredConsignment(); // 100 single band + 50 dual band + 20 aerials
    const held = () => db().device.findMany({ where: { chHolderPartyId: orderer.partyId, deviceType: "CHF" }, select: { id: true, chConsignmentId: true, cspRegion: true, status: true } });
    const heldGpfs = async () => (await db().device.findMany({ where: { chHolderPartyId: orderer.partyId, deviceType: "GPF", chConsignmentId: c.id }, select: { id: true }, orderBy: { id: "asc" } })).map((d) => d.id);
    expect(await heldGpfs()).toEqual(["0A00000000F00000", "0A00000000F00149"]);
    expect(await held()).toHaveLength(150);
    expect(new Set((await held()).map((d) => `${d.chConsignmentId}:${d.cspRegion}:${d.status}`))).toEqual(new Set([`${c.id}:NORTH:PENDING`]));
    // 10 left in stock, the Central one, the installed one, the one at premises and its meter.
    expect(await db().device.count({ where: { chHolderPartyId: null } })).toBe(14);

    await confirmDelivery(returns, { ref: c.ref, ground: "SHORT", affected: { "CH-N-SB": 30, "AUX-AERIAL-T1": 5 } });
    expect(await held()).toHaveLength(120);
    // The 30 CHFs released (the last allocated) take their GPFs back to stock with them.
    expect(await heldGpfs()).toEqual(["0A00000000F00000"]);
    expect(await db().device.count({ where: { chHolderPartyId: other.partyId } })).toBe(1);
  });

  it("two deliveries at the same moment take different CHFs from the stock (PostgreSQL races them)", async () => {
    await db().device.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ id: `0A0000000001${String(i).padStart(4, "0")}`, deviceType: "CHF" as const, status: "PENDING" as const, cspRegion: "NORTH" as const })) });
    const june = await raise((await acceptedOrder()).ref);
    const july = await raise((await acceptedOrder({ deliveryMonth: "2027-07" })).ref, depotA, "2027-07-15");
    setNow("2027-07-15T09:30:00Z");
    const race = await concurrently([() => recordDelivery(admin, { ref: june.ref }), () => recordDelivery(admin, { ref: july.ref })]);
    expect(race.succeeded).toHaveLength(2);
    // 150 hubs each from 200 in stock: one gets 150, the other the 50 left, none taken twice.
    const held = await Promise.all([june, july].map((c) => db().device.count({ where: { chConsignmentId: c.id } })));
    expect(held.sort((a, b) => a - b)).toEqual([50, 150]);
  });

  it("the party confirms compliance (either OMS profile); a second answer is refused", async () => {
    const { consignment } = await deliveredConsignment();
    setNow("2027-06-17T12:00:00Z");
    expect(await confirmDelivery(returns, { ref: consignment.ref, ground: null })).toEqual({ status: "CONFIRMED_COMPLIANT" });
    const stored = await reload(consignment.ref);
    expect(stored).toMatchObject({ status: "CONFIRMED_COMPLIANT", ground: null, confirmedAt: new Date("2027-06-17T12:00:00Z") });
    expect(await linesOf(consignment.ref)).toEqual(["AUX-AERIAL-T1:20:0", "CH-N-DB:50:0", "CH-N-SB:100:0"]);
    await expectRecorded(consignment.ref, "ch-consignment.confirmed_compliant", returns.accountId, "ch-consignment.confirmed_compliant", `Consignment ${consignment.ref}: Confirmed compliant`);
    await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: consignment.ref, ground: "SHORT", affected: { "CH-N-SB": 10 } }), "CONFLICT", `${consignment.ref} is Confirmed compliant: there is nothing to confirm.`);
  });

  it("a scheduled consignment has nothing to confirm", async () => {
    const order = await acceptedOrder();
    const c = await raise(order.ref);
    await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: null }), "CONFLICT", `${c.ref} is Scheduled: there is nothing to confirm.`);
  });

  it("confirming after the window is refused (the delivery is deemed compliant); at the last moment it is accepted", async () => {
    const { consignment } = await deliveredConsignment();
    setNow("2027-06-22T23:00:00Z"); // 00:00 BST on Wed 23 Jun
    await refusedWithoutWrites(
      () => confirmDelivery(orderer, { ref: consignment.ref, ground: "DAMAGED", affected: { "CH-N-SB": 10 } }),
      "CONFLICT",
      `The window to confirm ${consignment.ref} closed at 22 Jun 2027, 23:59: the delivery is deemed compliant (F6.8).`,
    );
    setNow("2027-06-22T22:59:59.999Z");
    expect(await confirmDelivery(orderer, { ref: consignment.ref, ground: null })).toEqual({ status: "CONFIRMED_COMPLIANT" });
  });

  it("confirmDelivery refusals: OTHER without a note, more units than owed, no units, units of an item not carried, negative units", async () => {
    const { consignment: c } = await deliveredConsignment();
    const note = await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: "OTHER", affected: { "CH-N-SB": 10 } }), "INVALID", "Say which CHHSM rejection right applies.");
    expect(note.fieldErrors).toEqual({ note: "A reason is required." });
    await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: "OTHER", note: "   ", affected: { "CH-N-SB": 10 } }), "INVALID", "Say which CHHSM rejection right applies.");
    for (const ground of ["SHORT", "DAMAGED", "OTHER"] as const) {
      const more = await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground, note: "Seals broken", affected: { "CH-N-SB": 20, "CH-N-DB": 51 } }), "INVALID", "North cellular CH, dual band: at most the 50 owed.");
      expect(more.fieldErrors).toEqual({ "affected.CH-N-DB": "At most 50." });
    }
    await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: "SHORT", affected: {} }), "INVALID", "Units missing: give the units, per item, that the delivery got wrong.");
    await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: "OVER", affected: { "CH-N-SB": 0 } }), "INVALID", "Units over: give the units, per item, that the delivery got wrong.");
    const notCarried = await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: "DAMAGED", affected: { "AUX-HOTSHOE": 3 } }), "INVALID", `Hot shoe (gas-only sites) is not on ${c.ref}: give units only for the items it carries.`);
    expect(notCarried.fieldErrors).toEqual({ "affected.AUX-HOTSHOE": "Not on this consignment." });
    const negative = await refusal(confirmDelivery(orderer, { ref: c.ref, ground: "DAMAGED", affected: { "CH-N-SB": -1 } }));
    expect(negative.fieldErrors["affected.CH-N-SB"]).toBe("Units cannot be negative.");
    expect((await reload(c.ref)).status).toBe("DELIVERED");
  });

  it("OTHER with its reason rejects the units, keeping the note", async () => {
    const { consignment: c } = await deliveredConsignment();
    expect(await confirmDelivery(orderer, { ref: c.ref, ground: "OTHER", note: "Wrong firmware label (CHHSM Annex D)", affected: { "CH-N-DB": 50 } })).toEqual({ status: "REJECTED" });
    expect(await reload(c.ref)).toMatchObject({ status: "REJECTED", ground: "OTHER", groundNote: "Wrong firmware label (CHHSM Annex D)" });
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.rejected" } });
    expect(event.text).toContain("(Wrong firmware label (CHHSM Annex D))");
  });

  it("who may do what: another party gets NOT_FOUND, the party FORBIDDEN for DCC actions, the DCC FORBIDDEN for the party's", async () => {
    const { consignment: c } = await deliveredConsignment();
    const notFound = `Consignment ${c.ref} was not found.`;
    await refusedWithoutWrites(() => confirmDelivery(other, { ref: c.ref, ground: null }), "NOT_FOUND", notFound);
    await refusedWithoutWrites(() => pickReplacementDate(other, { ref: c.ref, date: "2027-06-25" }), "NOT_FOUND", notFound);
    const otherReturns = await makeActor(["CH_DELIVERY_RETURNS"], { partyId: other.partyId });
    await refusedWithoutWrites(() => confirmDelivery(otherReturns, { ref: c.ref, ground: null }), "NOT_FOUND", notFound);
    for (const party of [orderer, returns]) {
      await refusedWithoutWrites(() => recordDelivery(party, { ref: c.ref }), "FORBIDDEN", FORBIDDEN);
      await refusedWithoutWrites(() => recordCollection(party, { ref: c.ref }), "FORBIDDEN", FORBIDDEN);
      await refusedWithoutWrites(() => offerReplacementDates(party, { ref: c.ref, dates: ["2027-06-25"] }), "FORBIDDEN", FORBIDDEN);
    }
    await refusedWithoutWrites(() => confirmDelivery(admin, { ref: c.ref, ground: null }), "FORBIDDEN", FORBIDDEN);
    const partyUser = await makeActor(["PARTY_USER"], { partyId: orderer.partyId });
    await refusedWithoutWrites(() => confirmDelivery(partyUser, { ref: c.ref, ground: null }), "FORBIDDEN", FORBIDDEN);
    expect((await reload(c.ref)).status).toBe("DELIVERED");
  });

  it("the audit row, timeline event and emails share the change's transaction: an email that cannot be queued undoes it all", async () => {
    const order = await acceptedOrder();
    const c = await raise(order.ref);
    const before = await snapshot();
    setNow("2027-06-15T09:30:00Z");
    await db().$executeRawUnsafe(`CREATE FUNCTION test_outbox_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'outbox down'; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_outbox_down BEFORE INSERT ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION test_outbox_down()`);
    try {
      await expect(recordDelivery(admin, { ref: c.ref })).rejects.toThrow(/outbox down/);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER test_outbox_down ON "OutboxEmail"`);
      await db().$executeRawUnsafe(`DROP FUNCTION test_outbox_down()`);
    }
    expect(await snapshot()).toEqual(before);
    expect((await reload(c.ref)).status).toBe("SCHEDULED");
  });
});

describe("scenario 15: a delivery nobody confirms is deemed compliant after the 5th Working Day after D (F6.8, §9.5)", () => {
  // Each delivery is on a Thursday before a bank holiday weekend, so a weekend and the holiday(s) are skipped.
  it.each([
    { name: "late-May bank holiday", month: "2027-05", day: "2027-05-27", delivered: "2027-05-27T09:00:00Z", due: "2027-06-04T22:59:59.999Z", shown: "4 Jun 2027, 23:59" },
    { name: "August bank holiday", month: "2027-08", day: "2027-08-26", delivered: "2027-08-26T09:00:00Z", due: "2027-09-03T22:59:59.999Z", shown: "3 Sep 2027, 23:59" },
    { name: "Christmas and New Year", month: "2027-12", day: "2027-12-23", delivered: "2027-12-23T10:00:00Z", due: "2028-01-04T23:59:59.999Z", shown: "4 Jan 2028, 23:59" },
  ])("across the $name: DELIVERED until $shown, DEEMED_COMPLIANT from the next instant", async ({ month, day, delivered, due, shown }) => {
    setNow(`${month}-01T09:00:00Z`);
    const order = await acceptedOrder({ deliveryMonth: month });
    const c = await raise(order.ref, depotA, day);
    // A consignment already confirmed, whose window also passes, is not touched by the job.
    const b = await raise(order.ref, depotB, day);
    setNow(delivered);
    await recordDelivery(admin, { ref: c.ref });
    await recordDelivery(admin, { ref: b.ref });
    await confirmDelivery(orderer, { ref: b.ref, ground: null });
    expect((await reload(c.ref)).confirmDueAt).toEqual(new Date(due));

    setNow(new Date(new Date(due).getTime() - 60_000)); // one minute before the deadline
    expect(await deemDeliveriesCompliant()).toEqual({ deemed: 0 });
    expect((await reload(c.ref)).status).toBe("DELIVERED");
    setNow(due);
    expect(await deemDeliveriesCompliant()).toEqual({ deemed: 0 });

    setNow(new Date(new Date(due).getTime() + 1));
    expect(await deemDeliveriesCompliant()).toEqual({ deemed: 1 });
    expect((await reload(c.ref)).status).toBe("DEEMED_COMPLIANT");
    expect((await reload(b.ref)).status).toBe("CONFIRMED_COMPLIANT");
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.deemed_compliant" } });
    expect(event.text).toBe(`${c.ref}: deemed compliant: nothing was confirmed by ${shown} (F6.8).`);
    const emails = await expectRecorded(c.ref, "ch-consignment.deemed_compliant", null, "ch-consignment.deemed_compliant", `Consignment ${c.ref}: Deemed compliant`);
    expect(emails[0].body).toBe(`Consignment ${c.ref} is deemed compliant: it was not confirmed or rejected by ${shown}.`);

    // Idempotent: a second run deems nothing and writes nothing.
    const before = await snapshot();
    expect(await deemDeliveriesCompliant()).toEqual({ deemed: 0 });
    expect(await snapshot()).toEqual(before);
    await refusedWithoutWrites(() => confirmDelivery(orderer, { ref: c.ref, ground: null }), "CONFLICT", `${c.ref} is Deemed compliant: there is nothing to confirm.`);
  });
});

describe("scenario 16 and the other grounds (F6.9-F6.14)", () => {
  it("damaged: REJECTED awaiting collection, the DCC offers dates, the party picks one, a replacement is SCHEDULED and linked both ways", async () => {
    const { order, consignment: c } = await deliveredConsignment();
    setNow("2027-06-16T10:00:00Z");
    expect(await confirmDelivery(orderer, { ref: c.ref, ground: "DAMAGED", note: "Two crushed cartons", affected: { "CH-N-SB": 20 } })).toEqual({ status: "REJECTED" });
    expect(await reload(c.ref)).toMatchObject({ status: "REJECTED", ground: "DAMAGED", groundNote: "Two crushed cartons", confirmedAt: new Date("2027-06-16T10:00:00Z") });
    expect(await linesOf(c.ref)).toEqual(["AUX-AERIAL-T1:20:0", "CH-N-DB:50:0", "CH-N-SB:100:20"]);
    const rejected = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.rejected" } });
    expect(rejected.text).toBe(
      `${c.ref}: reported non-compliant by the party: Damaged or looks tampered with, before delivery (F6.9(c)), 20 units (Two crushed cartons); 20 units await collection by the DCC (F6.10-F6.11); the DCC will offer replacement dates (F6.13).`,
    );
    await expectRecorded(c.ref, "ch-consignment.rejected", orderer.accountId, "ch-consignment.rejected", `Consignment ${c.ref}: Rejected: awaiting collection`);
    // The collection task: the DCC's list of rejected consignments awaiting collection.
    expect((await listConsignments(admin, "REJECTED")).map((x) => x.ref)).toEqual([c.ref]);

    // Offers are future Working Days only, at most 5.
    await refusedWithoutWrites(() => offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-23", "2027-06-26"] }), "INVALID", "Saturday 26 Jun 2027 cannot be offered: offer future Working Days.");
    await refusedWithoutWrites(() => offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-16"] }), "INVALID", "Wednesday 16 Jun 2027 cannot be offered: offer future Working Days.");
    expect((await refusal(offerReplacementDates(admin, { ref: c.ref, dates: [] }))).fieldErrors.dates).toBe("Offer at least one date.");
    expect((await refusal(offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-21", "2027-06-22", "2027-06-23", "2027-06-24", "2027-06-25", "2027-06-28"] }))).fieldErrors.dates).toBe("Offer at most 5 dates.");

    const offered = await offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-25", "2027-06-23", "2027-06-25"] });
    expect(offered).toEqual([new Date("2027-06-23T07:00:00Z"), new Date("2027-06-25T07:00:00Z")]);
    expect((await reload(c.ref)).replacementDates).toEqual(offered);
    const offerEvent = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.replacement-offered" } });
    expect(offerEvent.text).toBe(`${c.ref}: replacement dates offered: Wed 23 Jun 2027, Fri 25 Jun 2027.`);
    const offerEmails = await expectRecorded(c.ref, "ch-consignment.offer-replacement", admin.accountId, "ch-consignment.replacement-offered", `Consignment ${c.ref}: pick a replacement date`);
    expect(offerEmails[0].body).toContain("Wed 23 Jun 2027, Fri 25 Jun 2027");

    // Picking a date the DCC did not offer is refused.
    const notOffered = await refusedWithoutWrites(() => pickReplacementDate(returns, { ref: c.ref, date: "2027-06-24" }), "INVALID", "Pick one of the dates the DCC offered.");
    expect(notOffered.fieldErrors).toEqual({ date: "Not an offered date." });

    const replacement = await pickReplacementDate(returns, { ref: c.ref, date: "2027-06-25" });
    const stored = await reload(replacement.ref);
    expect(stored).toMatchObject({ status: "SCHEDULED", orderId: order.id, locationId: depotA, deliveryWindow: "08:00-12:00", replacementOfId: c.id });
    expect(stored.deliveryDate).toEqual(new Date("2027-06-25T07:00:00Z"));
    expect(await linesOf(replacement.ref)).toEqual(["CH-N-SB:20:0"]);
    expect((await reload(c.ref)).replacement?.ref).toBe(replacement.ref);
    const read = await readOrder(orderer, order.ref);
    expect(read.consignments.map((x) => [x.ref, x.replacement?.ref ?? null, x.replacementOf?.ref ?? null])).toEqual([
      [c.ref, replacement.ref, null],
      [replacement.ref, null, c.ref],
    ]);
    const replacementEvent = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: replacement.id, kind: "consignment.replacement" } });
    expect(replacementEvent.text).toBe(`${replacement.ref} replaces the units of ${c.ref}, on Friday 25 June 2027, 08:00-12:00.`);
    expect(await db().auditEvent.findMany({ where: { action: "ch-consignment.pick-replacement" }, select: { entityId: true, actorId: true, partyId: true } })).toEqual([
      { entityId: replacement.ref, actorId: returns.accountId, partyId: orderer.partyId },
    ]);
    const pickEmails = await db().outboxEmail.findMany({ where: { eventType: "ch-consignment.scheduled", subject: `Consignment ${replacement.ref} scheduled` } });
    expect(pickEmails.map((e) => e.toAccountId).sort()).toEqual(omsIds);

    // One replacement only; no more offers once replaced.
    await refusedWithoutWrites(() => pickReplacementDate(orderer, { ref: c.ref, date: "2027-06-23" }), "CONFLICT", `${c.ref} already has its replacement.`);
    await refusedWithoutWrites(() => offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-28"] }), "CONFLICT", `${c.ref} is already replaced by ${replacement.ref}.`);

    // The DCC collects the rejected units.
    await recordCollection(admin, { ref: c.ref });
    expect((await reload(c.ref)).status).toBe("COLLECTED");
    const collected = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.collected" } });
    expect(collected.text).toBe(`${c.ref}: rejected units collected by the DCC.`);
    await expectRecorded(c.ref, "ch-consignment.collected", admin.accountId, "ch-consignment.collected", `Consignment ${c.ref}: Collected by the DCC`);
    expect((await listConsignments(admin, "REJECTED")).map((x) => x.ref)).toEqual([]);
  });

  it("an offered date that has passed cannot be picked", async () => {
    const { consignment: c } = await deliveredConsignment();
    await confirmDelivery(orderer, { ref: c.ref, ground: "DAMAGED", affected: { "CH-N-SB": 10 } });
    await offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-17", "2027-06-21"] });
    setNow("2027-06-17T08:00:00Z");
    await refusedWithoutWrites(() => pickReplacementDate(orderer, { ref: c.ref, date: "2027-06-17" }), "CONFLICT", "That date has passed: ask the DCC for new dates.");
    expect((await pickReplacementDate(orderer, { ref: c.ref, date: "2027-06-21" })).replacementOfId).toBe(c.id);
  });

  it("short: NON_COMPLIANT_SHORT, nothing to collect, and the replacement carries only the missing units", async () => {
    const { consignment: c } = await deliveredConsignment();
    expect(await confirmDelivery(returns, { ref: c.ref, ground: "SHORT", affected: { "CH-N-SB": 30, "CH-N-DB": 0, "AUX-AERIAL-T1": 5 } })).toEqual({ status: "NON_COMPLIANT_SHORT" });
    expect(await reload(c.ref)).toMatchObject({ status: "NON_COMPLIANT_SHORT", ground: "SHORT", groundNote: null });
    expect(await linesOf(c.ref)).toEqual(["AUX-AERIAL-T1:20:5", "CH-N-DB:50:0", "CH-N-SB:100:30"]);
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.non_compliant_short" } });
    expect(event.text).toBe(`${c.ref}: reported non-compliant by the party: Short: nothing delivered, or fewer units than owed (F6.9(a)), 35 units; the DCC will offer replacement dates (F6.13).`);
    await expectRecorded(c.ref, "ch-consignment.non_compliant_short", returns.accountId, "ch-consignment.non_compliant_short", `Consignment ${c.ref}: Short: replacement due`);
    // Nothing was rejected, so there is nothing to collect.
    await refusedWithoutWrites(() => recordCollection(admin, { ref: c.ref }), "CONFLICT", `${c.ref} is Short: replacement due: it cannot become Collected by the DCC.`);

    await offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-22"] });
    const replacement = await pickReplacementDate(orderer, { ref: c.ref, date: "2027-06-22" });
    expect(await linesOf(replacement.ref)).toEqual(["AUX-AERIAL-T1:5:0", "CH-N-SB:30:0"]);
    expect((await reload(replacement.ref)).status).toBe("SCHEDULED");
  });

  it("over: REJECTED awaiting collection of the surplus, and no replacement is offered", async () => {
    const { consignment: c } = await deliveredConsignment();
    // Units over are not bounded by the units owed.
    expect(await confirmDelivery(orderer, { ref: c.ref, ground: "OVER", affected: { "CH-N-SB": 120 } })).toEqual({ status: "REJECTED" });
    expect(await reload(c.ref)).toMatchObject({ status: "REJECTED", ground: "OVER" });
    const event = await db().chOrderEvent.findFirstOrThrow({ where: { consignmentId: c.id, kind: "consignment.rejected" } });
    expect(event.text).toBe(`${c.ref}: reported non-compliant by the party: Over: more units than owed (F6.9(b)), 120 units; 120 units await collection by the DCC (F6.10-F6.11).`);
    await refusedWithoutWrites(() => offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-22"] }), "CONFLICT", `${c.ref} has nothing to replace.`);
    await refusedWithoutWrites(() => pickReplacementDate(orderer, { ref: c.ref, date: "2027-06-22" }), "INVALID", "Pick one of the dates the DCC offered.");
    await recordCollection(admin, { ref: c.ref });
    expect((await reload(c.ref)).status).toBe("COLLECTED");
  });

  it("a compliant delivery has nothing to replace", async () => {
    const { consignment: c } = await deliveredConsignment();
    await confirmDelivery(orderer, { ref: c.ref, ground: null });
    await refusedWithoutWrites(() => offerReplacementDates(admin, { ref: c.ref, dates: ["2027-06-22"] }), "CONFLICT", `${c.ref} has nothing to replace.`);
  });
});

describe("cancelling the whole order (F5.19) with consignments", () => {
  it("cancels its scheduled consignments with it, 48 hours counted from the consignment's Delivery Date", async () => {
    // Preferred 15 June, but the DCC scheduled Monday 21 June.
    const order = await acceptedOrder({ lines: [{ locationId: depotA, itemCode: "CH-N-SB", quantity: 100 }] });
    const c = await raise(order.ref, depotA, "2027-06-21");
    setNow("2027-06-19T07:00:01Z");
    await refusedWithoutWrites(() => cancelOrder(orderer, { ref: order.ref }), "CONFLICT", `${order.ref} can no longer be cancelled: its delivery on 21 Jun 2027 is less than 48 hours away.`);
    setNow("2027-06-18T10:00:00Z"); // after the preferred date, still 2 days before the consignment
    expect((await cancelOrder(orderer, { ref: order.ref })).status).toBe("CANCELLED");
    expect((await reload(c.ref)).status).toBe("CANCELLED");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "ch-order.cancel", entityId: order.ref } });
    expect(audit.after).toMatchObject({ status: "CANCELLED", consignmentsCancelled: [c.ref] });
  });

  it("once anything was delivered the order cannot be cancelled whole; the rest is cancelled consignment by consignment", async () => {
    const order = await acceptedOrder();
    const a = await raise(order.ref, depotA, "2027-06-15");
    const b = await raise(order.ref, depotB, "2027-06-22");
    setNow("2027-06-15T09:00:00Z");
    await recordDelivery(admin, { ref: a.ref });
    setNow("2027-06-16T09:00:00Z");
    await refusedWithoutWrites(() => cancelOrder(orderer, { ref: order.ref }), "CONFLICT", `${order.ref} has been delivered in part: cancel its remaining consignments one at a time.`);
    await cancelConsignment(orderer, { ref: b.ref });
    expect((await reload(b.ref)).status).toBe("CANCELLED");
    expect((await reload(a.ref)).status).toBe("DELIVERED");
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("ACCEPTED");
  });
});

describe("lists, delivered figures and the chart", () => {
  it("listConsignments: the party sees its own in the status, soonest first; the DCC sees all; a PARTY_USER is FORBIDDEN", async () => {
    const order = await acceptedOrder();
    const b = await raise(order.ref, depotB, "2027-06-22");
    const a = await raise(order.ref, depotA, "2027-06-15");
    const otherDepot = (await makeDeliveryLocation(other.partyId)).id;
    const theirOrder = await makeOrderRow({ partyId: other.partyId, deliveryMonth: "2027-06", lines: [{ locationId: otherDepot, itemCode: "CH-N-SB", quantity: 10 }] });
    const theirs = await raise(theirOrder.ref, otherDepot, "2027-06-17");
    expect((await listConsignments(orderer, "SCHEDULED")).map((c) => c.ref)).toEqual([a.ref, b.ref]);
    expect((await listConsignments(returns, "SCHEDULED")).map((c) => c.ref)).toEqual([a.ref, b.ref]);
    expect((await listConsignments(orderer, "DELIVERED")).map((c) => c.ref)).toEqual([]);
    expect((await listConsignments(other, "SCHEDULED")).map((c) => c.ref)).toEqual([theirs.ref]);
    const all = await listConsignments(admin, "SCHEDULED");
    expect(all.map((c) => c.ref)).toEqual([a.ref, theirs.ref, b.ref]);
    expect(all[0]).toMatchObject({ order: { ref: order.ref, region: "NORTH" }, location: { name: "Depot A" } });
    expect((await refusal(listConsignments(await makeActor(["PARTY_USER"], { partyId: orderer.partyId }), "SCHEDULED"))).code).toBe("FORBIDDEN");
  });

  it("hubsDelivered: CHs that arrived, less short, damaged or other rejected units; over-deliveries keep the owed units; aux never counts", () => {
    const lines = [
      { itemCode: "CH-N-SB", quantity: 100, affectedQuantity: 20 },
      { itemCode: "CH-N-DB", quantity: 50, affectedQuantity: 0 },
      { itemCode: "AUX-AERIAL-T1", quantity: 20, affectedQuantity: 5 },
    ];
    const of = (status: ChConsignmentStatus, ground: "SHORT" | "OVER" | "DAMAGED" | "OTHER" | null) => hubsDelivered({ status, ground, lines });
    expect(of("SCHEDULED", null)).toBe(0);
    expect(of("CANCELLED", null)).toBe(0);
    expect(of("DEEMED_CANCELLED", null)).toBe(0);
    expect(of("DELIVERED", null)).toBe(150);
    expect(of("CONFIRMED_COMPLIANT", null)).toBe(150);
    expect(of("DEEMED_COMPLIANT", null)).toBe(150);
    expect(of("NON_COMPLIANT_SHORT", "SHORT")).toBe(130);
    expect(of("REJECTED", "DAMAGED")).toBe(130);
    expect(of("COLLECTED", "OTHER")).toBe(130);
    expect(of("REJECTED", "OVER")).toBe(150);
    expect(of("COLLECTED", "OVER")).toBe(150);
  });

  it("the chart's delivered figure per month and Region: arrived CHs less short and rejected units, aux excluded, the party's own only", async () => {
    setNow("2027-06-25T09:00:00Z");
    const june = await acceptedOrder();
    const central = await acceptedOrder({ region: "CENTRAL", lines: [{ locationId: depotB, itemCode: "CH-C-SB", quantity: 40 }] });
    const may = await acceptedOrder({ deliveryMonth: "2027-05", lines: [{ locationId: depotA, itemCode: "CH-N-SB", quantity: 60 }] });
    const at = (iso: string) => new Date(iso);
    // Depot A: 100 SB (20 damaged) + 50 DB + 20 aerials (5 damaged) → 130.
    const rejected = await makeConsignmentRow({ orderId: june.id, locationId: depotA, deliveryDate: at("2027-06-15T07:00:00Z"), status: "REJECTED", ground: "DAMAGED", lines: [{ itemCode: "CH-N-SB", quantity: 100, affectedQuantity: 20 }, { itemCode: "CH-N-DB", quantity: 50 }, { itemCode: "AUX-AERIAL-T1", quantity: 20, affectedQuantity: 5 }] });
    // Depot B: 30 SB, 10 short → 20. Its replacement is still scheduled → 0; a cancelled one → 0.
    const short = await makeConsignmentRow({ orderId: june.id, locationId: depotB, deliveryDate: at("2027-06-22T07:00:00Z"), status: "NON_COMPLIANT_SHORT", ground: "SHORT", lines: [{ itemCode: "CH-N-SB", quantity: 30, affectedQuantity: 10 }] });
    await makeConsignmentRow({ orderId: june.id, locationId: depotB, deliveryDate: at("2027-06-29T07:00:00Z"), replacementOfId: short.id, lines: [{ itemCode: "CH-N-SB", quantity: 10 }] });
    await makeConsignmentRow({ orderId: june.id, locationId: depotA, deliveryDate: at("2027-06-28T07:00:00Z"), replacementOfId: rejected.id, status: "CANCELLED", lines: [{ itemCode: "CH-N-SB", quantity: 20 }] });
    // Central: 40 with 15 over → the 40 owed count.
    await makeConsignmentRow({ orderId: central.id, locationId: depotB, deliveryDate: at("2027-06-10T07:00:00Z"), status: "COLLECTED", ground: "OVER", lines: [{ itemCode: "CH-C-SB", quantity: 40, affectedQuantity: 15 }] });
    // May: deemed compliant.
    await makeConsignmentRow({ orderId: may.id, locationId: depotA, deliveryDate: at("2027-05-20T07:00:00Z"), status: "DEEMED_COMPLIANT", lines: [{ itemCode: "CH-N-SB", quantity: 60 }] });
    // Another party's delivery counts only for the DCC.
    const otherDepot = (await makeDeliveryLocation(other.partyId)).id;
    const theirs = await makeOrderRow({ partyId: other.partyId, deliveryMonth: "2027-06", lines: [{ locationId: otherDepot, itemCode: "CH-N-SB", quantity: 500 }] });
    await makeConsignmentRow({ orderId: theirs.id, locationId: otherDepot, deliveryDate: at("2027-06-16T07:00:00Z"), status: "CONFIRMED_COMPLIANT", lines: [{ itemCode: "CH-N-SB", quantity: 500 }] });

    const point = (chart: Awaited<ReturnType<typeof forecastOrderChart>>, region: string, month: string) => chart.regions.find((r) => r.region === region)!.points.find((p) => p.month === month)!;
    const mine = await forecastOrderChart(orderer);
    expect(mine.currentMonth).toBe("2027-06");
    expect(point(mine, "NORTH", "2027-06")).toMatchObject({ ordered: 180, delivered: 150 });
    expect(point(mine, "CENTRAL", "2027-06")).toMatchObject({ ordered: 40, delivered: 40 });
    expect(point(mine, "NORTH", "2027-05")).toMatchObject({ ordered: 60, delivered: 60 });
    expect(point(mine, "SOUTH", "2027-06").delivered).toBe(0);
    expect(point(mine, "NORTH", "2027-07").delivered).toBe(0);
    const dcc = await forecastOrderChart(admin);
    expect(point(dcc, "NORTH", "2027-06")).toMatchObject({ ordered: 680, delivered: 650 });
  });
});
