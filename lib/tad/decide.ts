// Quarantine decisions (processing.md §1.8-§1.11, §6.4; D2): release or delete quarantined communications. The SRO's
// buttons, a QCA File and the DCC's own decision all end in decideQuarantined, in the caller's transaction: each item
// moves by one guarded update (status and version as read, and its 120 hours not over at the decision's receipt, P2),
// so of two decisions racing on an item exactly one is applied and the other finds nothing to update. A release sends
// the held Command through the normal path (a Device Command job), a delete ends the request unsent.
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { CommandMode, DccAdvice, QuarantineStatus, ServiceRequestStatus } from "@/generated/prisma/enums";
import type { AuditAction } from "@/lib/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { formatLondon, now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { CODE } from "@/lib/duis/codes";
import { DEVICE_COMMAND_QUEUE, FUTURE_DATED_QUEUE, enqueueDuisJobs, prepareDuisQueues } from "@/lib/duis/duis-jobs";
import { USER_ONLY_CVS, storeReleasedLocalCommands } from "@/lib/duis/pipeline";
import { currentRequestId } from "@/lib/request-id";
import { reference } from "@/lib/validation";
import { closeSettledIncidents, listRequestIds, lockIncidents, noteIncidents } from "./incident-closure";
import { QUARANTINE_LABELS } from "./quarantine-status";

/** Items per portal decision, as for the incident bulk actions. */
export const DECISION_LIMIT = 100;

export type QuarantineAction = "RELEASE" | "DELETE";
/** Who decided: the SRO in the portal, a QCA File, or the DCC (MUST_DELETE advice). */
export type DecisionVia = "PORTAL" | "QCA" | "DCC";

export const ACTION_LABELS: Record<QuarantineAction, string> = { RELEASE: "Release", DELETE: "Delete" };

/** What a decision reads of an item (and the RequestID that names it to people). */
export interface DecidableItem {
  id: string;
  partyId: string;
  incidentId: string;
  serviceRequestId: string;
  status: QuarantineStatus;
  version: number;
  dccAdvice: DccAdvice | null;
  downloadUntil: Date;
  requestId: string;
}

export const DECIDABLE_SELECT = {
  id: true,
  partyId: true,
  incidentId: true,
  serviceRequestId: true,
  status: true,
  version: true,
  dccAdvice: true,
  downloadUntil: true,
  serviceRequest: { select: { requestId: true } },
} as const satisfies Prisma.QuarantineItemSelect;

export const decidable = (row: Prisma.QuarantineItemGetPayload<{ select: typeof DECIDABLE_SELECT }>): DecidableItem => {
  const { serviceRequest, ...item } = row;
  return { ...item, requestId: serviceRequest.requestId };
};

/** Every item of an incident as a decision reads it: one query, as a QCA File reads up to 10,000 of them. */
export function decidableOfIncident(tx: Tx, incidentId: string): Promise<DecidableItem[]> {
  return tx.$queryRaw<DecidableItem[]>`
    SELECT q.id, q."partyId", q."incidentId", q."serviceRequestId", q.status::text AS status, q.version, q."dccAdvice"::text AS "dccAdvice", q."downloadUntil",
      s."requestId"
    FROM "QuarantineItem" q JOIN "ServiceRequest" s ON s.id = q."serviceRequestId"
    WHERE q."incidentId" = ${incidentId}`;
}

/**
 * Why this decision may not be taken on the item, or null. One rule for every path: the portal offers only what it
 * allows, and a QCA File with any row it refuses is refused whole. Expiry is judged at `receivedAt` (P2).
 */
