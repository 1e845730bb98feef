import { auditEventsForExport } from "@/lib/audit-trail/read-audit-events";
import { routeWithActor } from "@/lib/auth/session";
import { londonDate, now } from "@/lib/clock";
import { csvResponse } from "@/lib/csv";

export const GET = routeWithActor(async (actor, request) => {
  const filters = Object.fromEntries(new URL(request.url).searchParams);
  delete filters.page;
  const rows = auditEventsForExport(actor, filters);
  // Pull the first batch now so a refusal (bad filter, no permission) becomes an HTTP error, not a broken download.
  const first = await rows.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  return csvResponse(`audit-${londonDate(now())}.csv`, [
    { header: "time_utc", value: (e) => e.at.toISOString() },
    { header: "action", value: (e) => e.action },
    { header: "entity_type", value: (e) => e.entityType },
    { header: "entity_id", value: (e) => e.entityId },
    { header: "actor", value: (e) => e.actor?.email ?? "system" },
    { header: "party", value: (e) => e.party?.name ?? "DCC internal" },
    { header: "request_id", value: (e) => e.requestId ?? "" },
    { header: "before", value: (e) => (e.before === null ? "" : JSON.stringify(e.before)) },
    { header: "after", value: (e) => (e.after === null ? "" : JSON.stringify(e.after)) },
  ], all());
});
