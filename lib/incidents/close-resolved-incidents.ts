// Background job: a Resolved incident nobody disputed closes 3 Working Days after resolution (AG 2.12.6(b)).
import { addWorkingDays, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { DISPUTE_WORKING_DAYS } from "./categories";
import { emailIncidentParties, logIncidentChange } from "./incident-log";

export async function closeResolvedIncidents(): Promise<{ closed: number }> {
  const at = now();
  const candidates = await db().incident.findMany({ where: { status: "RESOLVED", resolvedAt: { not: null } }, select: { id: true, resolvedAt: true } });
  const due = candidates.filter((c) => addWorkingDays(c.resolvedAt!, DISPUTE_WORKING_DAYS) <= at);
  let closed = 0;
  for (const { id } of due) {
    closed += await db().$transaction(async (tx) => {
      // Re-checked inside the transaction: a dispute may have arrived since the scan.
      const { count } = await tx.incident.updateMany({ where: { id, status: "RESOLVED" }, data: { status: "CLOSED", closedAt: at } });
      if (!count) return 0;
      const incident = await tx.incident.findUniqueOrThrow({ where: { id } });
      await logIncidentChange(tx, null, incident, "incident.auto-close", {
        kind: "auto-close",
        changes: [{ field: "status", from: "RESOLVED", to: "CLOSED" }],
        text: "No dispute within 3 Working Days of resolution.",
      });
      await emailIncidentParties(tx, id, "incident.closed", () => "closed", "Your incident was closed: nobody disputed the resolution within 3 Working Days.");
      return 1;
    });
  }
  return { closed };
}
