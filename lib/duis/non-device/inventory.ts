// The SMI over DUIS: 8.2 Read Inventory, 12.2 Device Pre-Notification, 8.4 Update Inventory, 8.3 Decommission
// Device and 8.6 Service Opt In. Changes go through the lib/smi operations the portal's forms call, in the
// pipeline's transaction; DUIS names (manufacturer, model, firmware; status and variant words) are mapped to theirs.
import type { Device, DeviceMeterPoint, DeviceModel, MeterPoint } from "@/generated/prisma/client";
import type { CspRegion, DeviceType, EsmeVariant, SmiStatus } from "@/generated/prisma/enums";
import type { Tx } from "@/lib/db";
import { formatEui64, parseEui64, parsePostcode, parseUprn } from "@/lib/identifiers";
import { decommissionDevice } from "@/lib/smi/decommission-device";
import { deleteDevice } from "@/lib/smi/delete-device";
import { preNotifyDevice } from "@/lib/smi/pre-notify-device";
import { keyedSearchSql } from "@/lib/smi/search-devices";
import { searchParamsSchema, type SearchKey } from "@/lib/smi/search-query";
import { COMMS_HUB, TYPE_2 } from "@/lib/smi/status-machine";
import { updateDeviceDetails } from "@/lib/smi/update-device-details";
import { updateDeviceMpxn } from "@/lib/smi/update-device-mpxn";
import { updateDeviceStatus } from "@/lib/smi/update-device-status";
import { CODE } from "../codes";
import { childElements, isSrElement, srChild, type Element } from "../xml";
import { childText, NON_DEVICE_CODE, NonDeviceError, ok, optionalSrElement, requiredText, srElement, xsDate, type NonDeviceContext, type NonDeviceResult } from "./context";
import { findCplEntry } from "./cpl";

/** The DSPInventory element holds at most 17 devices. */
const MAX_INVENTORY = 17;

/** SMI Statuses as DUIS writes them. */
export const DUIS_STATUS: Record<SmiStatus, string> = {
  PENDING: "Pending",
  WHITELISTED: "Whitelisted",
  INSTALLED_NOT_COMMISSIONED: "InstalledNotCommissioned",
  COMMISSIONED: "Commissioned",
  DECOMMISSIONED: "Decommissioned",
  WITHDRAWN: "Withdrawn",
  SUSPENDED: "Suspended",
  RECOVERY: "Recovery",
  RECOVERED: "Recovered",
};
const SMI_STATUS = Object.fromEntries(Object.entries(DUIS_STATUS).map(([ours, duis]) => [duis, ours as SmiStatus])) as Record<string, SmiStatus>;

const DUIS_REGION: Record<CspRegion, string> = { NORTH: "North", CENTRAL: "Central", SOUTH: "South" };

/**
 * DUIS writes an ESME variant as letters: A single element, B twin element, C polyphase, then the optional extras
 * (D, E, F, G) the SMI does not keep. The first letter is the SMI's variant.
 */
export const VARIANT_LETTER: Record<EsmeVariant, string> = { SINGLE_ELEMENT: "A", TWIN_ELEMENT: "B", POLYPHASE: "C" };
const esmeVariantOf = (duis: string | undefined): EsmeVariant | undefined =>
  duis ? (Object.entries(VARIANT_LETTER).find(([, letter]) => duis.startsWith(letter))?.[0] as EsmeVariant | undefined) : undefined;

const DEVICE_TYPES: readonly DeviceType[] = ["ESME", "GSME", "CHF", "GPF", "PPMID", "HCALCS", "IHD", "CAD"];

function deviceTypeOf(duis: string): DeviceType {
  const type = DEVICE_TYPES.find((t) => t === duis);
  if (!type) throw new NonDeviceError(CODE.VERIFY, `DeviceType ${duis.slice(0, 20)} is not a DUIS device type.`);
  return type;
}

function deviceIdIn(parent: Element, name = "DeviceID"): string {
  const text = requiredText(parent, name);
  const id = parseEui64(text);
  if (!id) throw new NonDeviceError(CODE.VERIFY, `${name} ${text.slice(0, 30)} is not a Device ID.`);
  return id;
}

// ---------------------------------------------------------------- 8.2 Read Inventory

type InventoryDevice = Device & { model: DeviceModel | null; meterPoints: (DeviceMeterPoint & { meterPoint: MeterPoint })[] };

