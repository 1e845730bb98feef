// The Service Desk's home (peers.md §2.3 "agent landing page") and the pickers of the incident queue's filters.
import type { IncidentStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { CATEGORIES, type Category } from "@/lib/incidents/categories";
import { serviceDeskHome } from "@/lib/incidents/read-incidents";
import { listIncidentParties, listServiceDeskAgents } from "@/lib/incidents/service-desk-agents";
import { OPEN_STATUSES, STATUS_LABELS } from "@/lib/incidents/status-machine";
import { openIncidentTrend } from "./incident-trend";

/** The home's matrix leaves Closed out: that count grows with the history, and the home's cost must not. */
const STATUSES: IncidentStatus[] = (Object.keys(STATUS_LABELS) as IncidentStatus[]).filter((s) => s !== "CLOSED");

/**
 * My open incidents, breaching soon, breached (each with its exact count), open and breached incidents per day over
 * the last 30 days, and incidents not closed by category and status.
 */
export async function serviceDeskOverview(actor: Actor) {
  authorize(actor, "incident.manage");
  const [{ mine, atRisk, breached, counts }, trend] = await Promise.all([serviceDeskHome(actor), openIncidentTrend(actor)]);
  const cell = new Map(counts.map((c) => [`${c.category}:${c.status}`, c.count]));
  const matrix = CATEGORIES.map((category: Category) => {
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, cell.get(`${category}:${s}`) ?? 0])) as Record<IncidentStatus, number>;
    return { category, byStatus, total: STATUSES.reduce((sum, s) => sum + byStatus[s], 0) };
  });
  const statusTotals = Object.fromEntries(STATUSES.map((s) => [s, matrix.reduce((sum, row) => sum + row.byStatus[s], 0)])) as Record<IncidentStatus, number>;
  return {
    mine,
    atRisk,
    breached,
    trend,
    statuses: STATUSES,
    matrix,
    statusTotals,
    open: OPEN_STATUSES.reduce((sum, s) => sum + statusTotals[s], 0),
    total: matrix.reduce((sum, row) => sum + row.total, 0),
  };
}

/** Options for the queue's filters and bulk assign: parties (for those who see every party) and Service Desk agents. */
export async function incidentQueueOptions(actor: Actor) {
  authorize(actor, "incident.view");
  if (!seesAllParties(actor, "incident.view")) return { parties: [], agents: [] };
  const [parties, agents] = await Promise.all([listIncidentParties(actor), listServiceDeskAgents(actor)]);
  return { parties, agents };
}