export function decisionRefusal(item: DecidableItem, action: QuarantineAction, via: DecisionVia, receivedAt: Date): string | null {
  if (item.status !== "QUARANTINED") return `${item.requestId} is ${QUARANTINE_LABELS[item.status].toLowerCase()}: it can no longer be decided.`;
  if (item.downloadUntil <= receivedAt) {
    return `${item.requestId} was archived: its 120 hours ended at ${formatLondon(item.downloadUntil)}, before this decision was received.`;
  }
  if (via === "DCC") return action === "DELETE" && item.dccAdvice === "MUST_DELETE" ? null : `${item.requestId}: the DCC deletes only items it advised must be deleted.`;
  if (item.dccAdvice === "MUST_DELETE" && action === "RELEASE") return `${item.requestId} cannot be released: the DCC advised that it must be deleted.`;
  if (item.dccAdvice === "NO_ACTION") return `${item.requestId}: the DCC advised no action; it will be archived and then deleted by the DCC.`;
  return null;
}

const AUDIT_ACTIONS: Record<QuarantineAction, AuditAction> = { RELEASE: "tad.quarantine.release", DELETE: "tad.quarantine.delete" };

const TARGET: Record<DecisionVia, Record<QuarantineAction, QuarantineStatus>> = {
  PORTAL: { RELEASE: "RELEASED", DELETE: "DELETED_BY_USER" },
  QCA: { RELEASE: "RELEASED", DELETE: "DELETED_BY_USER" },
  DCC: { RELEASE: "RELEASED", DELETE: "DELETED_BY_DCC" },
};

/**
 * The one operation: applies the decisions (already checked with decisionRefusal) in the caller's transaction.
 * Items whose status or version changed since they were read, or whose 120 hours ended before `receivedAt`, are
 * `lost`: nothing of them is written. Each item and its request move in one statement whatever their number (a
 * 10,000-row QCA File included). Call prepareDuisQueues() before opening the transaction.
 */
export async function decideQuarantined(
  tx: Tx,
  actor: Actor | null,
  decisions: { item: DecidableItem; action: QuarantineAction }[],
  { receivedAt, via }: { receivedAt: Date; via: DecisionVia },
): Promise<{ decided: { item: DecidableItem; action: QuarantineAction }[]; lost: DecidableItem[] }> {
  if (!decisions.length) return { decided: [], lost: [] };
  await lockIncidents(tx, decisions.map((d) => d.item.incidentId));
  const at = now();
  const moved = new Map((await moveItemsAndRequests(tx, actor, decisions, { at, receivedAt, via })).map((r) => [r.id, r]));
  const decided = decisions.filter((d) => moved.has(d.item.id));
  const lost = decisions.filter((d) => !moved.has(d.item.id)).map((d) => d.item);
  await sendReleased(tx, [...moved.values()], at);
  const notes = new Map<string, string>();
  for (const incidentId of new Set(decided.map((d) => d.item.incidentId))) {
    const mine = decided.filter((d) => d.item.incidentId === incidentId);
    const parts = (["RELEASE", "DELETE"] as const)
      .map((action) => [action, mine.filter((d) => d.action === action).map((d) => d.item.requestId)] as const)
      .filter(([, ids]) => ids.length)
      .map(([action, ids]) => `${action === "RELEASE" ? "Released (Command sent)" : via === "DCC" ? "Deleted by the DCC" : "Deleted"}: ${listRequestIds(ids)}.`);
    notes.set(incidentId, `${parts.join(" ")} Decided ${VIA_LABELS[via]}.`);
  }
  await noteIncidents(tx, actor, decided.some((d) => d.action === "RELEASE") ? "tad.quarantine.release" : "tad.quarantine.delete", notes);
  await closeSettledIncidents(tx, notes.keys());
  return { decided, lost };
}

const VIA_LABELS: Record<DecisionVia, string> = { PORTAL: "in the portal", QCA: "by QCA File", DCC: "by the DCC" };

interface MovedRequest {
  /** The QuarantineItem's id. */
  id: string;
  serviceRequestId: string;
  /** Null when the request was not QUARANTINED: a broken invariant. */
  requestStatus: ServiceRequestStatus | null;
  mode: CommandMode;
  executeAt: Date | null;
}

/**
 * Each item QUARANTINED -> its target (guarded by version, status and its 120 hours at `receivedAt`), and in the same
 * statement its request, guarded by its status: a deletion ends it DELETED; a release goes on as the pipeline sends
 * (lib/duis/pipeline.ts enqueueFor): COMPLETED for a Command for the User only (CV 2, 6), COMMAND_SENT, or
 * WAITING_EXECUTION for a DSP future-dated request whose time is still ahead. Returns the items moved.
 */
