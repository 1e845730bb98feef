// DCC Schedules (processing.md §4): 5.1 Create, 5.2 Read, 5.3 Delete. A schedule belongs to the party that created
// it and is only ever seen or deleted by that party. Each run replays the stored scheduled SR element as an unsigned
// request on the creator's behalf (lib/duis execution), at the times nextScheduleRun gives.
import type { DccSchedule } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { srvEntry } from "../catalogue";
import { CODE } from "../codes";
import { childElements, isSrElement } from "../xml";
import { childText, NON_DEVICE_CODE, NonDeviceError, ok, optionalSrElement, requiredText, srElement, xsDate, type NonDeviceContext, type NonDeviceResult } from "./context";

/** AD 2.6.2.2: at most 99 active schedules per User per Device. */
export const MAX_SCHEDULES_PER_DEVICE = 99;

/** The DSP element a CreateSchedule carries for each schedulable SRV (the DUIS schema's choice). */
const SCHEDULED_ELEMENT_SRV: Readonly<Record<string, string>> = {
  DSPReadInstantaneousExportRegisters: "4.2",
  DSPRetrieveImportDailyReadLog: "4.6.1",
  DSPRetrieveExportDailyReadLog: "4.6.2",
  DSPReadActiveImportProfileData: "4.8.1",
  DSPReadReactiveImportProfileData: "4.8.2",
  DSPReadExportProfileData: "4.8.3",
  DSPReadNetworkData: "4.10",
  DSPReadMaximumDemandImportRegisters: "4.12.1",
  DSPReadMaximumDemandExportRegisters: "4.12.2",
  DSPReadPrepaymentDailyReadLog: "4.14",
  DSPReadLoadLimitData: "4.15",
  DSPReadActivePowerImport: "4.16",
  DSPRetrieveDailyConsumptionLog: "4.17",
  DSPRecordNetworkDataGAS: "14.1",
};

/** Devices a schedule may target: Smart Meters and the GPF (L5297-5303); never a PPMID or HCALCS ([ext L3630]). */
const SCHEDULABLE_DEVICE_TYPES = new Set(["ESME", "GSME", "GPF"]);

const MONTHS: Readonly<Record<string, number>> = { Monthly: 1, Quarterly: 3, "Half-Yearly": 6, Yearly: 12 };
const DAYS: Readonly<Record<string, number>> = { Daily: 1, Weekly: 7 };
const DAY_MS = 86_400_000;

/** The k-th run (k = 0 is the start). Monthly periods keep the start's day of month, or the month's last day. */
function runAt(frequency: string, start: Date, k: number): Date {
  if (DAYS[frequency]) return new Date(start.getTime() + k * DAYS[frequency] * DAY_MS);
  const month = start.getUTCMonth() + k * MONTHS[frequency];
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), month + 1, 0)).getUTCDate();
  const at = new Date(start);
  at.setUTCFullYear(start.getUTCFullYear(), month, Math.min(start.getUTCDate(), lastDay));
  return at;
}

/** The first run at or after the start that is later than `after`; null when the end date comes first. */
export function nextScheduleRun(schedule: { frequency: string; startDate: Date; endDate: Date | null }, after: Date): Date | null {
  if (!DAYS[schedule.frequency] && !MONTHS[schedule.frequency]) throw new Error(`Unknown schedule frequency ${schedule.frequency}.`);
  // A period's longest length, so the estimate never passes the answer; then step forward to it.
  const longest = (DAYS[schedule.frequency] ?? 31 * MONTHS[schedule.frequency]) * DAY_MS;
  let k = Math.max(0, Math.floor((after.getTime() - schedule.startDate.getTime()) / longest));
  let at = runAt(schedule.frequency, schedule.startDate, k);
  while (at.getTime() <= after.getTime()) at = runAt(schedule.frequency, schedule.startDate, ++k);
  return schedule.endDate && at > schedule.endDate ? null : at;
}

const XS_DATE = /^(\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const XS_TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/** A schedule's first instant: its start date at its execution start time (UTC when the time gives no zone; 00:00 when absent). */
function startInstant(dateText: string, timeText: string | undefined): Date {
  const date = XS_DATE.exec(dateText);
  const time = XS_TIME.exec(timeText ?? "00:00:00Z");
  if (!date || !time) throw new NonDeviceError(CODE.VERIFY, `ScheduleStartDate ${dateText.slice(0, 20)} / ScheduleExecutionStartTime ${(timeText ?? "").slice(0, 20)} is not a date and time.`);
  const offsetMinutes = time[6] ? (time[6] === "-" ? -1 : 1) * (Number(time[7]) * 60 + Number(time[8])) : 0;
  const ms = Number((time[4] ?? ".0").slice(1, 4).padEnd(3, "0"));
  const utc = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]), Number(time[3]), ms);
  return new Date(utc - offsetMinutes * 60_000);
}

