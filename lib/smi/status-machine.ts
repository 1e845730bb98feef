// The SMI Status machine as data (spec/inventory.md §2.3). Every operation that changes an SMI Status finds its
// entry here and records the entry's id in the status history; the device simulator adds its triggers (whitelist,
// join, commission) by using the entries already listed for them.
import type { DeviceType, SmiStatus } from "@/generated/prisma/enums";

export const SMART_METERS: readonly DeviceType[] = ["ESME", "GSME"];
export const TYPE_1: readonly DeviceType[] = ["PPMID", "HCALCS"];
export const TYPE_2: readonly DeviceType[] = ["IHD", "CAD"];
export const COMMS_HUB: readonly DeviceType[] = ["CHF", "GPF"];
const METERS_AND_TYPE_1: readonly DeviceType[] = [...SMART_METERS, ...TYPE_1];
const WITH_STATUS: readonly DeviceType[] = [...METERS_AND_TYPE_1, ...COMMS_HUB];

export const STATUS_LABELS: Record<SmiStatus, string> = {
  PENDING: "Pending",
  WHITELISTED: "Whitelisted",
  INSTALLED_NOT_COMMISSIONED: "Installed not Commissioned",
  COMMISSIONED: "Commissioned",
  DECOMMISSIONED: "Decommissioned",
  WITHDRAWN: "Withdrawn",
  SUSPENDED: "Suspended",
  RECOVERY: "Recovery",
  RECOVERED: "Recovered",
};

export const DEVICE_TYPE_LABELS: Record<DeviceType, string> = {
  ESME: "ESME (Electricity Smart Meter)",
  GSME: "GSME (Gas Smart Meter)",
  CHF: "CHF (Communications Hub Function)",
  GPF: "GPF (Gas Proxy Function)",
  PPMID: "PPMID (Prepayment Meter Interface Device)",
  HCALCS: "HCALCS (HAN Connected Auxiliary Load Control Switch)",
  IHD: "IHD (In Home Display)",
  CAD: "CAD (Consumer Access Device)",
};

/** Which statuses a device type can hold at all (Table 2, L565-580). Type 2 devices hold none. */
export const STATUSES_FOR_TYPE: Record<DeviceType, readonly SmiStatus[]> = {
  ESME: ["PENDING", "WHITELISTED", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "DECOMMISSIONED", "SUSPENDED", "RECOVERY", "RECOVERED"],
  GSME: ["PENDING", "WHITELISTED", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "DECOMMISSIONED", "SUSPENDED", "RECOVERY", "RECOVERED"],
  HCALCS: ["PENDING", "WHITELISTED", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "DECOMMISSIONED", "SUSPENDED", "RECOVERY", "RECOVERED"],
  PPMID: ["PENDING", "WHITELISTED", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "DECOMMISSIONED", "SUSPENDED"],
  CHF: ["PENDING", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "DECOMMISSIONED", "WITHDRAWN", "SUSPENDED", "RECOVERY", "RECOVERED"],
  GPF: ["PENDING", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "DECOMMISSIONED", "SUSPENDED", "RECOVERY", "RECOVERED"],
  IHD: [],
  CAD: [],
};

/** What causes a transition. SR triggers are sent by Users; the rest are DCC events. */
export type Trigger =
  | "SR 12.2 Device Pre-Notification"
  | "DCC: CH added to the SMI"
  | "SR 8.11 CCS01 response"
  | "CS14 second alert within the join timeout"
  | "SR 8.4 Update Inventory (status)"
  | "DCC: first authenticated WAN contact"
  | "SR 8.1.1 Commission Device"
  | "SR 8.7 Join Service"
  | "CPL: model removed"
  | "CPL: model current again"
  | "SR 8.3 Decommission Device"
  | "DCC: Pending for 12 months";

/** Who may cause it: any DCC User, the Responsible Supplier (Import or Gas Supplier), or the DCC itself. */
export type Initiator = "ANY_USER" | "RESPONSIBLE_SUPPLIER" | "DCC";

