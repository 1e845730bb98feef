// What the quarantine pages read: the queue (one bounded page through the (partyId, status, quarantinedAt) index, or
// for the DCC the (status, downloadUntil) index), each held command decoded, grouped by incident and threshold; one
// item; one incident with its QCA uploads. Another party's item or incident reads as not found. Archived items are
// listed only by reference (processing.md §6.4: "visible only with an MSI reference"): a RequestID or an incident's.
import type { DccAdvice, Prisma, QuarantineStatus, TadBreach } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, can, seesAllParties } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { srvEntry } from "@/lib/duis/catalogue";
import { notFound } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { toPage, type Page } from "@/lib/lists";
import { requestParams } from "@/lib/simulator/params";
import { decisionRefusal } from "./decide";

export const QUEUE_VIEWS = {
  awaiting: { label: "Awaiting decision", statuses: ["QUARANTINED"], byReference: false },
  decided: { label: "Decided", statuses: ["RELEASED", "DELETED_BY_USER", "DELETED_BY_DCC"], byReference: false },
  archived: { label: "Archived", statuses: ["ARCHIVED", "PURGED"], byReference: true },
} as const satisfies Record<string, { label: string; statuses: QuarantineStatus[]; byReference: boolean }>;
export type QueueView = keyof typeof QUEUE_VIEWS;

/** Items per page: one page is at most one decision (DECISION_LIMIT). */
export const QUEUE_PAGE_SIZE = 100;
/** Counted up to this many; beyond it the page says "more than" (a count of 100,000 index entries costs more than the page). */
export const QUEUE_COUNT_CAP = 10_000;

export interface QueueItem {
  id: string;
  status: QuarantineStatus;
  requestId: string;
  srv: string;
  srvName: string;
  deviceId: string | null;
  /** The request's values as sent (element path, value). */
  values: [string, string][];
  quarantinedAt: Date;
  downloadUntil: Date;
  breach: TadBreach;
  threshold: string;
  dccAdvice: DccAdvice | null;
  decidedAt: Date | null;
  decidedVia: string | null;
  partyName: string;
  incident: { id: string; ref: string };
  /** Whether the reader may release or delete it now (the SRO of its party, nothing refusing it). */
  canRelease: boolean;
  canDelete: boolean;
}

export interface QueueGroup {
  incident: { id: string; ref: string };
  threshold: string;
  items: QueueItem[];
}

const ITEM_INCLUDE = {
  serviceRequest: { select: { requestId: true, requestXml: true } },
  incident: { select: { id: true, ref: true } },
  party: { select: { name: true } },
} as const satisfies Prisma.QuarantineItemInclude;

type ItemRow = Prisma.QuarantineItemGetPayload<{ include: typeof ITEM_INCLUDE }>;

const BREACH_LABELS: Record<TadBreach, string> = { USER: "User ADT", DCC: "DCC ADT", PACKET: "DCC packet inspection" };

async function thresholdLabels(ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db().threshold.findMany({ where: { id: { in: wanted } } });
  return new Map(
    rows.map((t) => [
      t.id,
      t.kind === "PACKET" ? `${t.param ?? "value"} outside [${t.minValue ?? "…"}, ${t.maxValue ?? "…"}] on SRV ${t.srv}` : `more than ${t.maxCount} per ${t.periodMinutes} min on SRV ${t.srv}`,
    ]),
  );
}

/**
 * Decoded values by Service Request id: a held request never changes (a purge blanks it, and a blank one is not
 * decoded), and parsing is most of a page's cost, so each is parsed once per process (the newest few thousand kept).
 */
const decoded = new Map<string, [string, string][]>();
const DECODED_KEPT = 5_000;

function heldValues(serviceRequestId: string, requestXml: string): [string, string][] {
  if (!requestXml) return [];
  let values = decoded.get(serviceRequestId);
  if (!values) {
    values = Object.entries(requestParams(requestXml));
    if (decoded.size >= DECODED_KEPT) decoded.delete(decoded.keys().next().value!);
    decoded.set(serviceRequestId, values);
  }
  return values;
}

