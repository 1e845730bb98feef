// SR 8.4 Update Inventory, function 2 (T23): delete the record of a device that was never installed.
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { inTransaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { ChangedMeanwhile } from "@/lib/state/transition";
import { loadDevice, refuseStatus, requirePreNotifier } from "./guards";
import { deviceRefSchema, type DeviceRefInput } from "./schemas";
import { TYPE_2 } from "./status-machine";

const RULE = "SR 8.4 Update Inventory (delete device)";

export async function deleteDevice(actor: Actor, input: DeviceRefInput, tx?: Tx) {
  authorize(actor, "smi.service-request");
  const { deviceId } = deviceRefSchema.parse(input);
  return inTransaction(tx, async (tx) => {
    const device = await loadDevice(tx, deviceId);
    if (device.deviceType === "GPF") throw new AppError("INVALID", `${RULE}: a GPF is deleted with its CHF; name the CHF.`);
    if (!TYPE_2.includes(device.deviceType) && device.status !== "PENDING") refuseStatus(RULE, device, "only Pending records can be deleted (Type 2: at any time).");
    requirePreNotifier(actor, device, RULE);
    // Deleting a CHF also deletes its GPF (L693).
    const gpfs =
      device.deviceType === "CHF"
        ? await tx.device.findMany({ where: { deviceType: "GPF", associations: { some: { associatedDeviceId: device.id } } } })
        : [];
    // Guarded by the status and version read: a device that left Pending meanwhile is not deleted.
    const { count } = await tx.device.deleteMany({ where: { id: device.id, status: device.status, version: device.version } });
    if (!count) throw new ChangedMeanwhile(`Device ${formatEui64(device.id)}`);
    await tx.device.deleteMany({ where: { id: { in: gpfs.map((g) => g.id) } } });
    await audit(tx, actor, {
      action: "device.delete",
      entityType: "Device",
      entityId: device.id,
      partyId: actor.partyId,
      before: { ...device, deletedWith: gpfs.map((g) => g.id) },
    });
    return { deleted: [device.id, ...gpfs.map((g) => g.id)] };
  });
}
