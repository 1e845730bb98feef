// Raising an incident: a party's user through the portal (Categories 2-5), or the Service Desk recording one that was
// phoned in (any category, including Category 1, which the seed says is phoned, AG 2.2.2).
import type { Incident } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db, inTransaction, nextNumber, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64, parseEui64, parseMpxn } from "@/lib/identifiers";
import { formKeyed, oncePerForm, type FormKeyed } from "@/lib/idempotency";
import { SERVICE_DESK_PHONE, dueTimes, type Category } from "./categories";
import { emailIncidentParties, logIncidentChange } from "./incident-log";
import { phonedIncidentSchema, raiseIncidentSchema, type PhonedIncidentInput, type RaiseIncidentInput } from "./schemas";

export function incidentRefFor(number: number) {
  return `INC${String(number).padStart(7, "0")}`;
}

/** MPxN and Device ID are checked against the SMI when given (AG 2.3.1(f)). */
async function checkAgainstSmi(tx: Tx, data: { mpxn?: string; deviceId?: string }) {
  const mpxn = data.mpxn ? parseMpxn(data.mpxn)!.mpxn : null;
  const deviceId = data.deviceId ? parseEui64(data.deviceId) : null;
  if (mpxn && !(await tx.meterPoint.findUnique({ where: { mpxn }, select: { mpxn: true } }))) {
    throw new AppError("INVALID", `${mpxn} is not in the Registration Data.`, { mpxn: "No Metering Point has this MPxN." });
  }
  if (deviceId && !(await tx.device.findUnique({ where: { id: deviceId }, select: { id: true } }))) {
    throw new AppError("INVALID", `Device ${formatEui64(deviceId)} is not in the SMI.`, { deviceId: "This Device ID is not in the SMI." });
  }
  return { mpxn, deviceId };
}

async function createIncident(
  tx: Tx,
  actor: Actor,
  data: ReturnType<typeof raiseIncidentSchema.parse>,
  raisedByPartyId: string,
  channel: "SSI" | "PHONE",
): Promise<Incident> {
  if (data.occurredAt > now()) {
    throw new AppError("INVALID", "The date and time of occurrence cannot be in the future.", { occurredAt: "Give a time that has passed." });
  }
  const { mpxn, deviceId } = await checkAgainstSmi(tx, data);
  const number = await nextNumber(tx, "Incident");
  const loggedAt = now();
  const incident = await tx.incident.create({
    data: {
      number,
      ref: incidentRefFor(number),
      category: data.category,
      channel,
      raisedByPartyId,
      raisedById: channel === "SSI" ? actor.accountId : null,
      contactName: data.contactName,
      contactOrganisation: data.contactOrganisation,
      contactDetails: data.contactDetails,
      ownReference: data.ownReference ?? null,
      occurredAt: data.occurredAt,
      mpxn,
      deviceId,
      summary: data.summary,
      businessImpact: data.businessImpact,
      triageResults: data.triageResults,
      createdAt: loggedAt,
      ...dueTimes(loggedAt, data.category as Category),
    },
  });
  await logIncidentChange(tx, actor, incident, "incident.raise", {
    kind: "raised",
    text: channel === "PHONE" ? `Recorded by the Service Desk from a phone call (Category ${data.category}).` : `Raised in the portal (Category ${data.category}).`,
  });
  await emailIncidentParties(tx, incident.id, "incident.raised", () => "incident logged", `Your incident has been logged in the Incident Management Log.`);
  return incident;
}

export async function raiseIncident(actor: Actor, input: RaiseIncidentInput & FormKeyed, tx?: Tx): Promise<Incident> {
  authorize(actor, "incident.raise");
  const data = raiseIncidentSchema.parse(input);
  const { formKey } = formKeyed.parse(input);
  if (data.category === 1) {
    throw new AppError("INVALID", `A Category 1 (Major) incident is not raised in the portal: phone the Service Desk now on ${SERVICE_DESK_PHONE}.`, {
      category: `Phone the Service Desk on ${SERVICE_DESK_PHONE} for a Category 1 incident.`,
    });
  }
  return inTransaction(tx, (tx) =>
    oncePerForm(tx, actor, { action: "incident.raise", key: formKey }, () => createIncident(tx, actor, data, actor.partyId, "SSI"), (ref) => tx.incident.findUniqueOrThrow({ where: { ref } })),
  );
}

export async function recordPhonedIncident(actor: Actor, input: PhonedIncidentInput & FormKeyed): Promise<Incident> {
  authorize(actor, "incident.manage");
  const data = phonedIncidentSchema.parse(input);
  const { formKey } = formKeyed.parse(input);
  return db().$transaction(async (tx) => {
    const party = await tx.party.findUnique({ where: { id: data.partyId } });
    if (!party || party.isDcc) throw new AppError("INVALID", "Choose the party that phoned.", { partyId: "Choose a party." });
    return oncePerForm(tx, actor, { action: "incident.record-phoned", key: formKey }, () => createIncident(tx, actor, data, party.id, "PHONE"), (ref) => tx.incident.findUniqueOrThrow({ where: { ref } }));
  });
}
