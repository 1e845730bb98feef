// The DUIS gateway end to end below HTTP: processing.md §7 scenarios 1-10 and 27-30, and the gateway's own rules
// (silent rejects, replay, endpoints, certificates, cancellation), each through the one edge the endpoints use.
import { beforeEach, describe, expect, it } from "vitest";
import type { Party } from "@/generated/prisma/client";
import { advanceClock, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { decryptPrivateKey, signingKeyFor } from "@/lib/smki/keys";
import { ENDPOINT_FOR_CV } from "./catalogue";
import { CHECK_ORDER } from "./checks";
import { runDueSchedules } from "./dcc-schedules";
import { answerNow as answerCommands } from "@/lib/simulator/testing";
import { executeFutureDated } from "./duis-jobs";
import { submitXml } from "./gateway";
import { signPreCommand } from "./gbcs";
import { pollMessages } from "./messages";
import { readAnswer, signedPreCommandXml } from "./requests";
import { signDuis, verifyDuisSignature } from "./signature";
import { DCC_EUI, gatewayWorld, partyWithCertificates, requestXml, send, signAs } from "./testing/gateway-fixtures";

const NOW = new Date("2026-12-01T10:00:00Z");
const READ_REGISTERS = { srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" };

type World = Awaited<ReturnType<typeof gatewayWorld>>;

async function requestRow(answer: { serviceRequestId?: string | null }) {
  return db().serviceRequest.findUniqueOrThrow({ where: { id: answer.serviceRequestId! } });
}

/**
 * Sends a Critical request (CV 4) and completes it with a Signed Pre-Command signed by `signer` (default: sender),
 * sent with Command Variant `cv` (default 5) to its web service.
 */
async function criticalFlow(from: Party, to: string, srv: string, body: string, opts: { signer?: Party; tamper?: boolean; cv?: 5 | 6 | 7 } = {}) {
  const xml = requestXml({ from, to, srv, body });
  const transform = await submitXml("serviceT", await signAs(from, xml));
  const { preCommandPayload } = readAnswer(transform.xml!);
  const key = await signingKeyFor(db(), (opts.signer ?? from).eui64, "DIGITAL_SIGNING");
  const payload = Buffer.from(preCommandPayload!, "base64");
  if (opts.tamper) payload[payload.length - 1] ^= 1;
  const signed = signPreCommand(payload, key!.privateKey).toString("base64");
  const cv = opts.cv ?? 5;
  const spc = signedPreCommandXml(xml, signed, cv);
  return { transform, signed, spc: await submitXml(ENDPOINT_FOR_CV[cv], await signAs(from, spc)) };
}

describe("DUIS gateway", () => {
  let world: World;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    world = await gatewayWorld();
  });

  it("scenario 1: the registered Import Supplier's 4.1.1 is answered I99, the Command goes to the ESME and an I0 Service Response follows, signed by the DCC", async () => {
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS });
    expect(answer.status).toBe(200);
    expect(readAnswer(answer.xml!).code).toBe("I99");
    const dccCertificate = await db().orgCertificate.findFirstOrThrow({ where: { party: { isDcc: true }, usage: "XML_SIGNING" } });
    expect(verifyDuisSignature(answer.xml!, dccCertificate.pem)).toBe(true);
    const row = await requestRow(answer);
    expect(row).toMatchObject({ status: "COMMAND_SENT", kind: "NON_CRITICAL", responseCode: "I99", deviceId: world.premises.esme.id });
    expect((row.checks as { result: string }[]).every((c) => c.result !== "fail")).toBe(true);

    await answerCommands([row.id]);
    expect(await requestRow(answer)).toMatchObject({ status: "RESPONDED", responseCode: "I0" });
    const [message] = await db().duisMessage.findMany({ where: { serviceRequestId: row.id } });
    expect(message).toMatchObject({ kind: "SERVICE_RESPONSE", code: "I0", partyId: world.supplier.id });
    expect(verifyDuisSignature(message.xml, dccCertificate.pem)).toBe(true);
    // The stand-in answers once however often its job runs (a retried batch).
    await answerCommands([row.id]);
    expect(await db().duisMessage.count({ where: { serviceRequestId: row.id } })).toBe(1);
  });

  it("scenario 2: a Gas Supplier not registered for the MPAN is refused at the Eligible User check (E4), and no Command goes", async () => {
    const gasSupplier = await partyWithCertificates({ roles: ["GS", "IS"] });
    const answer = await send({ from: gasSupplier, to: world.premises.esme.id, ...READ_REGISTERS });
    expect(readAnswer(answer.xml!).code).toBe("E4");
    const row = await requestRow(answer);
    expect(row.status).toBe("REJECTED");
    expect((row.checks as { check: string; result: string }[]).at(-1)).toMatchObject({ check: "eligibility", result: "fail" });
  });

  it("scenario 3: 7.1 Enable Supply from an Electricity Distributor is refused at the User Role check (E2)", async () => {
    const answer = await send({ from: world.distributor, to: world.premises.esme.id, srv: "7.1", body: "<sr:EnableSupply/>" });
    expect(readAnswer(answer.xml!).code).toBe("E2");
    expect((await requestRow(answer)).checks).toContainEqual(expect.objectContaining({ check: "role", result: "fail" }));
  });

  it("scenario 4: an unknown SRV fails Verify (E40) and no further check runs", async () => {
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, srv: "99.9", body: "<sr:ReadInstantaneousImportRegisters/>", commandVariant: 1 });
    expect(answer.status).toBe(200);
    expect(readAnswer(answer.xml!).code).toBe("E40");
  });

  it("scenario 5: a schema-invalid 4.1.1 body fails Verify with the reasons listed", async () => {
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters><sr:Bogus>1</sr:Bogus></sr:ReadInstantaneousImportRegisters>" });
    expect(readAnswer(answer.xml!).code).toBe("E40");
    const row = await requestRow(answer);
    expect(row.checks).toEqual([expect.objectContaining({ check: "verify", result: "fail", reason: expect.stringContaining("Bogus") })]);
  });

  it("scenario 6: a bad signature is rejected silently: 202, nothing answered, recorded for the DCC, no request stored", async () => {
    const signed = await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS }));
    const tampered = signed.replace("<sr:ReadInstantaneousImportRegisters/>", "<sr:ReadInstantaneousExportRegisters/>");
    expect(await submitXml("serviceS", tampered)).toEqual({ status: 202 });
    // Unknown certificate serial and no signature at all: the same.
    expect((await submitXml("serviceS", signed.replace(/<ds:X509SerialNumber>\d+</, "<ds:X509SerialNumber>1234567890<"))).status).toBe(202);
    expect((await submitXml("serviceS", requestXml({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS }))).status).toBe(202);
    // Signed with a real key of another party, sent as the supplier.
    expect((await submitXml("serviceS", await signAs(world.distributor, requestXml({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS })))).status).toBe(202);
    expect(await db().silentReject.count()).toBe(4);
    expect(await db().serviceRequest.count()).toBe(0);
  });

  it("scenario 7: a Suspended ESME refuses 4.1.1 on SMI Status (E5); Update Firmware skips the status check", async () => {
    await db().device.update({ where: { id: world.premises.esme.id }, data: { status: "SUSPENDED", statusBeforeSuspension: "COMMISSIONED" } });
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS })).xml!).code).toBe("E5");
    const firmware = await send({ from: world.supplier, to: DCC_EUI, srv: "11.1", body: `<sr:UpdateFirmware><sr:FirmwareImage>AAAA</sr:FirmwareImage><sr:FirmwareVersion>00000000</sr:FirmwareVersion><sr:DeviceIDList>${world.premises.esme.id.match(/../g)!.join("-")}</sr:DeviceIDList></sr:UpdateFirmware>` });
    expect((await requestRow(firmware)).checks).toContainEqual(expect.objectContaining({ check: "smi-status", result: "skip" }));
  });

  it("scenario 8: an Other User with no Registration Data link skips the Eligible User check and is accepted", async () => {
    const other = await partyWithCertificates({ roles: ["OU"] });
    const answer = await send({ from: other, to: world.premises.esme.id, srv: "4.8.1", body: "<sr:ReadActiveImportProfileData><sr:ReadLogPeriod><sr:StartDateTime>2026-11-30T00:00:00Z</sr:StartDateTime><sr:EndDateTime>2026-12-01T00:00:00Z</sr:EndDateTime></sr:ReadLogPeriod></sr:ReadActiveImportProfileData>" });
    expect(readAnswer(answer.xml!).code).toBe("I99");
    expect((await requestRow(answer)).checks).toContainEqual(expect.objectContaining({ check: "eligibility", result: "skip" }));
  });

  it("scenario 9: 7.2 Disable Supply returns a Pre-Command; the Signed Pre-Command is answered I99, the Command goes and the Service Response follows", async () => {
    const { transform, spc } = await criticalFlow(world.supplier, world.premises.esme.id, "7.2", "<sr:DisableSupply/>");
    expect(readAnswer(transform.xml!)).toMatchObject({ code: "I0", preCommandPayload: expect.any(String) });
    expect(readAnswer(spc.xml!).code).toBe("I99");
    const row = await requestRow(transform);
    expect(row).toMatchObject({ status: "COMMAND_SENT", kind: "CRITICAL", spcReceivedAt: NOW });
    expect(row.checks).toContainEqual(expect.objectContaining({ check: "pre-command", result: "pass", stage: "SPC" }));
    await answerCommands([row.id]);
    expect((await requestRow(transform)).status).toBe("RESPONDED");
  });

  it("scenario 10: an SPC with a mismatched payload or signed by another User's key is refused (E45); a certificate failure on the SPC is silent", async () => {
    const other = await partyWithCertificates({ roles: ["IS"] });
    expect(readAnswer((await criticalFlow(world.supplier, world.premises.esme.id, "7.2", "<sr:DisableSupply/>", { tamper: true })).spc.xml!).code).toBe("E45");
    expect(readAnswer((await criticalFlow(world.supplier, world.premises.esme.id, "7.2", "<sr:DisableSupply/>", { signer: other })).spc.xml!).code).toBe("E45");

    const xml = requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "7.2", body: "<sr:DisableSupply/>" });
    const transform = await submitXml("serviceT", await signAs(world.supplier, xml));
    const { preCommandPayload } = readAnswer(transform.xml!);
    const digital = await signingKeyFor(db(), world.supplier.eui64, "DIGITAL_SIGNING");
    const spc = await signAs(world.supplier, signedPreCommandXml(xml, signPreCommand(Buffer.from(preCommandPayload!, "base64"), digital!.privateKey).toString("base64")));
    await db().orgCertificate.updateMany({ where: { partyId: world.supplier.id, usage: "XML_SIGNING" }, data: { revokedAt: now() } });
    expect(await submitXml("serviceS", spc)).toEqual({ status: 202 });
    expect((await requestRow(transform)).status).toBe("PRE_COMMAND_ISSUED");
  });

  it("scenario 27: 5.1 returns a DSPScheduleID; when due, the DCC sends the scheduled read as its creator", async () => {
    const device = world.premises.esme.id.match(/../g)!.join("-");
    const answer = await send({
      from: world.supplier,
      to: DCC_EUI,
      srv: "5.1",
      body: `<sr:CreateSchedule><sr:ScheduleFrequency>Daily</sr:ScheduleFrequency><sr:ScheduleStartDate>2026-12-02</sr:ScheduleStartDate><sr:DSPScheduledServiceReference>4.6</sr:DSPScheduledServiceReference><sr:DSPScheduledServiceReferenceVariant>4.6.1</sr:DSPScheduledServiceReferenceVariant><sr:DeviceID>${device}</sr:DeviceID><sr:DSPRetrieveImportDailyReadLog><sr:StartDateOffset>-1</sr:StartDateOffset><sr:StartTime>00:00:00.00Z</sr:StartTime><sr:EndDateOffset>0</sr:EndDateOffset><sr:EndTime>00:00:00.00Z</sr:EndTime></sr:DSPRetrieveImportDailyReadLog></sr:CreateSchedule>`,
    });
    expect(readAnswer(answer.xml!).code).toBe("I0");
    expect(answer.xml).toMatch(/<sr:DSPScheduleID>\d+<\/sr:DSPScheduleID>/);
    expect(await runDueSchedules()).toEqual({ sent: 0, refused: 0 });
    setNow(new Date("2026-12-02T00:00:01Z"));
    expect(await runDueSchedules()).toEqual({ sent: 1, refused: 0 });
    expect(await runDueSchedules()).toEqual({ sent: 0, refused: 0 });
    const scheduled = await db().serviceRequest.findFirstOrThrow({ where: { mode: "DCC_SCHEDULED" } });
    expect(scheduled).toMatchObject({ partyId: world.supplier.id, srv: "4.6.1", status: "COMMAND_SENT", deviceId: world.premises.esme.id });
  });

  it("scenario 29: 5.3 with another User's DSPScheduleID is E050301; with no schedules on the device W050301", async () => {
    const device = world.premises.esme.id.match(/../g)!.join("-");
    expect(readAnswer((await send({ from: world.supplier, to: DCC_EUI, srv: "5.3", body: "<sr:DeleteSchedule><sr:DSPScheduleID>424242</sr:DSPScheduleID></sr:DeleteSchedule>" })).xml!).code).toBe("E050301");
    expect(readAnswer((await send({ from: world.supplier, to: DCC_EUI, srv: "5.3", body: `<sr:DeleteSchedule><sr:DeviceID>${device}</sr:DeviceID></sr:DeleteSchedule>` })).xml!).code).toBe("W050301");
  });

  it("scenario 30: a DSP future-dated 4.1.1 beyond 30 days or in the past is refused (E44); at T+2 days it waits, and N7 follows when the sender is no longer registered then", async () => {
    const dated = (at: string) => ({ srv: "4.1.1", body: `<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>${at}</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>` });
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.esme.id, ...dated("2027-01-01T10:00:01Z") })).xml!).code).toBe("E44");
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.esme.id, ...dated("2026-12-01T09:00:00Z") })).xml!).code).toBe("E44");
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, ...dated("2026-12-03T10:00:00Z") });
    expect(readAnswer(answer.xml!).code).toBe("I99");
    expect(await requestRow(answer)).toMatchObject({ status: "WAITING_EXECUTION", mode: "FUTURE_DATED_DSP" });

    // The MPAN changes supplier from tomorrow: at execution the sender is no longer eligible.
    const newSupplier = await makeParty({ roles: ["IS"] });
    const [link] = await db().deviceMeterPoint.findMany({ where: { deviceId: world.premises.esme.id } });
    await db().registrationRecord.updateMany({ where: { mpxn: link.mpxn }, data: { effectiveTo: new Date("2026-12-02T00:00:00Z") } });
    const current = await db().registrationRecord.findFirstOrThrow({ where: { mpxn: link.mpxn } });
    await db().registrationRecord.create({ data: { mpxn: link.mpxn, effectiveFrom: new Date("2026-12-02T00:00:00Z"), supplierId: newSupplier.id, networkOperatorId: current.networkOperatorId } });
    advanceClock(2 * 86_400_000);
    await executeFutureDated([answer.serviceRequestId!]);
    expect(await requestRow(answer)).toMatchObject({ status: "REJECTED", responseCode: "N7" });
    expect(await db().duisMessage.findFirstOrThrow({ where: { serviceRequestId: answer.serviceRequestId! } })).toMatchObject({ kind: "DCC_ALERT", code: "N7" });
  });

  it("the cancellation marker cancels the sender's pending future-dated request of that SRV on that device; with nothing pending it is E46", async () => {
    const body = (at: string) => `<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>${at}</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>`;
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: body("3000-12-31T00:00:00.00Z") })).xml!).code).toBe("E46");
    const pending = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: body("2026-12-05T00:00:00Z") });
    const cancel = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: body("3000-12-31T00:00:00.00Z") });
    expect(readAnswer(cancel.xml!).code).toBe("I99");
    expect((await requestRow(pending)).status).toBe("CANCELLED");
  });

  it("8.3 Decommission cancels the future-dated requests waiting on the device and tells their senders (N33)", async () => {
    const pending = await send({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters><sr:ExecutionDateTime>2026-12-05T00:00:00Z</sr:ExecutionDateTime></sr:ReadInstantaneousImportRegisters>" });
    const device = world.premises.esme.id.match(/../g)!.join("-");
    const decommission = await send({ from: world.supplier, to: DCC_EUI, srv: "8.3", body: `<sr:DecommissionDevice><sr:DeviceID>${device}</sr:DeviceID></sr:DecommissionDevice>` });
    expect(readAnswer(decommission.xml!).code).toBe("I0");
    expect((await requestRow(pending)).status).toBe("CANCELLED");
    expect(await db().dccAlert.findFirst({ where: { code: "N33", partyId: world.supplier.id } })).toMatchObject({ deviceId: world.premises.esme.id });
  });

  it("a RequestID used before is refused (E41) and stores nothing; the wrong web service for the Command Variant is E13", async () => {
    const xml = await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS, counter: "77" }));
    expect(readAnswer((await submitXml("serviceS", xml)).xml!).code).toBe("I99");
    expect(readAnswer((await submitXml("serviceS", xml)).xml!).code).toBe("E41");
    expect(await db().serviceRequest.count()).toBe(1);
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS, endpoint: "serviceD" })).xml!).code).toBe("E13");
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.esme.id, srv: "7.2", body: "<sr:DisableSupply/>", endpoint: "serviceS" })).xml!).code).toBe("E13");
  });

  it("an expired signing certificate is answered E42, a revoked one E43 (in the seed's order, after the SMI Status check)", async () => {
    // The User still holds the key; only the certificate's standing changes.
    const cert = await db().orgCertificate.findFirstOrThrow({ where: { partyId: world.supplier.id, usage: "XML_SIGNING" } });
    const signer = { privateKey: decryptPrivateKey(cert.encryptedKey!, cert.serial), issuer: cert.issuer, serial: cert.serial };
    const sendSigned = async () => readAnswer((await submitXml("serviceS", signDuis(requestXml({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS }), signer))).xml!).code;
    await db().orgCertificate.update({ where: { id: cert.id }, data: { notAfter: new Date("2026-11-30T00:00:00Z") } });
    expect(await sendSigned()).toBe("E42");
    await db().orgCertificate.update({ where: { id: cert.id }, data: { notAfter: new Date("2030-01-01T00:00:00Z"), revokedAt: NOW } });
    expect(await sendSigned()).toBe("E43");
  });

  it("an SRV the device type cannot carry is E11, checked once the device is found: a meter read to the CHF, Enable Supply to the GSME", async () => {
    const read = await send({ from: world.supplier, to: world.premises.chf.id, ...READ_REGISTERS });
    expect(readAnswer(read.xml!).code).toBe("E11");
    const row = await requestRow(read);
    expect(row.status).toBe("REJECTED");
    expect((row.checks as { check: string; result: string }[]).slice(-2)).toEqual([
      expect.objectContaining({ check: "device", result: "pass" }),
      expect.objectContaining({ check: "device-type", result: "fail", reason: expect.stringContaining("CHF") }),
    ]);
    // Critical: refused at the Transform, no Pre-Command issued.
    const enable = await submitXml("serviceT", await signAs(world.supplier, requestXml({ from: world.supplier, to: world.premises.gsme.id, srv: "7.1", body: "<sr:EnableSupply/>" })));
    expect(readAnswer(enable.xml!)).toMatchObject({ code: "E11", preCommandPayload: null });
    // The GPF carries the gas reads it mirrors.
    expect(readAnswer((await send({ from: world.supplier, to: world.premises.gpf.id, ...READ_REGISTERS })).xml!).code).not.toBe("E11");
  });

  it("Command Variant 3 sends the Command to the Device and to the User (an I0 message with the LocalCommand); a Distributor may not have it (E17)", async () => {
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS, commandVariant: 3 });
    expect(readAnswer(answer.xml!).code).toBe("I99");
    const row = await requestRow(answer);
    expect(row).toMatchObject({ status: "COMMAND_SENT", commandVariant: 3 });
    const [local] = await db().duisMessage.findMany({ where: { serviceRequestId: row.id } });
    expect(local).toMatchObject({ kind: "SERVICE_RESPONSE", code: "I0", partyId: world.supplier.id, requestId: row.requestId });
    expect(local.xml).toMatch(/<sr:LocalCommand><sr:GBCSPayload>[A-Za-z0-9+/=]+<\/sr:GBCSPayload><\/sr:LocalCommand>/);

    const distributor = await send({ from: world.distributor, to: world.premises.esme.id, ...READ_REGISTERS, commandVariant: 3 });
    expect(readAnswer(distributor.xml!).code).toBe("E17");
    expect(await requestRow(distributor)).toMatchObject({ status: "REJECTED", commandSentAt: null });
  });

  it("a Signed Pre-Command with Command Variant 7 goes to the Device and to the User; with 6 only to the User, in the answer, as the payload the User signed", async () => {
    const seven = await criticalFlow(world.supplier, world.premises.esme.id, "7.2", "<sr:DisableSupply/>", { cv: 7 });
    expect(readAnswer(seven.spc.xml!).code).toBe("I99");
    const sent = await requestRow(seven.transform);
    expect(sent).toMatchObject({ status: "COMMAND_SENT", commandSentAt: NOW });
    const [local] = await db().duisMessage.findMany({ where: { serviceRequestId: sent.id } });
    expect(local).toMatchObject({ kind: "SERVICE_RESPONSE", code: "I0" });
    expect(local.xml).toContain(`<sr:LocalCommand><sr:GBCSPayload>${seven.signed}</sr:GBCSPayload></sr:LocalCommand>`);

    const six = await criticalFlow(world.supplier, world.premises.esme.id, "7.2", "<sr:DisableSupply/>", { cv: 6 });
    expect(readAnswer(six.spc.xml!).code).toBe("I0");
    expect(six.spc.xml).toContain(`<sr:LocalCommand><sr:GBCSPayload>${six.signed}</sr:GBCSPayload></sr:LocalCommand>`);
    const completed = await requestRow(six.transform);
    expect(completed).toMatchObject({ status: "COMPLETED", responseCode: "I0", commandSentAt: null });
    expect(completed.checks).toContainEqual(expect.objectContaining({ check: "pre-command", result: "pass", stage: "SPC" }));
    expect(await db().duisMessage.count({ where: { serviceRequestId: completed.id } })).toBe(0);
    // Commission Device cannot be delivered locally (DUIS schema): its SPC with 6 is E12 and the request waits on.
    const commission = await criticalFlow(world.supplier, world.premises.esme.id, "8.1.1", "<sr:CommissionDeviceSynchroniseClock><sr:CurrentDateTime>2026-12-01T10:00:00Z</sr:CurrentDateTime><sr:TolerancePeriod>60</sr:TolerancePeriod></sr:CommissionDeviceSynchroniseClock>", { cv: 6 });
    expect(readAnswer(commission.spc.xml!).code).toBe("E12");
  });

  it("a device not in the SMI is E19; the check order per kind is the table the pipeline reads", async () => {
    expect(readAnswer((await send({ from: world.supplier, to: "00DB1234567890FF", ...READ_REGISTERS })).xml!).code).toBe("E19");
    expect(CHECK_ORDER.NON_CRITICAL.indexOf("smi-status")).toBeLessThan(CHECK_ORDER.NON_CRITICAL.indexOf("certificate"));
    expect(CHECK_ORDER.SIGNED_PRE_COMMAND).not.toContain("smi-status");
  });

  it("asynchronous messages are polled in arrival order with a cursor; `next` stays put when nothing is new", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS })).serviceRequestId!);
    await answerCommands(ids);
    const first = await pollMessages(world.supplier.id, null);
    expect(first.items).toHaveLength(3);
    expect(first.items.map((i) => BigInt(i.cursor))).toEqual([...first.items.map((i) => BigInt(i.cursor))].sort((a, b) => (a < b ? -1 : 1)));
    const again = await pollMessages(world.supplier.id, first.next);
    expect(again).toEqual({ items: [], next: first.next });
    expect((await pollMessages(world.distributor.id, null)).items).toEqual([]);
  });

  it("a Non-Device 8.2 Read Inventory answers I0 with the device synchronously and stores the request as completed", async () => {
    const device = world.premises.esme.id.match(/../g)!.join("-");
    const answer = await send({ from: world.distributor, to: DCC_EUI, srv: "8.2", body: `<sr:ReadInventory><sr:DeviceID>${device}</sr:DeviceID></sr:ReadInventory>` });
    expect(readAnswer(answer.xml!).code).toBe("I0");
    expect(answer.xml).toContain(device);
    expect((await requestRow(answer)).status).toBe("COMPLETED");
  });

  it("a refused Non-Device operation leaves nothing half-written: 8.3 by a non-responsible party changes no status", async () => {
    const device = world.premises.esme.id.match(/../g)!.join("-");
    const answer = await send({ from: world.distributor, to: DCC_EUI, srv: "8.3", body: `<sr:DecommissionDevice><sr:DeviceID>${device}</sr:DeviceID></sr:DecommissionDevice>` });
    expect(readAnswer(answer.xml!).code).toMatch(/^E/);
    expect((await db().device.findUniqueOrThrow({ where: { id: world.premises.esme.id } })).status).toBe("COMMISSIONED");
  });
});
