import { runDueSchedules } from "@/lib/duis/dcc-schedules";
import { DUIS_QUEUES, purgeOldServiceRequests } from "@/lib/duis/duis-jobs";
import { purgeFormSubmissions } from "@/lib/idempotency";
import { deliverDueEmails } from "@/lib/notifications/sender";
import { closeResolvedIncidents } from "@/lib/incidents/close-resolved-incidents";
import { deemDeliveriesCompliant } from "@/lib/orders/consignments";
import { cancelUnconfirmedDeemedOrders, deemMandatoryOrders } from "@/lib/orders/deemed-orders";
import { deemMissingForecasts } from "@/lib/orders/forecasts";
import { applyReturnDeadlines } from "@/lib/returns/diagnosis";
import { tickTraffic } from "@/lib/simulator/traffic";
import { reportTadWarnings } from "@/lib/tad/incidents";
import { expirePendingDevices } from "@/lib/smi/expire-pending-devices";
import { archiveQuarantine } from "@/lib/tad/archive";
import type { Job, WorkQueue } from "./queue";

const HOURLY = "0 * * * *";

/** The jobs the portal's workers run (lib/jobs/queue.ts). Later features register theirs here. */
export const PORTAL_JOBS: Job[] = [
  // Every 5 s between the per-minute occurrences; a run covers everything due. A short timeout: a run cut off by a
  // restart holds the queue (one run at a time) until it times out, and its emails are claimed for 10 minutes anyway.
  { name: "outbox-sender", cron: "* * * * *", againAfterSeconds: 5, timeoutSeconds: 2 * 60, run: deliverDueEmails },
  // The seed's housekeeping is daily; hourly keeps a missed day from waiting a day, and it is idempotent.
  { name: "smi-pending-expiry", cron: HOURLY, timeoutSeconds: 15 * 60, run: expirePendingDevices },
  { name: "incident-auto-close", cron: "*/5 * * * *", timeoutSeconds: 5 * 60, run: closeResolvedIncidents },
  // Deemed forecasts (F5.6) once the monthly deadline has passed; idempotent, so hourly is safe.
  { name: "ch-deemed-forecasts", cron: HOURLY, timeoutSeconds: 15 * 60, run: deemMissingForecasts },
  // Mandatory orders (F5.13) after the same deadline, and deemed orders never confirmed (CHHSM 3.9).
  { name: "ch-deemed-orders", cron: HOURLY, timeoutSeconds: 15 * 60, run: deemMandatoryOrders },
  { name: "ch-deemed-order-cancellation", cron: HOURLY, timeoutSeconds: 15 * 60, run: cancelUnconfirmedDeemedOrders },
  // Deliveries not confirmed in 5 Working Days are deemed compliant (F6.8).
  { name: "ch-deliveries-deemed-compliant", cron: "*/15 * * * *", timeoutSeconds: 15 * 60, run: deemDeliveriesCompliant },
  // Returns: diagnosis deadlines (F9.10-F9.13) and the 90-day lost rule (F8.6).
  { name: "ch-return-deadlines", cron: HOURLY, timeoutSeconds: 15 * 60, run: applyReturnDeadlines },
  // Idempotency keys of create forms are only needed for a few seconds; keep a month, then forget them.
  { name: "form-key-purge", cron: "30 3 * * *", timeoutSeconds: 15 * 60, run: purgeFormSubmissions },
  // DCC Schedules (SRV 5.1): every minute, each due occurrence once.
  { name: "duis-dcc-schedules", cron: "* * * * *", timeoutSeconds: 5 * 60, run: runDueSchedules },
  // The SSI keeps a User's DUIS messages for 3 months (L6036); hourly keeps each purge small.
  { name: "duis-purge", cron: "45 * * * *", timeoutSeconds: 30 * 60, run: purgeOldServiceRequests },
  // TAD quarantine: archived at 120 hours, purged 30 days later (P1). Decisions judge expiry themselves (P2), so a
  // run a few minutes late releases nothing it should not.
  { name: "tad-quarantine-archive", cron: "*/5 * * * *", timeoutSeconds: 15 * 60, run: archiveQuarantine },
  // Warning Threshold breaches, batched into one warning incident per User with an email (P4: hourly).
  { name: "tad-warnings", cron: "15 * * * *", timeoutSeconds: 15 * 60, run: reportTadWarnings },
  // The simulator's traffic runs: every second, each sends what its rate owes since its last tick (one worker claims
  // each second, guarded by the run's version). The minute's cron restarts the chain if a run of it was lost.
  { name: "simulator-traffic", cron: "* * * * *", againAfterSeconds: 1, timeoutSeconds: 2 * 60, run: tickTraffic },
];

/** The queues of work items (one job per item) the portal's workers take: the DUIS gateway's asynchronous half. */
export const PORTAL_WORK_QUEUES: WorkQueue[] = DUIS_QUEUES;
