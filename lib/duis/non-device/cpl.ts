// DUIS names a Device Model by manufacturer, model and firmware version (never by our CPL row id, and without the
// hardware version): the CPL row those name, for 12.2, 8.4 and 11.1 / 11.4.
import type { DeviceModel } from "@/generated/prisma/client";
import type { DeviceType } from "@/generated/prisma/enums";
import type { Tx } from "@/lib/db";
import { CPL_TYPE } from "@/lib/smi/guards";

export interface CplKey {
  manufacturer: string;
  model: string;
  /** Absent: any firmware version of that model. */
  firmwareVersion?: string;
}

/**
 * The CPL entry for a device of this type with these names (case-insensitive), a 'current' one first; null when the
 * CPL has none. Hardware versions of one model differ only in rows DUIS cannot tell apart: the newest current wins.
 */
export async function findCplEntry(tx: Tx, deviceType: DeviceType, key: CplKey): Promise<DeviceModel | null> {
  const cplType = CPL_TYPE[deviceType];
  if (!cplType) return null;
  const insensitive = (value: string) => ({ equals: value, mode: "insensitive" as const });
  return tx.deviceModel.findFirst({
    where: {
      deviceType: cplType,
      manufacturer: insensitive(key.manufacturer),
      model: insensitive(key.model),
      ...(key.firmwareVersion !== undefined ? { firmwareVersion: insensitive(key.firmwareVersion) } : {}),
    },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "asc" }],
  });
}
