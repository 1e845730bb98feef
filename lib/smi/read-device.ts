// SR 8.2 Read Inventory and the SSI detail view (inventory.md §1.2, §5): any party user may read any device (no
// ownership check); Registration Data beyond the address is shown only to DCC staff and parties registered for the
// MPxN (D8).
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, seesAllParties } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { SUPPLIER_ROLE_FOR_FUEL, deviceIdOrThrow, loadDevice } from "./guards";
import { registrationsOf } from "./registrations";
import { COMMS_HUB, TYPE_2, findTransition, statusForValidation, statusFunctionTargets } from "./status-machine";

const HISTORY_LIMIT = 200;

export async function readDevice(actor: Actor, deviceIdInput: string) {
  authorize(actor, "smi.search");
  const id = deviceIdOrThrow(deviceIdInput);
  const device = await loadDevice(db(), id).catch(() => null);
  if (!device) return null;
  const [model, meterPoints, associatedTo, associatedFrom, history, registrations, alerts] = await Promise.all([
    device.modelId ? db().deviceModel.findUnique({ where: { id: device.modelId } }) : null,
    db().deviceMeterPoint.findMany({ where: { deviceId: id }, include: { meterPoint: true }, orderBy: { role: "asc" } }),
    db().deviceAssociation.findMany({ where: { deviceId: id }, include: { associatedDevice: { select: { id: true, deviceType: true, status: true } } } }),
    db().deviceAssociation.findMany({ where: { associatedDeviceId: id }, include: { device: { select: { id: true, deviceType: true, status: true } } } }),
    db().deviceStatusChange.findMany({ where: { deviceId: id }, orderBy: { at: "desc" }, take: HISTORY_LIMIT }),
    registrationsOf(db(), [id]).then((r) => r.get(id) ?? []),
    db().dccAlert.findMany({
      where: { deviceId: id, ...(seesAllParties(actor, "alerts.view") ? {} : { partyId: actor.partyId }) },
      orderBy: { createdAt: "desc" },
      take: 50,
      include: { party: { select: { name: true } } },
    }),
  ]);
  const preNotifiedBy = device.preNotifiedByPartyId ? await db().party.findUnique({ where: { id: device.preNotifiedByPartyId }, select: { name: true } }) : null;

  // D8: which registrations the viewer may see in full.
  const allRegistrations = seesAllParties(actor, "smi.registration.view");
  const visibleRegistrations = registrations.filter((r) => allRegistrations || [r.supplierId, r.networkOperatorId, r.agentId].includes(actor.partyId));
  const partyIds = [...new Set(visibleRegistrations.flatMap((r) => [r.supplierId, r.networkOperatorId, r.agentId]).filter((p): p is string => !!p))];
  const parties = new Map((await db().party.findMany({ where: { id: { in: partyIds } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));

  const isResponsibleSupplier = registrations.some((r) => r.supplierId === actor.partyId && actor.roles.includes(SUPPLIER_ROLE_FOR_FUEL[r.fuel]));
  const isPreNotifier = device.preNotifiedByPartyId === actor.partyId;
  const isType2 = TYPE_2.includes(device.deviceType);
  const validationStatus = statusForValidation(device);
  const canSendServiceRequests = can(actor, "smi.service-request");
  // Supplier staff see the Responsible Supplier's forms; the operation itself refuses a supplier that is not responsible.
  const isSupplier = actor.roles.some((r) => r === "IS" || r === "GS");

  return {
    device,
    label: formatEui64(device.id),
    model,
    preNotifiedByPartyName: preNotifiedBy?.name ?? null,
    meterPoints: meterPoints.map((l) => ({ role: l.role, ...l.meterPoint })),
    associations: [
      ...associatedTo.map((a) => ({ direction: "to" as const, ...a.associatedDevice, since: a.createdAt })),
      ...associatedFrom.map((a) => ({ direction: "from" as const, ...a.device, since: a.createdAt })),
    ],
    history,
    registrations: visibleRegistrations.map((r) => ({
      ...r,
      supplierName: parties.get(r.supplierId) ?? "",
      networkOperatorName: parties.get(r.networkOperatorId) ?? "",
      agentName: r.agentId ? (parties.get(r.agentId) ?? "") : null,
    })),
    registrationsHidden: registrations.length - visibleRegistrations.length,
    alerts,
    /** What the viewer's SR forms may offer; the operations check again. */
    serviceRequests: {
      allowed: canSendServiceRequests,
      isResponsibleSupplier,
      isPreNotifier,
      editDetails: canSendServiceRequests && isPreNotifier && device.deviceType !== "GPF" && (isType2 || device.status === "PENDING"),
      delete: canSendServiceRequests && isPreNotifier && device.deviceType !== "GPF" && (isType2 || device.status === "PENDING"),
      statusTargets: canSendServiceRequests && isSupplier && validationStatus ? statusFunctionTargets(device.deviceType, validationStatus) : [],
      changeMpxn: canSendServiceRequests && isSupplier && device.status !== "DECOMMISSIONED" && (device.deviceType === "ESME" || device.deviceType === "GSME"),
      decommission:
        canSendServiceRequests &&
        isSupplier &&
        !isType2 &&
        device.deviceType !== "GPF" &&
        !!findTransition("SR 8.3 Decommission Device", device.deviceType, device.status),
    },
    isCommsHub: COMMS_HUB.includes(device.deviceType),
  };
}

export type DeviceDetail = NonNullable<Awaited<ReturnType<typeof readDevice>>>;
