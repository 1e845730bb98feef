// Non-Device executors (issue 11 item 5): each SRV's DCC-side work through the lib/smi and lib/returns operations, the
// codes of their refusals, and content that the DUIS 5.4 XSD accepts inside an sr:Response.
import { beforeEach, describe, expect, it } from "vitest";
import type { DeviceModel } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makeMeterPoint, makePremises, newDeviceId, type PremisesParties } from "@/lib/testing/smi-fixtures";
import { SRV_CATALOGUE } from "./catalogue";
import { CODE } from "./codes";
import { readDuisRequest } from "./envelope";
import { decodeCommand } from "./gbcs";
import { deviceIdNamedBy, executeNonDevice, MAX_SCHEDULES_PER_DEVICE, NON_DEVICE_CODE, NON_DEVICE_EXECUTORS, nextScheduleRun, nonDeviceErrorCode, type NonDeviceResult } from "./non-device";
import { buildDuisResponse } from "./response-xml";
import { CORPUS_NOTE, corpusFiles, hasDuisCorpus, readCorpusFile } from "./testing/corpus";
import { DCC_EUI, duisRequest, el, refusalCode, sendNonDevice as send } from "./testing/non-device-requests";
import { duisXsdProblems } from "./testing/xsd";
import { parseDuisXml } from "./xml";

const NOW = "2026-11-24T09:00:00Z"; // a Tuesday

/** The code a refused request is answered with. */
async function refusedWith(actor: Actor, srv: string, body: string, cv = 8): Promise<string> {
  try {
    await send(actor, srv, body, cv);
  } catch (error) {
    return refusalCode(srv, error);
  }
  throw new Error(`SRV ${srv} was not refused`);
}

/** The XSD's problems with a result's content inside a signed-less sr:Response ([] without the corpus: nothing to check against). */
async function xsdProblemsOfContent(srv: string, result: NonDeviceResult): Promise<string[]> {
  if (!hasDuisCorpus) return [];
  const xml = buildDuisResponse({
    requestId: `90-B3-D5-1F-30-01-00-00:${DCC_EUI}:1`,
    code: result.code,
    at: now(),
    body: { message: { serviceReference: SRV_CATALOGUE.get(srv)!.serviceReference, srv, contentXml: result.contentXml, dspScheduleId: result.dspScheduleId } },
  });
  return (await duisXsdProblems([xml]))[0];
}

const dash = formatEui64;

let parties: PremisesParties;
let supplier: Actor;
let premises: Awaited<ReturnType<typeof makePremises>>;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(NOW);
  premises = await makePremises({ postcode: "M22 0RR", addressLine: "12 Threapwood Road", uprn: "100071290001", cspRegion: "NORTH" });
  parties = premises.parties;
  // The supplier's DUIS gateway identity, able to notify CH returns (8.14.3 / 8.14.4).
  supplier = await makeActor(["PARTY_USER", "CH_DELIVERY_RETURNS"], { partyId: parties.electricitySupplierId });
});

describe("the executors cover every Non-Device SRV", () => {
  it("one executor per catalogue Non-Device SRV, and nothing else", () => {
    const nonDevice = [...SRV_CATALOGUE.values()].filter((e) => e.nonDevice).map((e) => e.srv);
    expect(Object.keys(NON_DEVICE_EXECUTORS).sort()).toEqual(nonDevice.sort());
  });

  it.skipIf(!hasDuisCorpus)(`every reference template sent with Command Variant 8 or 2 has an executor, and deviceIdNamedBy reads its device ${CORPUS_NOTE}`, () => {
    const seen: string[] = [];
    for (const file of corpusFiles("templates")) {
      const xml = readCorpusFile("templates", file);
      if (!/<sr:CommandVariant>[28]</.test(xml)) continue;
      const read = readDuisRequest(parseDuisXml(xml));
      if (!read.ok) throw new Error(`${file}: ${read.problems.join("; ")}`);
      const { request } = read;
      seen.push(request.srv);
      if (request.commandVariant === 8) expect(NON_DEVICE_EXECUTORS[request.srv], file).toBeTypeOf("function");
      const named = /<sr:DeviceID(?:List)?>([^<,]+)/.exec(xml)?.[1];
      expect(deviceIdNamedBy(request), file).toBe(named ? named.replaceAll("-", "").toUpperCase() : null);
    }
    expect(seen.length).toBe(17);
  });

  it.skipIf(!hasDuisCorpus)(`the codes given a meaning here are all ResponseCodes of the DUIS 5.4 schema ${CORPUS_NOTE}`, () => {
    const xsd = readCorpusFile("xsd", "DUIS Schema V5.4.xsd");
    for (const code of Object.values(NON_DEVICE_CODE)) expect(xsd, code).toContain(`<xs:enumeration value="${code}"/>`);
  });
});

