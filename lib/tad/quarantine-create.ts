// Quarantining the communications an ADT breach holds (processing.md §1.8, §6.4): each gets a QuarantineItem with its
// 120-hour download window and purge date, joins its User's TAD incident for the threshold it broke (a DCC-ADT breach:
// each affected User's own), and the User's contacts are emailed at once. The pipeline stores the Service Request as
// QUARANTINED in the same transaction and sends nothing.
import { addDays, addHours } from "date-fns";
import type { TadBreach } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import type { TadBreachFound } from "./evaluate";
import { quarantineIncident } from "./incidents";
import { ARCHIVE_DAYS, DOWNLOAD_HOURS } from "./quarantine-status";

export interface Held {
  serviceRequestId: string;
  requestId: string;
  partyId: string;
  srv: string;
  deviceId: string | null;
  /** When the communication was received (the SPC's receipt for a Critical one). */
  at: Date;
  found: TadBreachFound;
}

/** Quarantines a batch's breached communications: one incident change and one email per (User, threshold). */
export async function quarantineCommunications(tx: Tx, held: Held[]): Promise<void> {
  const groups = new Map<string, Held[]>();
  for (const h of held) {
    const key = `${h.partyId}|${h.found.thresholdId}`;
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  for (const items of groups.values()) {
    const { partyId, found } = items[0];
    const incident = await quarantineIncident(tx, {
      partyId,
      thresholdId: found.thresholdId,
      threshold: found.threshold,
      dcc: found.breach !== "USER",
      items: items.map((h) => ({ requestId: h.requestId, srv: h.srv, deviceId: h.deviceId, at: h.at })),
    });
    await tx.quarantineItem.createMany({
      data: items.map((h) => {
        const downloadUntil = addHours(h.at, DOWNLOAD_HOURS);
        return {
          serviceRequestId: h.serviceRequestId,
          partyId,
          srv: h.srv,
          deviceId: h.deviceId,
          breach: h.found.breach satisfies TadBreach,
          thresholdId: h.found.thresholdId,
          incidentId: incident.id,
          status: "QUARANTINED" as const,
          quarantinedAt: h.at,
          downloadUntil,
          purgeAt: addDays(downloadUntil, ARCHIVE_DAYS),
        };
      }),
    });
  }
}
