// Threshold Anomaly Detection in the DUIS pipeline, through the real gateway: processing.md §7 scenarios 11-15, the
// sliding window, and the warning batch job.
import { beforeEach, describe, expect, it } from "vitest";
import type { UserRole } from "@/generated/prisma/client";
import { loadActor } from "@/lib/auth/actor";
import { advanceClock, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { readAnswer } from "@/lib/duis/requests";
import { DCC_EUI, gatewayWorld, partyWithCertificates, send, sendCritical } from "@/lib/duis/testing/gateway-fixtures";
import { formatEui64 } from "@/lib/identifiers";
import { makeAccount, resetDatabase } from "@/lib/testing/fixtures";
import { makePremises } from "@/lib/testing/smi-fixtures";
import { forgetTadThresholds, minuteOf } from "./evaluate";
import { reportTadWarnings } from "./incidents";
import { DOWNLOAD_HOURS, ARCHIVE_DAYS } from "./quarantine-status";
import { releaseQuarantined } from "./decide";
import { commandJobsFor } from "./testing";
import { DCC_SCOPE, applyThresholdSet, type ThresholdRow } from "./thresholds";

const NOW = new Date("2026-12-01T10:00:00Z");
const HOUR = 3_600_000;
const DISABLE = "<sr:DisableSupply/>";
const READ_REGISTERS = { srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" };
const adjustBalance = (amount: number) => `<sr:UpdateMeterBalance><sr:PrepaymentMode><sr:AdjustMeterBalance>${amount}</sr:AdjustMeterBalance></sr:PrepaymentMode></sr:UpdateMeterBalance>`;

type World = Awaited<ReturnType<typeof gatewayWorld>>;

async function thresholds(partyId: string | null, userRole: UserRole | null, rows: ThresholdRow[]) {
  await db().$transaction((tx) => applyThresholdSet(tx, null, { partyId, userRole, rows }));
  forgetTadThresholds();
}

const row = (id: string | null | undefined) => db().serviceRequest.findUniqueOrThrow({ where: { id: id! }, include: { quarantineItem: { include: { incident: true } } } });

type TadEntry = { check: string; result: string; reason: string; breach?: string; stage?: string };
const tadEntry = async (id: string | null | undefined) => ((await row(id)).checks as TadEntry[]).find((c) => c.check === "tad");

describe("Threshold Anomaly Detection in the pipeline", () => {
  let world: World;
  let sro: Awaited<ReturnType<typeof makeAccount>>;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    forgetTadThresholds();
    world = await gatewayWorld();
    sro = await makeAccount(world.supplier.id, ["SRO"]);
  });

  it("scenario 11: the 6th Signed Pre-Command over a User ADT of 5 per 60 minutes is quarantined: no Command, an incident, an email naming the ADT", async () => {
    await thresholds(world.supplier.id, "IS", [{ srv: "7.2", kind: "ADT", maxCount: 5, periodMinutes: 60 }]);
    const sent = [];
    for (let i = 0; i < 6; i++) {
      sent.push(await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE));
      advanceClock(60_000);
    }
    // Held, yet acknowledged as any accepted request (I99): the sender's systems are not told.
    expect(sent.map((a) => a.code)).toEqual(["I99", "I99", "I99", "I99", "I99", "I99"]);
    const ids = sent.map((a) => a.serviceRequestId!);
    expect((await Promise.all(ids.map(row))).map((r) => r.status)).toEqual([...Array(5).fill("COMMAND_SENT"), "QUARANTINED"]);
    expect(await commandJobsFor(ids.slice(0, 5))).toBe(5);
    expect(await commandJobsFor([ids[5]])).toBe(0);

    const held = await row(ids[5]);
    expect(held.commandSentAt).toBeNull();
    const item = held.quarantineItem!;
    expect(item).toMatchObject({ status: "QUARANTINED", breach: "USER", partyId: world.supplier.id, srv: "7.2", deviceId: world.premises.esme.id });
    expect(item.downloadUntil.getTime() - item.quarantinedAt.getTime()).toBe(DOWNLOAD_HOURS * HOUR);
    expect(item.purgeAt.getTime() - item.downloadUntil.getTime()).toBe(ARCHIVE_DAYS * 24 * HOUR);
    expect(item.incident).toMatchObject({ tad: "QUARANTINE", category: 2, raisedByPartyId: world.supplier.id, status: "NEW" });
    expect(await tadEntry(ids[5])).toMatchObject({ result: "quarantine", breach: "USER", stage: "SPC", reason: expect.stringContaining("User ADT of 5 per 60 minutes on SRV 7.2") });
    expect(await tadEntry(ids[4])).toMatchObject({ result: "pass" });

    const [email] = await db().outboxEmail.findMany({ where: { toAddress: sro.email } });
    expect(email.subject).toContain(item.incident.ref);
    expect(email.body).toContain("User ADT of 5 per 60 minutes on SRV 7.2");
    expect(email.body).toContain(held.requestId);

    // The 7th within the hour joins the same incident; the contacts are not emailed again for it at once.
    const seventh = await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE);
    expect((await row(seventh.serviceRequestId)).quarantineItem!.incidentId).toBe(item.incidentId);
    expect(await db().incident.count({ where: { tad: "QUARANTINE" } })).toBe(1);
    expect(await db().outboxEmail.count({ where: { toAddress: sro.email } })).toBe(1);
  });

  it("the window slides: quarantined ones count (P5), and an hour later there is room again", async () => {
    await thresholds(world.supplier.id, "IS", [{ srv: "7.2", kind: "ADT", maxCount: 2, periodMinutes: 60 }]);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await row((await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE)).serviceRequestId)).status);
    expect(codes).toEqual(["COMMAND_SENT", "COMMAND_SENT", "QUARANTINED"]);
    advanceClock(30 * 60_000);
    // 3 in the window already (the quarantined one too): still over.
    expect((await row((await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE)).serviceRequestId)).status).toBe("QUARANTINED");
    advanceClock(31 * 60_000);
    // The first three have left the window; the one at 30 minutes remains: the 2nd in the window passes.
    expect((await row((await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE)).serviceRequestId)).status).toBe("COMMAND_SENT");
  });

  it("scenario 12: the 11th 4.1.1 over a Warning Threshold of 10 per day (ADT 50) goes on, is logged, and the hourly job lists it in a warning incident with an email", async () => {
    await thresholds(world.supplier.id, "IS", [
      { srv: "4.1.1", kind: "WARNING", maxCount: 10, periodMinutes: 1440 },
      { srv: "4.1.1", kind: "ADT", maxCount: 50, periodMinutes: 1440 },
    ]);
    const ids = [];
    for (let i = 0; i < 12; i++) {
      const answer = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS });
      expect(readAnswer(answer.xml!).code).toBe("I99");
      ids.push(answer.serviceRequestId!);
    }
    expect(await db().serviceRequest.count({ where: { id: { in: ids }, status: "COMMAND_SENT" } })).toBe(12);
    const warnings = await db().tadWarning.findMany({ orderBy: { at: "asc" } });
    expect(warnings.map((w) => w.serviceRequestId)).toEqual(ids.slice(10));
    expect(await tadEntry(ids[10])).toMatchObject({ result: "pass", reason: expect.stringContaining("Warning Threshold of 10 per 1440 minutes") });

    expect(await reportTadWarnings()).toEqual({ incidents: 1, warnings: 2 });
    const incident = await db().incident.findFirstOrThrow({ where: { tad: "WARNING" }, include: { events: true } });
    expect(incident).toMatchObject({ category: 4, raisedByPartyId: world.supplier.id });
    const requestIds = (await db().serviceRequest.findMany({ where: { id: { in: ids.slice(10) } } })).map((r) => r.requestId);
    for (const requestId of requestIds) expect(incident.events[0].text).toContain(requestId);
    const [email] = await db().outboxEmail.findMany({ where: { toAddress: sro.email, eventType: "tad.warning" } });
    expect(email.subject).toContain(incident.ref);
    // Reported once.
    expect(await reportTadWarnings()).toEqual({ incidents: 0, warnings: 0 });
    expect(await db().tadWarning.count({ where: { incidentId: incident.id } })).toBe(2);
  });

  it("scenario 13: the 1001st 1.5 over the DCC's aggregate ADT of 1000 per hour is quarantined, whoever sends it, and each affected User gets its own incident", async () => {
    const other = await partyWithCertificates({ roles: ["IS"] });
    const theirs = await makePremises({ parties: { electricitySupplierId: other.id, gasSupplierId: other.id, distributorId: world.distributor.id, transporterId: world.transporter.id } });
    await makeAccount(other.id, ["SRO"], { email: "sro@other.test" });
    await thresholds(null, null, [{ srv: "1.5", kind: "ADT", maxCount: 1000, periodMinutes: 60 }]);
    // 999 earlier 1.5s from other Users in the window.
    await db().tadCount.create({ data: { scope: DCC_SCOPE, srv: "1.5", minute: minuteOf(now()) - 10, count: 999 } });

    const thousandth = await sendCritical(world.supplier, world.premises.esme.id, "1.5", adjustBalance(100));
    expect((await row(thousandth.serviceRequestId)).status).toBe("COMMAND_SENT");
    const first = await sendCritical(world.supplier, world.premises.esme.id, "1.5", adjustBalance(100));
    const second = await sendCritical(other, theirs.esme.id, "1.5", adjustBalance(100));
    const [a, b] = [await row(first.serviceRequestId), await row(second.serviceRequestId)];
    expect([a.status, b.status]).toEqual(["QUARANTINED", "QUARANTINED"]);
    expect([a.quarantineItem!.breach, b.quarantineItem!.breach]).toEqual(["DCC", "DCC"]);
    expect(a.quarantineItem!.incident.raisedByPartyId).toBe(world.supplier.id);
    expect(b.quarantineItem!.incident.raisedByPartyId).toBe(other.id);
    expect(await db().outboxEmail.count({ where: { toAddress: "sro@other.test", subject: { contains: "DCC ADT of 1000 per 60 minutes" } } })).toBe(1);
  });

  it("scenario 14: a 1.5 asking +900 against the packet-inspection range [-500, 500] is quarantined as a PACKET breach under every volume limit", async () => {
    await thresholds(null, null, [{ srv: "1.5", kind: "PACKET", param: "PrepaymentMode.AdjustMeterBalance", minValue: -500, maxValue: 500 }]);
    const fine = await sendCritical(world.supplier, world.premises.esme.id, "1.5", adjustBalance(-500));
    const wild = await sendCritical(world.supplier, world.premises.esme.id, "1.5", adjustBalance(900));
    expect((await row(fine.serviceRequestId)).status).toBe("COMMAND_SENT");
    const held = await row(wild.serviceRequestId);
    expect(held).toMatchObject({ status: "QUARANTINED", responseCode: "I99" });
    expect(held.quarantineItem).toMatchObject({ breach: "PACKET", dccAdvice: null });
    expect(await tadEntry(wild.serviceRequestId)).toMatchObject({ breach: "PACKET", reason: expect.stringContaining("the value is 900") });
  });

  it("scenario 15: Non-Device 8.2 Read Inventory is never subject to TAD, even with a threshold of 0 on it", async () => {
    // Set past the ADT file's own validation, which refuses Non-Device SRVs: the pipeline must not apply it either.
    await thresholds(world.supplier.id, "IS", [{ srv: "8.2", kind: "ADT", maxCount: 0, periodMinutes: 60 }]);
    for (let i = 0; i < 25; i++) {
      const answer = await send({ from: world.supplier, to: DCC_EUI, srv: "8.2", body: `<sr:ReadInventory><sr:DeviceID>${formatEui64(world.premises.esme.id)}</sr:DeviceID></sr:ReadInventory>` });
      expect(readAnswer(answer.xml!).code).toBe("I0");
    }
    expect(await db().tadCount.count()).toBe(0);
    expect(await db().quarantineItem.count()).toBe(0);
  });

  it("a Non-Critical request over a User ADT is held at receipt in its batch: stored QUARANTINED, answered I99, no Command", async () => {
    await thresholds(world.supplier.id, "IS", [{ srv: "4.1.1", kind: "ADT", maxCount: 1, periodMinutes: 60 }]);
    const first = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS });
    const second = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS });
    expect(readAnswer(second.xml!).code).toBe("I99");
    expect((await row(second.serviceRequestId)).status).toBe("QUARANTINED");
    expect(await commandJobsFor([first.serviceRequestId!, second.serviceRequestId!])).toBe(1);
  });

  it("a held Command for local delivery, once released, goes to the User as an I0 message: CV 2 and 6 to the User only, CV 7 to the Device too", async () => {
    await thresholds(world.supplier.id, "IS", [
      { srv: "4.1.1", kind: "ADT", maxCount: 0, periodMinutes: 60 },
      { srv: "7.2", kind: "ADT", maxCount: 0, periodMinutes: 60 },
    ]);
    const local = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS, commandVariant: 2 });
    // Held, its answer is the I99 acknowledgement without the Command.
    expect(readAnswer(local.xml!)).toMatchObject({ code: "I99" });
    expect(local.xml).not.toContain("LocalCommand");
    const userOnly = await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE, 6);
    const both = await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE, 7);
    const ids = [local.serviceRequestId!, userOnly.serviceRequestId!, both.serviceRequestId!];
    expect((await Promise.all(ids.map(row))).map((r) => r.status)).toEqual(["QUARANTINED", "QUARANTINED", "QUARANTINED"]);
    expect(await db().duisMessage.count({ where: { serviceRequestId: { in: ids } } })).toBe(0);

    const items = await Promise.all(ids.map(async (id) => (await row(id)).quarantineItem!.id));
    expect((await releaseQuarantined((await loadActor(sro.id))!, { ids: items })).decided).toHaveLength(3);
    expect((await Promise.all(ids.map(row))).map((r) => [r.status, r.responseCode, !!r.commandSentAt])).toEqual([
      ["COMPLETED", "I0", false],
      ["COMPLETED", "I0", false],
      ["COMMAND_SENT", "I99", true],
    ]);
    expect(await commandJobsFor(ids)).toBe(1);
    expect(await commandJobsFor([ids[2]])).toBe(1);
    const messages = await db().duisMessage.findMany({ where: { serviceRequestId: { in: ids } } });
    expect(messages.map((m) => m.serviceRequestId).sort()).toEqual([...ids].sort());
    for (const m of messages) {
      expect(m).toMatchObject({ partyId: world.supplier.id, kind: "SERVICE_RESPONSE", code: "I0" });
      expect(m.xml).toContain("<sr:LocalCommand><sr:GBCSPayload>");
    }
    // The Signed Pre-Commands' copies carry the payload the User signed, which the Device checks.
    const spcPayload = (id: string) => /<sr:GBCSPayload>([^<]+)</.exec(messages.find((m) => m.serviceRequestId === id)!.xml)![1];
    for (const id of ids.slice(1)) expect((await row(id)).spcXml).toContain(spcPayload(id));
  });

  it("a dual-fuel supplier's request counts under the role of the target's fuel: its Import Supplier ADT does not hold a 7.2 to the GSME", async () => {
    await thresholds(world.supplier.id, "IS", [{ srv: "7.2", kind: "ADT", maxCount: 0, periodMinutes: 60 }]);
    expect((await row((await sendCritical(world.supplier, world.premises.gsme.id, "7.2", DISABLE)).serviceRequestId)).status).toBe("COMMAND_SENT");
    expect((await row((await sendCritical(world.supplier, world.premises.esme.id, "7.2", DISABLE)).serviceRequestId)).status).toBe("QUARANTINED");
  });

  it("a request no threshold covers is not counted and carries no TAD entry", async () => {
    await thresholds(world.supplier.id, "IS", [{ srv: "7.2", kind: "ADT", maxCount: 5, periodMinutes: 60 }]);
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, ...READ_REGISTERS });
    expect(await tadEntry(answer.serviceRequestId)).toBeUndefined();
    expect(await db().tadCount.count()).toBe(0);
  });
});