describe("SR 12.2 Device Pre-Notification", () => {
  let model: DeviceModel;
  beforeEach(async () => {
    model = await db().deviceModel.create({
      data: { deviceType: "ESME", manufacturer: "AB01", model: "010A030B", hardwareVersion: "1", firmwareVersion: "0002012F", technicalSpecVersion: "SMETS V1.58", gbcsVersion: "4.3" },
    });
  });
  const body = (id: string, type = "ESME", firmware = "0002012F") =>
    el("DevicePrenotification", el("DeviceID", dash(id)) + el("DeviceManufacturer", "AB01") + el("DeviceModel", "010A030B") + el("DeviceType", type) + el("FirmwareVersion", firmware) + el("ESMEVariant", "BD"));

  it("adds a Pending device under the CPL entry its manufacturer, model and firmware name (variant B: twin element)", async () => {
    const id = newDeviceId();
    expect(await send(supplier, "12.2", body(id))).toEqual({ code: "I0" });
    expect(await db().device.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING", modelId: model.id, esmeVariant: "TWIN_ELEMENT", preNotifiedByPartyId: supplier.partyId });
  });

  it("refuses a model not on the CPL (E120201), a Device ID already in the SMI (E120203) and a CHF (E120204)", async () => {
    expect(await refusedWith(supplier, "12.2", body(newDeviceId(), "ESME", "00000001"))).toBe("E120201");
    await db().deviceModel.update({ where: { id: model.id }, data: { status: "REMOVED" } });
    expect(await refusedWith(supplier, "12.2", body(newDeviceId()))).toBe("E120201");
    await db().deviceModel.update({ where: { id: model.id }, data: { status: "CURRENT" } });
    expect(await refusedWith(supplier, "12.2", body(premises.esme.id))).toBe("E120203");
    expect(await refusedWith(supplier, "12.2", body(newDeviceId(), "CHF"))).toBe("E120204");
    expect(await db().device.count()).toBe(premises.devices.length);
  });
});

describe("SR 8.2 Read Inventory", () => {
  it("by Device ID: the device and its premises, schema-valid, for any User (no ownership check)", async () => {
    const stranger = await makeActor(["PARTY_USER"], { roles: ["RSA"] });
    const result = await send(stranger, "8.2", el("ReadInventory", el("DeviceID", dash(premises.gsme.id))));
    expect(result.code).toBe("I0");
    const ids = [...result.contentXml!.matchAll(/<sr:DeviceID>([^<]+)/g)].map((m) => m[1]);
    expect(ids[0]).toBe(dash(premises.gsme.id));
    expect(ids.sort()).toEqual(premises.devices.map((d) => dash(d.id)).sort());
    expect(result.contentXml).toContain(`<sr:ImportMPxN>${premises.mprn.mpxn}</sr:ImportMPxN>`);
    expect(result.contentXml).toContain("<sr:CSPRegion>North</sr:CSPRegion>");
    expect(result.contentXml).toContain("<sr:DeviceStatus>Commissioned</sr:DeviceStatus>");
    expect(await xsdProblemsOfContent("8.2", result)).toEqual([]);
  });

  it("by MPxN, UPRN and postcode with house: the premises; no match E080201; an unknown Device ID E19", async () => {
    for (const key of [el("MPxN", premises.mpan.mpxn), el("UPRN", "100071290001"), el("PropertyFilter", el("PostCode", "M22 0RR") + el("AddressIdentifier", "12"))]) {
      const result = await send(supplier, "8.2", el("ReadInventory", key));
      expect([...result.contentXml!.matchAll(/<sr:DeviceID>/g)]).toHaveLength(premises.devices.length);
    }
    expect(await refusedWith(supplier, "8.2", el("ReadInventory", el("UPRN", "999")))).toBe("E080201");
    expect(await refusedWith(supplier, "8.2", el("ReadInventory", el("DeviceID", dash(newDeviceId()))))).toBe("E19");
  });
});

describe("SR 8.4 Update Inventory", () => {
  it("DeleteDevice removes a Pending device its sender pre-notified", async () => {
    const pending = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: supplier });
    expect(await send(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(pending.id)) + "<sr:DeleteDevice/>"))).toMatchObject({ code: "I0" });
    expect(await db().device.findUnique({ where: { id: pending.id } })).toBeNull();
  });

  it("status and MPxN functions go through their SMI operations; a CH status for a meter is E11, an Export MPAN E080405", async () => {
    const whitelisted = await makeDevice({ deviceType: "ESME", status: "WHITELISTED", model: await makeCplModel(), mpxn: premises.mpan.mpxn, preNotifiedBy: supplier });
    expect(await send(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(whitelisted.id)) + el("UpdateDeviceStatusExceptCH", "Pending")))).toMatchObject({ code: "I0" });
    expect((await db().device.findUniqueOrThrow({ where: { id: whitelisted.id } })).status).toBe("PENDING");
    expect(await refusedWith(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(whitelisted.id)) + el("UpdateDeviceStatusCH", "Commissioned")))).toBe("E11");
    expect(await refusedWith(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(premises.esme.id)) + el("UpdateMPxN", el("ExportMPAN", premises.mpan.mpxn))))).toBe("E080405");
    // A Commissioned ESME cannot go back to Pending: the status machine refuses (CONFLICT -> E5).
    expect(await refusedWith(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(premises.esme.id)) + el("UpdateDeviceStatusExceptCH", "Pending")))).toBe("E5");

    const other = await makeMeterPoint({ registration: { supplierId: parties.electricitySupplierId, networkOperatorId: parties.distributorId } });
    await send(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(premises.esme.id)) + el("UpdateMPxN", el("ImportMPxN", other.mpxn))));
    expect(await db().deviceMeterPoint.findUniqueOrThrow({ where: { deviceId_role: { deviceId: premises.esme.id, role: "PRIMARY" } } })).toMatchObject({ mpxn: other.mpxn });
  });

  it("UpdateDeviceDetails moves a Pending device to the CPL entry it names; an unknown one is E080407", async () => {
    const from = await makeCplModel({ deviceType: "ESME", manufacturer: "AB01", model: "OLD" });
    const to = await makeCplModel({ deviceType: "ESME", manufacturer: "AB01", model: "NEW" });
    const pending = await makeDevice({ deviceType: "ESME", model: from, preNotifiedBy: supplier });
    const details = (model: string) => el("UpdateInventory", el("DeviceID", dash(pending.id)) + el("UpdateDeviceDetails", el("DeviceModel", model)));
    expect(await send(supplier, "8.4", details("NEW"))).toEqual({ code: "I0" });
    expect((await db().device.findUniqueOrThrow({ where: { id: pending.id } })).modelId).toBe(to.id);
    expect(await refusedWith(supplier, "8.4", details("NONE"))).toBe("E080407");
  });
});

