// SR 8.3 Decommission Device (T21): the Responsible Supplier takes a device out of service.
import { raiseDccAlerts, type NewDccAlert } from "@/lib/alerts/dcc-alerts";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { inTransaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { guardedUpdate } from "@/lib/state/transition";
import { loadDevice, refuseStatus, requireResponsibleSupplier, statusChange } from "./guards";
import { registrationsOf } from "./registrations";
import { deviceRefSchema, type DeviceRefInput } from "./schemas";
import { TYPE_2, findTransition } from "./status-machine";

const RULE = "SR 8.3 Decommission Device";

export async function decommissionDevice(actor: Actor, input: DeviceRefInput, tx?: Tx) {
  authorize(actor, "smi.service-request");
  const { deviceId } = deviceRefSchema.parse(input);
  return inTransaction(tx, async (tx) => {
    const device = await loadDevice(tx, deviceId);
    if (TYPE_2.includes(device.deviceType)) throw new AppError("INVALID", `${RULE}: Type 2 devices cannot be decommissioned through the DCC; delete the record with SR 8.4.`);
    if (device.deviceType === "GPF") throw new AppError("INVALID", `${RULE}: a GPF is decommissioned with its CHF; name the CHF.`);
    const transition = findTransition(RULE, device.deviceType, device.status);
    if (!transition) refuseStatus(RULE, device, "a Decommissioned, Pending or Withdrawn device cannot be decommissioned.");
    await requireResponsibleSupplier(tx, actor, device, RULE);

    // Decommissioning a CHF also decommissions its GPF (L3616-3628).
    const gpfs =
      device.deviceType === "CHF" ? await tx.device.findMany({ where: { deviceType: "GPF", associations: { some: { associatedDeviceId: device.id } } } }) : [];
    const affected = [device, ...gpfs];
    const registrations = (await registrationsOf(tx, [device.id])).get(device.id) ?? [];
    for (const d of affected) {
      await guardedUpdate(tx, "device", `Device ${formatEui64(d.id)}`, d, { status: "DECOMMISSIONED", statusBeforeSuspension: null, statusBeforeRecovery: null, pendingSince: null });
    }
    await tx.deviceStatusChange.createMany({ data: affected.map((d) => statusChange(d, "DECOMMISSIONED", transition, actor)) });
    // Every Association ends, and a meter loses its MPxN link.
    const ids = affected.map((d) => d.id);
    await tx.deviceAssociation.deleteMany({ where: { OR: [{ deviceId: { in: ids } }, { associatedDeviceId: { in: ids } }] } });
    await tx.deviceMeterPoint.deleteMany({ where: { deviceId: { in: ids } } });
    // Every DCC Schedule on the decommissioned devices ends, and each owner is told (processing.md §4.3).
    const schedules = await tx.dccSchedule.findMany({ where: { deviceId: { in: ids }, deletedAt: null }, select: { id: true, partyId: true, deviceId: true } });
    if (schedules.length) await tx.dccSchedule.updateMany({ where: { id: { in: schedules.map((s) => s.id) } }, data: { deletedAt: now() } });
    // So do the future-dated requests waiting to run on them (N33, processing.md §4.3).
    const futureDated = await tx.serviceRequest.updateManyAndReturn({
      where: { deviceId: { in: ids }, mode: { in: ["FUTURE_DATED_DEVICE", "FUTURE_DATED_DSP"] }, status: { in: ["WAITING_EXECUTION", "COMMAND_SENT"] }, executeAt: { gt: now() } },
      data: { status: "CANCELLED", version: { increment: 1 } },
      select: { partyId: true, deviceId: true, requestId: true },
    });

    const label = formatEui64(device.id);
    const alerts: NewDccAlert[] =
      device.deviceType === "ESME" || device.deviceType === "GSME"
        ? registrations.map((r) => ({
            code: device.deviceType === "ESME" ? ("N1" as const) : ("N2" as const),
            deviceId: device.id,
            partyId: r.networkOperatorId,
            message: `${device.deviceType} ${label} on ${r.mpxn} was decommissioned by ${actor.partyName}.`,
          }))
        : device.deviceType === "CHF"
          ? registrations.flatMap((r) => [
              { code: "N9" as const, deviceId: device.id, partyId: r.networkOperatorId, message: `Communications Hub ${label} was decommissioned by ${actor.partyName}.` },
              ...(r.supplierId !== actor.partyId
                ? [{ code: "N9" as const, deviceId: device.id, partyId: r.supplierId, message: `Communications Hub ${label} was decommissioned by ${actor.partyName}.` }]
                : []),
            ])
          : [];
    for (const s of schedules) {
      alerts.push({ code: "N6", deviceId: s.deviceId, partyId: s.partyId, message: `Your DCC Schedules on ${formatEui64(s.deviceId)} were removed: the device was decommissioned by ${actor.partyName}.` });
    }
    for (const r of futureDated) {
      alerts.push({ code: "N33", deviceId: r.deviceId, partyId: r.partyId, message: `Your future-dated request ${r.requestId} was cancelled: the device was decommissioned by ${actor.partyName}.` });
    }
    await raiseDccAlerts(tx, alerts);
    await audit(tx, actor, {
      action: "device.decommission",
      entityType: "Device",
      entityId: device.id,
      partyId: actor.partyId,
      before: { status: device.status },
      after: { status: "DECOMMISSIONED", alsoDecommissioned: gpfs.map((g) => g.id), schedulesRemoved: schedules.map((s) => String(s.id)), futureDatedCancelled: futureDated.map((r) => r.requestId) },
    });
    return { decommissioned: ids };
  });
}
