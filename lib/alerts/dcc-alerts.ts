// DCC Alerts (N-codes, spec/inventory.md §8) are rows addressed to a party; the Alerts view reads them.
import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";

export const DCC_ALERT_NAMES = {
  N1: "ESME decommissioned",
  N2: "GSME decommissioned",
  N6: "DCC Schedules removed - device decommissioned",
  N33: "Future-dated requests cancelled - device decommissioned",
  N8: "Device removed from Inventory - Pending Status expired",
  N9: "Communications Hub decommissioned",
  N16: "Device Identity Confirmation",
  N28: "Device Suspended",
  N29: "Device Restored from Suspension",
  // Raised by the devices' side (the device simulator, issue 12; device-ops.md §2.3, processing.md §5.3):
  AD1: "Power Outage Event",
  N3: "Future-dated (DSP) requests cancelled - Change of Tenancy",
  N4: "DCC Schedules removed - Change of Tenancy",
  N10: "Future-dated (Device) Command: no response from the device",
  N11: "DCC Scheduled / future-dated (DSP) Command: no response from the device",
  N12: "Command not delivered: no CSP acknowledgement over the SM WAN",
  N13: "No response from the device",
  N24: "Successful Communications Hub Function Whitelist Update",
  N25: "Potentially Unsuccessful Communications Hub Function Whitelist Update",
  N27: "Device Change of Supplier",
  N30: "CHF Device Log Restored",
  N31: "GPF Device Log Restored",
  N39: "PPMID Alert",
  N42: "Security Credentials updated on the Device",
  N43: "PPMID Removal",
  // The seed gives no code for the local top-up DCC Alert (device-ops.md A14): the product uses N46.
  N46: "Local top-up result (CS01a/b Response)",
  N17: "DCC Schedules removed - Change of Supplier",
  N38: "Future-dated requests cancelled - Change of Supplier",
  N54: "Dual Band CH Sub GHz Alert",
} as const;

export type DccAlertCode = keyof typeof DCC_ALERT_NAMES;

export interface NewDccAlert {
  code: DccAlertCode;
  deviceId: string | null;
  partyId: string;
  recipientAccountId?: string | null;
  message: string;
}

/** Raise alerts in the caller's transaction, one per recipient party (duplicates for one party collapse). */
export async function raiseDccAlerts(tx: Tx, alerts: NewDccAlert[]) {
  const unique = new Map(alerts.map((a) => [`${a.code}|${a.deviceId}|${a.partyId}`, a]));
  if (!unique.size) return;
  const createdAt = now();
  await tx.dccAlert.createMany({
    data: [...unique.values()].map((a) => ({ ...a, recipientAccountId: a.recipientAccountId ?? null, createdAt })),
  });
}