/** The end date is the last day runs may happen on: stored as the end of that UTC day. */
function endInstant(dateText: string | undefined): Date | null {
  if (dateText === undefined) return null;
  const date = XS_DATE.exec(dateText);
  if (!date) throw new NonDeviceError(CODE.VERIFY, `ScheduleEndDate ${dateText.slice(0, 20)} is not a date.`);
  return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), 23, 59, 59, 999));
}

/** Active: not deleted and not past its end date (AD 2.6.2.2 counts these). */
const activeAt = (at: Date) => ({ deletedAt: null, OR: [{ endDate: null }, { endDate: { gt: at } }] });

const auditRow = (s: DccSchedule) => ({ ...s, id: String(s.id) });

/** 5.1: stores the schedule and answers its DSPScheduleID. */
export async function createSchedule({ tx, actor, request, receivedAt }: NonDeviceContext): Promise<NonDeviceResult> {
  const body = request.body;
  const srv = requiredText(body, "DSPScheduledServiceReferenceVariant");
  const entry = srvEntry(srv);
  const scheduled = childElements(body).find((el) => isSrElement(el) && !!el.localName && el.localName in SCHEDULED_ELEMENT_SRV);
  if (!entry?.dccScheduled) throw new NonDeviceError(NON_DEVICE_CODE.NOT_SCHEDULABLE, `SRV ${srv.slice(0, 20)} cannot be DCC Scheduled.`);
  if (!scheduled || SCHEDULED_ELEMENT_SRV[scheduled.localName ?? ""] !== srv || requiredText(body, "DSPScheduledServiceReference") !== entry.serviceReference) {
    throw new NonDeviceError(NON_DEVICE_CODE.NOT_SCHEDULABLE, `The schedule's Service Reference and body are not those of SRV ${srv}.`);
  }
  if (!entry.roles.some((role) => actor.roles.includes(role))) {
    throw new NonDeviceError(CODE.E2, `SRV ${srv} may be sent by ${entry.roles.join(", ")}; ${actor.partyName} holds ${actor.roles.join(", ") || "none"}.`);
  }
  const deviceId = parseEui64(requiredText(body, "DeviceID"));
  if (!deviceId) throw new NonDeviceError(CODE.VERIFY, "DeviceID is not a Device ID.");
  // The device row is the lock two concurrent creations queue on, so that they cannot both see 98 and make 100.
  const [device] = await tx.$queryRaw<{ deviceType: string }[]>`SELECT "deviceType" FROM "Device" WHERE id = ${deviceId} FOR UPDATE`;
  if (!device) throw new NonDeviceError(CODE.E19, `Device ${formatEui64(deviceId)} is not in the SMI.`);
  if (!SCHEDULABLE_DEVICE_TYPES.has(device.deviceType)) throw new NonDeviceError(CODE.E11, `A ${device.deviceType} cannot be DCC Scheduled: only Smart Meters and GPFs.`);

  const frequency = requiredText(body, "ScheduleFrequency");
  if (!DAYS[frequency] && !MONTHS[frequency]) throw new NonDeviceError(CODE.VERIFY, `ScheduleFrequency ${frequency.slice(0, 20)} is not a DUIS frequency.`);
  const startDate = startInstant(requiredText(body, "ScheduleStartDate"), childText(body, "ScheduleExecutionStartTime"));
  const endDate = endInstant(childText(body, "ScheduleEndDate"));
  const nextRunAt = nextScheduleRun({ frequency, startDate, endDate }, receivedAt);
  if (!nextRunAt) throw new NonDeviceError(NON_DEVICE_CODE.SCHEDULE_NEVER_RUNS, "The schedule's end date comes before its first run after receipt.");

  const active = await tx.dccSchedule.count({ where: { partyId: actor.partyId, deviceId, ...activeAt(receivedAt) } });
  if (active >= MAX_SCHEDULES_PER_DEVICE) {
    throw new NonDeviceError(CODE.SCHEDULE_LIMIT, `${actor.partyName} already has ${MAX_SCHEDULES_PER_DEVICE} active schedules on device ${formatEui64(deviceId)} (AD 2.6.2.2).`);
  }
  const schedule = await tx.dccSchedule.create({
    data: { partyId: actor.partyId, deviceId, srv, frequency, startDate, endDate, nextRunAt, bodyXml: scheduled.toString(), createdAt: now() },
  });
  await audit(tx, actor, { action: "dcc-schedule.create", entityType: "DccSchedule", entityId: String(schedule.id), partyId: actor.partyId, after: auditRow(schedule) });
  return { code: CODE.I0, dspScheduleId: String(schedule.id) };
}

