// Test fixture: quarantined Service Requests, their QuarantineItems and the User's TAD incident, as the pipeline's
// quarantine leaves them (a 7.2 Disable Supply Signed Pre-Command held by an ADT breach, never sent).
import type { Party } from "@/generated/prisma/client";
import type { DccAdvice, TadBreach } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { requestXml } from "@/lib/duis/testing/gateway-fixtures";
import { formatEui64 } from "@/lib/identifiers";
import { makeIncidentRow } from "@/lib/testing/incident-fixtures";
import { newDeviceId } from "@/lib/testing/smi-fixtures";
import { ARCHIVE_DAYS, DOWNLOAD_HOURS } from "./quarantine-status";

const HOUR = 3_600_000;
let counter = 1_000_000;

export interface QuarantineOptions {
  count?: number;
  breach?: TadBreach;
  dccAdvice?: DccAdvice | null;
  quarantinedAt?: Date;
  /** Append to this incident instead of raising one. */
  incidentId?: string;
  deviceId?: string;
}

/** `count` quarantined 7.2 requests of `party` on one incident. */
export async function quarantineBatch(party: Pick<Party, "id" | "eui64">, opts: QuarantineOptions = {}) {
  const quarantinedAt = opts.quarantinedAt ?? now();
  const incidentId = opts.incidentId ?? (await makeIncidentRow({ raisedByPartyId: party.id, category: 2, createdAt: quarantinedAt, summary: "TAD: ADT exceeded on SRV 7.2" })).id;
  if (!opts.incidentId) await db().incident.update({ where: { id: incidentId }, data: { tad: "QUARANTINE" } });
  const deviceId = opts.deviceId ?? newDeviceId();
  const items = [];
  for (let i = 0; i < (opts.count ?? 1); i++) {
    const xml = requestXml({ from: party, to: deviceId, srv: "7.2", body: "<sr:DisableSupply/>", commandVariant: 5, counter: String(counter++) });
    const sr = await db().serviceRequest.create({
      data: {
        requestId: /<sr:RequestID>([^<]+)</.exec(xml)![1],
        originatorEui: party.eui64,
        targetEui: deviceId,
        partyId: party.id,
        srv: "7.2",
        commandVariant: 5,
        kind: "CRITICAL",
        status: "QUARANTINED",
        responseCode: "I99",
        deviceId,
        checks: [],
        requestXml: xml,
        spcXml: xml,
        spcReceivedAt: quarantinedAt,
        receivedAt: quarantinedAt,
      },
    });
    items.push(
      await db().quarantineItem.create({
        data: {
          serviceRequestId: sr.id,
          partyId: party.id,
          srv: "7.2",
          deviceId,
          breach: opts.breach ?? "USER",
          incidentId,
          status: "QUARANTINED",
          dccAdvice: opts.dccAdvice ?? null,
          quarantinedAt,
          downloadUntil: new Date(quarantinedAt.getTime() + DOWNLOAD_HOURS * HOUR),
          purgeAt: new Date(quarantinedAt.getTime() + (DOWNLOAD_HOURS + ARCHIVE_DAYS * 24) * HOUR),
        },
        include: { serviceRequest: { select: { requestId: true } } },
      }),
    );
  }
  return { incidentId, deviceId: formatEui64(deviceId), items };
}

/** The Device Command jobs queued for these requests (one per Command sent). */
export async function commandJobsFor(serviceRequestIds: string[]): Promise<number> {
  const rows = await db().$queryRaw<{ data: { serviceRequestId: string } }[]>`SELECT data FROM pgboss.job WHERE name = 'duis-device-command'`;
  return rows.filter((r) => serviceRequestIds.includes(r.data.serviceRequestId)).length;
}
