// QCA Files (processing.md §1.11, P6, P7): the User downloads its incident's quarantined communications as CSV, marks
// each row Release or Delete, signs it with its File Signing key (as the ADT File) and uploads it. The file is checked
// whole, against the time it was received (P2): signature and certificate, header, every row's action and item, and
// every item still awaiting a decision has exactly one row. Any failure refuses the whole file with every reason
// (stored, noted on the incident, which goes back to the User) and changes no item; a valid file goes row by row
// through the same operation as the portal's buttons (decideQuarantined).
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Prisma, UserRole } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { csvHeader, csvRows, type CsvColumn } from "@/lib/csv";
import { db, type Tx } from "@/lib/db";
import { srvEntry } from "@/lib/duis/catalogue";
import { prepareDuisQueues } from "@/lib/duis/duis-jobs";
import { notFound } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { logIncidentChange } from "@/lib/incidents/incident-log";
import { emailTadIncident } from "./incidents";
import { ChangedMeanwhile, guardedUpdate } from "@/lib/state/transition";
import { MAX_UPLOAD_BYTES, reference, requiredText, uploadTooLarge } from "@/lib/validation";
import { decidableOfIncident, decideQuarantined, decisionRefusal, type DecidableItem, type QuarantineAction } from "./decide";
import { lockIncidents } from "./incident-closure";
import { verifyFileSignature } from "./file-signature";

export const QCA_HEADER = ["IncidentRef", "CommunicationId", "UserId", "UserRole", "SRV", "DeviceId", "ReceivedAt", "QuarantinedAt", "AdtBreached", "Action"] as const;
const ACTIONS: Record<string, QuarantineAction> = { Release: "RELEASE", Delete: "DELETE" };
/** Reasons kept and shown for a refused file; the rest are counted. */
const MAX_REASONS = 200;

export interface QcaRow {
  incidentRef: string;
  requestId: string;
  userId: string;
  userRole: UserRole | null;
  srv: string;
  deviceId: string | null;
  receivedAt: Date;
  quarantinedAt: Date;
  adtBreached: string;
}

export const QCA_COLUMNS: CsvColumn<QcaRow>[] = [
  { header: "IncidentRef", value: (r) => r.incidentRef },
  { header: "CommunicationId", value: (r) => r.requestId },
  { header: "UserId", value: (r) => r.userId },
  { header: "UserRole", value: (r) => r.userRole },
  { header: "SRV", value: (r) => r.srv },
  { header: "DeviceId", value: (r) => r.deviceId },
  { header: "ReceivedAt", value: (r) => r.receivedAt.toISOString() },
  { header: "QuarantinedAt", value: (r) => r.quarantinedAt.toISOString() },
  { header: "AdtBreached", value: (r) => r.adtBreached },
  // The User fills it in: Release or Delete.
  { header: "Action", value: () => "" },
];

/** The items of an incident the User still has to decide at `at`: in quarantine, within 120 hours, not "no action". */
export const awaitingDecision = (incidentId: string, at: Date): Prisma.QuarantineItemWhereInput => ({
  incidentId,
  status: "QUARANTINED",
  downloadUntil: { gt: at },
  OR: [{ dccAdvice: null }, { dccAdvice: { not: "NO_ACTION" } }],
});
/** awaitingDecision for an item already read. */
const isAwaiting = (item: DecidableItem, at: Date) => item.status === "QUARANTINED" && item.downloadUntil > at && item.dccAdvice !== "NO_ACTION";

/** The actor's party's TAD quarantine incident, or 404 (another party's reads as missing). */
async function ownIncident(tx: Tx | ReturnType<typeof db>, actor: Actor, incidentId: string) {
  const incident = await tx.incident.findUnique({ where: { id: incidentId } });
  if (!incident || incident.tad !== "QUARANTINE" || incident.raisedByPartyId !== actor.partyId) throw notFound("That incident");
  return incident;
}

