// The party user's home (issue 14): what needs the party now. Its open incidents, those Pending with it (the Service
// Desk awaits its reply, D6), the latest DCC Alerts sent to it. Everything through the incident and alert readers'
// own party scoping: a party never sees another's records.
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { listDccAlerts } from "@/lib/alerts/read-alerts";
import { db } from "@/lib/db";
import { visibleIncidents } from "@/lib/incidents/access";
import { listIncidents } from "@/lib/incidents/read-incidents";
import { HOME_ROWS } from "./panel";

/** What the home shows of an incident: the same timing fields as the lists, for its SLA state. */
const AWAITING_SELECT = {
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
  raisedByParty: { select: { name: true } },
} satisfies Prisma.IncidentSelect;

export async function partyUserHome(actor: Actor) {
  authorize(actor, "home.party-user");
  // Pending with a party: the status in which the Service Desk waits for that party (D6); it is an Interested Party then.
  const awaitingWhere: Prisma.IncidentWhereInput = { AND: [visibleIncidents(actor), { status: "PENDING", pendingWithPartyId: actor.partyId }] };
  const [open, awaitingRows, awaitingCount, alerts] = await Promise.all([
    listIncidents(actor, { status: "open" }, HOME_ROWS),
    db().incident.findMany({ where: awaitingWhere, select: AWAITING_SELECT, orderBy: [{ updatedAt: "asc" }, { number: "asc" }], take: HOME_ROWS }),
    db().incident.count({ where: awaitingWhere }),
    listDccAlerts(actor, {}),
  ]);
  return {
    open: { count: open.page.count, rows: open.page.data },
    awaiting: { count: awaitingCount, rows: awaitingRows },
    alerts: { count: alerts.count, rows: alerts.data.slice(0, HOME_ROWS) },
  };
}