/** The named device and its premises: its Associated devices, its CHF, and everything Associated to that CHF. */
async function premisesOf(tx: Tx, device: Device): Promise<string[]> {
  const linksOf = (ids: string[]) =>
    tx.deviceAssociation.findMany({ where: { OR: [{ deviceId: { in: ids } }, { associatedDeviceId: { in: ids } }] }, select: { deviceId: true, associatedDeviceId: true } });
  const near = (await linksOf([device.id])).flatMap((l) => [l.deviceId, l.associatedDeviceId]);
  const hubs =
    device.deviceType === "CHF" ? [device.id] : (await tx.device.findMany({ where: { id: { in: near }, deviceType: "CHF" }, select: { id: true } })).map((d) => d.id);
  const han = hubs.length ? (await linksOf(hubs)).flatMap((l) => [l.deviceId, l.associatedDeviceId]) : [];
  return [...new Set([device.id, ...near, ...hubs, ...han])];
}

/** The SMI search key a ReadInventory body names (UPRN, MPxN or postcode and house), for the portal's premises search. */
function searchKeyOf(body: Element): SearchKey | null {
  const uprn = childText(body, "UPRN");
  if (uprn !== undefined) {
    const value = parseUprn(uprn);
    return value ? { kind: "uprn", value } : null;
  }
  // MPxNs are matched as given: the reference data's fail the check digit (D4), and DUIS accepts them.
  const mpxn = childText(body, "MPxN");
  if (mpxn !== undefined) return mpxn ? { kind: "mpan", value: mpxn } : null;
  const filter = srChild(body, "PropertyFilter");
  if (filter) {
    const postcode = parsePostcode(requiredText(filter, "PostCode"));
    return postcode ? { kind: "postcode", value: postcode, property: childText(filter, "AddressIdentifier") || undefined } : null;
  }
  return null;
}

function deviceXml(d: InventoryDevice, premises: MeterPoint | undefined, region: CspRegion | null): string {
  const model = d.model;
  const primary = d.meterPoints.find((l) => l.role === "PRIMARY");
  const secondary = d.meterPoints.find((l) => l.role === "SECONDARY");
  const address = primary?.meterPoint ?? premises;
  const cplStatus = model ? (model.status === "CURRENT" ? "Active" : "Withdrawn") : null;
  const firmware = d.firmwareVersion && d.firmwareVersion.length <= 8 ? d.firmwareVersion : null;
  const uprn = address?.uprn && /^[1-9]\d{0,11}$/.test(address.uprn) ? address.uprn : null;
  const postcode = address && address.postcode.length >= 6 && address.postcode.length <= 8 ? address.postcode : null;
  return (
    "<sr:Device>" +
    srElement("DeviceID", formatEui64(d.id)) +
    srElement("DeviceType", d.deviceType) +
    optionalSrElement("DeviceStatus", d.status && DUIS_STATUS[d.status]) +
    srElement("DeviceManufacturer", (d.manufacturer ?? model?.manufacturer ?? "").slice(0, 30)) +
    srElement("DeviceModel", (model?.model ?? "").slice(0, 30)) +
    optionalSrElement("SMETSCHTSVersion", model?.technicalSpecVersion.slice(0, 20) || null) +
    optionalSrElement("DeviceFirmwareVersion", firmware) +
    optionalSrElement("DeviceFirmwareVersionStatus", firmware && cplStatus) +
    optionalSrElement("CPLStatus", cplStatus) +
    optionalSrElement("DateCommissioned", d.commissionedAt && xsDate(d.commissionedAt)) +
    optionalSrElement("ImportMPxN", primary?.mpxn) +
    optionalSrElement("SecondaryImportMPAN", secondary?.mpxn) +
    optionalSrElement("ESMEVariant", d.deviceType === "ESME" && d.esmeVariant ? VARIANT_LETTER[d.esmeVariant] : null) +
    optionalSrElement("UPRN", uprn) +
    (postcode && address ? `<sr:PropertyFilter>${srElement("PostCode", postcode)}${srElement("AddressIdentifier", address.addressLine.split(",")[0].trim().slice(0, 30))}</sr:PropertyFilter>` : "") +
    optionalSrElement("CSPRegion", region && DUIS_REGION[region]) +
    optionalSrElement("DeviceGBCSVersion", model?.gbcsVersion) +
    "</sr:Device>"
  );
}

