// Registration Data as it bears on devices: which MPxNs a device serves and who is registered for them now.
// The Responsible Supplier of a device is derived from here (inventory.md §1.2), never stored on the device.
import type { DeviceType, Fuel } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";

export interface DeviceRegistration {
  deviceId: string;
  mpxn: string;
  fuel: Fuel;
  supplierId: string;
  networkOperatorId: string;
  agentId: string | null;
  effectiveFrom: Date;
}

/**
 * Current registrations behind each device: a meter's own MPxNs; for other devices, the meters Associated to them
 * (either way) or, failing that, the meters on the same CHF. A GPF serves gas only (an electricity supplier is not
 * responsible for it); a CHF serves both fuels. `at`: the instant the registrations hold (AB 6.1(f): execution time).
 */
export async function registrationsOf(tx: Tx | Db, deviceIds: string[], at: Date = now()): Promise<Map<string, DeviceRegistration[]>> {
  const result = new Map<string, DeviceRegistration[]>(deviceIds.map((id) => [id, []]));
  if (!deviceIds.length) return result;
  const rows = await tx.$queryRaw<(DeviceRegistration & { deviceType: DeviceType })[]>`
    WITH target AS (
      SELECT d.id, d."deviceType" FROM "Device" d WHERE d.id = ANY(${deviceIds}::text[])
    ), neighbour AS (
      SELECT a."deviceId" AS id, a."associatedDeviceId" AS other FROM "DeviceAssociation" a WHERE a."deviceId" = ANY(${deviceIds}::text[])
      UNION
      SELECT a."associatedDeviceId", a."deviceId" FROM "DeviceAssociation" a WHERE a."associatedDeviceId" = ANY(${deviceIds}::text[])
    ), direct_meter AS (
      SELECT t.id, t.id AS meter FROM target t WHERE t."deviceType" IN ('ESME', 'GSME')
      UNION
      SELECT n.id, n.other FROM neighbour n JOIN "Device" m ON m.id = n.other AND m."deviceType" IN ('ESME', 'GSME')
    ), via_hub AS (
      SELECT n.id, hub_neighbour.other AS meter
      FROM neighbour n
      JOIN "Device" hub ON hub.id = n.other AND hub."deviceType" = 'CHF'
      JOIN LATERAL (
        SELECT a."deviceId" AS other FROM "DeviceAssociation" a WHERE a."associatedDeviceId" = hub.id
        UNION SELECT a."associatedDeviceId" FROM "DeviceAssociation" a WHERE a."deviceId" = hub.id
      ) hub_neighbour ON true
      JOIN "Device" m ON m.id = hub_neighbour.other AND m."deviceType" IN ('ESME', 'GSME')
      WHERE NOT EXISTS (SELECT 1 FROM direct_meter dm WHERE dm.id = n.id)
    ), device_meter AS (
      SELECT * FROM direct_meter UNION SELECT * FROM via_hub
    )
    SELECT t.id AS "deviceId", t."deviceType", mp.mpxn, mp.fuel, r."supplierId", r."networkOperatorId", r."agentId", r."effectiveFrom"
    FROM target t
    JOIN device_meter dm ON dm.id = t.id
    JOIN "DeviceMeterPoint" dmp ON dmp."deviceId" = dm.meter
    JOIN "MeterPoint" mp ON mp.mpxn = dmp.mpxn
    JOIN LATERAL (
      SELECT * FROM "RegistrationRecord" r
      WHERE r.mpxn = mp.mpxn AND r."effectiveFrom" <= ${at} AND (r."effectiveTo" IS NULL OR r."effectiveTo" > ${at})
      ORDER BY r."effectiveFrom" DESC LIMIT 1
    ) r ON true`;
  for (const { deviceType, ...row } of rows) {
    if (deviceType === "GPF" && row.fuel !== "GAS") continue;
    result.get(row.deviceId)!.push(row);
  }
  return result;
}

/** Current registration of one MPxN, or null. */
export async function currentRegistration(tx: Tx | Db, mpxn: string) {
  const at = now();
  return tx.registrationRecord.findFirst({
    where: { mpxn, effectiveFrom: { lte: at }, OR: [{ effectiveTo: null }, { effectiveTo: { gt: at } }] },
    orderBy: { effectiveFrom: "desc" },
  });
}
