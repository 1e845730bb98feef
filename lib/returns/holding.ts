// Who may notify, return or report lost a CH: the Responsible Supplier of one ever installed (F8.3), otherwise the
// party it was delivered to (Device.chHolderPartyId, set from its consignment). Anyone else could WAN-block another
// party's hub by reporting it lost.
import type { Device } from "@/generated/prisma/client";
import type { Db, Tx } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { registrationsOf } from "@/lib/smi/registrations";

/** SMI Statuses that make the 90-day return rule apply (F8.6). */
const INSTALLED_STATUSES = ["INSTALLED_NOT_COMMISSIONED", "COMMISSIONED"] as const;

/** Refuses (FORBIDDEN) unless `partyId` may act on the CH as its holder; tells whether the CH was ever installed. */
export async function requireChHolder(tx: Tx | Db, device: Device, partyId: string): Promise<{ everInstalled: boolean }> {
  const history = await tx.deviceStatusChange.findFirst({ where: { deviceId: device.id, toStatus: { in: [...INSTALLED_STATUSES] } }, select: { id: true } });
  const everInstalled = !!history || device.commissionedAt !== null || INSTALLED_STATUSES.some((s) => s === device.status);
  const registrations = everInstalled ? ((await registrationsOf(tx, [device.id])).get(device.id) ?? []) : [];
  if (registrations.length) {
    if (!registrations.some((r) => r.supplierId === partyId)) throw forbidden(`Only the Responsible Supplier may remove and return CH ${formatEui64(device.id)} (F8.3).`);
  } else if (device.chHolderPartyId !== partyId) {
    throw forbidden(`CH ${formatEui64(device.id)} was not delivered to this party and is not installed under it: only the party holding it may return it.`);
  }
  return { everInstalled };
}