const createBody = (deviceId: string, opts: { srv?: string; element?: string; start?: string; end?: string; frequency?: string } = {}) =>
  el(
    "CreateSchedule",
    el("ScheduleFrequency", opts.frequency ?? "Daily") +
      el("ScheduleStartDate", opts.start ?? "2015-01-02") +
      (opts.end ? el("ScheduleEndDate", opts.end) : "") +
      el("DSPScheduledServiceReference", (opts.srv ?? "4.6.1").split(".").slice(0, 2).join(".")) +
      el("DSPScheduledServiceReferenceVariant", opts.srv ?? "4.6.1") +
      el("DeviceID", dash(deviceId)) +
      el(opts.element ?? "DSPRetrieveImportDailyReadLog", el("StartDateOffset", "-1") + el("StartTime", "00:00:00.00Z") + el("EndDateOffset", "0") + el("EndTime", "00:00:00.00Z")),
  );

describe("SR 5.1 / 5.2 / 5.3 DCC Schedules", () => {
  it("5.1 stores the schedule (the scheduled SR element, its next run after receipt) and answers its DSPScheduleID", async () => {
    const result = await send(supplier, "5.1", createBody(premises.esme.id));
    expect(result).toEqual({ code: "I0", dspScheduleId: expect.stringMatching(/^\d+$/) });
    const schedule = await db().dccSchedule.findUniqueOrThrow({ where: { id: BigInt(result.dspScheduleId!) } });
    expect(schedule).toMatchObject({ partyId: supplier.partyId, deviceId: premises.esme.id, srv: "4.6.1", frequency: "Daily", endDate: null, deletedAt: null });
    expect(schedule.nextRunAt).toEqual(new Date("2026-11-25T00:00:00Z"));
    expect(schedule.bodyXml).toMatch(/^<sr:DSPRetrieveImportDailyReadLog xmlns:sr="[^"]+"><sr:StartDateOffset>-1</);
    expect(await db().auditEvent.count({ where: { action: "dcc-schedule.create", entityId: result.dspScheduleId } })).toBe(1);
  });

  it("5.1 refuses an SRV that is not DCC Scheduled (E050102), a PPMID (E11), an unknown device (E19) and a schedule that never runs (E050103)", async () => {
    expect(await refusedWith(supplier, "5.1", createBody(premises.esme.id, { srv: "4.2", element: "DSPReadInstantaneousExportRegisters" }).replace(/<sr:StartDateOffset>.*<\/sr:EndTime>/, ""))).toBe("E050102");
    expect(await refusedWith(supplier, "5.1", createBody(premises.esme.id, { srv: "4.8.1" }))).toBe("E050102");
    const ppmid = await makeDevice({ deviceType: "PPMID", status: "COMMISSIONED" });
    expect(await refusedWith(supplier, "5.1", createBody(ppmid.id))).toBe("E11");
    expect(await refusedWith(supplier, "5.1", createBody(newDeviceId()))).toBe("E19");
    expect(await refusedWith(supplier, "5.1", createBody(premises.esme.id, { end: "2020-01-01" }))).toBe("E050103");
    expect(await db().dccSchedule.count()).toBe(0);
  });

  it("AD 2.6.2.2: the 100th active schedule of a User on a device is refused with E050101; ended and deleted ones do not count", async () => {
    const rows = (n: number, extra: object = {}) =>
      Array.from({ length: n }, () => ({ partyId: supplier.partyId, deviceId: premises.esme.id, srv: "4.6.1", frequency: "Daily", startDate: now(), nextRunAt: now(), bodyXml: "<x/>", createdAt: now(), ...extra }));
    await db().dccSchedule.createMany({ data: [...rows(98), ...rows(3, { deletedAt: now() }), ...rows(3, { endDate: new Date("2026-01-01T23:59:59Z") })] });
    expect((await send(supplier, "5.1", createBody(premises.esme.id))).code).toBe("I0");
    expect(await refusedWith(supplier, "5.1", createBody(premises.esme.id))).toBe(CODE.SCHEDULE_LIMIT);
    // Another User, or another device, has its own 99.
    const rival = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    expect((await send(rival, "5.1", createBody(premises.esme.id))).code).toBe("I0");
    expect(await db().dccSchedule.count({ where: { partyId: supplier.partyId, deletedAt: null, endDate: null } })).toBe(MAX_SCHEDULES_PER_DEVICE);
  });

  it("5.2 reads only the sender's schedules: another User's DSPScheduleID is E050201, a device with none W050201", async () => {
    const { dspScheduleId } = await send(supplier, "5.1", createBody(premises.esme.id, { end: "2027-06-30", frequency: "Monthly" }));
    const rival = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const theirs = (await send(rival, "5.1", createBody(premises.esme.id))).dspScheduleId!;

    const one = await send(supplier, "5.2", el("ReadSchedule", el("DSPScheduleID", dspScheduleId!)));
    expect(one.code).toBe("I0");
    expect(one.contentXml).toContain(`<sr:DSPScheduleID>${dspScheduleId}</sr:DSPScheduleID>`);
    expect(one.contentXml).toContain("<sr:ScheduleEndDate>2027-06-30</sr:ScheduleEndDate>");
    expect(await xsdProblemsOfContent("5.2", one)).toEqual([]);

    const all = await send(supplier, "5.2", el("ReadSchedule", el("DeviceID", dash(premises.esme.id))));
    expect([...all.contentXml!.matchAll(/<sr:DSPScheduleID>(\d+)/g)].map((m) => m[1])).toEqual([dspScheduleId]);
    expect(await refusedWith(supplier, "5.2", el("ReadSchedule", el("DSPScheduleID", theirs)))).toBe("E050201");
    expect(await send(supplier, "5.2", el("ReadSchedule", el("DeviceID", dash(premises.gsme.id))))).toEqual({ code: "W050201" });
  });

  it("5.3 deletes the sender's own: E050301 for an unknown or another User's id, W050301 when it has none on the device", async () => {
    const rival = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const mine = [(await send(supplier, "5.1", createBody(premises.esme.id))).dspScheduleId!, (await send(supplier, "5.1", createBody(premises.esme.id))).dspScheduleId!];
    const theirs = (await send(rival, "5.1", createBody(premises.esme.id))).dspScheduleId!;

    expect(await refusedWith(supplier, "5.3", el("DeleteSchedule", el("DSPScheduleID", theirs)))).toBe("E050301");
    expect(await refusedWith(supplier, "5.3", el("DeleteSchedule", el("DSPScheduleID", "999999")))).toBe("E050301");
    expect(await send(supplier, "5.3", el("DeleteSchedule", el("DSPScheduleID", mine[0])))).toEqual({ code: "I0" });
    expect(await refusedWith(supplier, "5.3", el("DeleteSchedule", el("DSPScheduleID", mine[0])))).toBe("E050301");
    expect(await send(supplier, "5.3", el("DeleteSchedule", el("DeviceID", dash(premises.esme.id))))).toEqual({ code: "I0" });
    expect(await send(supplier, "5.3", el("DeleteSchedule", el("DeviceID", dash(premises.esme.id))))).toEqual({ code: "W050301" });
    const left = await db().dccSchedule.findMany({ where: { deletedAt: null } });
    expect(left.map((s) => String(s.id))).toEqual([theirs]);
    expect(await db().auditEvent.count({ where: { action: "dcc-schedule.delete" } })).toBe(2);
  });

  it("runs: at or after the start, later than receipt, monthly on the start's day (or the month's last), never after the end date", () => {
    const daily = { frequency: "Daily", startDate: new Date("2026-11-20T06:30:00Z"), endDate: null };
    expect(nextScheduleRun(daily, new Date("2026-11-24T06:30:00Z"))).toEqual(new Date("2026-11-25T06:30:00Z"));
    expect(nextScheduleRun({ ...daily, startDate: new Date("2026-12-01T00:00:00Z") }, new Date(NOW))).toEqual(new Date("2026-12-01T00:00:00Z"));
    const monthly = { frequency: "Monthly", startDate: new Date("2026-01-31T00:00:00Z"), endDate: new Date("2026-04-30T23:59:59.999Z") };
    expect(nextScheduleRun(monthly, new Date("2026-02-01T00:00:00Z"))).toEqual(new Date("2026-02-28T00:00:00Z"));
    expect(nextScheduleRun(monthly, new Date("2026-03-31T00:00:00Z"))).toEqual(new Date("2026-04-30T00:00:00Z"));
    expect(nextScheduleRun(monthly, new Date("2026-04-30T00:00:00Z"))).toBeNull();
    expect(nextScheduleRun({ frequency: "Yearly", startDate: new Date("2016-02-29T00:00:00Z"), endDate: null }, new Date(NOW))).toEqual(new Date("2027-02-28T00:00:00Z"));
  });
});

