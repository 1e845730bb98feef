// Who the traffic generator sends to and as whom: meters found from a draw's key (the first fitting meter at or after
// it, by Device ID, wrapping round), each with its Registration Data now. An index seek per key, so a tick's look-ups
// cost the same on 20,000 devices as on a million.
import { Prisma } from "@/generated/prisma/client";
import type { Fuel, SmiStatus } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";

export interface Sender {
  id: string;
  eui64: string;
}

export interface Meter {
  id: string;
  deviceType: "ESME" | "GSME";
  modelId: string | null;
  firmwareVersion: string | null;
  mpxn: string;
  fuel: Fuel;
  supplier: Sender;
  networkOperator: Sender;
  /** The Commissioned CHF the pool asked for (associated, or at the same site). */
  chfId: string | null;
}

export interface MeterPool {
  statuses: SmiStatus[];
  /** Only meters with a Commissioned CHF: Associated to them, or at their site (same UPRN) for a meter not yet joined. */
  hub?: "associated" | "site";
  supplierId?: string;
  fuel?: Fuel;
  /** Meters per key (consecutive by Device ID), for choices among neighbours. */
  perKey?: number;
}

const FIRST_ID = "0000000000000000";
/** Meters past a key a filtered pool (one supplier's, those by a live hub) looks through before it gives up. */
const CANDIDATES_FILTERED = 200;

type Row = Omit<Meter, "supplier" | "networkOperator"> & { n: bigint | number; supplierId: string; supplierEui: string; operatorId: string; operatorEui: string };

async function seek(keys: string[], pool: MeterPool): Promise<Row[]> {
  const at = now();
  const hub =
    pool.hub === "associated"
      ? Prisma.sql`JOIN LATERAL (SELECT h.id FROM "DeviceAssociation" a JOIN "Device" h ON h.id = a."associatedDeviceId" AND h."deviceType" = 'CHF' AND h.status = 'COMMISSIONED'
          WHERE a."deviceId" = d.id LIMIT 1) hub ON true`
      : pool.hub === "site"
        ? Prisma.sql`JOIN LATERAL (SELECT h.id FROM "MeterPoint" site JOIN "DeviceMeterPoint" sdmp ON sdmp.mpxn = site.mpxn
          JOIN "DeviceAssociation" a ON a."deviceId" = sdmp."deviceId" JOIN "Device" h ON h.id = a."associatedDeviceId" AND h."deviceType" = 'CHF' AND h.status = 'COMMISSIONED'
          WHERE site.mpxn = mp.mpxn OR site.uprn = mp.uprn LIMIT 1) hub ON true`
        : Prisma.sql`LEFT JOIN LATERAL (SELECT NULL::text AS id) hub ON true`;
  const supplier = pool.supplierId ? Prisma.sql`AND r."supplierId" = ${pool.supplierId}` : Prisma.empty;
  const fuel = pool.fuel ? Prisma.sql`AND mp.fuel::text = ${pool.fuel}` : Prisma.empty;
  // Candidates first, by Device ID from the key (an index range scan), then their facts: joined in one query, the
  // planner would read every meter past the key and sort them.
  const scan = pool.supplierId || pool.hub ? CANDIDATES_FILTERED : (pool.perKey ?? 1) + 4;
  return db().$queryRaw<Row[]>`
    SELECT k.n, m.* FROM unnest(${keys}::text[]) WITH ORDINALITY AS k(key, n)
    CROSS JOIN LATERAL (
      SELECT d.id, d."deviceType"::text AS "deviceType", d."modelId", d."firmwareVersion", mp.mpxn, mp.fuel::text AS fuel, hub.id AS "chfId",
        sp.id AS "supplierId", sp.eui64 AS "supplierEui", op.id AS "operatorId", op.eui64 AS "operatorEui"
      FROM (
        SELECT c.id, c."deviceType", c."modelId", c."firmwareVersion" FROM "Device" c
        WHERE c.id >= k.key AND c."deviceType" IN ('ESME', 'GSME') AND c.status = ANY(${pool.statuses}::"SmiStatus"[])
        ORDER BY c.id LIMIT ${scan}
      ) d
      JOIN "DeviceMeterPoint" dmp ON dmp."deviceId" = d.id AND dmp.role = 'PRIMARY'
      JOIN "MeterPoint" mp ON mp.mpxn = dmp.mpxn
      JOIN LATERAL (
        SELECT r."supplierId", r."networkOperatorId" FROM "RegistrationRecord" r
        WHERE r.mpxn = mp.mpxn AND r."effectiveFrom" <= ${at} AND (r."effectiveTo" IS NULL OR r."effectiveTo" > ${at})
        ORDER BY r."effectiveFrom" DESC LIMIT 1
      ) r ON true
      JOIN "Party" sp ON sp.id = r."supplierId"
      JOIN "Party" op ON op.id = r."networkOperatorId"
      ${hub}
      WHERE true ${supplier} ${fuel}
      ORDER BY d.id
      LIMIT ${pool.perKey ?? 1}
    ) m
    ORDER BY k.n, m.id`;
}

const toMeter = ({ n: _n, supplierId, supplierEui, operatorId, operatorEui, ...meter }: Row): Meter => ({
  ...meter,
  supplier: { id: supplierId, eui64: supplierEui },
  networkOperator: { id: operatorId, eui64: operatorEui },
});

