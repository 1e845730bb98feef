// Every change to an incident is logged twice in the same transaction: field-level events on the incident's own
// timeline ("category 3 -> 2 by X at T, reason ...") and one row in the audit trail.
import type { Incident } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit-actions";
import { actorLabel, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { enqueueEmails } from "@/lib/notifications/outbox";

export interface FieldChange {
  field: string;
  from: string | null;
  to: string | null;
}


export async function logIncidentChange(
  tx: Tx,
  actor: Actor | null,
  incident: Pick<Incident, "id" | "ref" | "raisedByPartyId">,
  action: AuditAction,
  entry: { kind: string; changes?: FieldChange[]; text?: string | null },
) {
  const at = now();
  const base = { incidentId: incident.id, at, actorId: actor?.accountId ?? null, actorName: actorLabel(actor), kind: entry.kind };
  const rows = entry.changes?.length
    ? entry.changes.map((c, i) => ({ ...base, field: c.field, fromValue: c.from, toValue: c.to, text: i === 0 ? (entry.text ?? null) : null }))
    : [{ ...base, text: entry.text ?? null }];
  await tx.incidentEvent.createMany({ data: rows });
  await audit(tx, actor, {
    action,
    entityType: "Incident",
    entityId: incident.ref,
    partyId: incident.raisedByPartyId,
    before: entry.changes ? Object.fromEntries(entry.changes.map((c) => [c.field, c.from])) : undefined,
    after: entry.changes ? Object.fromEntries(entry.changes.map((c) => [c.field, c.to])) : entry.text ? { text: entry.text } : undefined,
  });
}

/** Email the raiser and the Interested Parties' users about an incident event, through the outbox. */
export async function emailIncidentParties(tx: Tx, incidentId: string, eventType: string, subject: (ref: string) => string, body: string) {
  const incident = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: { raisedBy: { select: { id: true, email: true, disabled: true } }, interestedParties: { select: { partyId: true } } },
  });
  const interested = await tx.account.findMany({
    where: { partyId: { in: incident.interestedParties.map((p) => p.partyId) }, permissions: { has: "PARTY_USER" }, disabled: false },
    select: { id: true, email: true, partyId: true },
  });
  const recipients = new Map<string, { accountId: string; partyId: string }>();
  if (incident.raisedBy && !incident.raisedBy.disabled) recipients.set(incident.raisedBy.email, { accountId: incident.raisedBy.id, partyId: incident.raisedByPartyId });
  for (const account of interested) recipients.set(account.email, { accountId: account.id, partyId: account.partyId });
  await enqueueEmails(
    tx,
    [...recipients].map(([address, r]) => ({
      eventType,
      to: { address, accountId: r.accountId },
      partyId: r.partyId,
      subject: `${incident.ref}: ${subject(incident.ref)}`,
      body: `${body}\n\nIncident ${incident.ref} — ${incident.summary}\nCategory ${incident.category}, status ${incident.status}.`,
    })),
  );
}