/** The QCA File of an incident (ARO or SRO): the rows still awaiting a decision, Action empty. */
export async function qcaFile(actor: Actor, input: { incidentId: string }): Promise<{ fileName: string; csv: string; rows: number }> {
  authorize(actor, "tad.qca.upload");
  const incident = await ownIncident(db(), actor, input.incidentId);
  const items = await db().quarantineItem.findMany({
    where: awaitingDecision(incident.id, now()),
    orderBy: [{ quarantinedAt: "asc" }, { id: "asc" }],
    include: { serviceRequest: { select: { requestId: true, receivedAt: true } }, party: { select: { eui64: true, roles: true } } },
  });
  const roles = await thresholdRoles(items.map((i) => i.thresholdId));
  const rows: QcaRow[] = items.map((i) => ({
    incidentRef: incident.ref,
    requestId: i.serviceRequest.requestId,
    userId: formatEui64(i.party.eui64),
    // The role of the threshold broken; for a DCC-wide one, the party's role the SRV is open to.
    userRole: (i.thresholdId && roles.get(i.thresholdId)) || (srvEntry(i.srv)?.roles.find((r) => i.party.roles.includes(r)) ?? null),
    srv: i.srv,
    deviceId: i.deviceId && formatEui64(i.deviceId),
    receivedAt: i.serviceRequest.receivedAt,
    quarantinedAt: i.quarantinedAt,
    adtBreached: i.thresholdId ? `${i.breach} ${i.thresholdId}` : i.breach,
  }));
  return { fileName: `qca-${incident.ref}.csv`, csv: csvHeader(QCA_COLUMNS) + csvRows(rows, QCA_COLUMNS), rows: rows.length };
}

async function thresholdRoles(ids: (string | null)[]): Promise<Map<string, UserRole | null>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const thresholds = await db().threshold.findMany({ where: { id: { in: wanted } }, select: { id: true, set: { select: { userRole: true } } } });
  return new Map(thresholds.map((t) => [t.id, t.set.userRole]));
}

const uploadSchema = z.object({
  incidentId: reference("Which incident?"),
  fileName: requiredText("The file name", 200),
  csv: z.string("Choose the QCA File.").min(1, "The QCA File is empty.").max(MAX_UPLOAD_BYTES, uploadTooLarge()),
  signature: z.union([z.string(), z.instanceof(Buffer)], "Choose the signature file.").refine((s) => s.length > 0, "Choose the signature file."),
});

/** An accepted file's result is itemised: each communication and what was done to it. */
export type QcaResult =
  | { uploadId: string; accepted: true; released: number; deleted: number; decided: { requestId: string; action: QuarantineAction }[] }
  | { uploadId: string; accepted: false; reasons: string[] };

/** Every reason the file is refused (none: `decisions` is what it asks for, one per item awaiting a decision). */
function checkRows(csv: string, incidentRef: string, items: DecidableItem[], awaiting: Set<string>, receivedAt: Date) {
  const reasons: string[] = [];
  const decisions: { item: DecidableItem; action: QuarantineAction }[] = [];
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    return { reasons: [`The file is not valid CSV: ${(error as Error).message}`], decisions };
  }
  const [header = [], ...rows] = records;
  if (header.join(",") !== QCA_HEADER.join(",")) {
    return { reasons: [`The header must be exactly ${QCA_HEADER.join(",")} (it is ${header.join(",") || "missing"}).`], decisions };
  }
  const byRequestId = new Map(items.map((i) => [i.requestId, i]));
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const line = `Line ${index + 2}`;
    if (row.length !== QCA_HEADER.length) return reasons.push(`${line}: ${row.length} columns; a QCA row has ${QCA_HEADER.length}.`);
    const [ref, requestId] = row;
    const actionText = row[QCA_HEADER.length - 1];
    if (ref !== incidentRef) reasons.push(`${line}: IncidentRef ${ref || "(empty)"} is not ${incidentRef}: a QCA File is for one incident.`);
    const action = ACTIONS[actionText];
    if (!action) reasons.push(`${line}: Action "${actionText}" is not allowed: write exactly Release or Delete.`);
    const item = byRequestId.get(requestId);
    if (!item) return reasons.push(`${line}: ${requestId || "(no CommunicationId)"} is not a quarantined communication of ${incidentRef}.`);
    if (seen.has(requestId)) return reasons.push(`${line}: ${requestId} has a second row; give each communication one action.`);
    seen.add(requestId);
    if (!action) return;
    const refusal = decisionRefusal(item, action, "QCA", receivedAt);
    if (refusal) reasons.push(`${line}: ${refusal}`);
    else decisions.push({ item, action });
  });
  for (const item of items) if (awaiting.has(item.id) && !seen.has(item.requestId)) reasons.push(`${item.requestId} has no row: every quarantined communication of ${incidentRef} needs Release or Delete.`);
  return { reasons, decisions };
}

