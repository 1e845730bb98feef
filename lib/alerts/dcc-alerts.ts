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
