// Incident lists (the Service Desk queue, a party's incidents), one incident with its timeline, the desk home, related
// incidents before raising, and CSV export. Visibility comes from access.ts only.
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { IncidentStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { parseEui64, parseMpxn } from "@/lib/identifiers";
import { DEFAULT_PER_PAGE, pageWindow, toPage } from "@/lib/lists";
import { optionalText, pageNumber } from "@/lib/validation";
import { CATEGORIES, atRiskWithinMs } from "./categories";
import { loadVisibleIncident, visibleIncidents } from "./access";
import { relatedServiceAlerts } from "./service-alerts";
import { OPEN_STATUSES } from "./status-machine";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const incidentFiltersSchema = z.object({
  q: optionalText("The search", 100).catch(undefined).optional(),
  status: z.preprocess(emptyToUndefined, z.union([z.literal("open"), z.literal("all"), z.enum(IncidentStatus)]).optional()).catch(undefined),
  category: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(5).optional()).catch(undefined),
  sla: z.preprocess(emptyToUndefined, z.enum(["breached", "at-risk", "paused"]).optional()).catch(undefined),
  assignee: optionalText("The assignee", 40).catch(undefined).optional(),
  group: optionalText("The resolver group", 60).catch(undefined).optional(),
  party: optionalText("The party", 40).catch(undefined).optional(),
  sort: z.preprocess(emptyToUndefined, z.enum(["queue", "newest"]).optional()).catch(undefined),
  page: pageNumber(),
});
export type IncidentFilters = z.output<typeof incidentFiltersSchema>;

const OPEN = { in: [...OPEN_STATUSES] };

/** Breached: open past its resolution due time (not paused). At risk: under a quarter of the window left. */
function slaWhere(sla: NonNullable<IncidentFilters["sla"]>, at: Date): Prisma.IncidentWhereInput {
  if (sla === "paused") return { status: OPEN, pausedSince: { not: null } };
  if (sla === "breached") return { status: OPEN, pausedSince: null, resolutionDueAt: { lt: at } };
  return {
    status: OPEN,
    pausedSince: null,
    OR: CATEGORIES.map((category) => ({ category, resolutionDueAt: { gte: at, lt: new Date(at.getTime() + atRiskWithinMs(category)) } })),
  };
}

const INCIDENT_REF = /^INC\d{7}$/i;

export function incidentWhere(actor: Actor, filters: IncidentFilters): Prisma.IncidentWhereInput {
  return { AND: [visibleIncidents(actor), ...filterConditions(actor, filters)] };
}

/** The filters without the visibility condition. */
function filterConditions(actor: Actor, filters: IncidentFilters): Prisma.IncidentWhereInput[] {
  const at = now();
  const q = filters.q?.trim();
  const and: Prisma.IncidentWhereInput[] = [];
  if (q && INCIDENT_REF.test(q)) {
    // A reference is looked up by its unique index, not matched against every summary.
    and.push({ ref: q.toUpperCase() });
  } else if (q) {
    const device = parseEui64(q);
    const mpxn = parseMpxn(q);
    and.push({
      OR: [
        { ref: q.toUpperCase() },
        { summary: { contains: q, mode: "insensitive" } },
        { ownReference: q },
        ...(device ? [{ deviceId: device }] : []),
        ...(mpxn ? [{ mpxn: mpxn.mpxn }] : []),
      ],
    });
  }
  if (filters.status === "open") and.push({ status: OPEN });
  else if (filters.status && filters.status !== "all") and.push({ status: filters.status });
  if (filters.category) and.push({ category: filters.category });
  if (filters.sla) and.push(slaWhere(filters.sla, at));
  if (filters.assignee) and.push({ assigneeId: filters.assignee === "me" ? actor.accountId : filters.assignee });
  if (filters.group) and.push({ resolverGroup: filters.group });
  if (filters.party && seesAllParties(actor, "incident.view")) and.push({ raisedByPartyId: filters.party });
  return and;
}

/**
 * A party's count as two indexed counts (raised by it; Interested Party of but not raised by it): PostgreSQL plans
 * the OR of the two as a scan of every incident.
 */
