// Daily housekeeping (T22): a Smart Meter or Type 1 device still Pending after 12 months leaves the SMI, and N8 goes
// to the User that pre-notified it. CHF/GPF do not expire (A6: the BAD's narrower rule, L599).
import { subMonths } from "date-fns";
import { raiseDccAlerts } from "@/lib/alerts/dcc-alerts";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { TRANSITIONS } from "./status-machine";

const T22 = TRANSITIONS.find((t) => t.id === "T22")!;

export async function expirePendingDevices(): Promise<{ removed: number }> {
  const cutoff = subMonths(now(), 12);
  return db().$transaction(async (tx) => {
    // Locked as they are chosen: a device that leaves Pending meanwhile (SR 8.4, a new pre-notification) is not removed.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Device"
      WHERE status = 'PENDING' AND "deviceType"::text = ANY(${[...T22.deviceTypes]}::text[]) AND "pendingSince" <= ${cutoff}
      FOR UPDATE`;
    const expired = await tx.device.findMany({
      where: { id: { in: locked.map((d) => d.id) } },
      select: { id: true, deviceType: true, pendingSince: true, preNotifiedById: true, preNotifiedByPartyId: true },
    });
    if (!expired.length) return { removed: 0 };
    await tx.device.deleteMany({ where: { id: { in: expired.map((d) => d.id) } } });
    await raiseDccAlerts(
      tx,
      expired
        .filter((d) => d.preNotifiedByPartyId)
        .map((d) => ({
          code: "N8" as const,
          deviceId: d.id,
          partyId: d.preNotifiedByPartyId!,
          recipientAccountId: d.preNotifiedById,
          message: `${d.deviceType} ${formatEui64(d.id)} was removed from the SMI: it had been Pending for 12 months.`,
        })),
    );
    for (const d of expired) {
      await audit(tx, null, { action: "device.pending-expired", entityType: "Device", entityId: d.id, partyId: d.preNotifiedByPartyId, before: d });
    }
    return { removed: expired.length };
  });
}
