// SR 12.2 Device Pre-Notification (T1, T1b, T7b): a User adds a Smart Meter, Type 1 or Type 2 device to the SMI.
import type { Device, Prisma } from "@/generated/prisma/client";
import type { DeviceType } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { inTransaction, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { guardedUpdate } from "@/lib/state/transition";
import { requireCurrentModel, statusChange, statusLabel } from "./guards";
import { preNotifySchema, type PreNotifyInput } from "./schemas";
import { COMMS_HUB, SMART_METERS, TYPE_2, findTransition } from "./status-machine";

const RULE = "SR 12.2 Device Pre-Notification";

/** MPxNs given at pre-notification must exist in Registration Data and fit the meter (MPAN for ESME, MPRN for GSME). */
async function meterPointLinks(tx: Tx, deviceType: DeviceType, data: { mpxn?: string; secondaryMpxn?: string; esmeVariant?: string }) {
  if (!data.mpxn && !data.secondaryMpxn) return [];
  if (!SMART_METERS.includes(deviceType)) throw new AppError("INVALID", `${RULE}: only Smart Meters have an MPxN.`, { mpxn: "Only an ESME or GSME has an MPxN." });
  if (data.secondaryMpxn && (deviceType !== "ESME" || data.esmeVariant !== "TWIN_ELEMENT")) {
    throw new AppError("INVALID", `${RULE}: a Secondary MPAN is only for a twin element ESME.`, { secondaryMpxn: "Only a twin element ESME has a Secondary MPAN." });
  }
  if (data.secondaryMpxn && !data.mpxn) throw new AppError("INVALID", `${RULE}: give the primary MPAN first.`, { mpxn: "Give the primary MPAN." });
  const links = [
    { role: "PRIMARY" as const, mpxn: data.mpxn! },
    ...(data.secondaryMpxn ? [{ role: "SECONDARY" as const, mpxn: data.secondaryMpxn }] : []),
  ];
  const wanted = deviceType === "ESME" ? "ELECTRICITY" : "GAS";
  for (const link of links) {
    const field = link.role === "PRIMARY" ? "mpxn" : "secondaryMpxn";
    const point = await tx.meterPoint.findUnique({ where: { mpxn: link.mpxn } });
    if (!point) throw new AppError("INVALID", `${RULE}: ${link.mpxn} is not in the Registration Data.`, { [field]: "No Registration Data holds this MPxN." });
    if (point.fuel !== wanted) {
      throw new AppError("INVALID", `${RULE}: a ${deviceType} needs ${wanted === "ELECTRICITY" ? "an MPAN" : "an MPRN"}.`, { [field]: `A ${deviceType} needs ${wanted === "ELECTRICITY" ? "an MPAN" : "an MPRN"}.` });
    }
  }
  return links;
}

export async function preNotifyDevice(actor: Actor, input: PreNotifyInput, tx?: Tx): Promise<Device> {
  authorize(actor, "smi.service-request");
  const data = preNotifySchema.parse(input);
  if (COMMS_HUB.includes(data.deviceType)) {
    throw new AppError("INVALID", `${RULE}: a CHF and its GPF are added to the SMI by the DCC before it delivers the Communications Hub (T2).`, {
      deviceType: "CHF and GPF are added by the DCC.",
    });
  }
  const isType2 = TYPE_2.includes(data.deviceType);
  return inTransaction(tx, async (tx) => {
    const existing = await tx.device.findUnique({ where: { id: data.deviceId } });
    const transition = isType2 ? null : findTransition(RULE, data.deviceType, existing?.status ?? null);
    if (existing && (!transition || existing.deviceType !== data.deviceType)) {
      throw new AppError(
        "CONFLICT",
        `${RULE} refused: Device ${formatEui64(data.deviceId)} is already in the SMI (${existing.deviceType}, ${statusLabel(existing.status)}). Only a Decommissioned device of the same type may be pre-notified again.`,
        { deviceId: "This Device ID is already in the SMI." },
      );
    }
    const model = isType2 ? null : await requireCurrentModel(tx, RULE, data.deviceType, data.modelId);
    const links = await meterPointLinks(tx, data.deviceType, data);
    const at = now();
    const fields: Prisma.DeviceUncheckedCreateInput = {
      id: data.deviceId,
      deviceType: data.deviceType,
      modelId: model?.id ?? null,
      manufacturer: model?.manufacturer ?? null,
      firmwareVersion: model?.firmwareVersion ?? null,
      esmeVariant: data.deviceType === "ESME" ? (data.esmeVariant ?? "SINGLE_ELEMENT") : null,
      description: data.description ?? null,
      status: isType2 ? null : "PENDING",
      statusBeforeSuspension: null,
      statusBeforeRecovery: null,
      pendingSince: isType2 ? null : at,
      commissionedAt: null,
      preNotifiedById: actor.accountId,
      preNotifiedByPartyId: actor.partyId,
    };
    // Re-use is guarded by the status read: of two parties pre-notifying the same record at once, one is refused.
    const device = existing ? await guardedUpdate(tx, "device", `Device ${formatEui64(existing.id)}`, existing, fields) : await tx.device.create({ data: fields });
    if (links.length) await tx.deviceMeterPoint.createMany({ data: links.map((l) => ({ ...l, deviceId: device.id })) });
    if (transition) await tx.deviceStatusChange.create({ data: statusChange({ id: device.id, status: existing?.status ?? null }, "PENDING", transition, actor) });
    await audit(tx, actor, {
      action: existing ? "device.pre-notify-again" : "device.pre-notify",
      entityType: "Device",
      entityId: device.id,
      partyId: actor.partyId,
      before: existing,
      after: { ...device, meterPoints: links },
    });
    return device;
  });
}
