// SEC M8.5: the DCC may suspend a User's right to send Service Requests. While suspended, every request it sends is
// refused E3 by the gateway's role check (lib/duis/checks.ts), over DUIS and from the portal alike.
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { reinstatePartySchema, suspendPartySchema, type SuspendPartyInput } from "./schemas";

async function partyToChange(partyId: string) {
  const party = await db().party.findUnique({ where: { id: partyId }, select: { id: true, name: true, isDcc: true, suspendedAt: true, suspensionReason: true } });
  if (!party) throw notFound("That party");
  return party;
}

/** DCC admin suspends a party's right to send Service Requests, with the reason its refusals quote. */
export async function suspendParty(actor: Actor, input: SuspendPartyInput) {
  authorize(actor, "party.manage");
  const { partyId, reason } = suspendPartySchema.parse(input);
  const party = await partyToChange(partyId);
  // The DCC's own requests (as Access Control Broker) are never subject to a User's suspension.
  if (party.isDcc) throw new AppError("INVALID", "The DCC cannot be suspended.");
  if (party.suspendedAt) throw new AppError("CONFLICT", `${party.name} is already suspended.`);
  return db().$transaction(async (tx) => {
    // Guarded: of two admins suspending at once, one suspends (and writes the audit row), the other is told.
    const [updated] = await tx.party.updateManyAndReturn({
      where: { id: partyId, suspendedAt: null },
      data: { suspendedAt: now(), suspensionReason: reason },
      select: { id: true, suspendedAt: true, suspensionReason: true },
    });
    if (!updated) throw new AppError("CONFLICT", `${party.name} was suspended meanwhile: reload the page.`);
    await audit(tx, actor, { action: "party.suspend", entityType: "Party", entityId: partyId, partyId, before: { suspendedAt: null }, after: updated });
    return updated;
  });
}

/** DCC admin lifts the suspension: the party's next request is checked as any other. */
export async function reinstateParty(actor: Actor, input: { partyId: string }) {
  authorize(actor, "party.manage");
  const { partyId } = reinstatePartySchema.parse(input);
  const party = await partyToChange(partyId);
  if (!party.suspendedAt) throw new AppError("CONFLICT", `${party.name} is not suspended.`);
  return db().$transaction(async (tx) => {
    const [updated] = await tx.party.updateManyAndReturn({
      where: { id: partyId, suspendedAt: party.suspendedAt },
      data: { suspendedAt: null, suspensionReason: null },
      select: { id: true },
    });
    if (!updated) throw new AppError("CONFLICT", `${party.name} was reinstated meanwhile: reload the page.`);
    await audit(tx, actor, {
      action: "party.reinstate",
      entityType: "Party",
      entityId: partyId,
      partyId,
      before: { suspendedAt: party.suspendedAt, suspensionReason: party.suspensionReason },
      after: { suspendedAt: null },
    });
    return updated;
  });
}
