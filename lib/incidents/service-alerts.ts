// Service Alerts (L7116): the DCC publishes notices of current issues; parties see the active ones and, before
// raising an incident, those that look related (AG 2.1.4). A party that finds its issue already covered asks the
// Service Desk to add it as an Interested Party rather than raising a duplicate.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { parseEui64, parseMpxn } from "@/lib/identifiers";
import { enqueueEmails } from "@/lib/notifications/outbox";
import { optionalText, requiredText } from "@/lib/validation";

const publishSchema = z.object({
  title: requiredText("The title", 150, { missing: "A title is required." }),
  description: requiredText("The description", 4000, { multiline: true, missing: "Describe the issue and its effect on Services." }),
  service: requiredText("The Service", 100, { missing: "Name the affected Service." }),
  deviceId: optionalText("The Device ID", 30).refine((v) => !v || parseEui64(v), "Enter a 16-digit hexadecimal Device ID."),
  mpxn: optionalText("The MPAN or MPRN", 20).refine((v) => !v || parseMpxn(v), "Enter a valid MPAN or MPRN."),
  incidentRef: optionalText("The incident reference", 20),
});

export async function publishServiceAlert(actor: Actor, input: z.input<typeof publishSchema>) {
  authorize(actor, "service-alert.manage");
  const data = publishSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = data.incidentRef ? await tx.incident.findUnique({ where: { ref: data.incidentRef.toUpperCase() } }) : null;
    if (data.incidentRef && !incident) throw new AppError("INVALID", `Incident ${data.incidentRef} does not exist.`, { incidentRef: "No such incident." });
    const at = now();
    const alert = await tx.serviceAlert.create({
      data: {
        title: data.title,
        description: data.description,
        service: data.service,
        deviceId: data.deviceId ? parseEui64(data.deviceId) : null,
        mpxn: data.mpxn ? parseMpxn(data.mpxn)!.mpxn : null,
        incidentId: incident?.id ?? null,
        activeFrom: at,
        createdById: actor.accountId,
        createdAt: at,
      },
    });
    await audit(tx, actor, { action: "service-alert.publish", entityType: "ServiceAlert", entityId: alert.id, partyId: null, after: alert });
    return alert;
  });
}

export async function endServiceAlert(actor: Actor, input: { id: string }) {
  authorize(actor, "service-alert.manage");
  return db().$transaction(async (tx) => {
    const alert = await tx.serviceAlert.findUnique({ where: { id: String(input.id) } });
    if (!alert) throw notFound("That Service Alert");
    if (alert.endedAt) throw new AppError("CONFLICT", "That Service Alert has already ended.");
    // Guarded by the state read: of two admins ending it at the same moment, one ends it and the other is told.
    const [ended] = await tx.serviceAlert.updateManyAndReturn({ where: { id: alert.id, endedAt: null }, data: { endedAt: now() } });
    if (!ended) throw new AppError("CONFLICT", "That Service Alert has already ended.");
    await audit(tx, actor, { action: "service-alert.end", entityType: "ServiceAlert", entityId: alert.id, partyId: null, before: alert, after: ended });
    return ended;
  });
}

const ALERT_SELECT = { id: true, title: true, description: true, service: true, deviceId: true, mpxn: true, activeFrom: true, endedAt: true } satisfies Prisma.ServiceAlertSelect;

/**
 * Active Service Alerts, newest first: every signed-in party may read them (they are notices to all). The linked
 * incident's reference is given only to those who see every party's incidents (D6).
 */
export async function listServiceAlerts(actor: Actor, opts: { includeEnded?: boolean } = {}) {
  authorize(actor, "incident.view");
  const alerts = await db().serviceAlert.findMany({
    where: opts.includeEnded ? {} : { endedAt: null },
    select: { ...ALERT_SELECT, incident: { select: { ref: true } } },
    orderBy: { activeFrom: "desc" },
    take: 100,
  });
  const showRefs = seesAllParties(actor, "incident.view");
  return alerts.map(({ incident, ...alert }) => ({ ...alert, incidentRef: showRefs ? (incident?.ref ?? null) : null }));
}

/** Active Service Alerts about the same device or MPxN, or sharing words with the summary. */
export async function relatedServiceAlerts(actor: Actor, input: { deviceId?: string | null; mpxn?: string | null; words: string[] }) {
  authorize(actor, "incident.view");
  const match: Prisma.ServiceAlertWhereInput[] = [
    ...(input.deviceId ? [{ deviceId: input.deviceId }] : []),
    ...(input.mpxn ? [{ mpxn: input.mpxn }] : []),
    ...input.words.flatMap((w) => [{ title: { contains: w, mode: "insensitive" as const } }, { description: { contains: w, mode: "insensitive" as const } }]),
  ];
  if (!match.length) return [];
  return db().serviceAlert.findMany({ where: { endedAt: null, OR: match }, select: ALERT_SELECT, orderBy: { activeFrom: "desc" }, take: 5 });
}

const interestSchema = z.object({
  subject: requiredText("The Service Alert", 200),
  message: optionalText("The message", 2000, { multiline: true }),
});

/**
 * "Our issue is already covered": the Service Desk is asked (by email through the outbox) to add the party as an
 * Interested Party; the desk records it with addInterestedParty (AG 2.1.4).
 */
export async function requestInterestedParty(actor: Actor, input: z.input<typeof interestSchema>) {
  authorize(actor, "incident.raise");
  const data = interestSchema.parse(input);
  return db().$transaction(async (tx) => {
    const desk = await tx.account.findMany({ where: { disabled: false, permissions: { has: "SERVICE_DESK" }, party: { isDcc: true } }, select: { id: true, email: true } });
    const body = `${actor.name} (${actor.partyName}, ${actor.email}) asks to be added as an Interested Party to the open incident about ${data.subject}.${data.message ? `\n\n${data.message}` : ""}`;
    await enqueueEmails(
      tx,
      desk.map((d) => ({ eventType: "incident.interest-request", to: { address: d.email, accountId: d.id }, partyId: null, subject: `Interested Party request from ${actor.partyName}`, body })),
    );
    await audit(tx, actor, { action: "incident.interest-request", entityType: "Party", entityId: actor.partyId, partyId: actor.partyId, after: { subject: data.subject, message: data.message } });
    return { notified: desk.length };
  });
}

