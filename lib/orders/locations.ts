// Delivery Locations (CHHSM 3.4), kept by the party's CH_ORDERING accounts.
import { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { parsePostcode } from "@/lib/identifiers";
import { email, reference, requiredText } from "@/lib/validation";
import { monthOf } from "./calendar";
import { CONSIGNMENT_TRANSITIONS } from "./consignments";

const locationSchema = z.object({
  name: requiredText("A name", 80),
  addressLine: requiredText("The address", 200),
  town: requiredText("The town", 80),
  postcode: requiredText("The postcode", 20)
    .transform((v, ctx) => {
      const postcode = parsePostcode(v);
      if (!postcode) ctx.addIssue({ code: "custom", message: "Enter a full UK postcode, e.g. CV4 8DE." });
      return postcode ?? "";
    }),
  operatingHours: requiredText("Operating hours", 120),
  contactName: requiredText("The contact's name", 120),
  contactEmail: email("Enter the contact's email address."),
  contactPhone: requiredText("The contact's phone number", 40),
});
export type DeliveryLocationInput = z.input<typeof locationSchema>;

const nameTaken = (name: string) => new AppError("CONFLICT", `You already have a Delivery Location called "${name}".`, { name: "Name already used." });

export async function createDeliveryLocation(actor: Actor, input: DeliveryLocationInput) {
  authorize(actor, "ch.order");
  const data = locationSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const location = await tx.deliveryLocation.create({ data: { ...data, partyId: actor.partyId, createdAt: now() } });
      await audit(tx, actor, { action: "delivery-location.create", entityType: "DeliveryLocation", entityId: location.id, partyId: actor.partyId, after: location });
      return location;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(data.name);
    throw error;
  }
}

const locationRef = z.object({ id: reference("Which Delivery Location?") });

/** The actor's own Delivery Location for a change (another party's, or none: 404), read under a row lock. */
async function lockLocation(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "DeliveryLocation" WHERE id = ${id} FOR UPDATE`;
  const location = row ? await tx.deliveryLocation.findUnique({ where: { id: row.id } }) : null;
  return authorizeResource(actor, "ch.order", location, "That Delivery Location");
}

/** One Delivery Location the actor may see (404 for another party's). */
export async function readDeliveryLocation(actor: Actor, id: string) {
  const location = await db().deliveryLocation.findUnique({ where: { id } });
  return authorizeResource(actor, "ch.view", location, "That Delivery Location");
}

/** Changes a Delivery Location: orders and consignments already placed keep pointing at it, with its new details. */
export async function updateDeliveryLocation(actor: Actor, input: DeliveryLocationInput & { id: string }) {
  authorize(actor, "ch.order");
  const { id } = locationRef.parse(input);
  const data = locationSchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const before = await lockLocation(tx, actor, id);
      const location = await tx.deliveryLocation.update({ where: { id }, data });
      await audit(tx, actor, { action: "delivery-location.update", entityType: "DeliveryLocation", entityId: id, partyId: before.partyId, before, after: location });
      return location;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(data.name);
    throw error;
  }
}

/** Orders still to be answered or delivered: submitted, awaiting the DCC's decision, or accepted for a month not yet past. */
const isOpenOrder = (order: { status: string; deliveryMonth: string }, thisMonth: string) =>
  order.status === "SUBMITTED" || order.status === "NON_COMPLIANT" || ((order.status === "ACCEPTED" || order.status === "ACCEPTED_IN_PART") && order.deliveryMonth >= thisMonth);

/**
 * Removes a Delivery Location nothing refers to. One an open order or consignment uses stays (the DCC delivers there);
 * one on past orders stays too, as those orders' record of where they went (rename or edit it instead).
 */
export async function removeDeliveryLocation(actor: Actor, input: z.input<typeof locationRef>) {
  authorize(actor, "ch.order");
  const { id } = locationRef.parse(input);
  return db().$transaction(async (tx) => {
    const location = await lockLocation(tx, actor, id);
    const [lines, consignments] = await Promise.all([
      tx.chOrderLine.findMany({ where: { locationId: id }, select: { order: { select: { ref: true, status: true, deliveryMonth: true } } }, distinct: ["orderId"] }),
      tx.chConsignment.findMany({ where: { locationId: id }, select: { ref: true, status: true } }),
    ]);
    const thisMonth = monthOf(now());
    const openOrders = lines.map((l) => l.order).filter((o) => isOpenOrder(o, thisMonth)).map((o) => o.ref);
    const openConsignments = consignments.filter((c) => CONSIGNMENT_TRANSITIONS[c.status].length > 0).map((c) => c.ref);
    if (openOrders.length || openConsignments.length) {
      const uses = [...openOrders.map((ref) => `order ${ref}`), ...openConsignments.map((ref) => `consignment ${ref}`)];
      throw new AppError("CONFLICT", `"${location.name}" cannot be removed: the open ${uses.join(", ")} ${uses.length === 1 ? "uses" : "use"} it. Remove it once they are delivered or cancelled.`);
    }
    if (lines.length || consignments.length) {
      throw new AppError("CONFLICT", `"${location.name}" cannot be removed: past orders (${lines.map((l) => l.order.ref).join(", ")}) record their deliveries there. Edit its details instead.`);
    }
    await tx.deliveryLocation.delete({ where: { id } });
    await audit(tx, actor, { action: "delivery-location.remove", entityType: "DeliveryLocation", entityId: id, partyId: location.partyId, before: location });
    return location;
  });
}

export async function listDeliveryLocations(actor: Actor) {
  return db().deliveryLocation.findMany({ where: partyScope(actor, "ch.view"), orderBy: { name: "asc" } });
}
