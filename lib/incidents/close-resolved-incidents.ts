// Background job: a Resolved incident nobody disputed closes 3 Working Days after resolution (AG 2.12.6(b)).
import { addWorkingDays, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { ChangedMeanwhile, guardedUpdate } from "@/lib/state/transition";
import { DISPUTE_WORKING_DAYS } from "./categories";
import { emailIncidentParties, logIncidentChange } from "./incident-log";

export async function closeResolvedIncidents(): Promise<{ closed: number }> {
  const at = now();
  const candidates = await db().incident.findMany({ where: { status: "RESOLVED", resolvedAt: { not: null } }, select: { id: true, resolvedAt: true } });
  const due = candidates.filter((c) => addWorkingDays(c.resolvedAt!, DISPUTE_WORKING_DAYS) <= at);
  let closed = 0;
  for (const { id } of due) {
    const closing = db().$transaction(async (tx) => {
      // Re-checked inside the transaction: a dispute (or a new resolution) may have arrived since the scan.
      const incident = await tx.incident.findUniqueOrThrow({ where: { id } });
      if (incident.status !== "RESOLVED" || !incident.resolvedAt || addWorkingDays(incident.resolvedAt, DISPUTE_WORKING_DAYS) > at) return 0;
      await guardedUpdate(tx, "incident", incident.ref, incident, { status: "CLOSED", closedAt: at });
      await logIncidentChange(tx, null, incident, "incident.auto-close", {
        kind: "auto-close",
        changes: [{ field: "status", from: "RESOLVED", to: "CLOSED" }],
        text: "No dispute within 3 Working Days of resolution.",
      });
      await emailIncidentParties(tx, id, "incident.closed", () => "closed", "Your incident was closed: nobody disputed the resolution within 3 Working Days.");
      return 1;
    });
    // A change that won the race (a dispute) keeps the incident open; the next run looks again.
    closed += await closing.catch((error: unknown) => {
      if (error instanceof ChangedMeanwhile) return 0;
      throw error;
    });
  }
  return { closed };
}
