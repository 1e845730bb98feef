// Status, category and SLA badges shared by every incident page (server-safe).
import type { IncidentStatus } from "@/generated/prisma/enums";
import { Badge } from "@/components/ui/card";
import { Countdown } from "./queue-countdown";
import { CATEGORY_DEFINITIONS, type Category } from "@/lib/incidents/categories";
import { formatLondon } from "@/lib/clock";
import { SLA_LABELS, currentSla, slaOf, type SlaState } from "@/lib/incidents/sla";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";

type Tone = "slate" | "green" | "red" | "amber" | "blue";

const STATUS_TONES: Record<IncidentStatus, Tone> = {
  NEW: "blue",
  ASSIGNED: "blue",
  IN_PROGRESS: "blue",
  PENDING: "amber",
  RESOLVED: "green",
  CLOSED: "slate",
  REOPENED: "amber",
};

const SLA_TONES: Record<SlaState, Tone> = { ON_TRACK: "green", AT_RISK: "amber", BREACHED: "red", MET: "green", PAUSED: "slate" };

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span data-testid="incident-status">
      <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>
    </span>
  );
}

export function CategoryBadge({ category }: { category: number }) {
  const definition = CATEGORY_DEFINITIONS[category as Category];
  return (
    <span title={definition?.meaning} data-testid="incident-category">
      <Badge tone={category <= 2 ? "red" : category === 3 ? "amber" : "slate"}>Cat {category}</Badge>
    </span>
  );
}

export function SlaBadge({ state, label }: { state: SlaState; label?: string }) {
  return (
    <span data-testid="sla-state">
      <Badge tone={SLA_TONES[state]}>{label ? `${label}: ${SLA_LABELS[state]}` : SLA_LABELS[state]}</Badge>
    </span>
  );
}

/**
 * One SLA indicator for a list row: a live countdown to the target that matters now (the response until there is
 * one, marked "Response"; then the resolution), "Paused" while the resolution clock is stopped, or the outcome once
 * resolved or closed.
 */
export function CurrentSla({ incident, at }: { incident: Parameters<typeof slaOf>[0]; at: Date }) {
  const sla = currentSla(incident, at);
  const timer = sla.timer === "response" ? "Response" : "Resolution";
  if (!sla.running && sla.state !== "PAUSED") return <SlaBadge state={sla.state} label={timer} />;
  return (
    <span className="inline-flex items-baseline gap-1.5 whitespace-nowrap" data-testid="current-sla" data-timer={sla.timer}>
      {sla.timer === "response" ? <span className="rounded bg-brand-100 px-1 text-xs font-medium text-brand-900">Response</span> : null}
      <Countdown
        dueAt={sla.dueAt.getTime()}
        remainingMs={sla.remainingMs}
        serverNow={at.getTime()}
        atRiskMs={sla.atRiskMs}
        paused={sla.state === "PAUSED"}
        dueLabel={formatLondon(sla.dueAt)}
        timer={timer}
      />
    </span>
  );
}
