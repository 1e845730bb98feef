import { deliverDueEmails } from "@/lib/notifications/sender";
import { closeResolvedIncidents } from "@/lib/incidents/close-resolved-incidents";
import { deemMissingForecasts } from "@/lib/orders/forecasts";
import { expirePendingDevices } from "@/lib/smi/expire-pending-devices";
import type { Job } from "./scheduler";

/** The jobs the portal server runs. Later features register theirs here. */
export const PORTAL_JOBS: Job[] = [
  { name: "outbox-sender", everyMs: 5_000, run: deliverDueEmails },
  // The seed's housekeeping is daily; running it hourly keeps a restarted server from missing a day, and it is idempotent.
  { name: "smi-pending-expiry", everyMs: 60 * 60_000, run: expirePendingDevices },
  { name: "incident-auto-close", everyMs: 5 * 60_000, run: closeResolvedIncidents },
  // Deemed forecasts (F5.6) once the monthly deadline has passed; idempotent, so hourly is safe.
  { name: "ch-deemed-forecasts", everyMs: 60 * 60_000, run: deemMissingForecasts },
];