describe("SR 8.3 Decommission Device", () => {
  it("decommissions through the SMI operation; the device's DCC Schedules end and their owners get N6", async () => {
    const { dspScheduleId } = await send(supplier, "5.1", createBody(premises.esme.id));
    expect(await send(supplier, "8.3", el("DecommissionDevice", el("DeviceID", dash(premises.esme.id))))).toMatchObject({ code: "I0" });
    expect((await db().device.findUniqueOrThrow({ where: { id: premises.esme.id } })).status).toBe("DECOMMISSIONED");
    expect((await db().dccSchedule.findUniqueOrThrow({ where: { id: BigInt(dspScheduleId!) } })).deletedAt).toEqual(now());
    expect(await db().dccAlert.findMany({ where: { code: "N6" }, select: { partyId: true, deviceId: true } })).toEqual([{ partyId: supplier.partyId, deviceId: premises.esme.id }]);
  });

  it("refusals: another supplier E4, a Decommissioned device E5, a Type 2 device E080301", async () => {
    const rival = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    expect(await refusedWith(rival, "8.3", el("DecommissionDevice", el("DeviceID", dash(premises.esme.id))))).toBe("E4");
    expect(await refusedWith(supplier, "8.3", el("DecommissionDevice", el("DeviceID", dash(premises.ihd.id))))).toBe("E080301");
    await send(supplier, "8.3", el("DecommissionDevice", el("DeviceID", dash(premises.esme.id))));
    expect(await refusedWith(supplier, "8.3", el("DecommissionDevice", el("DeviceID", dash(premises.esme.id))))).toBe("E5");
  });
});

