// The DCC's side of what simulated devices do (inventory.md §2.3 and §4.2, device-ops.md §2.3): SMI Status moves
// through the one status machine, associations and MPxN links, firmware versions, and DCC Alerts to the parties the
// spec names (raised in the portal's Alerts view and sent as DUIS DCCAlertMessages).
import type { DeviceType, DuisMessageKind, Fuel, SmiStatus } from "@/generated/prisma/enums";
import { DCC_ALERT_NAMES, raiseDccAlerts, type DccAlertCode, type NewDccAlert } from "@/lib/alerts/dcc-alerts";
import { audit } from "@/lib/audit";
import type { Tx } from "@/lib/db";
import { ALERT_RESPONSE_CODE, signedAnswer } from "@/lib/duis/answers";
import { escapeXml } from "@/lib/duis/xml";
import { formatEui64 } from "@/lib/identifiers";
import { registrationsOf, type DeviceRegistration } from "@/lib/smi/registrations";
import { statusChange } from "@/lib/smi/guards";
import { findTransition, PARTNER_STATUS, PRIOR_STATUS, type Trigger } from "@/lib/smi/status-machine";
import type { AlertRecipient, DccEffect } from "./types";

export interface PendingMessage {
  partyId: string;
  serviceRequestId: string | null;
  requestId: string | null;
  deviceId: string;
  kind: DuisMessageKind;
  code: string;
  xml: string;
}

/** The fuel whose Registration Data makes a party "the Supplier" or "the Network Operator" of a device. */
const FUEL_OF: Partial<Record<DeviceType, Fuel>> = { ESME: "ELECTRICITY", GSME: "GAS", GPF: "GAS" };

/** Device Alerts that go to someone other than the device's Supplier (device-ops.md §2.2). */
const DEVICE_ALERT_TO: Record<string, AlertRecipient[]> = {
  // Supply interrupted on a phase of a polyphase ESME: the Electricity Distributor.
  "8F58": ["NETWORK_OPERATOR"],
  "8F59": ["NETWORK_OPERATOR"],
  "8F5A": ["NETWORK_OPERATOR"],
  // Load limiting is the Import Supplier's.
  "8F33": ["IMPORT_SUPPLIER"],
  "8F34": ["IMPORT_SUPPLIER"],
};

export interface Recipients {
  resolve(deviceId: string, deviceType: DeviceType, to: AlertRecipient[], senderPartyId: string | null): string[];
  deviceAlertRecipients(deviceId: string, deviceType: DeviceType, code: string, senderPartyId: string | null): string[];
  registrations(deviceId: string): DeviceRegistration[];
}

/** Who is who for these devices now (Registration Data), read once for a batch. */
export async function recipientsOf(tx: Tx, deviceIds: string[], at: Date): Promise<Recipients> {
  const byDevice = await registrationsOf(tx, [...new Set(deviceIds)], at);
  const registrations = (deviceId: string) => byDevice.get(deviceId) ?? [];
  const resolve = (deviceId: string, deviceType: DeviceType, to: AlertRecipient[], senderPartyId: string | null) => {
    const regs = registrations(deviceId);
    const fuel = FUEL_OF[deviceType];
    const ofFuel = (f: Fuel | undefined) => regs.filter((r) => !f || r.fuel === f);
    const parties = new Set<string>();
    for (const who of to) {
      if (who === "SENDER" && senderPartyId) parties.add(senderPartyId);
      if (who === "SUPPLIER") ofFuel(fuel).forEach((r) => parties.add(r.supplierId));
      if (who === "IMPORT_SUPPLIER") ofFuel("ELECTRICITY").forEach((r) => parties.add(r.supplierId));
      if (who === "GAS_SUPPLIER") ofFuel("GAS").forEach((r) => parties.add(r.supplierId));
      if (who === "NETWORK_OPERATOR") ofFuel(fuel).forEach((r) => parties.add(r.networkOperatorId));
      if (who === "OTHERS_BUT_SENDER") regs.forEach((r) => [r.supplierId, r.networkOperatorId].forEach((p) => p !== senderPartyId && parties.add(p)));
      // The SMI holds no Export Supplier registrations: nobody to tell.
    }
    return [...parties];
  };
  return {
    registrations,
    resolve,
    deviceAlertRecipients(deviceId, deviceType, code, senderPartyId) {
      const to = resolve(deviceId, deviceType, DEVICE_ALERT_TO[code] ?? ["SUPPLIER"], null);
      // A device at no registered premises yet (being installed) answers to whoever is installing it.
      return to.length || !senderPartyId ? to : [senderPartyId];
    },
  };
}