/** 8.2: the devices the search names, read-only, with no ownership check (inventory.md scenario 27, D8). */
export async function readInventory({ tx, request }: NonDeviceContext): Promise<NonDeviceResult> {
  const body = request.body;
  let ids: string[];
  let first: string | null = null;
  const deviceIdText = childText(body, "DeviceID");
  if (deviceIdText !== undefined) {
    const id = deviceIdIn(body);
    const device = await tx.device.findUnique({ where: { id } });
    if (!device) throw new NonDeviceError(CODE.E19, `Device ${formatEui64(id)} is not in the SMI.`);
    ids = await premisesOf(tx, device);
    first = id;
  } else {
    const key = searchKeyOf(body);
    if (!key) throw new NonDeviceError(NON_DEVICE_CODE.INVENTORY_NO_MATCH, "The search names no UPRN, MPxN or full postcode the SMI could hold.");
    const rows = await tx.$queryRaw<{ id: string }[]>(keyedSearchSql(key, searchParamsSchema.parse({}), MAX_INVENTORY + 1));
    ids = rows.map((r) => r.id);
  }
  if (!ids.length) throw new NonDeviceError(NON_DEVICE_CODE.INVENTORY_NO_MATCH, "No device in the SMI matches the search.");
  if (ids.length > MAX_INVENTORY) throw new NonDeviceError(NON_DEVICE_CODE.INVENTORY_TOO_MANY, `More than ${MAX_INVENTORY} devices match the search: narrow it.`);

  const devices = await tx.device.findMany({ where: { id: { in: ids } }, include: { model: true, meterPoints: { include: { meterPoint: true } } } });
  const order = (d: Device) => (d.id === first ? -1 : DEVICE_TYPES.indexOf(d.deviceType));
  devices.sort((a, b) => order(a) - order(b) || a.id.localeCompare(b.id));
  // Devices without an MPxN of their own (CH, HAN devices) are at the premises of the meters found with them.
  const premises = devices.flatMap((d) => d.meterPoints).find((l) => l.role === "PRIMARY")?.meterPoint;
  const region = devices.find((d) => d.deviceType === "CHF" && d.cspRegion)?.cspRegion ?? devices.find((d) => d.cspRegion)?.cspRegion ?? null;
  return ok(`<sr:DSPInventory>${devices.map((d) => deviceXml(d, premises, d.cspRegion ?? region)).join("")}</sr:DSPInventory>`);
}

// ---------------------------------------------------------------- 12.2 Device Pre-Notification

/** 12.2: adds the device as Pending (Type 2: no status) under the CPL entry its manufacturer, model and firmware name. */
export async function preNotify({ tx, actor, request, formInput }: NonDeviceContext): Promise<NonDeviceResult> {
  if (formInput?.kind === "pre-notify") {
    await preNotifyDevice(actor, formInput.input, tx);
    return ok();
  }
  const body = request.body;
  const deviceId = deviceIdIn(body);
  const deviceType = deviceTypeOf(requiredText(body, "DeviceType"));
  let modelId: string | undefined;
  if (!TYPE_2.includes(deviceType) && !COMMS_HUB.includes(deviceType)) {
    const key = { manufacturer: requiredText(body, "DeviceManufacturer"), model: requiredText(body, "DeviceModel"), firmwareVersion: childText(body, "FirmwareVersion") };
    const entry = await findCplEntry(tx, deviceType, key);
    if (!entry || entry.status !== "CURRENT") {
      const named = `${key.manufacturer} ${key.model}${key.firmwareVersion ? ` firmware ${key.firmwareVersion}` : ""}`;
      throw new NonDeviceError(NON_DEVICE_CODE.PRE_NOTIFY_NOT_ON_CPL, entry ? `Device Model ${named} is marked 'removed' on the CPL.` : `No ${deviceType} entry on the CPL is ${named}.`);
    }
    modelId = entry.id;
  }
  await preNotifyDevice(actor, { deviceId, deviceType, modelId, esmeVariant: deviceType === "ESME" ? esmeVariantOf(childText(body, "ESMEVariant")) : undefined }, tx);
  return ok();
}

// ---------------------------------------------------------------- 8.4 Update Inventory

const isCommsHub = (device: Device | null) => !!device && COMMS_HUB.includes(device.deviceType);

