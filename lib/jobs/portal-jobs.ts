import { deliverDueEmails } from "@/lib/notifications/sender";
import { closeResolvedIncidents } from "@/lib/incidents/close-resolved-incidents";
import { deemDeliveriesCompliant } from "@/lib/orders/consignments";
import { cancelUnconfirmedDeemedOrders, deemMandatoryOrders } from "@/lib/orders/deemed-orders";
import { deemMissingForecasts } from "@/lib/orders/forecasts";
import { applyReturnDeadlines } from "@/lib/returns/diagnosis";
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
  // Mandatory orders (F5.13) after the same deadline, and deemed orders never confirmed (CHHSM 3.9).
  { name: "ch-deemed-orders", everyMs: 60 * 60_000, run: deemMandatoryOrders },
  { name: "ch-deemed-order-cancellation", everyMs: 60 * 60_000, run: cancelUnconfirmedDeemedOrders },
  // Deliveries not confirmed in 5 Working Days are deemed compliant (F6.8).
  { name: "ch-deliveries-deemed-compliant", everyMs: 15 * 60_000, run: deemDeliveriesCompliant },
  // Returns: diagnosis deadlines (F9.10-F9.13) and the 90-day lost rule (F8.6).
  { name: "ch-return-deadlines", everyMs: 60 * 60_000, run: applyReturnDeadlines },
];