/** The DCCAlert choice the DUIS schema gives each alert (a CommandFailure naming the request when none fits). */
function alertContent(code: string, deviceId: string, requestId: string | null, mpxn: string | null, at: Date): string | null {
  const el = (name: string, value: string) => `<sr:${name}>${escapeXml(value)}</sr:${name}>`;
  if (code === "AD1") return mpxn ? `<sr:PowerOutageEvent>${el("CommsHubDeviceID", formatEui64(deviceId))}${el("StartDateTime", at.toISOString())}${el("MPxN", mpxn)}</sr:PowerOutageEvent>` : null;
  if (code === "N39") return `<sr:PPMIDAlert>${el("DeviceID", formatEui64(deviceId))}${el("DeviceAlertCode", "8F3E")}${el("Timestamp", at.toISOString())}</sr:PPMIDAlert>`;
  if ((code === "N24" || code === "N25") && requestId) return `<sr:UpdateHANDeviceLogResult>${el("UpdateHANDeviceLogServiceRequestID", requestId)}</sr:UpdateHANDeviceLogResult>`;
  if (requestId) return `<sr:CommandFailure>${el("CommandRequestID", requestId)}${el("DeviceID", formatEui64(deviceId))}</sr:CommandFailure>`;
  return null;
}

interface DeviceRow {
  id: string;
  deviceType: DeviceType;
  status: SmiStatus | null;
  statusBeforeSuspension: SmiStatus | null;
  version: number;
}

/** The status a trigger moves the device to, or null when the status machine has no such move for it now. */
function targetStatus(trigger: Trigger, device: DeviceRow, partner: DeviceRow | undefined): SmiStatus | null {
  const transition = findTransition(trigger, device.deviceType, device.status);
  if (!transition) return null;
  if (transition.to === PARTNER_STATUS) {
    // T14 (AC 4.7): the joined device takes the partner's INC or Commissioned status.
    const to = partner?.status;
    return to === "INSTALLED_NOT_COMMISSIONED" || to === "COMMISSIONED" ? to : null;
  }
  if (transition.to === PRIOR_STATUS) return device.statusBeforeSuspension;
  return transition.to as SmiStatus;
}