/** 8.4: the one function the body chooses, through its lib/smi operation. */
export async function updateInventory({ tx, actor, request, device, formInput }: NonDeviceContext): Promise<NonDeviceResult> {
  const body = request.body;
  const deviceId = deviceIdIn(body);
  const fn = childElements(body).find((el) => isSrElement(el) && el.localName !== "DeviceID");
  switch (fn?.localName) {
    case "UpdateDeviceStatusExceptCH":
    case "UpdateDeviceStatusCH": {
      if (formInput?.kind === "status") return { ...ok(), effect: await updateDeviceStatus(actor, formInput.input, tx) };
      const forHub = fn.localName === "UpdateDeviceStatusCH";
      if (device && isCommsHub(device) !== forHub) {
        throw new NonDeviceError(CODE.E11, `Device ${formatEui64(deviceId)} is a ${device.deviceType}: its status is updated with ${forHub ? "UpdateDeviceStatusExceptCH" : "UpdateDeviceStatusCH"}.`);
      }
      const status = SMI_STATUS[(fn.textContent ?? "").trim()];
      if (!status) throw new NonDeviceError(CODE.VERIFY, `${fn.localName} names no SMI Status.`);
      return { ...ok(), effect: await updateDeviceStatus(actor, { deviceId, status }, tx) };
    }
    case "UpdateDeviceDetails": {
      if (formInput?.kind === "details") {
        await updateDeviceDetails(actor, formInput.input, tx);
        return ok();
      }
      const manufacturer = childText(fn, "DeviceManufacturer");
      const model = childText(fn, "DeviceModel");
      const firmwareVersion = childText(fn, "FirmwareVersion");
      let modelId: string | undefined;
      if (device && !TYPE_2.includes(device.deviceType) && (manufacturer || model || firmwareVersion)) {
        const current = device.modelId ? await tx.deviceModel.findUnique({ where: { id: device.modelId } }) : null;
        const key = {
          manufacturer: manufacturer || current?.manufacturer || "",
          model: model || current?.model || "",
          // A new model without a firmware version: any firmware of it; the same model: the firmware it has now.
          firmwareVersion: firmwareVersion || (manufacturer || model ? undefined : (current?.firmwareVersion ?? undefined)),
        };
        const entry = await findCplEntry(tx, device.deviceType, key);
        if (!entry) throw new NonDeviceError(NON_DEVICE_CODE.UPDATE_NOT_ON_CPL, `No ${device.deviceType} entry on the CPL is ${key.manufacturer} ${key.model}${key.firmwareVersion ? ` firmware ${key.firmwareVersion}` : ""}.`);
        modelId = entry.id;
      }
      await updateDeviceDetails(actor, { deviceId, modelId, esmeVariant: esmeVariantOf(childText(fn, "ESMEVariant")) }, tx);
      return ok();
    }
    case "DeleteDevice":
      return { ...ok(), effect: await deleteDevice(actor, { deviceId }, tx) };
    case "UpdateMPxN": {
      const choice = childElements(fn).find((el) => isSrElement(el));
      const mpxn = (choice?.textContent ?? "").trim();
      if (choice?.localName === "ExportMPAN") {
        throw new NonDeviceError(NON_DEVICE_CODE.UPDATE_UNSUPPORTED, "The SMI holds a meter's Import MPxN and Secondary Import MPAN; it keeps no Export MPAN Association.");
      }
      if (choice?.localName !== "ImportMPxN" && choice?.localName !== "SecondaryImportMPAN") throw new NonDeviceError(CODE.VERIFY, "UpdateMPxN names no MPxN.");
      return { ...ok(), effect: await updateDeviceMpxn(actor, { deviceId, changes: [{ role: choice.localName === "ImportMPxN" ? "PRIMARY" : "SECONDARY", mpxn }] }, tx) };
    }
    default:
      throw new NonDeviceError(CODE.VERIFY, "UpdateInventory names no function.");
  }
}

// ---------------------------------------------------------------- 8.3 Decommission Device

export async function decommission({ tx, actor, request }: NonDeviceContext): Promise<NonDeviceResult> {
  return { ...ok(), effect: await decommissionDevice(actor, { deviceId: deviceIdIn(request.body) }, tx) };
}

// ---------------------------------------------------------------- 8.6 Service Opt In

/**
 * 8.6: a meter opted out of DCC services (8.5, non-domestic premises) comes back. The SMI keeps no opted-out state,
 * so the DCC checks the device is the one named and answers I0 (docs/decisions.md).
 */
export async function serviceOptIn({ request, device }: NonDeviceContext): Promise<NonDeviceResult> {
  const deviceId = deviceIdIn(request.body);
  if (!device) throw new NonDeviceError(CODE.E19, `Device ${formatEui64(deviceId)} is not in the SMI.`);
  const named = requiredText(request.body, "DeviceType");
  if (named !== device.deviceType) throw new NonDeviceError(CODE.E11, `Device ${formatEui64(deviceId)} is a ${device.deviceType}, not a ${named}.`);
  if (device.deviceType !== "ESME" && device.deviceType !== "GSME") throw new NonDeviceError(CODE.E11, "Only a Smart Meter is opted in to DCC services.");
  return ok();
}
