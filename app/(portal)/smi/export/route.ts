import { routeWithActor } from "@/lib/auth/session";
import { londonDate, now } from "@/lib/clock";
import { csvResponse } from "@/lib/csv";
import { formatEui64 } from "@/lib/identifiers";
import { searchDevicesForExport } from "@/lib/smi/search-devices";
import { STATUS_LABELS } from "@/lib/smi/status-machine";

/** The whole result of an SMI search as CSV, streamed in batches. */
export const GET = routeWithActor(async (actor, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  delete params.page;
  const rows = searchDevicesForExport(actor, params);
  // Pull the first batch now so a refusal (invalid key, no permission) becomes an HTTP error, not a broken download.
  const first = await rows.next();
  async function* all() {
    if (!first.done) yield first.value;
    yield* rows;
  }
  return csvResponse(`smi-devices-${londonDate(now())}.csv`, [
    { header: "device_id", value: (d) => formatEui64(d.id) },
    { header: "device_type", value: (d) => d.deviceType },
    { header: "smi_status", value: (d) => (d.status ? STATUS_LABELS[d.status] : "") },
    { header: "manufacturer", value: (d) => d.manufacturer },
    { header: "model", value: (d) => d.modelName },
    { header: "cpl_status", value: (d) => d.cplStatus?.toLowerCase() },
    { header: "mpxn", value: (d) => d.mpxn },
    { header: "address", value: (d) => d.addressLine },
    { header: "postcode", value: (d) => d.postcode },
    { header: "csp_region", value: (d) => d.cspRegion },
  ], all());
});