/** A QCA File upload (ARO or SRO of the party; the File Signing signature is what authorises it). */
export async function uploadQca(actor: Actor, input: z.input<typeof uploadSchema>): Promise<QcaResult> {
  authorize(actor, "tad.qca.upload");
  const data = uploadSchema.parse(input);
  const receivedAt = now();
  await prepareDuisQueues();
  return db().$transaction(async (tx) => {
    await ownIncident(tx, actor, data.incidentId);
    // Decisions, advice and the archive job lock the incident too: what is checked below is what is applied.
    await lockIncidents(tx, [data.incidentId]);
    const incident = await ownIncident(tx, actor, data.incidentId);
    const items = await decidableOfIncident(tx, incident.id);
    const awaiting = new Set(items.filter((i) => isAwaiting(i, receivedAt)).map((i) => i.id));
    const signature = await verifyFileSignature(tx, actor.partyId, data.csv, data.signature, receivedAt);
    const checked = checkRows(data.csv, incident.ref, items, awaiting, receivedAt);
    const reasons = [...(signature.ok ? [] : [signature.reason]), ...checked.reasons];
    const kept = reasons.length > MAX_REASONS ? [...reasons.slice(0, MAX_REASONS), `and ${reasons.length - MAX_REASONS} more reasons`] : reasons;
    const upload = await tx.qcaUpload.create({
      data: {
        partyId: actor.partyId,
        incidentId: incident.id,
        fileName: data.fileName,
        fileCsv: data.csv,
        signature: Buffer.isBuffer(data.signature) ? data.signature.toString("base64") : data.signature,
        receivedAt,
        accepted: !kept.length,
        reasons: kept.length ? kept : undefined,
        uploadedById: actor.accountId,
      },
    });
    await audit(tx, actor, { action: "tad.qca.upload", entityType: "QcaUpload", entityId: upload.id, partyId: actor.partyId, after: { incident: incident.ref, fileName: data.fileName, accepted: !kept.length, reasons: kept.length ? kept : undefined } });
    if (kept.length) {
      await refuse(tx, actor, incident, data.fileName, kept);
      return { uploadId: upload.id, accepted: false, reasons: kept };
    }
    await logIncidentChange(tx, actor, incident, "tad.qca.upload", {
      kind: "quarantine",
      text: `QCA File ${data.fileName} accepted (signed with File Signing certificate ${signature.ok ? signature.certificateSerial : ""}): ${checked.decisions.length} row(s) applied.`,
    });
    const { decided, lost } = await decideQuarantined(tx, actor, checked.decisions, { receivedAt, via: "QCA" });
    // Every path to these items holds the incident's lock, so nothing can have moved since the check.
    if (lost.length) throw new ChangedMeanwhile(incident.ref);
    return {
      uploadId: upload.id,
      accepted: true,
      released: decided.filter((d) => d.action === "RELEASE").length,
      deleted: decided.filter((d) => d.action === "DELETE").length,
      decided: decided.map((d) => ({ requestId: d.item.requestId, action: d.action })),
    };
  });
}

/** A refused file (AA 4.10): the incident is noted with every reason and handed back to the User (Pending with it). */
async function refuse(tx: Tx, actor: Actor, incident: Awaited<ReturnType<typeof ownIncident>>, fileName: string, reasons: string[]) {
  const text = `QCA File ${fileName} refused; nothing was released or deleted. Correct it and upload it again:\n- ${reasons.join("\n- ")}`;
  const handBack = incident.status !== "CLOSED" && incident.status !== "RESOLVED" && incident.pendingWithPartyId !== incident.raisedByPartyId;
  if (handBack) await guardedUpdate(tx, "incident", incident.ref, incident, { status: "PENDING", pendingWithPartyId: incident.raisedByPartyId });
  await logIncidentChange(tx, actor, incident, "tad.qca.upload", {
    kind: "quarantine",
    changes: handBack ? [{ field: "status", from: incident.status, to: "PENDING" }] : undefined,
    text,
  });
  await emailTadIncident(tx, incident.id, "tad.qca-refused", "QCA File refused", text);
}
