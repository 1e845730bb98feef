// The portal's SR forms on the SMI pages (12.2, 8.4, 8.3) as clients of the one pipeline (issue 11 item 5): a form's
// submission becomes a DUIS request from the user's party, checked and stored like any other (it is listed in
// /service-requests), and the user sees what the lib/smi operation says, field errors included. The portal session
// authenticates the user, so nothing is signed (docs/decisions.md, "DUIS gateway"). What DUIS cannot say (an MPxN or
// description at pre-notification, a new description, a CHF back to Pending, a CPL entry its names do not single out)
// travels beside the request as the form's own input to the operation (PortalFormInput); the body records the rest.
import type { DeviceType, EsmeVariant, ServiceRequestStatus, SmiStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { decommissionDevice } from "@/lib/smi/decommission-device";
import { deleteDevice } from "@/lib/smi/delete-device";
import { deviceRefSchema, preNotifySchema, updateDetailsSchema, updateMpxnSchema, updateStatusSchema } from "@/lib/smi/schemas";
import type { DeviceRefInput, PreNotifyInput, UpdateDetailsInput, UpdateMpxnInput, UpdateStatusInput } from "@/lib/smi/schemas";
import { COMMS_HUB, TYPE_2 } from "@/lib/smi/status-machine";
import { updateDeviceMpxn } from "@/lib/smi/update-device-mpxn";
import { updateDeviceStatus } from "@/lib/smi/update-device-status";
import { ENDPOINT_FOR_CV, srvEntry } from "./catalogue";
import type { CheckResult } from "./checks";
import { CODE, RESPONSE_CODES } from "./codes";
import { requestXml } from "./composer";
import { readDuisRequest } from "./envelope";
import { optionalSrElement, srElement } from "./non-device/context";
import type { PortalFormInput } from "./non-device/context";
import { findCplEntry, type CplKey } from "./non-device/cpl";
import { DUIS_STATUS, VARIANT_LETTER } from "./non-device/inventory";
import { submit } from "./pipeline";
import { REFERENCE_EUI } from "./reference-premises";
import { freshCounter } from "./requests";
import { verifyBody } from "./verify";
import { childElements, DUIS_NS, parseDuisXml, type Element } from "./xml";

/** Non-Device SRs are sent to the DCC with Command Variant 8. */
const NON_DEVICE_CV = 8;

export interface PortalServiceRequest {
  /** A Non-Device SRV: 12.2, 8.4 or 8.3. */
  srv: string;
  /** The SR element, e.g. `<sr:DecommissionDevice><sr:DeviceID>...</sr:DeviceID></sr:DecommissionDevice>`. */
  body: string;
  /** The form's own input to the operation, when it says more than the body can. */
  formInput?: PortalFormInput;
}

export interface PortalOutcome {
  serviceRequestId: string | null;
  code: string;
  status: ServiceRequestStatus | null;
  /** Why the pipeline refused it (the failing check's reason); null when it was done. */
  reason: string | null;
  /** What the lib/smi operation returned. */
  effect?: unknown;
}

/** The reason stored with a refused request's failing check; the code's meaning when nothing was stored (a replay). */
async function refusalReason(serviceRequestId: string | null, code: string): Promise<string> {
  const row = serviceRequestId ? await db().serviceRequest.findUnique({ where: { id: serviceRequestId }, select: { checks: true } }) : null;
  const failed = ((row?.checks ?? []) as CheckResult[]).filter((c) => c.result === "fail").at(-1);
  return failed && "reason" in failed ? failed.reason : (RESPONSE_CODES[code as keyof typeof RESPONSE_CODES] ?? `Refused with ${code}.`);
}

/**
 * Send one Non-Device SR as the actor's party, with the actor's account as the composing one, through the pipeline
 * the DUIS endpoints use. A refusal by the lib/smi operation is thrown as that AppError once the refused request is
 * stored; a refusal by the pipeline's checks is returned with its reason.
 */
export async function sendPortalServiceRequest(actor: Actor, input: PortalServiceRequest): Promise<PortalOutcome> {
  authorize(actor, "smi.service-request");
  const entry = srvEntry(input.srv);
  if (!entry?.nonDevice) throw new Error(`SRV ${input.srv} is not a Non-Device Service Request.`);
  const requestId = `${formatEui64(actor.partyEui64)}:${formatEui64(REFERENCE_EUI.dcc)}:${freshCounter()}`;
  const xml = requestXml({ requestId, commandVariant: NON_DEVICE_CV, serviceReference: entry.serviceReference, srv: entry.srv }, input.body);
  const read = readDuisRequest(parseDuisXml(xml));
  // The header is written here and the body by the builders below: one that does not read back is a programming error.
  if (!read.ok) throw new Error(`SRV ${input.srv} from the portal: ${read.problems.join("; ")}`);
  // The suspension is read afresh (the session's actor does not carry it): it applies to the next request.
  const suspension = await db().party.findUniqueOrThrow({ where: { id: actor.partyId }, select: { suspendedAt: true, suspensionReason: true } });
  const outcome = await submit({
    endpoint: ENDPOINT_FOR_CV[NON_DEVICE_CV],
    xml,
    request: read.request,
    party: { id: actor.partyId, eui64: actor.partyEui64, name: actor.partyName, roles: actor.roles, isDcc: actor.isDcc, ...suspension },
    accountId: actor.accountId,
    // The portal session authenticated the user: there is no XML signature to check.
    certificateStatus: "VALID",
    receivedAt: now(),
    formInput: input.formInput,
  });
  // Only a Signed Pre-Command is ever rejected silently.
  if (outcome.silent) throw new Error(`SRV ${input.srv} from the portal was rejected silently: ${outcome.reason}`);
  if (outcome.error) throw outcome.error;
  const done = outcome.status === "COMPLETED";
  return {
    serviceRequestId: outcome.serviceRequestId,
    code: outcome.code,
    status: outcome.status,
    reason: done ? null : await refusalReason(outcome.serviceRequestId, outcome.code),
    effect: outcome.effect,
  };
}

/** How a refusal by the pipeline's checks reads in a form (anything else is a request the DCC found invalid). */
const REFUSAL_ERRORS: Readonly<Record<string, AppErrorCode>> = {
  [CODE.E2]: "FORBIDDEN",
  [CODE.E3]: "FORBIDDEN",
  [CODE.E4]: "FORBIDDEN",
  [CODE.E5]: "CONFLICT",
  [CODE.E19]: "NOT_FOUND",
  [CODE.REPLAY]: "CONFLICT",
};

/** Sends and returns the operation's result; any refusal is thrown as an AppError. */
async function sendOrRefuse<T>(actor: Actor, request: PortalServiceRequest): Promise<T> {
  const outcome = await sendPortalServiceRequest(actor, request);
  if (outcome.status === "COMPLETED") return outcome.effect as T;
  const name = srvEntry(request.srv)!.name;
  throw new AppError(REFUSAL_ERRORS[outcome.code] ?? "INVALID", `SR ${request.srv} ${name} refused (${outcome.code}): ${outcome.reason}`);
}

// ---------------------------------------------------------------- The bodies, from the forms' checked input

const deviceIdElement = (deviceId: string) => srElement("DeviceID", formatEui64(deviceId));

/** Whether DUIS can say it: the pipeline's Verify accepts the body (lengths, enumerations, MPAN or MPRN formats). */
function sayable(srv: string, body: string): boolean {
  const element = childElements(parseDuisXml(`<sr:Body xmlns:sr="${DUIS_NS.sr}">${body}</sr:Body>`).documentElement as Element)[0];
  return verifyBody(srv, element).length === 0;
}

/**
 * The names DUIS gives the CPL entry a form chose: manufacturer, model and firmware version. Null when the entry is
 * not a current one for this device type, or when those names single out another entry (DUIS has no hardware version).
 */
export async function cplNamesOf(deviceType: DeviceType, modelId: string): Promise<CplKey | null> {
  const model = await db().deviceModel.findUnique({ where: { id: modelId } });
  if (!model || model.status !== "CURRENT") return null;
  const names = { manufacturer: model.manufacturer, model: model.model, firmwareVersion: model.firmwareVersion };
  return (await findCplEntry(db(), deviceType, names))?.id === model.id ? names : null;
}

const modelElements = (names: CplKey | null) =>
  names ? srElement("DeviceManufacturer", names.manufacturer) + srElement("DeviceModel", names.model) + optionalSrElement("FirmwareVersion", names.firmwareVersion) : "";

const variantElement = (esmeVariant: EsmeVariant | undefined) => optionalSrElement("ESMEVariant", esmeVariant && VARIANT_LETTER[esmeVariant]);

/** 12.2 DevicePrenotification. A Type 2 device or a CH has no model: DUIS's required names are left empty. */
export function preNotificationBody(data: { deviceId: string; deviceType: DeviceType; esmeVariant?: EsmeVariant }, names: CplKey | null): string {
  return (
    "<sr:DevicePrenotification>" +
    deviceIdElement(data.deviceId) +
    srElement("DeviceManufacturer", names?.manufacturer ?? "") +
    srElement("DeviceModel", names?.model ?? "") +
    srElement("DeviceType", data.deviceType) +
    optionalSrElement("FirmwareVersion", names?.firmwareVersion) +
    variantElement(data.deviceType === "ESME" ? data.esmeVariant : undefined) +
    "</sr:DevicePrenotification>"
  );
}

const updateInventory = (deviceId: string, fn: string) => `<sr:UpdateInventory>${deviceIdElement(deviceId)}${fn}</sr:UpdateInventory>`;

/** 8.4 UpdateDeviceDetails: the model by its CPL names, the ESME variant as its letter. */
export const deviceDetailsBody = (deviceId: string, names: CplKey | null, esmeVariant?: EsmeVariant) =>
  updateInventory(deviceId, `<sr:UpdateDeviceDetails>${modelElements(names)}${variantElement(esmeVariant)}</sr:UpdateDeviceDetails>`);

/** 8.4 status: a CHF and its GPF have their own function (and fewer statuses DUIS can name). */
export const deviceStatusBody = (deviceId: string, forHub: boolean, status: SmiStatus) =>
  updateInventory(deviceId, srElement(forHub ? "UpdateDeviceStatusCH" : "UpdateDeviceStatusExceptCH", DUIS_STATUS[status]));

/** 8.4 UpdateMPxN: the primary MPxN is the Import MPxN; the secondary, a twin element ESME's Secondary Import MPAN. */
export const deviceMpxnBody = (deviceId: string, change: { role: "PRIMARY" | "SECONDARY"; mpxn: string }) =>
  updateInventory(deviceId, `<sr:UpdateMPxN>${srElement(change.role === "PRIMARY" ? "ImportMPxN" : "SecondaryImportMPAN", change.mpxn)}</sr:UpdateMPxN>`);

export const deleteDeviceBody = (deviceId: string) => updateInventory(deviceId, "<sr:DeleteDevice/>");

export const decommissionBody = (deviceId: string) => `<sr:DecommissionDevice>${deviceIdElement(deviceId)}</sr:DecommissionDevice>`;

// ---------------------------------------------------------------- The forms' sends

/** The body naming what DUIS can, else the same without the CPL names (left empty, as for a Type 2 device). */
const sayableOr = (srv: string, named: string, unnamed: () => string) => (sayable(srv, named) ? named : unnamed());

/**
 * SR 12.2 from the pre-notification form. The operation takes the form's input (an MPxN, Secondary MPAN,
 * description, or a model DUIS's names do not single out, go with it) and refuses what it refuses with the same field
 * errors; the body names the model when DUIS can.
 */
export async function sendPreNotification(actor: Actor, input: PreNotifyInput): Promise<{ deviceId: string }> {
  authorize(actor, "smi.service-request");
  const data = preNotifySchema.parse(input);
  const withoutModel = TYPE_2.includes(data.deviceType) || COMMS_HUB.includes(data.deviceType);
  const names = !withoutModel && data.modelId ? await cplNamesOf(data.deviceType, data.modelId) : null;
  const body = sayableOr("12.2", preNotificationBody(data, names), () => preNotificationBody(data, null));
  await sendOrRefuse(actor, { srv: "12.2", body, formInput: { kind: "pre-notify", input } });
  return { deviceId: data.deviceId };
}

/** SR 8.4 device details. The operation takes the form's input (a new description, a model by its id). */
export async function sendDeviceDetailsUpdate(actor: Actor, input: UpdateDetailsInput): Promise<void> {
  authorize(actor, "smi.service-request");
  const data = updateDetailsSchema.parse(input);
  const device = await db().device.findUnique({ where: { id: data.deviceId }, select: { deviceType: true } });
  const names = device && data.modelId && !TYPE_2.includes(device.deviceType) ? await cplNamesOf(device.deviceType, data.modelId) : null;
  const body = sayableOr("8.4", deviceDetailsBody(data.deviceId, names, data.esmeVariant), () => deviceDetailsBody(data.deviceId, null, data.esmeVariant));
  await sendOrRefuse(actor, { srv: "8.4", body, formInput: { kind: "details", input } });
}

/**
 * SR 8.4 SMI Status. A status the device's own status function cannot name is recorded with the other's word for it
 * (a CHF back to Pending, T7: only UpdateDeviceStatusExceptCH says Pending); the operation takes the form's input. A
 * status neither names is one no SR 8.4 transition reaches: the operation refuses it, and no request could carry it.
 */
export async function sendDeviceStatusUpdate(actor: Actor, input: UpdateStatusInput): Promise<Awaited<ReturnType<typeof updateDeviceStatus>>> {
  authorize(actor, "smi.service-request");
  const data = updateStatusSchema.parse(input);
  const device = await db().device.findUnique({ where: { id: data.deviceId }, select: { deviceType: true } });
  const hub = device ? COMMS_HUB.includes(device.deviceType) : false;
  const body = [hub, !hub].map((forHub) => deviceStatusBody(data.deviceId, forHub, data.status)).find((b) => sayable("8.4", b));
  if (!body) return updateDeviceStatus(actor, input);
  return sendOrRefuse(actor, { srv: "8.4", body, formInput: { kind: "status", input } });
}

/** SR 8.4 MPxN. A Secondary MPAN that is not an MPAN (DUIS cannot say it) goes to the operation, which refuses it. */
export async function sendDeviceMpxnUpdate(actor: Actor, input: UpdateMpxnInput): Promise<Awaited<ReturnType<typeof updateDeviceMpxn>>> {
  authorize(actor, "smi.service-request");
  const data = updateMpxnSchema.parse(input);
  const body = deviceMpxnBody(data.deviceId, data.changes[0]);
  if (!sayable("8.4", body)) return updateDeviceMpxn(actor, input);
  return sendOrRefuse(actor, { srv: "8.4", body });
}

/** SR 8.4 delete. */
export async function sendDeviceDeletion(actor: Actor, input: DeviceRefInput): Promise<Awaited<ReturnType<typeof deleteDevice>>> {
  authorize(actor, "smi.service-request");
  const { deviceId } = deviceRefSchema.parse(input);
  return sendOrRefuse(actor, { srv: "8.4", body: deleteDeviceBody(deviceId) });
}

/** SR 8.3 Decommission Device. */
export async function sendDecommission(actor: Actor, input: DeviceRefInput): Promise<Awaited<ReturnType<typeof decommissionDevice>>> {
  authorize(actor, "smi.service-request");
  const { deviceId } = deviceRefSchema.parse(input);
  return sendOrRefuse(actor, { srv: "8.3", body: decommissionBody(deviceId) });
}
