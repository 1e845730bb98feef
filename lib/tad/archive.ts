// Background job (P1, processing.md §6.4): a quarantined communication nobody decided is archived when its 120 hours
// end (read-only, never releasable; its request DELETED, as the DCC deletes it), and purged 30 days later: the held
// request's XML is blanked and the item stays as an audit stub. Batched and idempotent: every move is guarded by the
// status it leaves, so a run repeated or overlapping another changes nothing twice.
import { auditMany } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { closeSettledIncidents, listRequestIds, lockIncidents, noteIncidents } from "./incident-closure";

const BATCH = 500;

export async function archiveQuarantine(): Promise<{ archived: number; purged: number }> {
  const counts = { archived: 0, purged: 0 };
  for (;;) {
    const n = await archiveBatch();
    counts.archived += n;
    if (n < BATCH) break;
  }
  for (;;) {
    const n = await purgeBatch();
    counts.purged += n;
    if (n < BATCH) break;
  }
  return counts;
}

async function archiveBatch(): Promise<number> {
  const at = now();
  // Through the (status, downloadUntil) index.
  const due = await db().quarantineItem.findMany({ where: { status: "QUARANTINED", downloadUntil: { lte: at } }, select: { id: true, incidentId: true }, take: BATCH });
  if (!due.length) return 0;
  await db().$transaction(async (tx) => {
    await lockIncidents(tx, due.map((d) => d.incidentId));
    const archived = await tx.quarantineItem.updateManyAndReturn({
      where: { id: { in: due.map((d) => d.id) }, status: "QUARANTINED", downloadUntil: { lte: at } },
      data: { status: "ARCHIVED", version: { increment: 1 } },
      select: { id: true, partyId: true, incidentId: true, serviceRequestId: true, serviceRequest: { select: { requestId: true } } },
    });
    await tx.serviceRequest.updateMany({ where: { id: { in: archived.map((a) => a.serviceRequestId) }, status: "QUARANTINED" }, data: { status: "DELETED", version: { increment: 1 } } });
    await auditMany(
      tx,
      null,
      archived.map((a) => ({ action: "tad.quarantine.archive" as const, entityType: "QuarantineItem", entityId: a.id, partyId: a.partyId, after: { status: "ARCHIVED", requestId: a.serviceRequest.requestId } })),
    );
    const notes = new Map<string, string>();
    for (const incidentId of new Set(archived.map((a) => a.incidentId))) {
      const ids = archived.filter((a) => a.incidentId === incidentId).map((a) => a.serviceRequest.requestId);
      notes.set(incidentId, `Archived with no decision after 120 hours (never sent; purged in 30 days): ${listRequestIds(ids)}.`);
    }
    await noteIncidents(tx, null, "tad.quarantine.archive", notes);
    await closeSettledIncidents(tx, notes.keys());
  });
  return due.length;
}

async function purgeBatch(): Promise<number> {
  const at = now();
  const due = await db().quarantineItem.findMany({ where: { status: "ARCHIVED", purgeAt: { lte: at } }, select: { id: true }, take: BATCH });
  if (!due.length) return 0;
  await db().$transaction(async (tx) => {
    const purged = await tx.quarantineItem.updateManyAndReturn({
      where: { id: { in: due.map((d) => d.id) }, status: "ARCHIVED", purgeAt: { lte: at } },
      data: { status: "PURGED", version: { increment: 1 } },
      select: { id: true, partyId: true, srv: true, deviceId: true, quarantinedAt: true, serviceRequestId: true, serviceRequest: { select: { requestId: true } } },
    });
    // The content goes; what it was (RequestID, SRV, device, when) stays in the stub and its audit row.
    await tx.serviceRequest.updateMany({
      where: { id: { in: purged.map((p) => p.serviceRequestId) } },
      data: { requestXml: "", spcXml: null, answerXml: null, preCommandPayload: null, version: { increment: 1 } },
    });
    await auditMany(
      tx,
      null,
      purged.map((p) => ({
        action: "tad.quarantine.purge" as const,
        entityType: "QuarantineItem",
        entityId: p.id,
        partyId: p.partyId,
        after: { status: "PURGED", requestId: p.serviceRequest.requestId, srv: p.srv, deviceId: p.deviceId, quarantinedAt: p.quarantinedAt.toISOString() },
      })),
    );
  });
  return due.length;
}
