// What a return is made of (plain data, safe for pages and tests): the F9.5 return reasons, the DUIS fault return
// types of SRV 8.14.3, the published DCC Returns Locations (F8.8: at most two per Region) and the seed's deadlines.
import type { ChReturnKind, CspRegion } from "@/generated/prisma/enums";

export interface ReturnReason {
  code: string;
  label: string;
  /** The CH Status Update that notifies it: SRV 8.14.3 (fault) or 8.14.4 (no fault), CHIMSM 9.4-9.8. */
  kind: ChReturnKind;
}

/** F9.5 (a)-(i): the reason sets the responsibility category and so the Charges (F9.4). */
export const RETURN_REASONS: readonly ReturnReason[] = [
  { code: "a", label: "CHF Withdrawn from a Non-Domestic Premises", kind: "NO_FAULT" },
  { code: "b", label: "Special Second-Fuel Installation", kind: "NO_FAULT" },
  { code: "c", label: "Special WAN-Variant Installation", kind: "NO_FAULT" },
  { code: "d", label: "Loss, damage or destruction while the party carried the risk", kind: "FAULT" },
  { code: "e", label: "Any other return", kind: "NO_FAULT" },
  { code: "f", label: "CH Defect", kind: "FAULT" },
  { code: "g", label: "Loss or damage caused by a DCC breach", kind: "FAULT" },
  { code: "h", label: "Rejected on delivery (F6.10)", kind: "FAULT" },
  { code: "i", label: "Returned at the DCC's request (Product Recall or Technology Refresh)", kind: "FAULT" },
];

export const returnReason = (code: string | null | undefined) => RETURN_REASONS.find((r) => r.code === code);
export const reasonLabel = (code: string | null | undefined) => (code ? `(${code}) ${returnReason(code)?.label ?? "unknown"}` : "—");

/** SRV 8.14.3 carries a fault return type (CHIMSM 9.4-9.5; a missing Recovery certificate is a "CH Defect"). */
export const FAULT_TYPES = ["CH Defect", "Physical damage", "Fault procedure (CHIMSM 8.8)"] as const;

export const RETURN_KIND_LABELS: Record<ChReturnKind, string> = {
  FAULT: "SRV 8.14.3 CH Status Update – Fault Return",
  NO_FAULT: "SRV 8.14.4 CH Status Update – No Fault Return",
};
export const SRV_OF_KIND: Record<ChReturnKind, string> = { FAULT: "SRV 8.14.3", NO_FAULT: "SRV 8.14.4" };

export interface ReturnsLocation {
  code: string;
  name: string;
  region: CspRegion;
  address: string;
  operatingHours: string;
}

/** Published DCC Returns Locations (F8.8); each accepts every CH model of its Region. */
export const RETURNS_LOCATIONS: readonly ReturnsLocation[] = [
  { code: "RL-N1", name: "DCC Returns Centre Glasgow", region: "NORTH", address: "Unit 4, Hillington Park, Glasgow G52 4JX", operatingHours: "Mon-Fri 08:00-16:00" },
  { code: "RL-N2", name: "DCC Returns Centre Newcastle", region: "NORTH", address: "Team Valley Trading Estate, Gateshead NE11 0NQ", operatingHours: "Mon-Fri 08:00-16:00" },
  { code: "RL-C1", name: "DCC Returns Centre Birmingham", region: "CENTRAL", address: "Unit 12, Hams Hall, Coleshill B46 1AL", operatingHours: "Mon-Fri 07:00-15:00" },
  { code: "RL-C2", name: "DCC Returns Centre Warrington", region: "CENTRAL", address: "Birchwood Park, Warrington WA3 6AE", operatingHours: "Mon-Fri 08:00-16:00" },
  { code: "RL-S1", name: "DCC Returns Centre Reading", region: "SOUTH", address: "Green Park, Reading RG2 6GP", operatingHours: "Mon-Fri 08:00-16:00" },
  { code: "RL-S2", name: "DCC Returns Centre Avonmouth", region: "SOUTH", address: "Central Park, Avonmouth BS11 8AS", operatingHours: "Mon-Fri 07:00-15:00" },
];
export const returnsLocation = (code: string | null | undefined) => RETURNS_LOCATIONS.find((l) => l.code === code);

/** Delivery timeslots the DCC books returns into. */
export const RETURN_TIMESLOTS = ["08:00-10:00", "10:00-12:00", "12:00-14:00", "14:00-16:00"] as const;

/** The seed's numbers (service.md §8). */
export const RETURN_RULES = {
  /** SRV 8.14.3 / 8.14.4 within 5 Working Days of removal (CHIMSM 9.3). */
  notifyWorkingDays: 5,
  /** Returned within 90 days of removal, else lost or stolen and blocked from the SM WAN (F8.6, 10.11). */
  returnDays: 90,
  /** The preferred Return Date is a Working Day at least 5 Working Days after the RMA request (10.6). */
  rmaLeadWorkingDays: 5,
  /** The DCC's notice that it will diagnose, within 10 days of the return (F9.9-F9.10). */
  diagnosisNoticeDays: 10,
  /** The Fault Analysis Report within 35 days of that notice (F9.11-F9.12). */
  reportDays: 35,
  /** The party may object within 35 days of the report (F9.13). */
  objectionDays: 35,
} as const;
