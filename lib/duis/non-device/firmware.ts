// 11.1 Update Firmware and 11.4 Update PPMID Firmware: the DCC takes the image for distribution to the listed devices
// through their Communications Hubs (the device simulator's part); the SMI's firmware version changes only when 11.3
// activates it. Devices that will not get the image are named in the warning element the DUIS schema gives.
import crypto from "node:crypto";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { enqueueDeviceEvents } from "@/lib/simulator/engine";
import { hashOf } from "@/lib/simulator/state";
import { registrationsOf } from "@/lib/smi/registrations";
import { CODE } from "../codes";
import { NON_DEVICE_CODE, NonDeviceError, requiredText, type NonDeviceContext, type NonDeviceResult } from "./context";
import { findCplEntry } from "./cpl";

/** Device types each SRV updates: 11.4 is the PPMID's own; Type 2 devices are not updated through the DCC. */
const TARGETS: Readonly<Record<string, readonly string[]>> = { "11.1": ["ESME", "GSME", "CHF", "GPF", "HCALCS"], "11.4": ["PPMID"] };
/** Statuses of devices installed on a HAN: a Suspended device takes firmware too (a corrected image lifts a CPL removal). */
const INSTALLED = new Set(["COMMISSIONED", "INSTALLED_NOT_COMMISSIONED", "SUSPENDED", "RECOVERY", "RECOVERED"]);

/** The DCC's hash of the Manufacturer Image (device-ops.md §3.4): SHA-256 of the image, as 11.3's FirmwareHash gives it. */
export const firmwareHash = (imageBase64: string) => crypto.createHash("sha256").update(Buffer.from(imageBase64, "base64")).digest("hex").toUpperCase();

export async function updateFirmware({ tx, actor, request, receivedAt }: NonDeviceContext): Promise<NonDeviceResult> {
  const body = request.body;
  const ppmid = request.srv === "11.4";
  const firmwareVersion = requiredText(body, "FirmwareVersion");
  const listed = requiredText(body, "DeviceIDList")
    .split(",")
    .map((text) => {
      const id = parseEui64(text);
      if (!id) throw new NonDeviceError(CODE.VERIFY, `DeviceIDList: ${text.trim().slice(0, 30)} is not a Device ID.`);
      return id;
    });
  const ids = [...new Set(listed)];
  const devices = new Map((await tx.device.findMany({ where: { id: { in: ids } }, include: { model: true } })).map((d) => [d.id, d]));
  const registrations = await registrationsOf(tx, ids, receivedAt);

  const invalid: string[] = [];
  const notCommissioned: string[] = [];
  const notApplicable: string[] = [];
  for (const id of ids) {
    const device = devices.get(id);
    // Invalid: not in the SMI, not a device this SRV updates, or not one the sender is the Responsible Supplier for.
    if (!device || !TARGETS[request.srv].includes(device.deviceType) || !registrations.get(id)?.some((r) => r.supplierId === actor.partyId)) {
      invalid.push(formatEui64(id));
    } else if (!device.status || !INSTALLED.has(device.status)) {
      notCommissioned.push(formatEui64(id));
    } else if (!device.model || !(await findCplEntry(tx, device.deviceType, { manufacturer: device.model.manufacturer, model: device.model.model, firmwareVersion }))) {
      notApplicable.push(formatEui64(id));
    }
  }
  const refused = invalid.length + notCommissioned.length + notApplicable.length;
  // Each device that gets the image downloads it over its CH (a few seconds, spread per device), checks it and tells its
  // Supplier (0x8F72); it holds the image until an 11.3 activates it.
  const hash = firmwareHash(requiredText(body, "FirmwareImage"));
  const refusedIds = new Set([...invalid, ...notCommissioned, ...notApplicable].map((id) => parseEui64(id)));
  await enqueueDeviceEvents(
    tx,
    ids
      .filter((id) => !refusedIds.has(id))
      .map((deviceId) => ({
        deviceId,
        event: { type: "firmware-received" as const, version: firmwareVersion, hash, ok: true, requestId: request.requestId },
        afterSeconds: 5 + (hashOf(`${request.requestId}:${deviceId}`) % 25),
        sender: { partyId: actor.partyId, requestId: request.requestId },
      })),
  );
  if (!refused) return { code: CODE.I0 };
  const list = (name: string, items: string[]) => (items.length ? `<sr:${name}>${items.join(",")}</sr:${name}>` : "");
  const element = ppmid ? "DSPUpdatePPMIDFirmwareWarning" : "DSPUpdateFirmwareWarning";
  const contentXml = `<sr:${element}>${list("InvalidDeviceIDList", invalid)}${list("NotCommissionedDeviceIDList", notCommissioned)}${list("NotApplicableFirmwareDeviceIDList", notApplicable)}</sr:${element}>`;
  const none = refused === ids.length;
  const code = ppmid ? (none ? NON_DEVICE_CODE.PPMID_FIRMWARE_NO_DEVICE : NON_DEVICE_CODE.PPMID_FIRMWARE_WARNING) : none ? NON_DEVICE_CODE.FIRMWARE_NO_DEVICE : NON_DEVICE_CODE.FIRMWARE_WARNING;
  return { code, contentXml };
}