describe("SR 8.14 Communications Hub Status Updates", () => {
  const faultBody = (id: string, reason = "Damaged case") =>
    el("CHFFaultReturn", el("DeviceID", dash(id)) + el("CHFFaultReturnType", "Fault identified post installation") + el("OtherDeviceID", dash(premises.esme.id)) + el("CHFConnectionMethod", "ESME") + el("CHFFaultReason", reason));

  it("8.14.3 records a fault return (physical damage, reason d) through lib/returns; a second notification is E081402", async () => {
    expect(await send(supplier, "8.14.3", faultBody(premises.chf.id))).toEqual({ code: "I0" });
    const record = await db().chReturn.findFirstOrThrow({ where: { deviceId: premises.chf.id } });
    expect(record).toMatchObject({ kind: "FAULT", reason: "d", faultType: "Physical damage", partyId: supplier.partyId, notifiedVia: "SRV 8.14.3" });
    expect(record.note).toContain("Damaged case");
    expect(await refusedWith(supplier, "8.14.4", el("CHFNoFaultReturn", el("DeviceID", dash(premises.chf.id)) + el("CHFNoFaultReturnType", "No Fault Return (general)")))).toBe("E081402");
  });

  it("8.14.4 maps the no-fault type to its F9.5 reason; a non-CHF is E11, another party's CH E4", async () => {
    const body = (id: string) => el("CHFNoFaultReturn", el("DeviceID", dash(id)) + el("CHFNoFaultReturnType", "No Fault Return (non-dom opt out)"));
    const rival = await makeActor(["PARTY_USER", "CH_DELIVERY_RETURNS"], { roles: ["IS"] });
    expect(await refusedWith(rival, "8.14.4", body(premises.chf.id))).toBe("E4");
    expect(await refusedWith(supplier, "8.14.4", body(premises.esme.id))).toBe("E11");
    expect(await send(supplier, "8.14.4", body(premises.chf.id))).toEqual({ code: "I0" });
    expect(await db().chReturn.findFirstOrThrow({ where: { deviceId: premises.chf.id } })).toMatchObject({ kind: "NO_FAULT", reason: "a", faultType: null });
  });

  const install = (srv: "8.14.1" | "8.14.2", installed?: string) =>
    srv === "8.14.1"
      ? el("CHFInstallSuccessSMWAN", el("DeviceID", dash(premises.chf.id)) + el("CHFInstallType", "New CHF Install") + (installed ? el("InstallDateTime", installed) : "") + el("MPxN", premises.mpan.mpxn) + el("AerialInstall", "false") + el("CHFLocation", "Deep indoors"))
      : el(
          "CHFInstallSuccessNoSMWAN",
          el("DeviceID", dash(premises.chf.id)) + el("CHFInstallType", "CHF Install - no SM WAN") + (installed ? el("InstallDateTime", installed) : "") + el("MPxN", premises.mpan.mpxn) + el("AerialInstall", "true") +
            el("CHFLocation", "Basement or Cellar") + el("PremiseType", "Terraced") + el("MetalObstructionCheck", "true") + el("ConnectivityObstructionCheck", "false") + el("SharedObstructionCheck", "true"),
        );

  it("8.14.1 is recorded (I0), and flagged late (W081401) more than 5 Working Days after the install", async () => {
    expect(await send(supplier, "8.14.1", install("8.14.1", "2026-11-20T10:00:00Z"))).toEqual({ code: "I0" });
    expect(await send(supplier, "8.14.1", install("8.14.1", "2026-11-10T10:00:00Z"))).toEqual({ code: "W081401" });
    expect(await db().incident.count()).toBe(0);
  });

  it("8.14.2 raises an Incident for the location with the three conditions; late after 3 Working Days", async () => {
    expect(await send(supplier, "8.14.2", install("8.14.2", "2026-11-18T10:00:00Z"))).toEqual({ code: "W081401" });
    const incident = await db().incident.findFirstOrThrow();
    expect(incident).toMatchObject({ category: 4, raisedByPartyId: supplier.partyId, deviceId: premises.chf.id, mpxn: premises.mpan.mpxn });
    expect(incident.triageResults).toContain("Significant metallic obstruction: yes");
    expect(incident.triageResults).toContain("Shared or communal installation point: yes");
    expect(await send(supplier, "8.14.2", install("8.14.2"))).toEqual({ code: "I0" });
  });
});

