import { routeWithActor } from "@/lib/auth/session";
import { londonDate, now } from "@/lib/clock";
import { csvResponse } from "@/lib/csv";
import { incidentsForExport, type IncidentListRow } from "@/lib/incidents/read-incidents";
import { SLA_LABELS, slaOf } from "@/lib/incidents/sla";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";

const iso = (at: Date | null) => (at ? at.toISOString() : "");

/** The whole filtered incident list (the queue, or a party's incidents) as CSV, streamed in batches. */
export const GET = routeWithActor(async (actor, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  delete params.page;
  const rows = incidentsForExport(actor, params);
  // Pull the first batch now so a refusal (no permission) becomes an HTTP error, not a broken download.
  const first = await rows.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  const at = now();
  return csvResponse<IncidentListRow>(
    `incidents-${londonDate(at)}.csv`,
    [
      { header: "ref", value: (i) => i.ref },
      { header: "category", value: (i) => i.category },
      { header: "status", value: (i) => STATUS_LABELS[i.status] },
      { header: "summary", value: (i) => i.summary },
      { header: "raised_by", value: (i) => i.raisedByParty.name },
      { header: "resolver_group", value: (i) => i.resolverGroup },
      { header: "assignee", value: (i) => i.assignee?.name },
      { header: "pending_with", value: (i) => i.pendingWithParty?.name },
      { header: "major", value: (i) => (i.isMajor ? "yes" : "no") },
      { header: "created_at", value: (i) => iso(i.createdAt) },
      { header: "response_due_at", value: (i) => iso(i.responseDueAt) },
      { header: "responded_at", value: (i) => iso(i.respondedAt) },
      { header: "response_sla", value: (i) => SLA_LABELS[slaOf(i, at).response] },
      { header: "resolution_due_at", value: (i) => iso(slaOf(i, at).resolutionDueAt) },
      { header: "resolved_at", value: (i) => iso(i.resolvedAt) },
      { header: "resolution_sla", value: (i) => SLA_LABELS[slaOf(i, at).resolution] },
    ],
    all(),
  );
});