/** The status the device held before suspension, restored on unsuspend (T17). */
export const PRIOR_STATUS = "status before suspension";
/** The status of the partner Meter or GPF the device joined (T14, AC 4.7). */
export const PARTNER_STATUS = "partner's status";
/** The record leaves the SMI (T22, T23). */
export const REMOVED = "removed from the SMI";

export interface Transition {
  id: string;
  trigger: Trigger;
  /** null: the device is not in the SMI yet. */
  from: readonly (SmiStatus | null)[];
  to: SmiStatus | typeof PRIOR_STATUS | typeof PARTNER_STATUS | typeof REMOVED;
  deviceTypes: readonly DeviceType[];
  initiator: Initiator;
  /** The GPF moves with its CHF in these CH status functions (T9, T11). */
  gpf?: { from: SmiStatus; to: SmiStatus };
  /** Spec lines, for the reader. */
  seed: string;
}

const ANY_ACTIVE: readonly SmiStatus[] = ["PENDING", "WHITELISTED", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "WITHDRAWN", "RECOVERY", "RECOVERED"];

export const TRANSITIONS: readonly Transition[] = [
  { id: "T1", trigger: "SR 12.2 Device Pre-Notification", from: [null], to: "PENDING", deviceTypes: METERS_AND_TYPE_1, initiator: "ANY_USER", seed: "L584-597" },
  { id: "T2", trigger: "DCC: CH added to the SMI", from: [null], to: "PENDING", deviceTypes: COMMS_HUB, initiator: "DCC", seed: "L584, L639-640" },
  { id: "T3", trigger: "SR 8.11 CCS01 response", from: ["PENDING"], to: "WHITELISTED", deviceTypes: METERS_AND_TYPE_1, initiator: "DCC", seed: "L1048-1058" },
  { id: "T4", trigger: "CS14 second alert within the join timeout", from: ["WHITELISTED"], to: "INSTALLED_NOT_COMMISSIONED", deviceTypes: METERS_AND_TYPE_1, initiator: "DCC", seed: "L1063-1074" },
  { id: "T5", trigger: "SR 8.4 Update Inventory (status)", from: ["PENDING"], to: "INSTALLED_NOT_COMMISSIONED", deviceTypes: METERS_AND_TYPE_1, initiator: "RESPONSIBLE_SUPPLIER", seed: "L699-708" },
  { id: "T6", trigger: "SR 8.4 Update Inventory (status)", from: ["WHITELISTED"], to: "PENDING", deviceTypes: METERS_AND_TYPE_1, initiator: "RESPONSIBLE_SUPPLIER", seed: "L709" },
  // Re-use after decommissioning goes through SR 8.3 then a new SR 12.2, never Update Inventory (L3720-3724).
  { id: "T7b", trigger: "SR 12.2 Device Pre-Notification", from: ["DECOMMISSIONED"], to: "PENDING", deviceTypes: METERS_AND_TYPE_1, initiator: "ANY_USER", seed: "L3720-3724" },
  { id: "T7", trigger: "SR 8.4 Update Inventory (status)", from: ["WITHDRAWN"], to: "PENDING", deviceTypes: ["CHF"], initiator: "RESPONSIBLE_SUPPLIER", seed: "L654 (A8)" },
  { id: "T8", trigger: "DCC: first authenticated WAN contact", from: ["PENDING", "INSTALLED_NOT_COMMISSIONED"], to: "COMMISSIONED", deviceTypes: ["CHF"], initiator: "DCC", seed: "L1019-1024" },
  { id: "T9", trigger: "SR 8.4 Update Inventory (status)", from: ["PENDING"], to: "INSTALLED_NOT_COMMISSIONED", deviceTypes: ["CHF"], initiator: "RESPONSIBLE_SUPPLIER", gpf: { from: "PENDING", to: "INSTALLED_NOT_COMMISSIONED" }, seed: "L715-718" },
  { id: "T10", trigger: "SR 8.4 Update Inventory (status)", from: ["INSTALLED_NOT_COMMISSIONED"], to: "COMMISSIONED", deviceTypes: ["CHF"], initiator: "RESPONSIBLE_SUPPLIER", seed: "L719-720" },
  { id: "T11", trigger: "SR 8.4 Update Inventory (status)", from: ["PENDING"], to: "COMMISSIONED", deviceTypes: ["CHF"], initiator: "RESPONSIBLE_SUPPLIER", gpf: { from: "PENDING", to: "INSTALLED_NOT_COMMISSIONED" }, seed: "L721-723" },
  { id: "T12", trigger: "SR 8.4 Update Inventory (status)", from: ["COMMISSIONED"], to: "WITHDRAWN", deviceTypes: ["CHF"], initiator: "RESPONSIBLE_SUPPLIER", seed: "L724-729" },
  { id: "T13", trigger: "SR 8.1.1 Commission Device", from: ["PENDING", "WHITELISTED", "INSTALLED_NOT_COMMISSIONED"], to: "COMMISSIONED", deviceTypes: SMART_METERS, initiator: "RESPONSIBLE_SUPPLIER", seed: "L1085-1096" },
  { id: "T14", trigger: "SR 8.7 Join Service", from: ["PENDING", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED"], to: PARTNER_STATUS, deviceTypes: [...TYPE_1, "GPF"], initiator: "RESPONSIBLE_SUPPLIER", seed: "L1304-1315" },
  // A1: the BAD commissions the GPF in Install & Leave with SR 8.4; we allow it on an INC GPF.
  { id: "T15", trigger: "SR 8.4 Update Inventory (status)", from: ["INSTALLED_NOT_COMMISSIONED"], to: "COMMISSIONED", deviceTypes: ["GPF"], initiator: "RESPONSIBLE_SUPPLIER", seed: "L1526-1530 (A1)" },
  { id: "T16", trigger: "CPL: model removed", from: ANY_ACTIVE, to: "SUSPENDED", deviceTypes: WITH_STATUS, initiator: "DCC", seed: "L841-851" },
  { id: "T17", trigger: "CPL: model current again", from: ["SUSPENDED"], to: PRIOR_STATUS, deviceTypes: WITH_STATUS, initiator: "DCC", seed: "L853-857" },
  { id: "T21", trigger: "SR 8.3 Decommission Device", from: ["WHITELISTED", "INSTALLED_NOT_COMMISSIONED", "COMMISSIONED", "SUSPENDED", "RECOVERY", "RECOVERED"], to: "DECOMMISSIONED", deviceTypes: [...METERS_AND_TYPE_1, "CHF"], initiator: "RESPONSIBLE_SUPPLIER", seed: "L580, L3616-3628" },
  { id: "T22", trigger: "DCC: Pending for 12 months", from: ["PENDING"], to: REMOVED, deviceTypes: METERS_AND_TYPE_1, initiator: "DCC", seed: "L599, L646 (A6: CHF/GPF do not expire)" },
];

/** The transition for this trigger, device type and move, or undefined when the table has none. */
export function findTransition(trigger: Trigger, deviceType: DeviceType, from: SmiStatus | null, to?: SmiStatus): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.trigger === trigger && t.deviceTypes.includes(deviceType) && t.from.includes(from) && (to === undefined || t.to === to),
  );
}

/** Target statuses SR 8.4's status function offers for a device in this status. */
export function statusFunctionTargets(deviceType: DeviceType, from: SmiStatus): SmiStatus[] {
  return TRANSITIONS.filter((t) => t.trigger === "SR 8.4 Update Inventory (status)" && t.deviceTypes.includes(deviceType) && t.from.includes(from)).map(
    (t) => t.to as SmiStatus,
  );
}

/** While Recovered, SR 8.4 is validated as if the device held its status from before Recovery (L655). */
export function statusForValidation(device: { status: SmiStatus | null; statusBeforeRecovery: SmiStatus | null }): SmiStatus | null {
  return device.status === "RECOVERED" && device.statusBeforeRecovery ? device.statusBeforeRecovery : device.status;
}
