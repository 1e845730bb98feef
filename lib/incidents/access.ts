// Who sees an incident (D6): the raising party and its Interested Parties; the Service Desk (and DCC admins) see all.
// Anyone else gets "not found", never "forbidden".
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import type { Db, Tx } from "@/lib/db";
import { notFound } from "@/lib/errors";

export function visibleIncidents(actor: Actor): Prisma.IncidentWhereInput {
  authorize(actor, "incident.view");
  if (seesAllParties(actor, "incident.view")) return {};
  return { OR: [{ raisedByPartyId: actor.partyId }, { interestedParties: { some: { partyId: actor.partyId } } }] };
}

export async function loadVisibleIncident(tx: Tx | Db, actor: Actor, ref: string) {
  const incident = await tx.incident.findFirst({ where: { ref: ref.trim().toUpperCase(), ...visibleIncidents(actor) } });
  if (!incident) throw notFound(`Incident ${ref}`);
  return incident;
}

/** Service Desk operations: the incident, then the permission (a party user gets 404 for others' incidents, 403 for its own). */
export async function loadIncidentForDesk(tx: Tx | Db, actor: Actor, ref: string) {
  const incident = await loadVisibleIncident(tx, actor, ref);
  authorize(actor, "incident.manage");
  return incident;
}