async function moveItemsAndRequests(
  tx: Tx,
  actor: Actor | null,
  decisions: { item: DecidableItem; action: QuarantineAction }[],
  { at, receivedAt, via }: { at: Date; receivedAt: Date; via: DecisionVia },
): Promise<MovedRequest[]> {
  const stamp = at.toISOString();
  // Command Variants 2 and 6 put the Command in the User's hands only: released, the request is complete.
  const userOnly = Prisma.sql`(s."commandVariant" = ${USER_ONLY_CVS.request} OR s."spcCommandVariant" IS NOT DISTINCT FROM ${USER_ONLY_CVS.spc})`;
  const release = decisions.map((d) => d.action === "RELEASE");
  // The audit rows (one per item, as lib/audit.ts writes them) are built in the same statement from the rows moved:
  // a 10,000-row QCA File's entries would cost more to pass in than to write.
  const rows = await tx.$queryRaw<MovedRequest[]>`
    WITH moved AS (
      UPDATE "QuarantineItem" AS q
      SET status = (CASE WHEN t.release THEN ${TARGET[via].RELEASE} ELSE ${TARGET[via].DELETE} END)::"QuarantineStatus", "decidedAt" = ${stamp}::timestamp(3),
        "decidedById" = ${actor?.accountId ?? null}, "decidedVia" = ${via}, version = q.version + 1
      FROM unnest(${decisions.map((d) => d.item.id)}::text[], ${decisions.map((d) => d.item.version)}::int[], ${release}::boolean[]) AS t(id, version, release)
      WHERE q.id = t.id AND q.version = t.version AND q.status = 'QUARANTINED' AND q."downloadUntil" > ${receivedAt.toISOString()}::timestamp(3)
      RETURNING q.id, q."serviceRequestId", q."partyId", q.status, t.release
    ), requests AS (
      UPDATE "ServiceRequest" AS s
      SET status = (CASE WHEN NOT m.release THEN 'DELETED' WHEN ${userOnly} THEN 'COMPLETED'
          WHEN s.mode = 'FUTURE_DATED_DSP' AND s."executeAt" > ${stamp}::timestamp(3) THEN 'WAITING_EXECUTION' ELSE 'COMMAND_SENT' END)::"ServiceRequestStatus",
        "commandSentAt" = CASE WHEN m.release AND NOT ${userOnly} AND NOT (s.mode = 'FUTURE_DATED_DSP' AND s."executeAt" > ${stamp}::timestamp(3)) THEN ${stamp}::timestamp(3) ELSE s."commandSentAt" END,
        "responseCode" = CASE WHEN m.release AND ${userOnly} THEN ${CODE.I0} ELSE s."responseCode" END,
        version = s.version + 1
      FROM moved m
      WHERE s.id = m."serviceRequestId" AND s.status = 'QUARANTINED'
      RETURNING s.id, s."requestId", s.status, s.mode, s."executeAt"
    ), audited AS (
      INSERT INTO "AuditEvent" (id, at, "actorId", "partyId", action, "entityType", "entityId", before, after, "requestId")
      SELECT gen_random_uuid()::text, ${stamp}::timestamp(3), ${actor?.accountId ?? null}, m."partyId", CASE WHEN m.release THEN ${AUDIT_ACTIONS.RELEASE} ELSE ${AUDIT_ACTIONS.DELETE} END,
        'QuarantineItem', m.id, jsonb_build_object('status', 'QUARANTINED'),
        jsonb_build_object('status', m.status, 'requestId', r."requestId", 'via', ${via}::text, 'receivedAt', ${receivedAt.toISOString()}::text), ${currentRequestId()}
      FROM moved m JOIN requests r ON r.id = m."serviceRequestId"
    )
    SELECT m.id, m."serviceRequestId", r.status::text AS "requestStatus", r.mode::text AS mode, r."executeAt"
    FROM moved m LEFT JOIN requests r ON r.id = m."serviceRequestId"`;
  const stray = rows.filter((r) => !r.requestStatus).length;
  if (stray) throw new Error(`Quarantine decision: ${stray} of its Service Requests were not QUARANTINED.`);
  return rows;
}