/** Carries out the effects in the caller's transaction; returns the DUIS messages of the DCC Alerts raised. */
export async function applyDccEffects(tx: Tx, effects: { effect: DccEffect; sender: { partyId: string; requestId: string } | null }[], at: Date): Promise<PendingMessage[]> {
  if (!effects.length) return [];
  const deviceIds = new Set<string>();
  for (const { effect } of effects) {
    deviceIds.add(effect.deviceId);
    if (effect.type === "smi-status" && effect.partnerId) deviceIds.add(effect.partnerId);
    if (effect.type === "associate" || effect.type === "dissociate") deviceIds.add(effect.otherId);
  }
  const devices = new Map((await tx.device.findMany({ where: { id: { in: [...deviceIds] } }, select: { id: true, deviceType: true, status: true, statusBeforeSuspension: true, version: true } })).map((d) => [d.id, d]));
  const alerts: RaisedDccAlert[] = [];

  for (const { effect, sender } of effects) {
    const device = devices.get(effect.deviceId);
    if (!device) continue;
    switch (effect.type) {
      case "smi-status": {
        const to = targetStatus(effect.trigger, device, effect.partnerId ? devices.get(effect.partnerId) : undefined);
        if (!to || to === device.status) break;
        const transition = findTransition(effect.trigger, device.deviceType, device.status)!;
        const [moved] = await tx.device.updateManyAndReturn({
          where: { id: device.id, version: device.version },
          data: { status: to, version: { increment: 1 }, ...(to === "COMMISSIONED" ? { commissionedAt: at } : {}), ...(transition.to === PRIOR_STATUS ? { statusBeforeSuspension: null } : {}) },
          select: { id: true, deviceType: true, status: true, statusBeforeSuspension: true, version: true },
        });
        // A lost race (the device changed in another transaction) leaves the SMI as the other change made it.
        if (!moved) break;
        await tx.deviceStatusChange.create({ data: statusChange(device, to, transition, null) });
        // The DCC's own move (no account), as the SMI expiry job's: audited with the request that caused it.
        await audit(tx, null, {
          action: "device.status-by-response",
          entityType: "Device",
          entityId: device.id,
          partyId: sender?.partyId ?? null,
          before: { status: device.status },
          after: { status: to, transition: transition.id, requestId: sender?.requestId },
        });
        devices.set(device.id, moved);
        break;
      }
      case "associate":
        await tx.deviceAssociation.createMany({ data: [{ deviceId: effect.deviceId, associatedDeviceId: effect.otherId }], skipDuplicates: true });
        break;
      case "dissociate":
        await tx.deviceAssociation.deleteMany({
          where: { OR: [{ deviceId: effect.deviceId, associatedDeviceId: effect.otherId }, { deviceId: effect.otherId, associatedDeviceId: effect.deviceId }] },
        });
        break;
      case "link-mpxn": {
        if (!(await tx.meterPoint.findUnique({ where: { mpxn: effect.mpxn }, select: { mpxn: true } }))) break;
        const existing = await tx.deviceMeterPoint.findUnique({ where: { deviceId_role: { deviceId: effect.deviceId, role: "PRIMARY" } } });
        if (existing?.mpxn === effect.mpxn) break;
        await tx.deviceMeterPoint.upsert({ where: { deviceId_role: { deviceId: effect.deviceId, role: "PRIMARY" } }, create: { deviceId: effect.deviceId, mpxn: effect.mpxn }, update: { mpxn: effect.mpxn } });
        // N16 Device Identity Confirmation to the Network Operator (inventory.md T3).
        alerts.push({ code: "N16", deviceId: effect.deviceId, to: ["NETWORK_OPERATOR"], sender });
        break;
      }
      case "smi-firmware":
        await tx.device.updateMany({ where: { id: effect.deviceId }, data: { firmwareVersion: effect.version, version: { increment: 1 } } });
        break;
      case "dcc-alert": {
        // N25 only while the joining device is still Whitelisted: the second CS14 came in time otherwise (T4x).
        if (effect.code === "N25" && device.status !== "WHITELISTED") break;
        const losingEui = effect.code === "N27" ? effect.data?.losingSupplierEui : undefined;
        if (typeof losingEui === "string") {
          const losing = await tx.party.findUnique({ where: { eui64: losingEui }, select: { id: true } });
          if (losing) alerts.push({ code: "N27", deviceId: effect.deviceId, to: [], parties: [losing.id], sender }, ...(await applyChangeOfSupplier(tx, effect.deviceId, losing.id, at)));
          break;
        }
        alerts.push({ code: effect.code, deviceId: effect.deviceId, to: effect.to, sender });
        break;
      }
      case "cot-restriction":
        alerts.push(...(await applyCotRestriction(tx, effect.deviceId, effect.senderPartyId, at)));
        break;
    }
  }
  return dccAlertMessages(tx, alerts, devices, at);
}

interface RaisedDccAlert {
  code: string;
  deviceId: string;
  to: AlertRecipient[];
  /** Parties named outright (a former supplier, a schedule's owner), besides `to`. */
  parties?: string[];
  sender: { partyId: string; requestId: string } | null;
}