describe("SR 12.1 Request WAN Matrix", () => {
  it("answers a deterministic, schema-valid coverage for the postcode's CSP Region; an unknown UPRN is E120101", async () => {
    const body = el("RequestWANMatrix", el("PartialAddress", el("PostCode", "M22 0RR") + el("AddressIdentifier", "Threapwood Road")));
    const result = await send(supplier, "12.1", body);
    expect(result.code).toBe("I0");
    expect(result.contentXml).toContain("<sr:CSPRegion>North</sr:CSPRegion>");
    expect((await send(supplier, "12.1", body)).contentXml).toBe(result.contentXml);
    expect(await xsdProblemsOfContent("12.1", result)).toEqual([]);
    const byUprn = await send(supplier, "12.1", el("RequestWANMatrix", el("UPRN", "100071290001")));
    expect(byUprn.contentXml).toContain("<sr:UPRN>100071290001</sr:UPRN>");
    expect(await refusedWith(supplier, "12.1", el("RequestWANMatrix", el("UPRN", "42")))).toBe("E120101");
  });
});

describe("SR 11.1 / 11.4 Update Firmware", () => {
  const firmware = (srv: "11.1" | "11.4", version: string, ids: string[]) =>
    el(srv === "11.1" ? "UpdateFirmware" : "UpdatePPMIDFirmware", el("FirmwareImage", "AAEC") + el("FirmwareVersion", version) + el("DeviceIDList", ids.map(dash).join(",")));

  it("I0 when every device can take the image; otherwise the warning element names the others (W110101, or E110101 when none can)", async () => {
    const esmeModel = await db().deviceModel.findUniqueOrThrow({ where: { id: premises.esme.modelId! } });
    await db().deviceModel.create({ data: { ...esmeModel, id: undefined, firmwareVersion: "2.0.0", createdAt: undefined, statusChangedAt: undefined } });
    expect(await send(supplier, "11.1", firmware("11.1", "2.0.0", [premises.esme.id]))).toEqual({ code: "I0" });

    const pending = await makeDevice({ deviceType: "ESME", model: esmeModel, mpxn: (await makeMeterPoint({ registration: { supplierId: supplier.partyId, networkOperatorId: parties.distributorId } })).mpxn });
    const unknown = newDeviceId();
    const result = await send(supplier, "11.1", firmware("11.1", "2.0.0", [premises.esme.id, pending.id, unknown, premises.gsme.id]));
    expect(result.code).toBe("W110101");
    expect(result.contentXml).toBe(
      `<sr:DSPUpdateFirmwareWarning><sr:InvalidDeviceIDList>${dash(unknown)}</sr:InvalidDeviceIDList><sr:NotCommissionedDeviceIDList>${dash(pending.id)}</sr:NotCommissionedDeviceIDList>` +
        `<sr:NotApplicableFirmwareDeviceIDList>${dash(premises.gsme.id)}</sr:NotApplicableFirmwareDeviceIDList></sr:DSPUpdateFirmwareWarning>`,
    );
    expect(await xsdProblemsOfContent("11.1", result)).toEqual([]);
    const ppmid = await send(supplier, "11.4", firmware("11.4", "2.0.0", [premises.esme.id]));
    expect(ppmid.code).toBe("E110401");
    expect(ppmid.contentXml).toContain("<sr:DSPUpdatePPMIDFirmwareWarning><sr:InvalidDeviceIDList>");
  });
});

