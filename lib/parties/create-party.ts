import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { createPartySchema, type CreatePartyInput } from "./schemas";

/** DCC admin registers a party (an organisation with one or more User Roles). */
export async function createParty(actor: Actor, input: CreatePartyInput) {
  authorize(actor, "party.manage");
  const data = createPartySchema.parse(input);
  try {
    return await db().$transaction(async (tx) => {
      const party = await tx.party.create({
        data: { name: data.name, eui64: data.eui64, roles: data.roles, contactEmail: data.contactEmail || null },
      });
      await audit(tx, actor, { action: "party.create", entityType: "Party", entityId: party.id, partyId: party.id, after: party });
      return party;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", "A party with this name or Party ID already exists.", {
        eui64: "Party ID or name already registered.",
      });
    }
    throw error;
  }
}
