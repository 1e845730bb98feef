// What can be ordered (D7: carton, pallet and minimum delivery are configuration per CH variant, shown to users) and
// the HAN Variants forecasts are split by. The seed leaves the numbers to CHHSM Annex B; these are our defaults.
import type { CspRegion } from "@/generated/prisma/enums";

export const REGIONS: readonly CspRegion[] = ["NORTH", "CENTRAL", "SOUTH"];
export const REGION_LABELS: Record<CspRegion, string> = { NORTH: "North", CENTRAL: "Central", SOUTH: "South" };

export const HAN_VARIANTS = ["SINGLE_BAND", "DUAL_BAND"] as const;
export type HanVariant = (typeof HAN_VARIANTS)[number];
export const HAN_VARIANT_LABELS: Record<HanVariant, string> = { SINGLE_BAND: "2.4 GHz single band", DUAL_BAND: "Dual band (2.4 GHz + Sub-GHz)" };

export interface ChVariant {
  code: string;
  name: string;
  region: CspRegion;
  hanVariant: HanVariant;
  mesh: boolean;
  cartonQuantity: number;
  palletQuantity: number;
  /** The least a delivery of this variant may hold, when it holds any (F5.12). */
  minimumDelivery: number;
}

const variant = (code: string, name: string, region: CspRegion, hanVariant: HanVariant, mesh = false): ChVariant => ({
  code,
  name,
  region,
  hanVariant,
  mesh,
  cartonQuantity: 10,
  palletQuantity: 200,
  minimumDelivery: 10,
});

export const CH_VARIANTS: readonly ChVariant[] = [
  variant("CH-N-SB", "North cellular CH, single band", "NORTH", "SINGLE_BAND"),
  variant("CH-N-DB", "North cellular CH, dual band", "NORTH", "DUAL_BAND"),
  variant("CH-C-SB", "Central CH, single band", "CENTRAL", "SINGLE_BAND"),
  variant("CH-C-DB", "Central CH, dual band", "CENTRAL", "DUAL_BAND"),
  variant("CH-C-MESH", "Central mesh CH (SIMCH)", "CENTRAL", "SINGLE_BAND", true),
  variant("CH-S-SB", "South CH, single band", "SOUTH", "SINGLE_BAND"),
  variant("CH-S-DB", "South CH, dual band", "SOUTH", "DUAL_BAND"),
  variant("CH-S-MESH", "South mesh CH (SIMCH)", "SOUTH", "SINGLE_BAND", true),
];

/** Auxiliary equipment is ordered only alongside hubs (CHHSM 3.12). */
export const AUXILIARY_ITEMS = [
  { code: "AUX-AERIAL-T1", name: "External aerial, type 1" },
  { code: "AUX-AERIAL-T2", name: "External aerial, type 2" },
  { code: "AUX-HOTSHOE", name: "Hot shoe (gas-only sites)" },
] as const;

/** Mesh CHs above this share of a Central or South order may be queried by the DCC (CHHSM 3.11). */
export const MESH_SHARE_LIMIT = 0.1;
export const MAX_LOCATIONS_PER_ORDER = 2;

export const variantByCode = (code: string) => CH_VARIANTS.find((v) => v.code === code);
/** The CHs among some lines, auxiliary equipment left out. */
export const hubCount = (lines: { itemCode: string; quantity: number }[]) => lines.filter((l) => variantByCode(l.itemCode)).reduce((sum, l) => sum + l.quantity, 0);
export const auxiliaryByCode = (code: string) => AUXILIARY_ITEMS.find((a) => a.code === code);
