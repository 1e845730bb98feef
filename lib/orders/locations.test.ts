import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { makeDeliveryLocation, makeOrderRow } from "@/lib/testing/order-fixtures";
import { readDeliveryLocation, removeDeliveryLocation, updateDeliveryLocation } from "./locations";

let orderer: Actor;
let other: Actor;

const details = (name: string) => ({
  name,
  addressLine: "Unit 9, Harbour Trading Estate",
  town: "Bristol",
  postcode: "bs1 6qh",
  operatingHours: "Mon-Fri 07:00-15:00",
  contactName: "Aisha Khan",
  contactEmail: "aisha.khan@example.test",
  contactPhone: "0117 496 0000",
});

beforeEach(async () => {
  await resetDatabase();
  setNow("2027-01-12T09:00:00Z");
  orderer = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
  other = await makeActor(["CH_ORDERING"], { roles: ["IS"] });
});
afterEach(() => resetClock());

describe("editing a Delivery Location", () => {
  it("saves the new details (postcode normalised) and audits before and after", async () => {
    const depot = await makeDeliveryLocation(orderer.partyId, { name: "Depot A" });
    const saved = await updateDeliveryLocation(orderer, { id: depot.id, ...details("Bristol depot") });
    expect(saved).toMatchObject({ id: depot.id, name: "Bristol depot", postcode: "BS1 6QH", contactName: "Aisha Khan" });
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "delivery-location.update", entityId: depot.id } });
    expect(row).toMatchObject({ actorId: orderer.accountId, partyId: orderer.partyId, before: expect.objectContaining({ name: "Depot A" }), after: expect.objectContaining({ name: "Bristol depot" }) });
  });

  it("refuses bad input with every error at once, and a name another of the party's locations has", async () => {
    const depot = await makeDeliveryLocation(orderer.partyId, { name: "Depot A" });
    await makeDeliveryLocation(orderer.partyId, { name: "Depot B" });
    const bad = await refusal(updateDeliveryLocation(orderer, { id: depot.id, ...details(""), postcode: "nowhere", contactEmail: "not-an-email" }));
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["contactEmail", "name", "postcode"]);
    const taken = await refusal(updateDeliveryLocation(orderer, { id: depot.id, ...details("Depot B") }));
    expect(taken.fieldErrors).toEqual({ name: "Name already used." });
    expect((await db().deliveryLocation.findUniqueOrThrow({ where: { id: depot.id } })).name).toBe("Depot A");
  });

  it("is 404 for another party's location, to read, edit or remove", async () => {
    const theirs = await makeDeliveryLocation(other.partyId, { name: "Their depot" });
    expect((await refusal(readDeliveryLocation(orderer, theirs.id))).code).toBe("NOT_FOUND");
    expect((await refusal(updateDeliveryLocation(orderer, { id: theirs.id, ...details("Mine now") }))).code).toBe("NOT_FOUND");
    expect((await refusal(removeDeliveryLocation(orderer, { id: theirs.id }))).code).toBe("NOT_FOUND");
    expect(await db().deliveryLocation.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "Their depot" });
    expect(await db().auditEvent.count({ where: { entityId: theirs.id } })).toBe(0);
  });
});

describe("removing a Delivery Location", () => {
  it("removes one no order names, audited", async () => {
    const depot = await makeDeliveryLocation(orderer.partyId, { name: "Spare yard" });
    await removeDeliveryLocation(orderer, { id: depot.id });
    expect(await db().deliveryLocation.findUnique({ where: { id: depot.id } })).toBeNull();
    expect(await db().auditEvent.findFirstOrThrow({ where: { action: "delivery-location.remove", entityId: depot.id } })).toMatchObject({ actorId: orderer.accountId, before: expect.objectContaining({ name: "Spare yard" }) });
  });

  it("refuses while an open order uses it, naming the order; and keeps one past orders record", async () => {
    const open = await makeDeliveryLocation(orderer.partyId, { name: "Depot A" });
    const order = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2027-06", status: "SUBMITTED", lines: [{ locationId: open.id, itemCode: "CH-N-SB", quantity: 10 }] });
    const refused = await refusal(removeDeliveryLocation(orderer, { id: open.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain(`open order ${order.ref} uses it`);

    const past = await makeDeliveryLocation(orderer.partyId, { name: "Old depot" });
    const delivered = await makeOrderRow({ partyId: orderer.partyId, deliveryMonth: "2026-08", lines: [{ locationId: past.id, itemCode: "CH-N-SB", quantity: 10 }] });
    const kept = await refusal(removeDeliveryLocation(orderer, { id: past.id }));
    expect(kept.message).toContain(`past orders (${delivered.ref})`);
    expect(await db().deliveryLocation.count({ where: { id: { in: [open.id, past.id] } } })).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "delivery-location.remove" } })).toBe(0);
  });
});
