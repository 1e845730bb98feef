// Delivery Locations (CHHSM 3.4), kept by the party's CH_ORDERING accounts.
import { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { parsePostcode } from "@/lib/identifiers";
import { email, requiredText } from "@/lib/validation";

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
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `You already have a Delivery Location called "${data.name}".`, { name: "Name already used." });
    throw error;
  }
}

export async function listDeliveryLocations(actor: Actor) {
  return db().deliveryLocation.findMany({ where: partyScope(actor, "ch.view"), orderBy: { name: "asc" } });
}
