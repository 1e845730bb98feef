// The DCC admin's home (issue 14): a queue of what the DCC has to decide (orders to answer, consignments to schedule,
// RMAs to authorise, Registration Data imports), the last 24 hours of service requests by outcome, the quarantine,
// and the account and outbox numbers.
import type { ServiceRequestStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { STATUS_LABELS as SERVICE_REQUEST_STATUS_LABELS } from "@/lib/duis/service-request-labels";
import { monthOf } from "@/lib/orders/calendar";
import { AWAITING_ANSWER, countOrdersToAnswer, dccAnswerDue } from "@/lib/orders/orders";
import { listRegistrationImports } from "@/lib/registration/read-registration-imports";
import { HOME_ROWS, type Panel } from "./panel";

const HOUR = 3_600_000;
/** The service-request figures cover this much time back from now. */
export const SERVICE_REQUEST_WINDOW_HOURS = 24;
/** The latest Registration Data imports shown. */
const IMPORT_ROWS = 3;
/** Quarantined commands with less than this left of their 120 hours are counted as expiring soon. */
export const QUARANTINE_EXPIRING_HOURS = 24;

async function accountFigures(at: Date) {
  const [parties, accounts, disabled, locked, pendingEmails, failedEmails] = await Promise.all([
    db().party.count(),
    db().account.count(),
    db().account.count({ where: { disabled: true } }),
    db().account.count({ where: { lockedUntil: { gt: at } } }),
    db().outboxEmail.count({ where: { status: "PENDING" } }),
    db().outboxEmail.count({ where: { status: "FAILED" } }),
  ]);
  return { parties, accounts, disabled, locked, pendingEmails, failedEmails };
}

/** Orders the DCC still has to answer, the soonest owed first (its answer within 5 Working Days, F5.16-F5.17). */
async function ordersToAnswer(actor: Actor) {
  const [rows, count] = await Promise.all([
    db().chOrder.findMany({
      where: { ...partyScope(actor, "ch.view"), status: { in: AWAITING_ANSWER } },
      orderBy: [{ submittedAt: "asc" }, { number: "asc" }],
      select: { ref: true, region: true, deliveryMonth: true, status: true, late: true, compliant: true, submittedAt: true, answerDueAt: true, party: { select: { name: true } } },
      take: HOME_ROWS,
    }),
    countOrdersToAnswer(actor),
  ]);
  const owed = rows.map((o) => ({ ...o, owed: dccAnswerDue(o)! })).sort((a, b) => a.owed.due.getTime() - b.owed.due.getTime());
  return { count, rows: owed };
}

interface ToSchedule {
  ref: string;
  region: string;
  deliveryMonth: string;
  partyName: string;
  locations: number;
}

/**
 * Accepted orders with a Delivery Location that has no consignment yet (one per location, F6.1; a cancelled one stays
 * the location's, as raiseConsignment counts), whose Delivery Month has not passed. A deemed order waits for the
 * party's delivery details first (CHHSM 3.7-3.9).
 */
async function consignmentsToSchedule(at: Date): Promise<Panel<ToSchedule>> {
  const month = monthOf(at);
  const rows = await db().$queryRaw<(ToSchedule & { total: bigint })[]>`
    SELECT o.ref, o.region::text AS region, o."deliveryMonth", p.name AS "partyName", COUNT(DISTINCT l."locationId")::int AS locations, COUNT(*) OVER () AS total
    FROM "ChOrder" o
    JOIN "Party" p ON p.id = o."partyId"
    JOIN "ChOrderLine" l ON l."orderId" = o.id
    WHERE o.status IN ('ACCEPTED', 'ACCEPTED_IN_PART') AND o."deliveryMonth" >= ${month}
      AND (NOT o.deemed OR o."detailsConfirmedAt" IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM "ChConsignment" c WHERE c."orderId" = o.id AND c."locationId" = l."locationId" AND c."replacementOfId" IS NULL)
    GROUP BY o.id, p.name
    ORDER BY o."deliveryMonth", o.number
    LIMIT ${HOME_ROWS}`;
  return { count: Number(rows[0]?.total ?? 0), rows: rows.map((r) => ({ ref: r.ref, region: r.region, deliveryMonth: r.deliveryMonth, partyName: r.partyName, locations: r.locations })) };
}

async function rmasToAuthorise() {
  const where = { status: "REQUESTED" as const };
  const [rows, count] = await Promise.all([
    db().chRma.findMany({
      where,
      orderBy: [{ requestedAt: "asc" }, { number: "asc" }],
      select: { ref: true, requestedAt: true, preferredReturnDate: true, returnsLocation: true, party: { select: { name: true } }, _count: { select: { returns: true } } },
      take: HOME_ROWS,
    }),
    db().chRma.count({ where }),
  ]);
  return { count, rows };
}

/** Service requests received in the last 24 hours, by status (every status, in the labels' order). */
async function serviceRequestFigures(at: Date) {
  const since = new Date(at.getTime() - SERVICE_REQUEST_WINDOW_HOURS * HOUR);
  const groups = await db().serviceRequest.groupBy({ by: ["status"], where: { receivedAt: { gte: since } }, _count: { _all: true } });
  const counts = new Map(groups.map((g) => [g.status, g._count._all]));
  const byStatus = (Object.keys(SERVICE_REQUEST_STATUS_LABELS) as ServiceRequestStatus[]).map((status) => ({ status, count: counts.get(status) ?? 0 }));
  return { since, total: byStatus.reduce((sum, s) => sum + s.count, 0), byStatus };
}

/** Commands held in quarantine: all, those waiting for the DCC's advice (DCC ADT and packet inspection), those expiring soon. */
async function quarantineFigures(at: Date) {
  const held = { status: "QUARANTINED" as const };
  const [open, awaitingAdvice, expiringSoon] = await Promise.all([
    db().quarantineItem.count({ where: held }),
    db().quarantineItem.count({ where: { ...held, breach: { in: ["DCC", "PACKET"] }, dccAdvice: null } }),
    db().quarantineItem.count({ where: { ...held, downloadUntil: { lte: new Date(at.getTime() + QUARANTINE_EXPIRING_HOURS * HOUR) } } }),
  ]);
  return { open, awaitingAdvice, expiringSoon };
}

export async function dccAdminHome(actor: Actor) {
  authorize(actor, "account.manage");
  authorize(actor, "ch.decide");
  authorize(actor, "registration.import");
  authorize(actor, "service-request.view");
  authorize(actor, "tad.dcc.manage");
  const at = now();
  const [accounts, orders, consignments, rmas, imports, serviceRequests, quarantine] = await Promise.all([
    accountFigures(at),
    ordersToAnswer(actor),
    consignmentsToSchedule(at),
    rmasToAuthorise(),
    listRegistrationImports(actor, { page: 1 }),
    serviceRequestFigures(at),
    quarantineFigures(at),
  ]);
  return {
    at,
    accounts,
    orders,
    consignments,
    rmas,
    imports: { count: imports.count, rows: imports.data.slice(0, IMPORT_ROWS) },
    serviceRequests,
    quarantine,
  };
}
