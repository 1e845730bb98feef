// The persona homes (issue 14): each shows its own work with exact counts, and a party never another party's records.
import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Party } from "@/generated/prisma/client";
import type { ServiceRequestStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeIncidentRow } from "@/lib/testing/incident-fixtures";
import { makeConsignmentRow, makeDeliveryLocation, makeOrderRow, storeForecast } from "@/lib/testing/order-fixtures";
import { makeDccAdmin, makeReturnRow } from "@/lib/testing/return-fixtures";
import { makeCommsHub } from "@/lib/testing/smi-fixtures";
import { quarantineBatch } from "@/lib/tad/testing";
import { dccAdminHome } from "./dcc-admin";
import { omsHome } from "./oms";
import { HOME_ROWS } from "./panel";
import { partyUserHome } from "./party-user";
import { SRO_HOME_ITEMS, sroHome } from "./sro";

// Tue 1 June 2027, 10:00 BST: June's deadline (the 5th Working Day before Wed 30 June) is Wed 23 June, so forecasts
// and orders submitted now are June's, and orders are delivered in November 2027.
const JUNE_1 = "2027-06-01T09:00:00Z";
const DAY = 86_400_000;
const at = () => new Date(JUNE_1);

let partyA: Party;
let partyB: Party;

beforeEach(async () => {
  await resetDatabase();
  setNow(JUNE_1);
  partyA = await makeParty({ name: "Alpha Energy", roles: ["IS", "GS"] });
  partyB = await makeParty({ name: "Bravo Power", roles: ["IS", "GS"] });
});
afterEach(() => resetClock());

