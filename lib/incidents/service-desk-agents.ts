// Pickers for the Service Desk's incident forms: the agents an incident can be assigned to, and the Incident Parties
// (every party but the DCC) an incident can be raised for, be pending with, or name as Interested Parties.
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { otherPartyOptions } from "@/lib/parties/read-parties";

/** The pickers name every party and agent: only for those who see every party's incidents (Service Desk, DCC admin). */
function requireAllIncidents(actor: Actor) {
  authorize(actor, "incident.view");
  if (!seesAllParties(actor, "incident.view")) throw forbidden();
}

export interface AgentOption {
  id: string;
  name: string;
  email: string;
}

export interface PartyOption {
  id: string;
  name: string;
}

/** Enabled DCC accounts holding SERVICE_DESK: the people assignIncident accepts. */
export async function listServiceDeskAgents(actor: Actor): Promise<AgentOption[]> {
  requireAllIncidents(actor);
  return db().account.findMany({
    where: { disabled: false, permissions: { has: "SERVICE_DESK" }, party: { isDcc: true } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}

/** Every party except the DCC, by name. */
export async function listIncidentParties(actor: Actor): Promise<PartyOption[]> {
  return otherPartyOptions(actor, "incident.view");
}
