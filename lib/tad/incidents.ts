// TAD incidents in the Incident Management Log (processing.md §1.7, §1.8, P3, P4): a quarantine raises, or appends to,
// the User's open incident for the threshold it broke, and emails the User's contacts at once (AA 4.4-4.5); Warning
// Threshold breaches are listed in one warning incident per User by an hourly job, with an email (P4).
import type { Incident, TadIncidentKind } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { db, nextNumber, type Tx } from "@/lib/db";
import { plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { SERVICE_DESK_PHONE, dueTimes, type Category } from "@/lib/incidents/categories";
import { logIncidentChange } from "@/lib/incidents/incident-log";
import { incidentRefFor } from "@/lib/incidents/raise-incident";
import { enqueueEmails } from "@/lib/notifications/outbox";

/**
 * A quarantine is Category 2 (High): it may be a compromised User System, the User's commands are held until its SRO
 * decides (within 120 h), and the DCC acts on a QCA File within 24 h, the Category 2 resolution target. A batch of
 * Warning Threshold breaches is Category 4 (Low): processing went on; the User only investigates.
 */
export const TAD_CATEGORY: Record<TadIncidentKind, Category> = { QUARANTINE: 2, WARNING: 4 };

/** While items keep arriving, the contacts hear of an open quarantine incident at most this often (the timeline lists each). */
export const QUARANTINE_EMAIL_EVERY_MINUTES = 15;

/** Items listed in an incident's timeline entry or email; the rest are counted (the quarantine queue lists them all). */
const LISTED = 50;

/** The User's registered contact address and its SROs and AROs (who decide on, and sign for, quarantined items). */
async function tadContacts(tx: Tx, partyId: string) {
  const [party, accounts] = await Promise.all([
    tx.party.findUniqueOrThrow({ where: { id: partyId }, select: { name: true, contactEmail: true } }),
    tx.account.findMany({ where: { partyId, disabled: false, isSystem: false, permissions: { hasSome: ["SRO", "ARO"] } }, select: { id: true, email: true } }),
  ]);
  const to = accounts.map((a) => ({ address: a.email, accountId: a.id as string | null }));
  if (party.contactEmail && !accounts.some((a) => a.email.toLowerCase() === party.contactEmail!.toLowerCase())) to.push({ address: party.contactEmail, accountId: null });
  return { party, to };
}

async function emailContacts(tx: Tx, partyId: string, eventType: string, subject: string, body: string) {
  const { to } = await tadContacts(tx, partyId);
  await enqueueEmails(tx, to.map((recipient) => ({ eventType, to: recipient, partyId, subject, body })));
}

/** An email about a TAD incident to its User's contacts: the DCC raised it, so no raising account is there to tell. */
export async function emailTadIncident(tx: Tx, incidentId: string, eventType: string, subject: string, body: string) {
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { ref: true, summary: true, raisedByPartyId: true } });
  await emailContacts(tx, incident.raisedByPartyId, eventType, `${incident.ref}: ${subject}`, `${body}\n\nIncident ${incident.ref} — ${incident.summary}`);
}

async function raiseTadIncident(tx: Tx, kind: TadIncidentKind, partyId: string, fields: { summary: string; businessImpact: string; occurredAt: Date }, text: string): Promise<Incident> {
  const number = await nextNumber(tx, "Incident");
  const at = now();
  const category = TAD_CATEGORY[kind];
  const incident = await tx.incident.create({
    data: {
      number,
      ref: incidentRefFor(number),
      category,
      tad: kind,
      // The User's incident (it sees it as its own, D6), raised by the DCC: no raising account.
      raisedByPartyId: partyId,
      contactName: "DCC Service Desk (Threshold Anomaly Detection)",
      contactOrganisation: "DCC",
      contactDetails: SERVICE_DESK_PHONE,
      occurredAt: fields.occurredAt,
      summary: fields.summary,
      businessImpact: fields.businessImpact,
      triageResults: "Raised automatically by Threshold Anomaly Detection.",
      createdAt: at,
      ...dueTimes(at, category),
    },
  });
  await logIncidentChange(tx, null, incident, "incident.raise", { kind: "raised", text });
  return incident;
}

export interface HeldItem {
  requestId: string;
  srv: string;
  deviceId: string | null;
  at: Date;
}

const itemLine = (item: HeldItem) => `${item.requestId} (SRV ${item.srv}${item.deviceId ? `, device ${formatEui64(item.deviceId)}` : ""}, ${item.at.toISOString()})`;
const listed = (items: HeldItem[]) => [...items.slice(0, LISTED).map((i) => `- ${itemLine(i)}`), ...(items.length > LISTED ? [`- and ${items.length - LISTED} more`] : [])].join("\n");

/**
 * The User's open quarantine incident for the threshold, or a new one (AA 4.4: one record per User listing what each
 * ADT held), with the items in its timeline; the User's contacts are emailed the ADT and the reference.
 */