async function countIncidents(actor: Actor, filters: IncidentFilters): Promise<number> {
  if (seesAllParties(actor, "incident.view")) return db().incident.count({ where: incidentWhere(actor, filters) });
  visibleIncidents(actor);
  const rest = filterConditions(actor, filters);
  const [raised, interested] = await Promise.all([
    db().incident.count({ where: { AND: [{ raisedByPartyId: actor.partyId }, ...rest] } }),
    db().incident.count({ where: { AND: [{ interestedParties: { some: { partyId: actor.partyId } } }, { raisedByPartyId: { not: actor.partyId } }, ...rest] } }),
  ]);
  return raised + interested;
}

const LIST_SELECT = {
  id: true,
  ref: true,
  category: true,
  status: true,
  summary: true,
  createdAt: true,
  responseDueAt: true,
  resolutionDueAt: true,
  respondedAt: true,
  resolvedAt: true,
  pausedSince: true,
  closureReason: true,
  resolverGroup: true,
  isMajor: true,
  raisedByParty: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
  pendingWithParty: { select: { name: true } },
} satisfies Prisma.IncidentSelect;

export type IncidentListRow = Prisma.IncidentGetPayload<{ select: typeof LIST_SELECT }>;

function orderFor(actor: Actor, filters: IncidentFilters): Prisma.IncidentOrderByWithRelationInput[] {
  // Time left only means something for open incidents: the desk's default is the queue for those, newest otherwise.
  const openOnly = filters.status === "open" || (!!filters.status && filters.status !== "all" && OPEN_STATUSES.includes(filters.status)) || !!filters.sla;
  const sort = filters.sort ?? (seesAllParties(actor, "incident.view") && openOnly ? "queue" : "newest");
  // The queue: by category, then by time left to the resolution target (AG 2.4.3).
  return sort === "queue" ? [{ category: "asc" }, { resolutionDueAt: "asc" }, { number: "asc" }] : [{ createdAt: "desc" }, { number: "desc" }];
}

export async function listIncidents(actor: Actor, input: Record<string, unknown>, perPage = DEFAULT_PER_PAGE) {
  const filters = incidentFiltersSchema.parse(input);
  const where = incidentWhere(actor, filters);
  const [data, count] = await Promise.all([
    db().incident.findMany({ where, select: LIST_SELECT, orderBy: orderFor(actor, filters), ...pageWindow(filters.page, perPage) }),
    countIncidents(actor, filters),
  ]);
  return { filters, page: toPage(data, count, filters.page, perPage) };
}

export async function* incidentsForExport(actor: Actor, input: Record<string, unknown>, batchSize = 1_000) {
  const filters = incidentFiltersSchema.parse(input);
  const where = incidentWhere(actor, filters);
  for (let skip = 0; ; skip += batchSize) {
    const rows = await db().incident.findMany({ where, select: LIST_SELECT, orderBy: orderFor(actor, filters), skip, take: batchSize });
    if (rows.length) yield rows;
    if (rows.length < batchSize) return;
  }
}

export async function readIncident(actor: Actor, ref: string) {
  const found = await loadVisibleIncident(db(), actor, ref).catch(() => null);
  if (!found) return null;
  const incident = await db().incident.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      raisedByParty: { select: { id: true, name: true } },
      raisedBy: { select: { name: true, email: true } },
      assignee: { select: { id: true, name: true } },
      pendingWithParty: { select: { id: true, name: true } },
      interestedParties: { include: { party: { select: { id: true, name: true } } }, orderBy: { addedAt: "asc" } },
      problem: true,
      events: { orderBy: { at: "desc" } },
    },
  });
  return incident;
}

export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof readIncident>>>;

/** How many incidents serviceDeskHome lists per panel (each panel also has its exact count). */
export const HOME_PANEL_SIZE = 10;

type HomeCountRow = { category: number; status: IncidentStatus; count: number; mine: number; breached: number; atRisk: number };

/**
 * The Service Desk home's figures in one pass over the incidents not yet closed: per category and status, how many, how
 * many are mine, breached and at risk (the last three count for open statuses only, as slaWhere defines them). The
 * literal `status <> 'CLOSED'` lets PostgreSQL use the partial covering index of migration
 * 20261208100000_desk_open_incident_indexes: an index-only scan of the open workload, whatever the closed history.
 */