/** A 6.23 Change of Supplier succeeded: the Losing Supplier's DCC Schedules (N17) and future-dated requests (N38) go. */
async function applyChangeOfSupplier(tx: Tx, deviceId: string, losingPartyId: string, at: Date): Promise<RaisedDccAlert[]> {
  const schedules = await tx.dccSchedule.updateManyAndReturn({ where: { deviceId, deletedAt: null, partyId: losingPartyId }, data: { deletedAt: at }, select: { id: true } });
  const requests = await tx.serviceRequest.updateManyAndReturn({
    where: { deviceId, partyId: losingPartyId, OR: [{ status: "WAITING_EXECUTION" }, { status: "COMMAND_SENT", mode: "FUTURE_DATED_DEVICE", executeAt: { gt: at } }] },
    data: { status: "CANCELLED", version: { increment: 1 } },
    select: { requestId: true },
  });
  return [
    ...schedules.map(() => ({ code: "N17", deviceId, to: [], parties: [losingPartyId], sender: null })),
    ...requests.map((r) => ({ code: "N38", deviceId, to: [], parties: [losingPartyId], sender: { partyId: losingPartyId, requestId: r.requestId } })),
  ];
}

/** 3.2 took effect: Other Users' DCC Schedules (N4) and unsent DSP future-dated requests (N3) on the device go. */
async function applyCotRestriction(tx: Tx, deviceId: string, supplierPartyId: string, at: Date): Promise<RaisedDccAlert[]> {
  const schedules = await tx.dccSchedule.updateManyAndReturn({ where: { deviceId, deletedAt: null, partyId: { not: supplierPartyId } }, data: { deletedAt: at }, select: { partyId: true } });
  const requests = await tx.serviceRequest.updateManyAndReturn({
    where: { deviceId, status: "WAITING_EXECUTION", mode: "FUTURE_DATED_DSP", partyId: { not: supplierPartyId } },
    data: { status: "CANCELLED", version: { increment: 1 } },
    select: { partyId: true, requestId: true },
  });
  return [
    ...schedules.map((s) => ({ code: "N4", deviceId, to: [], parties: [s.partyId], sender: null })),
    ...requests.map((r) => ({ code: "N3", deviceId, to: [], parties: [r.partyId], sender: { partyId: r.partyId, requestId: r.requestId } })),
  ];
}

async function dccAlertMessages(tx: Tx, alerts: RaisedDccAlert[], devices: Map<string, DeviceRow>, at: Date): Promise<PendingMessage[]> {
  if (!alerts.length) return [];
  const recipients = await recipientsOf(tx, alerts.map((a) => a.deviceId), at);
  const portal: NewDccAlert[] = [];
  const messages: PendingMessage[] = [];
  for (const alert of alerts) {
    const device = devices.get(alert.deviceId);
    if (!device) continue;
    const parties = new Set([...recipients.resolve(alert.deviceId, device.deviceType, alert.to, alert.sender?.partyId ?? null), ...(alert.parties ?? [])]);
    const name = DCC_ALERT_NAMES[alert.code as DccAlertCode] ?? alert.code;
    const mpxn = recipients.registrations(alert.deviceId).find((r) => r.fuel === "ELECTRICITY")?.mpxn ?? recipients.registrations(alert.deviceId)[0]?.mpxn ?? null;
    const requestId = alert.sender?.requestId || null;
    const content = alertContent(alert.code, alert.deviceId, requestId, mpxn, at);
    const xml = content ? await signedAnswer({ ...(requestId ? { requestId } : {}), code: ALERT_RESPONSE_CODE, at, body: { dccAlert: { code: alert.code, contentXml: content } } }, tx) : null;
    for (const partyId of parties) {
      portal.push({ code: alert.code as DccAlertCode, deviceId: alert.deviceId, partyId, message: `${name}: device ${formatEui64(alert.deviceId)}.` });
      if (xml) messages.push({ partyId, serviceRequestId: null, requestId, deviceId: alert.deviceId, kind: "DCC_ALERT", code: alert.code, xml });
    }
  }
  await raiseDccAlerts(tx, portal);
  return messages;
}
