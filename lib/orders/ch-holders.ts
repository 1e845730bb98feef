// Which party holds each delivered CH (lib/returns/holding.ts checks it). The DCC's stock is the CHFs in the SMI that
// nobody holds, never installed and at no premises (no meter or HAN device Associated); a delivered consignment takes
// CHFs of its order's Region from it, each with its GPF, up to the hubs it carries (the SMI does not record a HAN
// Variant per device), and units the party reports missing or rejects go back to stock.
import type { CspRegion } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { hubCount } from "./catalog";

/**
 * Allocates stock CHs to the consignment's party, each CHF with its GPF (a CH is both); returns how many CHs (fewer
 * than carried when stock runs short).
 */
export async function allocateDeliveredHubs(tx: Tx, consignment: { id: string; order: { partyId: string; region: CspRegion }; lines: { itemCode: string; quantity: number }[] }): Promise<number> {
  const units = hubCount(consignment.lines);
  if (!units) return 0;
  const at = now();
  // FOR UPDATE: a delivery at the same moment never takes the same CHFs; SKIP LOCKED: it takes others without waiting.
  const [{ hubs }] = await tx.$queryRaw<{ hubs: number }[]>`
    WITH stock AS (
      SELECT c.id FROM "Device" c
      WHERE c."deviceType" = 'CHF' AND c.status = 'PENDING' AND c."chHolderPartyId" IS NULL AND c."commissionedAt" IS NULL AND c."wanBlockedAt" IS NULL
        AND c."cspRegion" = ${consignment.order.region}::"CspRegion"
        AND NOT EXISTS (
          SELECT 1 FROM "DeviceAssociation" a JOIN "Device" d ON d.id = a."deviceId"
          WHERE a."associatedDeviceId" = c.id AND d."deviceType" <> 'GPF')
      ORDER BY c.id LIMIT ${units} FOR UPDATE OF c SKIP LOCKED),
    chfs AS (
      UPDATE "Device" SET "chHolderPartyId" = ${consignment.order.partyId}, "chConsignmentId" = ${consignment.id}, version = version + 1, "updatedAt" = ${at}
      WHERE id IN (SELECT id FROM stock) RETURNING id),
    gpfs AS (
      UPDATE "Device" g SET "chHolderPartyId" = ${consignment.order.partyId}, "chConsignmentId" = ${consignment.id}, version = g.version + 1, "updatedAt" = ${at}
      FROM "DeviceAssociation" a
      WHERE a."deviceId" = g.id AND g."deviceType" = 'GPF' AND a."associatedDeviceId" IN (SELECT id FROM chfs) RETURNING g.id)
    SELECT count(*)::int AS hubs FROM chfs`;
  return hubs;
}

/** CHs reported missing or rejected at confirmation go back to stock with their GPFs (those still Pending, i.e. not installed). */
export async function releaseUndeliveredHubs(tx: Tx, consignmentId: string, units: number): Promise<number> {
  if (units <= 0) return 0;
  const at = now();
  const [{ hubs }] = await tx.$queryRaw<{ hubs: number }[]>`
    WITH returned AS (
      SELECT id FROM "Device" WHERE "chConsignmentId" = ${consignmentId} AND "deviceType" = 'CHF' AND status = 'PENDING' ORDER BY id DESC LIMIT ${units} FOR UPDATE),
    chfs AS (
      UPDATE "Device" SET "chHolderPartyId" = NULL, "chConsignmentId" = NULL, version = version + 1, "updatedAt" = ${at}
      WHERE id IN (SELECT id FROM returned) RETURNING id),
    gpfs AS (
      UPDATE "Device" g SET "chHolderPartyId" = NULL, "chConsignmentId" = NULL, version = g.version + 1, "updatedAt" = ${at}
      FROM "DeviceAssociation" a
      WHERE a."deviceId" = g.id AND g."deviceType" = 'GPF' AND g."chConsignmentId" = ${consignmentId} AND a."associatedDeviceId" IN (SELECT id FROM chfs) RETURNING g.id)
    SELECT count(*)::int AS hubs FROM chfs`;
  return hubs;
}
