// SR 8.4 Update Inventory, function 1: change details given at pre-notification (inventory.md §2.5, A5: AD rule).
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { inTransaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { guardedUpdate } from "@/lib/state/transition";
import { loadDevice, refuseStatus, requireCurrentModel, requirePreNotifier } from "./guards";
import { updateDetailsSchema, type UpdateDetailsInput } from "./schemas";
import { TYPE_2 } from "./status-machine";

const RULE = "SR 8.4 Update Inventory (device details)";

export async function updateDeviceDetails(actor: Actor, input: UpdateDetailsInput, tx?: Tx) {
  authorize(actor, "smi.service-request");
  const data = updateDetailsSchema.parse(input);
  return inTransaction(tx, async (tx) => {
    const device = await loadDevice(tx, data.deviceId);
    if ((data.newDeviceId && parseEui64(data.newDeviceId) !== device.id) || (data.deviceType && data.deviceType !== device.deviceType)) {
      throw new AppError("INVALID", `${RULE}: the Device ID and Device Type cannot be changed. Delete the record (SR 8.4) and pre-notify it again with SR 12.2.`);
    }
    if (device.deviceType === "GPF") throw new AppError("INVALID", `${RULE}: details shared by a CHF and its GPF are updated by naming the CHF.`);
    const isType2 = TYPE_2.includes(device.deviceType);
    if (!isType2 && device.status !== "PENDING") refuseStatus(RULE, device, "only Pending devices' details can be updated (Type 2: at any time).");
    requirePreNotifier(actor, device, RULE);
    const model = data.modelId && !isType2 ? await requireCurrentModel(tx, RULE, device.deviceType, data.modelId) : null;
    const changes = {
      ...(model ? { modelId: model.id, manufacturer: model.manufacturer, firmwareVersion: model.firmwareVersion } : {}),
      ...(data.esmeVariant && device.deviceType === "ESME" ? { esmeVariant: data.esmeVariant } : {}),
      ...(data.description !== undefined ? { description: data.description } : {}),
    };
    const updated = await guardedUpdate(tx, "device", `Device ${formatEui64(device.id)}`, device, changes);
    if (device.deviceType === "CHF" && model) {
      // The CH's model is shared by its GPF.
      await tx.device.updateMany({ where: { deviceType: "GPF", associations: { some: { associatedDeviceId: device.id } } }, data: changes });
    }
    await audit(tx, actor, { action: "device.update-details", entityType: "Device", entityId: device.id, partyId: actor.partyId, before: device, after: updated });
    return updated;
  });
}
