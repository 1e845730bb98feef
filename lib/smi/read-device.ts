// SR 8.2 Read Inventory and the SSI detail view (inventory.md §1.2, §5): any party user may read any device (no
// ownership check); Registration Data beyond the address is shown only to DCC staff and parties registered for the
// MPxN (D8).
import type { DccAlert, Device, DeviceModel, DeviceStatusChange, MeterPoint } from "@/generated/prisma/client";
import type { DeviceType, MpxnRole, SmiStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, seesAllParties } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { SUPPLIER_ROLE_FOR_FUEL, deviceIdOrThrow } from "./guards";
import { registrationsOf } from "./registrations";
import { COMMS_HUB, TYPE_2, findTransition, statusForValidation, statusFunctionTargets } from "./status-machine";

const HISTORY_LIMIT = 200;
const ALERTS_LIMIT = 50;

interface DeviceRow extends Device {
  model: Json<DeviceModel> | null;
  preNotifiedByPartyName: string | null;
  meterPoints: (MeterPoint & { role: MpxnRole })[];
  associations: Json<{ direction: "to" | "from"; id: string; deviceType: DeviceType; status: SmiStatus | null; since: Date }>[];
  history: Json<DeviceStatusChange>[];
  alerts: Json<DccAlert & { party: { name: string } }>[];
}

/** A row as jsonb carries it: its dates are strings. */
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** jsonb renders a TIMESTAMP(3) (UTC, as Prisma writes it) without its zone. */
const utc = (value: string) => new Date(`${value}Z`);
const utcOrNull = (value: string | null) => (value === null ? null : utc(value));

/**
 * The device with everything its page shows beside the registrations, in one statement: the page is read far more
 * often than anything else in the SMI, and each round trip costs more than the indexed lookups it makes.
 */
async function deviceWithDetails(id: string, alertsOfParty: string | null): Promise<DeviceRow | null> {
  const [row] = await db().$queryRaw<DeviceRow[]>`
    SELECT d.*,
      (SELECT to_jsonb(m) FROM "DeviceModel" m WHERE m.id = d."modelId") AS model,
      (SELECT p.name FROM "Party" p WHERE p.id = d."preNotifiedByPartyId") AS "preNotifiedByPartyName",
      (SELECT coalesce(jsonb_agg(to_jsonb(mp) || jsonb_build_object('role', dmp.role) ORDER BY dmp.role), '[]')
         FROM "DeviceMeterPoint" dmp JOIN "MeterPoint" mp ON mp.mpxn = dmp.mpxn WHERE dmp."deviceId" = d.id) AS "meterPoints",
      (SELECT coalesce(jsonb_agg(a), '[]') FROM (
         SELECT 'to' AS direction, o.id, o."deviceType", o.status, x."createdAt" AS since
         FROM "DeviceAssociation" x JOIN "Device" o ON o.id = x."associatedDeviceId" WHERE x."deviceId" = d.id
         UNION ALL
         SELECT 'from', o.id, o."deviceType", o.status, x."createdAt"
         FROM "DeviceAssociation" x JOIN "Device" o ON o.id = x."deviceId" WHERE x."associatedDeviceId" = d.id
       ) a) AS associations,
      (SELECT coalesce(jsonb_agg(h ORDER BY h.at DESC), '[]') FROM (
         SELECT * FROM "DeviceStatusChange" s WHERE s."deviceId" = d.id ORDER BY s.at DESC LIMIT ${HISTORY_LIMIT}
       ) h) AS history,
      (SELECT coalesce(jsonb_agg(al ORDER BY al."createdAt" DESC), '[]') FROM (
         SELECT a.*, jsonb_build_object('name', p.name) AS party
         FROM "DccAlert" a JOIN "Party" p ON p.id = a."partyId"
         WHERE a."deviceId" = d.id AND (${alertsOfParty}::text IS NULL OR a."partyId" = ${alertsOfParty}::text)
         ORDER BY a."createdAt" DESC LIMIT ${ALERTS_LIMIT}
       ) al) AS alerts
    FROM "Device" d WHERE d.id = ${id}`;
  return row ?? null;
}

/** At most three queries: the device with its details and its registrations together, then the registered parties' names. */
export async function readDevice(actor: Actor, deviceIdInput: string) {
  authorize(actor, "smi.search");
  const id = deviceIdOrThrow(deviceIdInput);
  const [row, registrations] = await Promise.all([
    deviceWithDetails(id, seesAllParties(actor, "alerts.view") ? null : actor.partyId),
    registrationsOf(db(), [id]).then((r) => r.get(id) ?? []),
  ]);
  if (!row) return null;
  const { model, preNotifiedByPartyName, meterPoints, associations, history, alerts, ...device } = row;

  // D8: which registrations the viewer may see in full.
  const allRegistrations = seesAllParties(actor, "smi.registration.view");
  const visibleRegistrations = registrations.filter((r) => allRegistrations || [r.supplierId, r.networkOperatorId, r.agentId].includes(actor.partyId));
  const partyIds = [...new Set(visibleRegistrations.flatMap((r) => [r.supplierId, r.networkOperatorId, r.agentId]).filter((p): p is string => !!p))];
  const parties = new Map((partyIds.length ? await db().party.findMany({ where: { id: { in: partyIds } }, select: { id: true, name: true } }) : []).map((p) => [p.id, p.name]));

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
    model: model && { ...model, cpaExpiresOn: utcOrNull(model.cpaExpiresOn), statusChangedAt: utc(model.statusChangedAt), createdAt: utc(model.createdAt) },
    preNotifiedByPartyName,
    meterPoints,
    associations: associations.map((a) => ({ ...a, since: utc(a.since) })),
    history: history.map((h) => ({ ...h, at: utc(h.at) })),
    registrations: visibleRegistrations.map((r) => ({
      ...r,
      supplierName: parties.get(r.supplierId) ?? "",
      networkOperatorName: parties.get(r.networkOperatorId) ?? "",
      agentName: r.agentId ? (parties.get(r.agentId) ?? "") : null,
    })),
    registrationsHidden: registrations.length - visibleRegistrations.length,
    alerts: alerts.map((a) => ({ ...a, createdAt: utc(a.createdAt) })),
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
