// Which party holds each delivered CH (lib/returns/holding.ts checks it). The DCC's stock is the CHFs in the SMI that
// nobody holds and that were never installed; a delivered consignment takes CHFs of its order's Region from it, up to
// the hubs it carries (the SMI does not record a HAN Variant per device), and units the party reports missing or
// rejects go back to stock.
import type { CspRegion } from "@/generated/prisma/enums";
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";
import { hubCount } from "./catalog";

/** Allocates stock CHFs to the consignment's party; returns how many (fewer than carried when stock runs short). */
export async function allocateDeliveredHubs(tx: Tx, consignment: { id: string; order: { partyId: string; region: CspRegion }; lines: { itemCode: string; quantity: number }[] }): Promise<number> {
  const units = hubCount(consignment.lines);
  if (!units) return 0;
  // FOR UPDATE: a delivery at the same moment never takes the same CHFs; SKIP LOCKED: it takes others without waiting.
  return tx.$executeRaw`
    UPDATE "Device" SET "chHolderPartyId" = ${consignment.order.partyId}, "chConsignmentId" = ${consignment.id}, version = version + 1, "updatedAt" = ${now()}
    WHERE id IN (
      SELECT id FROM "Device"
      WHERE "deviceType" = 'CHF' AND status = 'PENDING' AND "chHolderPartyId" IS NULL AND "commissionedAt" IS NULL AND "wanBlockedAt" IS NULL
        AND "cspRegion" = ${consignment.order.region}::"CspRegion"
      ORDER BY id LIMIT ${units} FOR UPDATE SKIP LOCKED)`;
}

/** Units reported missing or rejected at confirmation go back to stock (those still Pending, i.e. not installed). */
export async function releaseUndeliveredHubs(tx: Tx, consignmentId: string, units: number): Promise<number> {
  if (units <= 0) return 0;
  return tx.$executeRaw`
    UPDATE "Device" SET "chHolderPartyId" = NULL, "chConsignmentId" = NULL, version = version + 1, "updatedAt" = ${now()}
    WHERE id IN (SELECT id FROM "Device" WHERE "chConsignmentId" = ${consignmentId} AND status = 'PENDING' ORDER BY id DESC LIMIT ${units} FOR UPDATE)`;
}