/** The sender's schedule with this DSPScheduleID; null when there is none (or it is another User's). */
function ownSchedule({ tx, actor }: NonDeviceContext, idText: string) {
  if (!/^\d{1,13}$/.test(idText)) return null;
  return tx.dccSchedule.findFirst({ where: { id: BigInt(idText), partyId: actor.partyId, deletedAt: null } });
}

function scheduleXml(s: DccSchedule): string {
  const reference = srvEntry(s.srv)?.serviceReference ?? s.srv;
  return (
    `<sr:DSPSchedules>${srElement("DSPScheduleID", String(s.id))}<sr:DSPScheduleDetails>` +
    srElement("ScheduleFrequency", s.frequency) +
    srElement("ScheduleStartDate", xsDate(s.startDate)) +
    optionalSrElement("ScheduleEndDate", s.endDate && xsDate(s.endDate)) +
    srElement("ScheduleExecutionStartTime", `${s.startDate.toISOString().slice(11, 19)}Z`) +
    srElement("DSPScheduledServiceReference", reference) +
    srElement("DSPScheduledServiceReferenceVariant", s.srv) +
    srElement("DeviceID", formatEui64(s.deviceId)) +
    // Stored from the request's parsed body: well-formed, with its own namespace declaration.
    s.bodyXml +
    "</sr:DSPScheduleDetails></sr:DSPSchedules>"
  );
}

/**
 * 5.2: one of the sender's schedules by DSPScheduleID (another User's reads as not found, E050201), or all of the
 * sender's on a device (none: W050201, no body).
 */
export async function readSchedule(ctx: NonDeviceContext): Promise<NonDeviceResult> {
  const body = ctx.request.body;
  const idText = childText(body, "DSPScheduleID");
  let schedules: DccSchedule[];
  if (idText !== undefined) {
    const schedule = await ownSchedule(ctx, idText);
    if (!schedule) throw new NonDeviceError(NON_DEVICE_CODE.SCHEDULE_NOT_FOUND, `DSPScheduleID ${idText.slice(0, 20)} does not exist or is not ${ctx.actor.partyName}'s.`);
    schedules = [schedule];
  } else {
    const deviceId = parseEui64(requiredText(body, "DeviceID"));
    if (!deviceId) throw new NonDeviceError(CODE.VERIFY, "DeviceID is not a Device ID.");
    schedules = await ctx.tx.dccSchedule.findMany({ where: { partyId: ctx.actor.partyId, deviceId, deletedAt: null }, orderBy: { id: "asc" }, take: MAX_SCHEDULES_PER_DEVICE });
    if (!schedules.length) return { code: NON_DEVICE_CODE.NO_SCHEDULES };
  }
  return ok(`<sr:DSPSchedulesRead>${schedules.map(scheduleXml).join("")}</sr:DSPSchedulesRead>`);
}

/** 5.3: one of the sender's schedules, or all of the sender's on a device (processing.md §4.3). */
export async function deleteSchedule(ctx: NonDeviceContext): Promise<NonDeviceResult> {
  const { tx, actor, request } = ctx;
  const idText = childText(request.body, "DSPScheduleID");
  let schedules: DccSchedule[];
  if (idText !== undefined) {
    const schedule = await ownSchedule(ctx, idText);
    if (!schedule) throw new NonDeviceError(CODE.E050301, `DSPScheduleID ${idText.slice(0, 20)} does not exist or is not ${actor.partyName}'s.`);
    schedules = [schedule];
  } else {
    const deviceId = parseEui64(requiredText(request.body, "DeviceID"));
    if (!deviceId) throw new NonDeviceError(CODE.VERIFY, "DeviceID is not a Device ID.");
    schedules = await tx.dccSchedule.findMany({ where: { partyId: actor.partyId, deviceId, deletedAt: null }, orderBy: { id: "asc" } });
    if (!schedules.length) return { code: CODE.W050301 };
  }
  const deletedAt = now();
  // Guarded by deletedAt: of two deletions at once, the second finds nothing left to delete.
  const { count } = await tx.dccSchedule.updateMany({ where: { id: { in: schedules.map((s) => s.id) }, deletedAt: null }, data: { deletedAt } });
  if (count !== schedules.length) throw new NonDeviceError(CODE.E050301, "The schedule was deleted meanwhile.");
  for (const s of schedules) {
    await audit(tx, actor, { action: "dcc-schedule.delete", entityType: "DccSchedule", entityId: String(s.id), partyId: actor.partyId, before: auditRow(s) });
  }
  return ok();
}