describe("local delivery, 8.13 and 8.6", () => {
  it("Command Variant 2 returns the Command in a LocalCommand to a Supplier; E17 for another User Role", async () => {
    const request = (actor: Actor) => duisRequest(actor, "4.1.1", "<sr:ReadInstantaneousImportRegisters/>", 2, dash(premises.esme.id));
    const result = await db().$transaction((tx) => executeNonDevice({ tx, actor: supplier, request: request(supplier), device: premises.esme, receivedAt: now(), serviceRequestId: "test" }));
    const payload = /<sr:GBCSPayload>([^<]+)</.exec(result.contentXml!)![1];
    expect(decodeCommand(Buffer.from(payload, "base64"))).toMatchObject({ SRV: "4.1.1", DeviceID: premises.esme.id });
    expect(await xsdProblemsOfContent("4.1.1", result)).toEqual([]);
    const distributor = await makeActor(["PARTY_USER"], { partyId: parties.distributorId });
    await expect(db().$transaction((tx) => executeNonDevice({ tx, actor: distributor, request: request(distributor), device: premises.esme, receivedAt: now(), serviceRequestId: "test" }))).rejects.toMatchObject({ code: "E17" });
  });

  it("8.13 is accepted (nothing in the SMI changes) unless it answers another User's request (E4)", async () => {
    const body = (original: string) => el("ReturnLocalCommandResponse", el("OriginalRequestID", original) + el("DeviceGBCSResponse", "3wkCAAAA"));
    expect(await send(supplier, "8.13", body(`${dash(supplier.partyEui64)}:${dash(premises.esme.id)}:7`))).toEqual({ code: "I0" });
    const rival = await makeParty({ roles: ["IS"] });
    await db().serviceRequest.create({
      data: { requestId: `${dash(rival.eui64)}:${dash(premises.esme.id)}:7`, originatorEui: rival.eui64, targetEui: premises.esme.id, partyId: rival.id, srv: "4.1.1", commandVariant: 2, kind: "NON_CRITICAL", status: "COMPLETED", checks: [], requestXml: "<x/>", receivedAt: now() },
    });
    expect(await refusedWith(supplier, "8.13", body(`${dash(rival.eui64)}:${dash(premises.esme.id)}:7`))).toBe("E4");
  });

  it("8.6 checks the device is the Smart Meter named (E11 otherwise) and answers I0", async () => {
    const body = (id: string, type: string) => el("ServiceOptIn", el("DeviceID", dash(id)) + el("DeviceType", type) + el("MPxNs", el("ImportMPxN", premises.mpan.mpxn)) + el("OptInDate", "2026-11-24"));
    expect(await send(supplier, "8.6", body(premises.esme.id, "ESME"))).toEqual({ code: "I0" });
    expect(await refusedWith(supplier, "8.6", body(premises.esme.id, "GSME"))).toBe("E11");
  });
});

