// A TAD quarantine incident and its items move together: every path that changes items (decisions, DCC advice, the
// archive job, QCA files) locks the incidents first, in id order, so the "is anything left?" count below sees every
// committed change and two transactions finishing the last items of one incident cannot both miss closing it.
import { Prisma } from "@/generated/prisma/client";
import type { AuditAction } from "@/lib/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { logIncidentChange } from "@/lib/incidents/incident-log";
import { emailTadIncident } from "./incidents";
import { guardedUpdate } from "@/lib/state/transition";

/** Row locks on the incidents, in id order (no deadlock between two transactions locking overlapping sets). */
export async function lockIncidents(tx: Tx, incidentIds: Iterable<string>) {
  const ids = [...new Set(incidentIds)].sort();
  if (!ids.length) return;
  await tx.$queryRaw`SELECT id FROM "Incident" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
}

/** A note on each incident's timeline (and its audit row), e.g. what a decision did to its items. */
export async function noteIncidents(tx: Tx, actor: Actor | null, action: AuditAction, notes: Map<string, string>) {
  const incidents = await tx.incident.findMany({ where: { id: { in: [...notes.keys()] } }, select: { id: true, ref: true, raisedByPartyId: true } });
  for (const incident of incidents) await logIncidentChange(tx, actor, incident, action, { kind: "quarantine", text: notes.get(incident.id) });
}

/** RequestIDs for a note: the first few, then how many more. */
export function listRequestIds(requestIds: string[], shown = 10): string {
  const head = requestIds.slice(0, shown).join(", ");
  return requestIds.length > shown ? `${head} and ${requestIds.length - shown} more` : head;
}

/**
 * Closes, as the DCC, each of the (locked) incidents with no item left in quarantine (AA 4.9, 4.16): the User is told
 * by email. Returns the refs closed.
 */
export async function closeSettledIncidents(tx: Tx, incidentIds: Iterable<string>): Promise<string[]> {
  const ids = [...new Set(incidentIds)];
  if (!ids.length) return [];
  const open = await tx.incident.findMany({ where: { id: { in: ids }, tad: "QUARANTINE", status: { not: "CLOSED" } } });
  const waiting = new Set(
    (await tx.quarantineItem.groupBy({ by: ["incidentId"], where: { incidentId: { in: open.map((i) => i.id) }, status: "QUARANTINED" } })).map((g) => g.incidentId),
  );
  const closed: string[] = [];
  const at = now();
  for (const incident of open.filter((i) => !waiting.has(i.id))) {
    const reason = "Every quarantined communication of this incident has been released, deleted or archived.";
    await guardedUpdate(tx, "incident", incident.ref, incident, { status: "CLOSED", closedAt: at, closureReason: reason, pendingWithPartyId: null });
    await logIncidentChange(tx, null, incident, "incident.auto-close", { kind: "auto-close", changes: [{ field: "status", from: incident.status, to: "CLOSED" }], text: reason });
    await emailTadIncident(tx, incident.id, "incident.closed", "closed", `The DCC closed your Threshold Anomaly Detection incident. ${reason}`);
    closed.push(incident.ref);
  }
  return closed;
}
