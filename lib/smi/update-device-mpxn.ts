// SR 8.4 Update Inventory, function 4: change or add a meter's MPxN Association; N16 to the Network Operator.
import { raiseDccAlerts } from "@/lib/alerts/dcc-alerts";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { inTransaction, type Tx } from "@/lib/db";
import { AppError, forbidden } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { guardedUpdate } from "@/lib/state/transition";
import { SUPPLIER_ROLE_FOR_FUEL, loadDevice, requirePendingOwner } from "./guards";
import { currentRegistration } from "./registrations";
import { updateMpxnSchema, type UpdateMpxnInput } from "./schemas";
import { SMART_METERS } from "./status-machine";

const RULE = "SR 8.4 Update Inventory (MPxN)";

export async function updateDeviceMpxn(actor: Actor, input: UpdateMpxnInput, tx?: Tx) {
  authorize(actor, "smi.service-request");
  const data = updateMpxnSchema.parse(input);
  const [change] = data.changes;
  return inTransaction(tx, async (tx) => {
    const device = await loadDevice(tx, data.deviceId);
    if (!SMART_METERS.includes(device.deviceType)) throw new AppError("INVALID", `${RULE}: only a Smart Meter (ESME or GSME) has an MPxN.`);
    if (change.role === "SECONDARY" && device.esmeVariant !== "TWIN_ELEMENT") {
      throw new AppError("INVALID", `${RULE}: a Secondary MPAN is only for a twin element ESME.`, { mpxn: "This ESME is not twin element." });
    }
    const fuel = device.deviceType === "ESME" ? "ELECTRICITY" : "GAS";
    const point = await tx.meterPoint.findUnique({ where: { mpxn: change.mpxn } });
    if (!point) throw new AppError("INVALID", `${RULE}: ${change.mpxn} is not in the Registration Data.`, { mpxn: "No Registration Data holds this MPxN." });
    if (point.fuel !== fuel) throw new AppError("INVALID", `${RULE}: a ${device.deviceType} needs ${fuel === "ELECTRICITY" ? "an MPAN" : "an MPRN"}.`, { mpxn: "Wrong kind of MPxN for this meter." });

    requirePendingOwner(actor, device, RULE);
    const supplierRole = SUPPLIER_ROLE_FOR_FUEL[fuel];
    if (!actor.roles.includes(supplierRole)) throw forbidden(`${RULE} may be sent only by the ${fuel === "ELECTRICITY" ? "Import" : "Gas"} Supplier responsible for both MPxNs.`);
    const current = await tx.deviceMeterPoint.findUnique({ where: { deviceId_role: { deviceId: device.id, role: change.role } } });
    if (current?.mpxn === change.mpxn) throw new AppError("INVALID", `${RULE}: device ${formatEui64(device.id)} is already Associated with ${change.mpxn}.`);
    for (const mpxn of [current?.mpxn, change.mpxn]) {
      if (!mpxn) continue;
      const registration = await currentRegistration(tx, mpxn);
      if (registration?.supplierId !== actor.partyId) {
        throw forbidden(`${RULE} may be sent only by the Responsible Supplier for both the current and the new MPxN; ${actor.partyName} is not the registered supplier for ${mpxn}.`);
      }
    }
    // The device's version guards the change: a status move or another MPxN change at the same moment refuses this one.
    await guardedUpdate(tx, "device", `Device ${formatEui64(device.id)}`, device, {});
    await tx.deviceMeterPoint.upsert({
      where: { deviceId_role: { deviceId: device.id, role: change.role } },
      create: { deviceId: device.id, role: change.role, mpxn: change.mpxn },
      update: { mpxn: change.mpxn },
    });
    const registration = (await currentRegistration(tx, change.mpxn))!;
    await raiseDccAlerts(tx, [
      {
        code: "N16",
        deviceId: device.id,
        partyId: registration.networkOperatorId,
        message: `Device ${formatEui64(device.id)} (${device.deviceType}) is now Associated with ${change.mpxn}${current ? ` (was ${current.mpxn})` : ""}.`,
      },
    ]);
    await audit(tx, actor, {
      action: "device.update-mpxn",
      entityType: "Device",
      entityId: device.id,
      partyId: actor.partyId,
      before: { role: change.role, mpxn: current?.mpxn ?? null },
      after: { role: change.role, mpxn: change.mpxn },
    });
    return { role: change.role, mpxn: change.mpxn, previous: current?.mpxn ?? null };
  });
}