describe("the party user's home", () => {
  let user: Actor;
  beforeEach(async () => {
    user = await makeActor(["PARTY_USER"], { partyId: partyA.id });
  });

  it("counts every open incident of the party exactly, lists the newest few, and none of another party's", async () => {
    for (let i = 0; i < HOME_ROWS + 2; i++) await makeIncidentRow({ raisedByPartyId: partyA.id, status: "IN_PROGRESS", createdAt: new Date(at().getTime() - i * 3_600_000), summary: `Alpha open ${i}` });
    await makeIncidentRow({ raisedByPartyId: partyA.id, status: "CLOSED", summary: "Alpha closed" });
    await makeIncidentRow({ raisedByPartyId: partyA.id, status: "RESOLVED", summary: "Alpha resolved" });
    await makeIncidentRow({ raisedByPartyId: partyB.id, status: "NEW", summary: "Bravo open" });

    const home = await partyUserHome(user);
    expect(home.open.count).toBe(HOME_ROWS + 2);
    expect(home.open.rows.map((r) => r.summary)).toEqual(Array.from({ length: HOME_ROWS }, (_, i) => `Alpha open ${i}`));
    expect(home.awaiting).toEqual({ count: 0, rows: [] });
  });

  it("shows the incidents Pending with the party as awaiting its reply, whoever raised them, but not those pending with another party", async () => {
    const raisedByB = await makeIncidentRow({ raisedByPartyId: partyB.id, status: "PENDING", summary: "Bravo asks Alpha" });
    await db().incident.update({ where: { id: raisedByB.id }, data: { pendingWithPartyId: partyA.id, interestedParties: { create: { partyId: partyA.id, addedAt: at() } } } });
    const own = await makeIncidentRow({ raisedByPartyId: partyA.id, status: "PENDING", summary: "Alpha's own, pending with Alpha" });
    await db().incident.update({ where: { id: own.id }, data: { pendingWithPartyId: partyA.id } });
    const elsewhere = await makeIncidentRow({ raisedByPartyId: partyA.id, status: "PENDING", summary: "Alpha's, pending with Bravo" });
    await db().incident.update({ where: { id: elsewhere.id }, data: { pendingWithPartyId: partyB.id } });
    const hidden = await makeIncidentRow({ raisedByPartyId: partyB.id, status: "PENDING", summary: "Bravo's, pending with Bravo" });
    await db().incident.update({ where: { id: hidden.id }, data: { pendingWithPartyId: partyB.id } });

    const home = await partyUserHome(user);
    expect(home.awaiting.count).toBe(2);
    expect(home.awaiting.rows.map((r) => r.summary).sort()).toEqual(["Alpha's own, pending with Alpha", "Bravo asks Alpha"]);
    // Open: its own three and the one it is an Interested Party of.
    expect(home.open.count).toBe(3);
    expect(home.open.rows.map((r) => r.summary)).not.toContain("Bravo's, pending with Bravo");

    const bravo = await partyUserHome(await makeActor(["PARTY_USER"], { partyId: partyB.id }));
    expect(bravo.awaiting.rows.map((r) => r.summary)).toEqual(["Bravo's, pending with Bravo"]);
  });

  it("lists the party's latest DCC Alerts, newest first, with the exact count, never another party's", async () => {
    for (let i = 0; i < HOME_ROWS + 1; i++) {
      await db().dccAlert.create({ data: { code: "N8", partyId: partyA.id, message: `Alpha alert ${i}`, createdAt: new Date(at().getTime() - i * 60_000) } });
    }
    await db().dccAlert.create({ data: { code: "N1", partyId: partyB.id, message: "Bravo alert", createdAt: at() } });
    const home = await partyUserHome(user);
    expect(home.alerts.count).toBe(HOME_ROWS + 1);
    expect(home.alerts.rows.map((a) => a.message)).toEqual(Array.from({ length: HOME_ROWS }, (_, i) => `Alpha alert ${i}`));
  });

  it("is the party user's: an OMS-only account is refused", async () => {
    await expect(partyUserHome(await makeActor(["CH_ORDERING"], { partyId: partyA.id }))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the OMS home", () => {
  let orderer: Actor;
  let depot: string;
  beforeEach(async () => {
    orderer = await makeActor(["CH_ORDERING"], { partyId: partyA.id });
    depot = (await makeDeliveryLocation(partyA.id)).id;
  });

  it("gives the month's forecast and order deadlines, and what the party has done of them", async () => {
    let home = await omsHome(orderer);
    const deadlines = home.deadlines!;
    expect(deadlines.window.submissionMonth).toBe("2027-06");
    expect(deadlines.window.deadline.toISOString()).toBe("2027-06-23T22:59:59.999Z");
    expect(deadlines.window.deliveryMonth).toBe("2027-11");
    expect(deadlines.forecast).toBeNull();
    expect(deadlines.orders).toEqual([]);

    // May's forecast does not count for June; June's does. Another party's order this month is not this party's.
    await storeForecast({ partyId: partyA.id, submissionMonth: "2027-05", submittedAt: new Date("2027-05-10T09:00:00Z") });
    const june = await storeForecast({ partyId: partyA.id, submissionMonth: "2027-06" });
    await makeOrderRow({ partyId: partyA.id, region: "NORTH", deliveryMonth: "2027-11", submissionMonth: "2027-06", status: "SUBMITTED", lines: [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }] });
    await makeOrderRow({ partyId: partyA.id, region: "SOUTH", deliveryMonth: "2027-11", submissionMonth: "2027-06", status: "CANCELLED", lines: [{ locationId: depot, itemCode: "CH-S-SB", quantity: 100 }] });
    const bravoDepot = (await makeDeliveryLocation(partyB.id)).id;
    await makeOrderRow({ partyId: partyB.id, region: "CENTRAL", deliveryMonth: "2027-11", submissionMonth: "2027-06", status: "SUBMITTED", lines: [{ locationId: bravoDepot, itemCode: "CH-C-SB", quantity: 100 }] });

    home = await omsHome(orderer);
    expect(home.deadlines!.forecast?.ref).toBe(june.ref);
    expect(home.deadlines!.orders.map((o) => [o.region, o.status])).toEqual([["NORTH", "SUBMITTED"]]);
  });

  it("after the deadline, forecasts count for next month and this month's orders are late", async () => {
    setNow("2027-06-24T09:00:00Z");
    const { window } = (await omsHome(orderer)).deadlines!;
    expect(window.late).toBe(true);
    expect(window.submissionMonth).toBe("2027-07");
    expect(window.orderMonth).toBe("2027-06");
  });

  it("lists the deliveries to confirm, soonest due first, and the outstanding returns by due date, counted exactly", async () => {
    const order = await makeOrderRow({ partyId: partyA.id, deliveryMonth: "2027-05", lines: [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }] });
    const depot2 = (await makeDeliveryLocation(partyA.id)).id;
    const order2 = await makeOrderRow({ partyId: partyA.id, region: "CENTRAL", deliveryMonth: "2027-05", lines: [{ locationId: depot2, itemCode: "CH-C-SB", quantity: 100 }] });
    const later = await makeConsignmentRow({ orderId: order.id, locationId: depot, deliveryDate: new Date("2027-05-28T08:00:00Z"), status: "DELIVERED", confirmDueAt: new Date("2027-06-07T22:59:59Z"), lines: [{ itemCode: "CH-N-SB", quantity: 100 }] });
    const sooner = await makeConsignmentRow({ orderId: order2.id, locationId: depot2, deliveryDate: new Date("2027-05-27T08:00:00Z"), status: "DELIVERED", confirmDueAt: new Date("2027-06-04T22:59:59Z"), lines: [{ itemCode: "CH-C-SB", quantity: 100 }] });
    const bravoDepot = (await makeDeliveryLocation(partyB.id)).id;
    const bravoOrder = await makeOrderRow({ partyId: partyB.id, deliveryMonth: "2027-05", lines: [{ locationId: bravoDepot, itemCode: "CH-N-SB", quantity: 100 }] });
    await makeConsignmentRow({ orderId: bravoOrder.id, locationId: bravoDepot, deliveryDate: new Date("2027-05-27T08:00:00Z"), status: "DELIVERED", confirmDueAt: new Date("2027-06-03T22:59:59Z"), lines: [{ itemCode: "CH-N-SB", quantity: 100 }] });

    const hub = async () => (await makeCommsHub({ status: "PENDING", cspRegion: "CENTRAL" })).chf.id;
    const undated = await makeReturnRow(partyA.id, await hub(), { returnDueAt: null });
    const far = await makeReturnRow(partyA.id, await hub(), { returnDueAt: new Date(at().getTime() + 60 * DAY) });
    const near = await makeReturnRow(partyA.id, await hub(), { status: "RMA_REQUESTED", returnDueAt: new Date(at().getTime() + 5 * DAY) });
    await makeReturnRow(partyA.id, await hub(), { status: "RECEIVED", returnDueAt: new Date(at().getTime() + 2 * DAY) });
    await makeReturnRow(partyB.id, await hub(), { returnDueAt: new Date(at().getTime() + 1 * DAY) });

    const returnsUser = await makeActor(["CH_DELIVERY_RETURNS"], { partyId: partyA.id });
    const home = await omsHome(returnsUser);
    // Only those who order see the forecast and order windows.
    expect(home.deadlines).toBeNull();
    expect(home.deliveries.count).toBe(2);
    expect(home.deliveries.rows.map((c) => c.ref)).toEqual([sooner.ref, later.ref]);
    expect(home.returns.count).toBe(3);
    expect(home.returns.rows.map((r) => r.ref)).toEqual([near.ref, far.ref, undated.ref]);
  });
});

function serviceRequestRow(partyId: string, status: ServiceRequestStatus, receivedAt: Date) {
  const eui = crypto.randomBytes(8).toString("hex").toUpperCase();
  return db().serviceRequest.create({
    data: {
      requestId: `${eui}:${eui}:${crypto.randomInt(1, 2 ** 31)}`,
      originatorEui: eui,
      targetEui: eui,
      partyId,
      srv: "4.1.1",
      commandVariant: 1,
      kind: "NON_CRITICAL",
      status,
      checks: [],
      requestXml: "",
      receivedAt,
    },
  });
}

describe("the DCC admin's home", () => {
  let admin: Actor;
  let depot: string;
  beforeEach(async () => {
    admin = await makeDccAdmin();
    depot = (await makeDeliveryLocation(partyA.id)).id;
  });

  it("queues the orders to answer, soonest owed first, and counts them all", async () => {
    const line = [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }];
    const submitted = await makeOrderRow({ partyId: partyA.id, deliveryMonth: "2027-11", submissionMonth: "2027-06", status: "SUBMITTED", submittedAt: new Date("2027-05-31T09:00:00Z"), lines: line });
    await db().chOrder.update({ where: { id: submitted.id }, data: { answerDueAt: new Date("2027-06-07T22:59:59Z") } });
    // Not compliant: the DCC decides by the end of its month of receipt, 31 May.
    const nonCompliant = await makeOrderRow({ partyId: partyB.id, deliveryMonth: "2027-10", submissionMonth: "2027-05", status: "NON_COMPLIANT", submittedAt: new Date("2027-05-20T09:00:00Z"), lines: line });
    await makeOrderRow({ partyId: partyA.id, deliveryMonth: "2027-10", status: "ACCEPTED", lines: line });

    const home = await dccAdminHome(admin);
    expect(home.orders.count).toBe(2);
    expect(home.orders.rows.map((o) => [o.ref, o.owed.due.toISOString()])).toEqual([
      [nonCompliant.ref, "2027-05-31T22:59:59.999Z"],
      [submitted.ref, "2027-06-07T22:59:59.000Z"],
    ]);
  });

  it("queues accepted orders with a location still to schedule, not those done, past, or deemed and awaiting details", async () => {
    const depot2 = (await makeDeliveryLocation(partyA.id)).id;
    const twoLocations = await makeOrderRow({
      partyId: partyA.id,
      deliveryMonth: "2027-07",
      lines: [
        { locationId: depot, itemCode: "CH-N-SB", quantity: 100 },
        { locationId: depot, itemCode: "CH-N-DB", quantity: 50 },
        { locationId: depot2, itemCode: "CH-N-SB", quantity: 30 },
      ],
    });
    const half = await makeOrderRow({ partyId: partyA.id, region: "CENTRAL", deliveryMonth: "2027-06", status: "ACCEPTED_IN_PART", lines: [{ locationId: depot, itemCode: "CH-C-SB", quantity: 100 }, { locationId: depot2, itemCode: "CH-C-SB", quantity: 100 }] });
    await makeConsignmentRow({ orderId: half.id, locationId: depot, deliveryDate: new Date("2027-06-15T07:00:00Z"), lines: [{ itemCode: "CH-C-SB", quantity: 100 }] });
    // Scheduled, then cancelled by the party: the location keeps its consignment (nothing to schedule).
    const cancelled = await makeOrderRow({ partyId: partyA.id, region: "SOUTH", deliveryMonth: "2027-06", lines: [{ locationId: depot, itemCode: "CH-S-SB", quantity: 100 }] });
    await makeConsignmentRow({ orderId: cancelled.id, locationId: depot, deliveryDate: new Date("2027-06-16T07:00:00Z"), status: "CANCELLED", lines: [{ itemCode: "CH-S-SB", quantity: 100 }] });
    await makeOrderRow({ partyId: partyA.id, deliveryMonth: "2027-05", lines: [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }] });
    await makeOrderRow({ partyId: partyA.id, deliveryMonth: "2027-08", status: "SUBMITTED", lines: [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }] });
    const deemed = await makeOrderRow({ partyId: partyB.id, deliveryMonth: "2027-09", deemed: true, lines: [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }] });

    let home = await dccAdminHome(admin);
    expect(home.consignments.count).toBe(2);
    expect(home.consignments.rows.map((o) => [o.ref, o.deliveryMonth, o.locations, o.partyName])).toEqual([
      [half.ref, "2027-06", 1, "Alpha Energy"],
      [twoLocations.ref, "2027-07", 2, "Alpha Energy"],
    ]);

    await db().chOrder.update({ where: { id: deemed.id }, data: { detailsConfirmedAt: at() } });
    home = await dccAdminHome(admin);
    expect(home.consignments.count).toBe(3);
  });

  it("queues the RMAs requested, oldest first, and shows the latest Registration Data imports", async () => {
    const rma = (ref: string, status: "REQUESTED" | "AUTHORISED", requestedAt: Date) =>
      db().chRma.create({
        data: { number: Number(ref.slice(3)), ref, partyId: partyA.id, returnsLocation: "RL-C1", contactName: "A", contactEmail: "a@example.test", contactPhone: "0", preferredReturnDate: new Date(requestedAt.getTime() + 7 * DAY), status, requestedAt },
      });
    await rma("RMA0000002", "REQUESTED", new Date("2027-05-31T09:00:00Z"));
    await rma("RMA0000001", "REQUESTED", new Date("2027-05-28T09:00:00Z"));
    await rma("RMA0000003", "AUTHORISED", new Date("2027-05-20T09:00:00Z"));
    for (let i = 0; i < 4; i++) {
      await db().registrationImport.create({ data: { fileName: `reg-${i}.csv`, fileType: "UPDATE", status: "APPLIED", lineCount: 10, appliedCount: 10, importedById: admin.accountId, createdAt: new Date(at().getTime() - i * DAY) } });
    }

    const home = await dccAdminHome(admin);
    expect(home.rmas.count).toBe(2);
    expect(home.rmas.rows.map((r) => r.ref)).toEqual(["RMA0000001", "RMA0000002"]);
    expect(home.imports.count).toBe(4);
    expect(home.imports.rows.map((i) => i.fileName)).toEqual(["reg-0.csv", "reg-1.csv", "reg-2.csv"]);
  });

  it("counts the last 24 hours of service requests by status, and the commands held in quarantine", async () => {
    const hoursAgo = (h: number) => new Date(at().getTime() - h * 3_600_000);
    await serviceRequestRow(partyA.id, "RESPONDED", hoursAgo(1));
    await serviceRequestRow(partyB.id, "RESPONDED", hoursAgo(23));
    await serviceRequestRow(partyA.id, "REJECTED", hoursAgo(2));
    await serviceRequestRow(partyA.id, "FAILED", hoursAgo(25));

    await quarantineBatch(partyA, { count: 2 });
    await quarantineBatch(partyB, { count: 3, breach: "DCC" });
    await quarantineBatch(partyB, { count: 1, breach: "PACKET", dccAdvice: "USER_DECIDES", quarantinedAt: new Date(at().getTime() - 100 * 3_600_000) });
    const decided = await quarantineBatch(partyA, { count: 1 });
    await db().quarantineItem.update({ where: { id: decided.items[0].id }, data: { status: "RELEASED" } });

    const home = await dccAdminHome(admin);
    const byStatus = Object.fromEntries(home.serviceRequests.byStatus.map((s) => [s.status, s.count]));
    // The quarantine batches' requests count too: the 6 received in the last 24 hours (a released item's request is
    // still QUARANTINED until its Command goes out), not the one held 100 hours ago.
    expect(byStatus).toMatchObject({ RESPONDED: 2, REJECTED: 1, FAILED: 0, QUARANTINED: 6 });
    expect(home.serviceRequests.total).toBe(9);
    expect(home.quarantine).toEqual({ open: 6, awaitingAdvice: 3, expiringSoon: 1 });
  });

  it("is the DCC admin's: the Service Desk is refused", async () => {
    const desk = await makeActor(["SERVICE_DESK"], { isDcc: true, partyId: admin.partyId });
    await expect(dccAdminHome(desk)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the SRO's home", () => {
  it("lists its party's held commands, soonest to expire first, with the exact count, and none of another party's", async () => {
    const sro = await makeActor(["SRO"], { partyId: partyA.id });
    const older = await quarantineBatch(partyA, { count: 2, quarantinedAt: new Date(at().getTime() - 50 * 3_600_000) });
    const newer = await quarantineBatch(partyA, { count: SRO_HOME_ITEMS });
    await quarantineBatch(partyB, { count: 2 });

    const home = await sroHome(sro);
    expect(home.quarantine.count).toBe(SRO_HOME_ITEMS + 2);
    expect(home.quarantine.rows).toHaveLength(SRO_HOME_ITEMS);
    expect(home.quarantine.rows.slice(0, 2).map((i) => i.id).sort()).toEqual(older.items.map((i) => i.id).sort());
    const ownIds = new Set([...older.items, ...newer.items].map((i) => i.id));
    expect(home.quarantine.rows.every((i) => ownIds.has(i.id) && i.partyName === "Alpha Energy")).toBe(true);
    expect(home.quarantine.rows[0].downloadUntil.toISOString()).toBe(new Date(at().getTime() + 70 * 3_600_000).toISOString());
    expect(home.adt.count).toBe(0);
  });
});