async function deskHomeCounts(actor: Actor, at: Date) {
  const atRiskUntil = Prisma.sql`CASE category ${Prisma.join(
    CATEGORIES.map((c) => Prisma.sql`WHEN ${c}::int THEN ${new Date(at.getTime() + atRiskWithinMs(c))}::timestamp(3)`),
    " ",
  )} END`;
  const rows = await db().$queryRaw<HomeCountRow[]>`
    SELECT category, status::text AS status, count(*)::int AS count,
      (count(*) FILTER (WHERE "assigneeId" = ${actor.accountId}))::int AS mine,
      (count(*) FILTER (WHERE "pausedSince" IS NULL AND "resolutionDueAt" < ${at}::timestamp(3)))::int AS breached,
      (count(*) FILTER (WHERE "pausedSince" IS NULL AND "resolutionDueAt" >= ${at}::timestamp(3) AND "resolutionDueAt" < ${atRiskUntil}))::int AS "atRisk"
    FROM "Incident" WHERE status <> 'CLOSED'
    GROUP BY category, status`;
  const open = rows.filter((r) => OPEN_STATUSES.includes(r.status));
  const sum = (key: "mine" | "breached" | "atRisk") => open.reduce((total, r) => total + r[key], 0);
  return { mine: sum("mine"), breached: sum("breached"), atRisk: sum("atRisk"), byStatus: rows.map(({ category, status, count }) => ({ category, status, count })) };
}

/**
 * The Service Desk home: my open incidents, breaching soon and breached (the first few of each, and their exact
 * counts), and the incidents not yet closed by category and status. It sees every party's incidents, so it is the
 * desk's only; each query is bounded by the open workload, never by the closed history.
 */
export async function serviceDeskHome(actor: Actor) {
  authorize(actor, "incident.manage");
  if (!seesAllParties(actor, "incident.view")) throw forbidden("Only the Service Desk sees the figures of every party's incidents.");
  const at = now();
  const byDue: Prisma.IncidentOrderByWithRelationInput[] = [{ resolutionDueAt: "asc" }, { number: "asc" }];
  const [mine, atRisk, breached, counts] = await Promise.all([
    db().incident.findMany({ where: { assigneeId: actor.accountId, status: OPEN }, select: LIST_SELECT, orderBy: orderFor(actor, { page: 1, status: "open" }), take: HOME_PANEL_SIZE }),
    db().incident.findMany({ where: slaWhere("at-risk", at), select: LIST_SELECT, orderBy: byDue, take: HOME_PANEL_SIZE }),
    db().incident.findMany({ where: slaWhere("breached", at), select: LIST_SELECT, orderBy: byDue, take: HOME_PANEL_SIZE }),
    deskHomeCounts(actor, at),
  ]);
  return {
    mine: { rows: mine, count: counts.mine },
    atRisk: { rows: atRisk, count: counts.atRisk },
    breached: { rows: breached, count: counts.breached },
    counts: counts.byStatus,
  };
}

/** Open incidents that look related to what is being raised: same device or MPxN, or words of the summary. */
export async function relatedOpenIncidents(actor: Actor, input: { deviceId?: string; mpxn?: string; summary?: string }) {
  const device = input.deviceId ? parseEui64(input.deviceId) : null;
  const mpxn = input.mpxn ? parseMpxn(input.mpxn)?.mpxn : null;
  const words = (input.summary ?? "").split(/\s+/).filter((w) => w.length >= 5).slice(0, 4);
  const match: Prisma.IncidentWhereInput[] = [
    ...(device ? [{ deviceId: device }] : []),
    ...(mpxn ? [{ mpxn }] : []),
    ...words.map((w) => ({ summary: { contains: w, mode: "insensitive" as const } })),
  ];
  if (!match.length) return { visible: [], elsewhere: 0, serviceAlerts: [] };
  const onKey: Prisma.IncidentWhereInput[] = [...(device ? [{ deviceId: device }] : []), ...(mpxn ? [{ mpxn }] : [])];
  const [visible, elsewhere] = await Promise.all([
    db().incident.findMany({ where: { AND: [visibleIncidents(actor), { status: OPEN, OR: match }] }, select: LIST_SELECT, orderBy: { createdAt: "desc" }, take: 10 }),
    // Other parties' open incidents on the same device or MPxN are counted, never shown (D6).
    onKey.length && !seesAllParties(actor, "incident.view")
      ? db().incident.count({ where: { status: OPEN, OR: onKey, NOT: visibleIncidents(actor) } })
      : 0,
  ]);
  const serviceAlerts = await relatedServiceAlerts(actor, { deviceId: device, mpxn, words });
  return { visible, elsewhere, serviceAlerts };
}
