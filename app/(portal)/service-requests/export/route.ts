import { routeWithActor } from "@/lib/auth/session";
import { londonDate, now } from "@/lib/clock";
import { csvResponse } from "@/lib/csv";
import { srvEntry } from "@/lib/duis/catalogue";
import { serviceRequestsForExport, type ServiceRequestListRow } from "@/lib/duis/read-service-requests";
import { KIND_LABELS, STATUS_LABELS } from "@/lib/duis/service-request-labels";
import { formatEui64 } from "@/lib/identifiers";

const iso = (at: Date | null) => (at ? at.toISOString() : "");

/** The whole filtered Service Request list as CSV, streamed in batches from the list's own query. */
export const GET = routeWithActor(async (actor, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  delete params.page;
  const rows = serviceRequestsForExport(actor, params);
  // Pull the first batch now so a refusal (no permission) becomes an HTTP error, not a broken download.
  const first = await rows.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  return csvResponse<ServiceRequestListRow>(
    `service-requests-${londonDate(now())}.csv`,
    [
      { header: "received_at", value: (r) => iso(r.receivedAt) },
      { header: "request_id", value: (r) => r.requestId },
      { header: "srv", value: (r) => r.srv },
      { header: "srv_name", value: (r) => srvEntry(r.srv)?.name },
      { header: "kind", value: (r) => KIND_LABELS[r.kind] },
      { header: "command_variant", value: (r) => r.commandVariant },
      { header: "device_id", value: (r) => (r.deviceId ? formatEui64(r.deviceId) : "") },
      { header: "party", value: (r) => r.party.name },
      { header: "status", value: (r) => STATUS_LABELS[r.status] },
      { header: "response_code", value: (r) => r.responseCode },
      { header: "execute_at", value: (r) => iso(r.executeAt) },
    ],
    all(),
  );
});