export async function quarantineIncident(tx: Tx, input: { partyId: string; thresholdId: string; threshold: string; dcc: boolean; items: HeldItem[] }): Promise<Incident> {
  const { partyId, thresholdId, threshold, items } = input;
  const at = now();
  const open = await tx.incident.findFirst({
    where: { tad: "QUARANTINE", raisedByPartyId: partyId, status: { notIn: ["RESOLVED", "CLOSED"] }, quarantineItems: { some: { thresholdId } } },
    orderBy: { createdAt: "desc" },
  });
  const what = `${plural(items.length, "communication")} quarantined: the ${threshold} was exceeded.`;
  const decide = input.dcc
    ? "The DCC is investigating this DCC threshold breach and will advise whether the items must be deleted, are yours to release or delete, or need no action."
    : "Your SRO releases or deletes each item in the portal (Quarantine) or by a signed QCA File within 120 hours; after that they are archived.";
  let incident = open;
  let email = true;
  if (!incident) {
    incident = await raiseTadIncident(
      tx,
      "QUARANTINE",
      partyId,
      {
        summary: `Quarantine: ${threshold} exceeded`,
        businessImpact: "The quarantined commands are held by the DCC and not sent to any device until released.",
        occurredAt: items[0].at,
      },
      `${what}\n${listed(items)}`,
    );
  } else {
    await logIncidentChange(tx, null, incident, "incident.note", { kind: "note", text: `${what}\n${listed(items)}` });
    const since = new Date(at.getTime() - QUARANTINE_EMAIL_EVERY_MINUTES * 60_000);
    email = !(await tx.incidentEvent.findFirst({ where: { incidentId: incident.id, kind: "tad-email", at: { gt: since } }, select: { id: true } }));
  }
  if (email) {
    const subject = `${incident.ref}: communications quarantined (${threshold})`;
    const body = `${what}\n\n${listed(items)}\n\n${decide}\n\nIncident ${incident.ref}. Until the items are decided, further breaches of this threshold are added to this incident.`;
    await emailContacts(tx, partyId, "tad.quarantine", subject, body);
    await tx.incidentEvent.create({ data: { incidentId: incident.id, at, actorName: "DCC (automatic)", kind: "tad-email", text: `The User's contacts were emailed: ${what}` } });
  }
  return incident;
}

/** Warning breaches listed per incident: a busy hour can hold many thousands; the warning rows keep the link to all. */
const WARNINGS_PER_RUN = 100_000;

/**
 * The hourly warning batch (P4): each User's Warning Threshold breaches not yet reported go into one warning incident
 * listing them, and its contacts are emailed. One transaction per User; rows another run took meanwhile are skipped.
 */
export async function reportTadWarnings(): Promise<{ incidents: number; warnings: number }> {
  const parties = await db().tadWarning.groupBy({ by: ["partyId"], where: { incidentId: null }, _count: true });
  let incidents = 0;
  let warnings = 0;
  for (const { partyId } of parties) {
    await db().$transaction(
      async (tx) => {
        const rows = await tx.tadWarning.findMany({
          where: { partyId, incidentId: null },
          orderBy: { at: "asc" },
          take: WARNINGS_PER_RUN,
          select: { id: true, srv: true, at: true, thresholdId: true, serviceRequest: { select: { requestId: true, deviceId: true } } },
        });
        if (!rows.length) return;
        const srvs = [...new Set(rows.map((r) => r.srv))].sort();
        const items = rows.map((r) => ({ requestId: r.serviceRequest.requestId, srv: r.srv, deviceId: r.serviceRequest.deviceId, at: r.at }));
        const what = `${plural(rows.length, "communication")} went over your ${srvs.length === 1 ? "Warning Threshold" : "Warning Thresholds"} on SRV ${srvs.join(", ")}. They were processed as normal.`;
        const incident = await raiseTadIncident(
          tx,
          "WARNING",
          partyId,
          { summary: `Warning Thresholds exceeded on SRV ${srvs.join(", ")}`, businessImpact: "None: the communications were processed. Investigate whether they were expected.", occurredAt: rows[0].at },
          `${what}\n${listed(items)}`,
        );
        const claimed = await tx.tadWarning.updateMany({ where: { id: { in: rows.map((r) => r.id) }, incidentId: null }, data: { incidentId: incident.id } });
        // Another run reported some of them meanwhile: this incident would list them twice; the next run takes the rest.
        if (claimed.count !== rows.length) throw new WarningsTakenMeanwhile();
        await emailContacts(
          tx,
          partyId,
          "tad.warning",
          `${incident.ref}: Warning Thresholds exceeded`,
          `${what}\n\n${listed(items)}\n\nView incident ${incident.ref} in the portal, investigate, then update it and assign it to the Service Desk.`,
        );
        incidents += 1;
        warnings += rows.length;
      },
      { timeout: 60_000 },
    ).catch((error) => {
      if (!(error instanceof WarningsTakenMeanwhile)) throw error;
    });
  }
  return { incidents, warnings };
}

class WarningsTakenMeanwhile extends Error {}
