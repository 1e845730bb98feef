// Two independent timers per incident (peers.md §2.3): initial response and resolution, each with a derived state.
import type { Incident } from "@/generated/prisma/client";
import { now } from "@/lib/clock";
import { atRiskWithinMs, type Category } from "./categories";
import { OPEN_STATUSES } from "./status-machine";

export type SlaState = "ON_TRACK" | "AT_RISK" | "BREACHED" | "MET" | "PAUSED";

export const SLA_LABELS: Record<SlaState, string> = {
  ON_TRACK: "On track",
  AT_RISK: "At risk",
  BREACHED: "Breached",
  MET: "Met",
  PAUSED: "Paused",
};

type Timed = Pick<Incident, "category" | "createdAt" | "responseDueAt" | "resolutionDueAt" | "respondedAt" | "resolvedAt" | "pausedSince" | "closureReason" | "status">;

function timerState(due: Date, doneAt: Date | null, at: Date, atRiskMs: number): SlaState {
  if (doneAt) return doneAt <= due ? "MET" : "BREACHED";
  if (at > due) return "BREACHED";
  return due.getTime() - at.getTime() < atRiskMs ? "AT_RISK" : "ON_TRACK";
}

/** While paused, the due time moves on with the clock: report the time it would be due if resumed now. */
export function effectiveResolutionDueAt(incident: Pick<Incident, "resolutionDueAt" | "pausedSince">, at = now()): Date {
  return incident.pausedSince ? new Date(incident.resolutionDueAt.getTime() + (at.getTime() - incident.pausedSince.getTime())) : incident.resolutionDueAt;
}

export function slaOf(incident: Timed, at = now()) {
  const category = incident.category as Category;
  const responseWindow = incident.responseDueAt.getTime() - incident.createdAt.getTime();
  // Closed as "not an Incident" (AG 2.5.8): no target applies, so neither timer can breach (scenario 32).
  const notAnIncident = incident.status === "CLOSED" && !incident.resolvedAt;
  const response = notAnIncident ? "MET" : timerState(incident.responseDueAt, incident.respondedAt, at, responseWindow / 4);
  const resolutionDueAt = effectiveResolutionDueAt(incident, at);
  const resolution: SlaState = notAnIncident
    ? "MET"
    : incident.pausedSince
      ? "PAUSED"
      : timerState(resolutionDueAt, incident.resolvedAt, at, atRiskWithinMs(category));
  return { response, resolution, resolutionDueAt, remainingMs: resolutionDueAt.getTime() - at.getTime() };
}

export type SlaTimer = "response" | "resolution";

/**
 * The one timer that matters now, for lists that show a single SLA indicator per incident: the response timer until
 * the Service Desk has responded (overdue included), then the resolution timer. `running` is false once the incident is
 * resolved or closed (the state is then the outcome, Met or Breached) and while the resolution clock is paused.
 */
export function currentSla(incident: Timed, at = now()) {
  const sla = slaOf(incident, at);
  const open = OPEN_STATUSES.includes(incident.status);
  if (open && !incident.respondedAt) {
    const window = incident.responseDueAt.getTime() - incident.createdAt.getTime();
    return {
      timer: "response" as SlaTimer,
      state: sla.response,
      dueAt: incident.responseDueAt,
      remainingMs: incident.responseDueAt.getTime() - at.getTime(),
      atRiskMs: window / 4,
      running: true,
    };
  }
  return {
    timer: "resolution" as SlaTimer,
    state: sla.resolution,
    dueAt: sla.resolutionDueAt,
    remainingMs: sla.remainingMs,
    atRiskMs: atRiskWithinMs(incident.category as Category),
    running: open && sla.resolution !== "PAUSED",
  };
}
