// 8.14 Communications Hub Status Updates: the install reports (8.14.1 with SM WAN, 8.14.2 without) and the return
// notifications (8.14.3 fault, 8.14.4 no fault), which are the returns records of lib/returns (CHIMSM 9).
import type { Device } from "@/generated/prisma/client";
import { addWorkingDays, endOfLondonDay, londonDate } from "@/lib/clock";
import { formatEui64, parseMpxn } from "@/lib/identifiers";
import { raiseIncident } from "@/lib/incidents/raise-incident";
import { notifyReturn } from "@/lib/returns/returns";
import { CODE } from "../codes";
import { parseXsDateTime } from "../envelope";
import { childText, NON_DEVICE_CODE, NonDeviceError, ok, requiredText, type NonDeviceContext, type NonDeviceResult } from "./context";

/** The CHF the update is about: in the SMI (E19) and a CHF (E11). */
function requireChf({ device, request }: NonDeviceContext): Device {
  if (!device) throw new NonDeviceError(CODE.E19, `Device ${requiredText(request.body, "DeviceID").slice(0, 30)} is not in the SMI.`);
  if (device.deviceType !== "CHF") throw new NonDeviceError(CODE.E11, `SRV ${request.srv} is about a Communications Hub Function; device ${formatEui64(device.id)} is a ${device.deviceType}.`);
  return device;
}

/** Working Days after the install within which each report is due (inventory.md §4.2 step 6, §4.4 step 2). */
const REPORT_WORKING_DAYS: Readonly<Record<string, number>> = { "8.14.1": 5, "8.14.2": 3 };

const yesNo = (value: string | undefined) => (value === "true" || value === "1" ? "yes" : "no");

/**
 * 8.14.1 / 8.14.2: the install is recorded with the request (the DCC's asset record); a report later than the seed
 * allows is accepted and flagged late (W081401). No SM WAN (8.14.2): the DCC raises an Incident for the location
 * (CHIMSM 4.10), which the DCC answers within 90 days.
 */
export async function chInstallReport(ctx: NonDeviceContext): Promise<NonDeviceResult> {
  const { tx, actor, request, receivedAt } = ctx;
  const chf = requireChf(ctx);
  const body = request.body;
  const installed = parseXsDateTime(childText(body, "InstallDateTime") ?? "")?.date;
  const late = !!installed && receivedAt > endOfLondonDay(addWorkingDays(installed, REPORT_WORKING_DAYS[request.srv]));
  if (request.srv === "8.14.2") {
    const mpxn = childText(body, "MPxN") ?? "";
    const label = formatEui64(chf.id);
    await raiseIncident(
      actor,
      {
        category: 4,
        contactName: actor.name,
        contactOrganisation: actor.partyName,
        contactDetails: actor.email,
        ownReference: childText(body, "UserRefID") || undefined,
        occurredAt: (installed && installed < receivedAt ? installed : receivedAt).toISOString(),
        // The reference data's MPxNs fail the check digit: such a one is named in the summary only.
        mpxn: parseMpxn(mpxn) ? mpxn : undefined,
        deviceId: chf.id,
        summary: `SRV 8.14.2 Install No SM WAN: CH ${label} at ${mpxn || "an unnamed MPxN"}`.slice(0, 200),
        businessImpact: `The Communications Hub was installed but has no SM WAN connection, so its devices cannot be reached over the WAN. The DCC replies within 90 days that the SM WAN is available, or why it is not (F7.18).${late ? " The report was sent later than 3 Working Days after the install." : ""}`,
        triageResults: [
          `Install type: ${childText(body, "CHFInstallType") ?? "not given"}`,
          `CH location: ${childText(body, "CHFLocation") ?? "not given"}; aerial installed: ${yesNo(childText(body, "AerialInstall"))}`,
          `Premises type: ${childText(body, "PremiseType") ?? "not given"}`,
          `Significant metallic obstruction: ${yesNo(childText(body, "MetalObstructionCheck"))}`,
          `Substantial stone walls (connectivity obstruction): ${yesNo(childText(body, "ConnectivityObstructionCheck"))}`,
          `Shared or communal installation point: ${yesNo(childText(body, "SharedObstructionCheck"))}`,
          `Network Enhancement Plan for the location: none recorded`,
          ...(childText(body, "AdditionalInformation") ? [`Additional information: ${childText(body, "AdditionalInformation")}`] : []),
        ].join("\n"),
      },
      tx,
    );
  }
  return late ? { code: NON_DEVICE_CODE.CH_UPDATE_LATE } : ok();
}

/** CHFFaultReason values that are physical damage (F9.5 (d)); the rest are CH defects (F9.5 (f)). */
const DAMAGE_REASONS = new Set(["Damaged case", "Damaged Connector", "Illegal interference or missing seals", "Environmental conditions exceeded"]);

/** CHFNoFaultReturnType to the F9.5 reason it notifies. */
const NO_FAULT_REASONS: Readonly<Record<string, string>> = {
  "No Fault Return (general)": "e",
  "No Fault Return (non-dom opt out)": "a",
  "No Fault Return (dual supplier HAN variant replacement)": "b",
  "No Fault Return (SM WAN variant replacement requested by DCC)": "c",
  "Lost or Stolen Hub": "e",
};

/**
 * 8.14.3 / 8.14.4: the return notification, recorded by lib/returns (the holder, 5 Working Days and one-open-return
 * rules are its own). DUIS carries no removal date: the notification's day stands for it.
 */
export async function chReturn(ctx: NonDeviceContext): Promise<NonDeviceResult> {
  const { tx, actor, request, receivedAt } = ctx;
  const chf = requireChf(ctx);
  const body = request.body;
  const fault = request.srv === "8.14.3";
  const details = fault
    ? [
        requiredText(body, "CHFFaultReturnType"),
        `reason ${requiredText(body, "CHFFaultReason")}`,
        `connected by ${requiredText(body, "CHFConnectionMethod")}`,
        `other device ${childText(body, "OtherDeviceID") ?? "none"}`,
      ]
    : [requiredText(body, "CHFNoFaultReturnType")];
  const extras = [
    ["incident", childText(body, "IncidentReference")],
    ["user reference", childText(body, "UserRefID")],
    ["user reference time", childText(body, "UserRefDateTime")],
    ["additional information", childText(body, "AdditionalInformation")],
  ].filter(([, value]) => value);
  const faultReason = fault ? requiredText(body, "CHFFaultReason") : null;
  const reason = fault ? (DAMAGE_REASONS.has(faultReason!) ? "d" : "f") : NO_FAULT_REASONS[details[0]];
  if (!reason) throw new NonDeviceError(CODE.VERIFY, `CHFNoFaultReturnType ${details[0].slice(0, 60)} is not a DUIS return type.`);
  await notifyReturn(
    actor,
    {
      deviceId: chf.id,
      kind: fault ? "FAULT" : "NO_FAULT",
      reason,
      faultType: fault ? (reason === "d" ? "Physical damage" : "CH Defect") : undefined,
      removedOn: londonDate(receivedAt),
      note: `SRV ${request.srv} over DUIS: ${[...details, ...extras.map(([label, value]) => `${label} ${value}`)].join("; ")}.`,
    },
    tx,
  );
  return ok();
}
