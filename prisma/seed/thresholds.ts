// Demo Anomaly Detection Thresholds (issue 13): every supplier's User Roles meet the DCC guidance (an ADT on each
// mandatory SRV, SEC G6.3) at levels the normal-day traffic never reaches; Brightwater's Disable Supply (7.2) is low
// enough that the simulator's compromised-supplier scenario (600 in ten minutes) is quarantined after its 50th; the
// DUIS reference supplier's is 20 per hour (its 21st Signed Pre-Command is quarantined). The DCC's aggregate ADTs sit
// far above anything the demo sends, so the User's threshold is always the one that bites.
import type { PrismaClient, UserRole } from "@/generated/prisma/client";
import { srvEntry } from "@/lib/duis/catalogue";
import { REFERENCE_EUI } from "@/lib/duis/reference-premises";
import { mandatorySrvs } from "@/lib/tad/adt-file-format";
import { applyThresholdSet, type ThresholdRow } from "@/lib/tad/thresholds";

const HOUR = 60;
/** Per User Role and hour: Critical commands, and encrypted-response reads (busier by nature). */
const CRITICAL_PER_HOUR = 2_000;
const READS_PER_HOUR = 20_000;
/** The demo's tight ones, on Disable Supply. */
export const DEMO_DISABLE_SUPPLY_ADT: Record<string, { adt: number; warning?: number }> = {
  "Brightwater Energy": { adt: 50, warning: 20 },
  [REFERENCE_EUI.supplier]: { adt: 20 },
};
/** The DCC's aggregate ADT per Critical SRV and hour. */
const DCC_PER_HOUR = 100_000;

const SUPPLIER_ROLES: readonly UserRole[] = ["IS", "ES", "GS"];

function rowsFor(role: UserRole, disableSupply: { adt: number; warning?: number } | undefined): ThresholdRow[] {
  const rows: ThresholdRow[] = [];
  for (const srv of mandatorySrvs(role)) {
    const tight = srv === "7.2" ? disableSupply : undefined;
    rows.push({ srv, kind: "ADT", maxCount: tight?.adt ?? (srvEntry(srv)!.critical ? CRITICAL_PER_HOUR : READS_PER_HOUR), periodMinutes: HOUR });
    if (tight?.warning !== undefined) rows.push({ srv, kind: "WARNING", maxCount: tight.warning, periodMinutes: HOUR });
  }
  return rows;
}

export async function seedThresholds(db: PrismaClient): Promise<Record<string, number>> {
  const suppliers = await db.party.findMany({ where: { isDcc: false, roles: { hasSome: [...SUPPLIER_ROLES] } }, select: { id: true, name: true, eui64: true, roles: true }, orderBy: { name: "asc" } });
  let sets = 0;
  let thresholds = 0;
  await db.$transaction(
    async (tx) => {
      for (const party of suppliers) {
        const disableSupply = DEMO_DISABLE_SUPPLY_ADT[party.name] ?? DEMO_DISABLE_SUPPLY_ADT[party.eui64];
        for (const role of party.roles.filter((r) => SUPPLIER_ROLES.includes(r))) {
          const rows = rowsFor(role, disableSupply);
          await applyThresholdSet(tx, null, { partyId: party.id, userRole: role, rows });
          sets += 1;
          thresholds += rows.length;
        }
      }
      const dccRows = [...new Set(SUPPLIER_ROLES.flatMap(mandatorySrvs))].filter((srv) => srvEntry(srv)!.critical).map((srv): ThresholdRow => ({ srv, kind: "ADT", maxCount: DCC_PER_HOUR, periodMinutes: HOUR }));
      await applyThresholdSet(tx, null, { partyId: null, userRole: null, rows: dccRows });
      sets += 1;
      thresholds += dccRows.length;
    },
    { timeout: 60_000 },
  );
  return { "threshold sets": sets, thresholds };
}
