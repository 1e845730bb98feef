// Incident statuses (D6) and the moves the Service Desk may make, as data. Parties never set a status; they
// dispute a resolution or re-open (dispute-resolution.ts, reopen-incident.ts), which land in the statuses below.
import type { IncidentStatus } from "@/generated/prisma/enums";

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  NEW: "New",
  ASSIGNED: "Assigned",
  IN_PROGRESS: "In Progress",
  PENDING: "Pending",
  RESOLVED: "Resolved",
  CLOSED: "Closed",
  REOPENED: "Reopened",
};

export const OPEN_STATUSES: readonly IncidentStatus[] = ["NEW", "ASSIGNED", "IN_PROGRESS", "PENDING", "REOPENED"];

/** Service Desk status changes: from -> allowed targets. CLOSED from an open status means "not an Incident" (AG 2.5.8). */
export const DESK_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  NEW: ["ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED", "CLOSED"],
  ASSIGNED: ["IN_PROGRESS", "PENDING", "RESOLVED", "CLOSED"],
  IN_PROGRESS: ["ASSIGNED", "PENDING", "RESOLVED", "CLOSED"],
  PENDING: ["ASSIGNED", "IN_PROGRESS", "RESOLVED", "CLOSED"],
  REOPENED: ["ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED", "CLOSED"],
  RESOLVED: ["CLOSED", "IN_PROGRESS"],
  CLOSED: [],
};

export function canMove(from: IncidentStatus, to: IncidentStatus): boolean {
  return DESK_TRANSITIONS[from].includes(to);
}

/** The resolver groups of the DCC Service Desk (the seed names none: "the DCC" or an Incident Party, 2.5.2). */
export const RESOLVER_GROUPS = ["Service Desk", "SM WAN", "DSP Operations", "SMKI and Security", "Communications Hubs", "Registration Data"] as const;