/** For each key, up to `perKey` meters of the pool from it on; a key past the last one wraps to the first. Empty: none fit. */
export async function metersAt(keys: string[], pool: MeterPool): Promise<Meter[][]> {
  if (!keys.length) return [];
  const found: Meter[][] = keys.map(() => []);
  for (const row of await seek(keys, pool)) found[Number(row.n) - 1].push(toMeter(row));
  const past = found.flatMap((meters, i) => (meters.length ? [] : [i]));
  if (past.length) {
    const wrapped = await seek(past.map(() => FIRST_ID), pool);
    for (const row of wrapped) found[past[Number(row.n) - 1]].push(toMeter(row));
  }
  return found;
}

/** The firmware campaign's meters: Commissioned ESMEs of the model the supplier is registered for, by Device ID. */
export async function campaignMeters(params: { partyId: string; modelId: string }, offset: number, limit: number): Promise<string[]> {
  const at = now();
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT d.id FROM "Device" d
    JOIN "DeviceMeterPoint" dmp ON dmp."deviceId" = d.id AND dmp.role = 'PRIMARY'
    JOIN LATERAL (
      SELECT r."supplierId" FROM "RegistrationRecord" r
      WHERE r.mpxn = dmp.mpxn AND r."effectiveFrom" <= ${at} AND (r."effectiveTo" IS NULL OR r."effectiveTo" > ${at})
      ORDER BY r."effectiveFrom" DESC LIMIT 1
    ) r ON true
    WHERE d."modelId" = ${params.modelId} AND d."deviceType" = 'ESME' AND d.status = 'COMMISSIONED' AND r."supplierId" = ${params.partyId}
    ORDER BY d.id OFFSET ${offset} LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

/** The supplier registered for the most Commissioned meters now (the compromised-supplier scenario's default). */
export async function busiestSupplier(): Promise<string | null> {
  const at = now();
  const [row] = await db().$queryRaw<{ supplierId: string }[]>`
    SELECT r."supplierId" FROM "RegistrationRecord" r
    JOIN "DeviceMeterPoint" dmp ON dmp.mpxn = r.mpxn
    JOIN "Device" d ON d.id = dmp."deviceId" AND d.status = 'COMMISSIONED' AND d."deviceType" IN ('ESME', 'GSME')
    WHERE r."effectiveFrom" <= ${at} AND (r."effectiveTo" IS NULL OR r."effectiveTo" > ${at})
    GROUP BY r."supplierId" ORDER BY count(*) DESC, r."supplierId" LIMIT 1`;
  return row?.supplierId ?? null;
}

/** The (supplier, ESME model) pair with the most Commissioned ESMEs (the firmware campaign's default). */
export async function largestFleet(partyId?: string): Promise<{ partyId: string; modelId: string } | null> {
  const at = now();
  const party = partyId ? Prisma.sql`AND r."supplierId" = ${partyId}` : Prisma.empty;
  const [row] = await db().$queryRaw<{ partyId: string; modelId: string }[]>`
    SELECT r."supplierId" AS "partyId", d."modelId" FROM "Device" d
    JOIN "DeviceMeterPoint" dmp ON dmp."deviceId" = d.id AND dmp.role = 'PRIMARY'
    JOIN "RegistrationRecord" r ON r.mpxn = dmp.mpxn AND r."effectiveFrom" <= ${at} AND (r."effectiveTo" IS NULL OR r."effectiveTo" > ${at})
    WHERE d."deviceType" = 'ESME' AND d.status = 'COMMISSIONED' AND d."modelId" IS NOT NULL ${party}
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`;
  return row ?? null;
}

/** The current CH model with the fewest Commissioned CHFs, at least one (the recall scenario's default: the smallest blast). */
export async function smallestChModel(): Promise<string | null> {
  const [row] = await db().$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "DeviceModel" m JOIN "Device" d ON d."modelId" = m.id AND d."deviceType" = 'CHF' AND d.status = 'COMMISSIONED'
    WHERE m."deviceType" = 'CH' AND m.status = 'CURRENT'
    GROUP BY m.id ORDER BY count(*), m.id LIMIT 1`;
  return row?.id ?? null;
}

/** For each key, the first CHF or GPF of the model at or after it (wrapping), Suspended by the recall. */
export async function recalledHubsAt(keys: string[], modelId: string): Promise<({ id: string; deviceType: "CHF" | "GPF" } | null)[]> {
  const seekFrom = (from: string[]) => db().$queryRaw<{ n: bigint | number; id: string; deviceType: "CHF" | "GPF" }[]>`
    SELECT k.n, h.* FROM unnest(${from}::text[]) WITH ORDINALITY AS k(key, n)
    CROSS JOIN LATERAL (
      SELECT d.id, d."deviceType"::text AS "deviceType" FROM "Device" d
      WHERE d.id >= k.key AND d."modelId" = ${modelId} AND d."deviceType" IN ('CHF', 'GPF') AND d.status = 'SUSPENDED'
      ORDER BY d.id LIMIT 1
    ) h`;
  const found: ({ id: string; deviceType: "CHF" | "GPF" } | null)[] = keys.map(() => null);
  for (const { n, ...hub } of await seekFrom(keys)) found[Number(n) - 1] = hub;
  const past = found.flatMap((hub, i) => (hub ? [] : [i]));
  if (past.length) for (const { n, ...hub } of await seekFrom(past.map(() => FIRST_ID))) found[past[Number(n) - 1]] = hub;
  return found;
}