/**
 * Released Commands are sent now, at the Device's execution time (future-dated Device), or wait for a DSP
 * future-dated time; those for local delivery also go to the User.
 */
async function sendReleased(tx: Tx, moved: MovedRequest[], at: Date) {
  await storeReleasedLocalCommands(tx, moved.filter((r) => r.requestStatus !== "DELETED").map((r) => r.serviceRequestId), at);
  const sends = moved.filter((r) => r.requestStatus === "COMMAND_SENT");
  const waits = moved.filter((r) => r.requestStatus === "WAITING_EXECUTION");
  await enqueueDuisJobs(
    tx,
    DEVICE_COMMAND_QUEUE,
    sends.map((r) => ({ data: { serviceRequestId: r.serviceRequestId }, startAfter: r.mode === "FUTURE_DATED_DEVICE" && r.executeAt && r.executeAt > at ? r.executeAt : undefined })),
  );
  await enqueueDuisJobs(tx, FUTURE_DATED_QUEUE, waits.map((r) => ({ data: { serviceRequestId: r.serviceRequestId }, startAfter: r.executeAt! })));
}

// ── The SRO's buttons ────────────────────────────────────────────────────────────────────────────────────────────

const selectionSchema = z.object({
  ids: z
    .array(reference("Which quarantined command?"))
    .min(1, "Select at least one quarantined command.")
    .max(DECISION_LIMIT, `Select at most ${DECISION_LIMIT} quarantined commands at a time.`),
});

/** Per item, as the incident bulk actions report: decided, skipped (already decided, or by someone else meanwhile), failed (refused). */
export interface DecisionResult {
  decided: { id: string; requestId: string }[];
  skipped: { id: string; requestId: string | null; reason: string }[];
  failed: { id: string; requestId: string | null; reason: string }[];
}

export const releaseQuarantined = (actor: Actor, input: z.input<typeof selectionSchema>) => decideInPortal(actor, input, "RELEASE");
export const deleteQuarantined = (actor: Actor, input: z.input<typeof selectionSchema>) => decideInPortal(actor, input, "DELETE");

async function decideInPortal(actor: Actor, input: z.input<typeof selectionSchema>, action: QuarantineAction): Promise<DecisionResult> {
  authorize(actor, "tad.quarantine.decide");
  const ids = [...new Set(selectionSchema.parse(input).ids)];
  const receivedAt = now();
  await prepareDuisQueues();
  return db().$transaction(async (tx) => {
    const rows = await tx.quarantineItem.findMany({ where: { id: { in: ids } }, select: DECIDABLE_SELECT });
    const items = new Map(rows.map((r) => [r.id, decidable(r)]));
    const result: DecisionResult = { decided: [], skipped: [], failed: [] };
    const decisions: { item: DecidableItem; action: QuarantineAction }[] = [];
    for (const id of ids) {
      const item = items.get(id);
      // Another party's item reads as one that does not exist.
      if (!item || item.partyId !== actor.partyId) {
        result.failed.push({ id, requestId: null, reason: "No such quarantined command of your organisation." });
        continue;
      }
      const refusal = decisionRefusal(item, action, "PORTAL", receivedAt);
      if (!refusal) decisions.push({ item, action });
      else if (item.status === "ARCHIVED" || item.status === "QUARANTINED") result.failed.push({ id, requestId: item.requestId, reason: refusal });
      else result.skipped.push({ id, requestId: item.requestId, reason: refusal });
    }
    const { decided, lost } = await decideQuarantined(tx, actor, decisions, { receivedAt, via: "PORTAL" });
    result.decided = decided.map((d) => ({ id: d.item.id, requestId: d.item.requestId }));
    for (const item of lost) result.skipped.push({ id: item.id, requestId: item.requestId, reason: `${item.requestId} was decided or changed meanwhile: reload to see its status.` });
    return result;
  });
}
