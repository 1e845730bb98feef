// Concurrent changes to one CH order (issue 10 §1): exactly one of competing answers or consignments wins; the others
// are refused with nothing written. The calls are fired together: on PostgreSQL they race, on PGlite they run one
// after another and the same outcomes hold.
import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { line, makeDeliveryLocation, makeOrderRow, orderInput } from "@/lib/testing/order-fixtures";
import { raiseConsignment } from "./consignments";
import { decideOrder, submitOrder } from "./orders";

let orderer: Actor;
let admin: Actor;
let admin2: Actor;
let depot: string;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow("2027-06-01T09:00:00Z");
  orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  await makeAccount(orderer.partyId, ["CH_DELIVERY_RETURNS"]);
  admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  admin2 = await makeActor(["DCC_ADMIN"], { partyId: admin.partyId });
  depot = (await makeDeliveryLocation(orderer.partyId, { name: "Depot A" })).id;
});

const order = (status: "SUBMITTED" | "ACCEPTED") => makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", status, lines: [{ locationId: depot, itemCode: "CH-N-SB", quantity: 100 }] });

describe("concurrent changes to one CH order", () => {
  it("two DCC answers (accept and reject) at once: one answer stands, with one event and one email per OMS account", async () => {
    const submitted = await order("SUBMITTED");
    const race = await concurrently<{ status: string }>([
      () => decideOrder(admin, { ref: submitted.ref, status: "ACCEPTED" }),
      () => decideOrder(admin2, { ref: submitted.ref, status: "REJECTED", reason: "No stock this month." }),
    ]);
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    expect((await db().chOrder.findUniqueOrThrow({ where: { id: submitted.id } })).status).toBe(race.succeeded[0].status);
    expect(await db().chOrderEvent.count({ where: { orderId: submitted.id, kind: "decision" } })).toBe(1);
    const emails = await db().outboxEmail.findMany({ where: { eventType: "ch-order.decision" } });
    expect(emails).toHaveLength(2);
    expect(new Set(emails.map((e) => e.subject)).size).toBe(1);
  });

  it("raising a consignment three times at once for one order and location: one consignment, two clear refusals", async () => {
    const accepted = await order("ACCEPTED");
    const race = await concurrently(times(3, () => raiseConsignment(admin, { orderRef: accepted.ref, locationId: depot, deliveryDate: "2027-06-15", deliveryWindow: "08:00-12:00" })));
    expect(race.succeeded).toHaveLength(1);
    const refusal = { code: "CONFLICT", message: expect.stringMatching(/^This location already has its consignment( \(CON\d+\))?: one delivery per location per order\.$/) };
    expect(race.refused).toEqual([expect.objectContaining(refusal), expect.objectContaining(refusal)]);
    expect(await db().chConsignment.count({ where: { orderId: accepted.id } })).toBe(1);
    expect(await db().outboxEmail.count({ where: { eventType: "ch-consignment.scheduled" } })).toBe(2);
  });

  it("a double-submitted order form places one order: every submission of the rendered form gets the first one's", async () => {
    const form = { ...orderInput("NORTH", [line(depot, "CH-N-SB", 100, "2027-11-15")]), formKey: crypto.randomUUID() };
    const race = await concurrently(times(2, () => submitOrder(orderer, form)));
    const [first] = race.succeeded;
    expect(race.succeeded.map((o) => o.ref)).toEqual([first.ref, first.ref]);
    expect((await submitOrder(orderer, form)).ref).toBe(first.ref);
    expect(await db().chOrder.count()).toBe(1);
    expect(await db().outboxEmail.count({ where: { eventType: "ch-order.submitted" } })).toBe(2); // one per OMS account
    // A new rendering of the form is a new order: one order per Region per month refuses it.
    expect(await submitOrder(orderer, { ...form, formKey: crypto.randomUUID() }).catch((e: Error) => e.message)).toMatch(/^You already have an order for the North Region this month/);
  });
});