describe("one transaction with the pipeline's", () => {
  it("an operation run in the caller's transaction is undone with it", async () => {
    const pending = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: supplier });
    const request = duisRequest(supplier, "8.4", el("UpdateInventory", el("DeviceID", dash(pending.id)) + "<sr:DeleteDevice/>"));
    await expect(
      db().$transaction(async (tx) => {
        await executeNonDevice({ tx, actor: supplier, request, device: pending, receivedAt: now(), serviceRequestId: "test" });
        throw new Error("the pipeline failed after the operation");
      }),
    ).rejects.toThrow("the pipeline failed");
    expect(await db().device.findUnique({ where: { id: pending.id } })).not.toBeNull();
    expect(await db().auditEvent.count({ where: { action: "device.delete" } })).toBe(0);
  });

  it("nonDeviceErrorCode: the generic codes, the SRV's own where it has one, and BUSY thrown back", () => {
    expect(nonDeviceErrorCode("8.3", new AppError("NOT_FOUND", "x"))).toBe("E19");
    expect(nonDeviceErrorCode("8.3", new AppError("FORBIDDEN", "x"))).toBe("E4");
    expect(nonDeviceErrorCode("8.3", new AppError("CONFLICT", "x"))).toBe("E5");
    expect(nonDeviceErrorCode("8.3", new AppError("INVALID", "x"))).toBe("E080301");
    expect(nonDeviceErrorCode("5.1", new AppError("INVALID", "x"))).toBe(CODE.VERIFY);
    expect(nonDeviceErrorCode("12.2", new AppError("CONFLICT", "x"))).toBe("E120203");
    expect(() => nonDeviceErrorCode("8.2", new AppError("BUSY", "x"))).toThrow(AppError);
  });
});
