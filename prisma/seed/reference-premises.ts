// The DUIS reference test premises (issue 11 item 8): the devices the RTDS request templates address, written from
// the one definition that `npm run duis -- reset` restores (lib/duis/reference-premises.ts). Always seeded, whatever
// --devices says; after the inventory, whose CPL it uses (and adds the entries the templates name). Its identifiers never meet generated ones: generated Device
// IDs start with a manufacturer prefix of ID_PREFIX (none 00DB12); generated MPxNs carry a valid check digit, which the
// reference data's fail, and A6's MPAN (ours) has a 10-digit body below the generated range (from 1,000,000,000).
import type { PrismaClient } from "@/generated/prisma/client";
import { REFERENCE_PREMISES, writeReferencePremises } from "@/lib/duis/reference-premises";

export async function seedReferencePremises(db: PrismaClient): Promise<Record<string, number>> {
  const devices = await db.$transaction((tx) => writeReferencePremises(tx));
  return { devices, "meter points": REFERENCE_PREMISES.meterPoints.length, "CPL models": REFERENCE_PREMISES.cpl.length };
}
