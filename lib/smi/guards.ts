// Checks shared by the SMI operations. Each refusal names the rule, the status or the role that stops it.
import type { Device, Prisma } from "@/generated/prisma/client";
import type { CplDeviceType, DeviceType, Fuel, SmiStatus, UserRole } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import type { Db, Tx } from "@/lib/db";
import { AppError, forbidden } from "@/lib/errors";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { registrationsOf, type DeviceRegistration } from "./registrations";
import { STATUS_LABELS, type Transition } from "./status-machine";

export const SUPPLIER_ROLE_FOR_FUEL: Record<Fuel, UserRole> = { ELECTRICITY: "IS", GAS: "GS" };

export function deviceIdOrThrow(input: string, field = "deviceId"): string {
  const id = parseEui64(input);
  if (!id) throw new AppError("INVALID", "A Device ID is 16 hexadecimal digits, e.g. 00-DB-12-34-56-78-90-A0.", { [field]: "Enter a 16-digit hexadecimal Device ID." });
  return id;
}

export async function loadDevice(tx: Tx | Db, deviceId: string): Promise<Device> {
  const device = await tx.device.findUnique({ where: { id: deviceId } });
  if (!device) throw new AppError("NOT_FOUND", `Device ${formatEui64(deviceId)} is not in the SMI.`);
  return device;
}

export const statusLabel = (status: SmiStatus | null) => (status ? STATUS_LABELS[status] : "no SMI Status (Type 2)");

/**
 * The actor's party must be an Import Supplier (electricity) or Gas Supplier (gas) registered for an MPxN the device
 * serves. Returns the registrations that make it responsible.
 */
export async function requireResponsibleSupplier(tx: Tx | Db, actor: Actor, device: Device, rule: string): Promise<DeviceRegistration[]> {
  if (!actor.roles.some((r) => r === "IS" || r === "GS")) {
    throw forbidden(`${rule} may be sent only by the Import Supplier or Gas Supplier responsible for the device; ${actor.partyName} holds neither role.`);
  }
  const registrations = (await registrationsOf(tx, [device.id])).get(device.id) ?? [];
  if (!registrations.length) {
    throw forbidden(`${rule}: device ${formatEui64(device.id)} has no Responsible Supplier yet (no current Registration Data for an MPxN it serves).`);
  }
  const responsible = registrations.filter((r) => r.supplierId === actor.partyId && actor.roles.includes(SUPPLIER_ROLE_FOR_FUEL[r.fuel]));
  if (!responsible.length) {
    throw forbidden(`${rule} may be sent only by the Responsible Supplier; ${actor.partyName} is not the registered supplier for device ${formatEui64(device.id)}.`);
  }
  return responsible;
}

/** While Pending, only the User (party) that pre-notified the device may change or delete its record (L599, L685). */
export function requirePreNotifier(actor: Actor, device: Device, rule: string) {
  if (device.preNotifiedByPartyId !== actor.partyId) {
    throw forbidden(`${rule}: only the User that pre-notified device ${formatEui64(device.id)} may change or delete it while it is Pending.`);
  }
}

/**
 * SR 8.4's status and MPxN functions on a Pending device: only the pre-notifying party (L605), so that another
 * supplier cannot take a device over by Associating its own MPxN and then moving its status. A CH is added by the
 * DCC (T2): the party it was delivered to stands in for the pre-notifier once a consignment records one.
 */
export function requirePendingOwner(actor: Actor, device: Device, rule: string) {
  if (device.status !== "PENDING") return;
  if (device.deviceType !== "CHF" && device.deviceType !== "GPF") return requirePreNotifier(actor, device, rule);
  if (device.chHolderPartyId && device.chHolderPartyId !== actor.partyId) {
    throw forbidden(`${rule}: Communications Hub ${formatEui64(device.id)} was delivered to another party; only that party may act on it while it is Pending.`);
  }
}

export function refuseStatus(rule: string, device: Device, why: string): never {
  throw new AppError("CONFLICT", `${rule} refused: device ${formatEui64(device.id)} is ${statusLabel(device.status)}; ${why}`);
}

/** Write one status-history row for a transition, in the caller's transaction. */
export function statusChange(
  device: { id: string; status: SmiStatus | null },
  to: SmiStatus | null,
  transition: Transition,
  actor: Actor | null,
): Prisma.DeviceStatusChangeCreateManyInput {
  return {
    deviceId: device.id,
    fromStatus: device.status,
    toStatus: to,
    at: now(),
    cause: transition.trigger,
    transition: transition.id,
    actorId: actor?.accountId ?? null,
    actorName: actor ? `${actor.name} (${actor.partyName})` : "DCC",
  };
}

// A CHF (and its GPF) is listed on the CPL under its Communications Hub model (App Z 6.3).
export const CPL_TYPE: Partial<Record<DeviceType, CplDeviceType>> = { ESME: "ESME", GSME: "GSME", PPMID: "PPMID", HCALCS: "HCALCS", CHF: "CH", GPF: "CH" };

/** The Device Model must be on the CPL and 'current' for Smart Meters and Type 1 devices (L555, L771, T1). */
export async function requireCurrentModel(tx: Tx, rule: string, deviceType: DeviceType, modelId: string | undefined) {
  if (!modelId) throw new AppError("INVALID", `${rule}: choose the Device Model from the CPL.`, { modelId: "Choose a Device Model." });
  const model = await tx.deviceModel.findUnique({ where: { id: modelId } });
  if (!model || model.deviceType !== CPL_TYPE[deviceType]) {
    throw new AppError("INVALID", `${rule}: that Device Model is not a CPL entry for a ${deviceType}.`, { modelId: `Not a ${deviceType} model on the CPL.` });
  }
  if (model.status !== "CURRENT") {
    throw new AppError("CONFLICT", `${rule} refused: Device Model ${model.manufacturer} ${model.model} is marked 'removed' on the CPL; only 'current' models may be used.`, {
      modelId: "This model is removed from the CPL.",
    });
  }
  return model;
}