function toItem(actor: Actor, row: ItemRow, labels: Map<string, string>, at: Date): QueueItem {
  const mine = can(actor, "tad.quarantine.decide") && row.partyId === actor.partyId;
  const decidable = { ...row, requestId: row.serviceRequest.requestId };
  return {
    id: row.id,
    status: row.status,
    requestId: row.serviceRequest.requestId,
    srv: row.srv,
    srvName: srvEntry(row.srv)?.name ?? "",
    deviceId: row.deviceId && formatEui64(row.deviceId),
    // A purged request's XML is gone: nothing to decode.
    values: heldValues(row.serviceRequestId, row.serviceRequest.requestXml),
    quarantinedAt: row.quarantinedAt,
    downloadUntil: row.downloadUntil,
    breach: row.breach,
    threshold: `${BREACH_LABELS[row.breach]}${row.thresholdId && labels.has(row.thresholdId) ? `: ${labels.get(row.thresholdId)}` : ""}`,
    dccAdvice: row.dccAdvice,
    decidedAt: row.decidedAt,
    decidedVia: row.decidedVia,
    partyName: row.party.name,
    incident: row.incident,
    canRelease: mine && !decisionRefusal(decidable, "RELEASE", "PORTAL", at),
    canDelete: mine && !decisionRefusal(decidable, "DELETE", "PORTAL", at),
  };
}

/** The queue: one page of the view, oldest (soonest to expire) first, grouped by incident and threshold. */
export async function quarantineQueue(
  actor: Actor,
  input: { view?: string; page?: number; incidentId?: string; reference?: string },
): Promise<{ page: Page<QueueItem>; groups: QueueGroup[]; view: QueueView; moreThanCount: boolean; reference: string | null }> {
  authorize(actor, "tad.view");
  const view: QueueView = input.view && input.view in QUEUE_VIEWS ? (input.view as QueueView) : "awaiting";
  const page = Math.max(1, Math.min(input.page ?? 1, QUEUE_COUNT_CAP / QUEUE_PAGE_SIZE));
  const all = seesAllParties(actor, "tad.view");
  const reference = input.reference?.trim().slice(0, 200) || null;
  if (QUEUE_VIEWS[view].byReference && !reference && !input.incidentId) {
    return { page: toPage([], 0, 1, QUEUE_PAGE_SIZE), groups: [], view, moreThanCount: false, reference };
  }
  const where: Prisma.QuarantineItemWhereInput = {
    ...(all ? {} : { partyId: actor.partyId }),
    status: { in: [...QUEUE_VIEWS[view].statuses] },
    ...(input.incidentId ? { incidentId: input.incidentId } : {}),
    ...(reference ? { OR: [{ serviceRequest: { requestId: reference } }, { incident: { ref: reference.toUpperCase() } }] } : {}),
  };
  // downloadUntil is quarantinedAt + 120 h: the same order, each through its index.
  const orderBy: Prisma.QuarantineItemOrderByWithRelationInput[] = all ? [{ downloadUntil: "asc" }, { id: "asc" }] : [{ quarantinedAt: "asc" }, { id: "asc" }];
  const [rows, count] = await Promise.all([
    db().quarantineItem.findMany({ where, orderBy, skip: (page - 1) * QUEUE_PAGE_SIZE, take: QUEUE_PAGE_SIZE, include: ITEM_INCLUDE }),
    db().quarantineItem.count({ where, take: QUEUE_COUNT_CAP + 1 }),
  ]);
  const labels = await thresholdLabels(rows.map((r) => r.thresholdId));
  const at = now();
  const items = rows.map((r) => toItem(actor, r, labels, at));
  const groups: QueueGroup[] = [];
  for (const item of items) {
    const group = groups.find((g) => g.incident.id === item.incident.id && g.threshold === item.threshold);
    if (group) group.items.push(item);
    else groups.push({ incident: item.incident, threshold: item.threshold, items: [item] });
  }
  const moreThanCount = count > QUEUE_COUNT_CAP;
  return { page: toPage(items, Math.min(count, QUEUE_COUNT_CAP), page, QUEUE_PAGE_SIZE), groups, view, moreThanCount, reference };
}

/** One item, decoded; 404 when it is another party's. */
export async function quarantineItem(actor: Actor, id: string): Promise<QueueItem> {
  const row = await db().quarantineItem.findUnique({ where: { id }, include: ITEM_INCLUDE });
  authorizeResource(actor, "tad.view", row, "That quarantined command");
  return toItem(actor, row!, await thresholdLabels([row!.thresholdId]), now());
}

/** A TAD quarantine incident with its QCA uploads, newest first; 404 when it is another party's. */
export async function quarantineIncidentView(actor: Actor, incidentId: string) {
  authorize(actor, "tad.view");
  const incident = await db().incident.findUnique({
    where: { id: incidentId },
    include: { qcaUploads: { orderBy: { receivedAt: "desc" }, take: 20, include: { uploadedBy: { select: { name: true } } } }, raisedByParty: { select: { name: true, eui64: true } } },
  });
  if (!incident || incident.tad !== "QUARANTINE") throw notFound("That incident");
  authorizeResource(actor, "tad.view", { partyId: incident.raisedByPartyId }, "That incident");
  return incident;
}
