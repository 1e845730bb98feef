import { beforeEach, describe, expect, it } from "vitest";
import type { ChReturn } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeAccount, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { makeDccAdmin, makeOmsActor, makeReceivedReturn, makeReturnRow, makeReturnableChf, notifyInput, returnRowCounts, rmaInput } from "@/lib/testing/return-fixtures";
import { acceptReturnReason, applyReturnDeadlines, issueFaultAnalysisReport, objectToReport, settleObjection, startDiagnosis } from "./diagnosis";
import { notifyReturn, readReturn } from "./returns";
import { decideRma, recordRmaReceipt, requestRma } from "./rma";

// A CH received by the DCC on Mon 17 May 2027, 10:30 BST: the diagnosis notice is due by 27 May 10:30. Noticed on
// 20 May, the Fault Analysis Report is due by 24 Jun; issued on 10 Jun, an objection is due by 15 Jul.
const RECEIVED = "2027-05-17T09:30:00Z";
const NOTICE_DUE = "2027-05-27T09:30:00Z";
const NOTICE = "2027-05-20T09:30:00Z";
const REPORT_DUE = "2027-06-24T09:30:00Z";
const REPORT = "2027-06-10T09:30:00Z";
const OBJECTION_DUE = "2027-07-15T09:30:00Z";
const later = (iso: string, ms: number) => new Date(new Date(iso).getTime() + ms);

let party: Actor;
let ordering: string;
let admin: Actor;
let desk: string[];

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(RECEIVED);
  party = await makeOmsActor();
  ordering = (await makeAccount(party.partyId, ["CH_ORDERING"])).id;
  await makeAccount(party.partyId, ["PARTY_USER"]);
  admin = await makeDccAdmin();
  desk = [(await makeAccount(admin.partyId, ["SERVICE_DESK"])).id, (await makeAccount(admin.partyId, ["SERVICE_DESK", "DCC_ADMIN"])).id];
  const off = await makeAccount(admin.partyId, ["SERVICE_DESK"]);
  await db().account.update({ where: { id: off.id }, data: { disabled: true } });
});

async function received(overrides: Parameters<typeof makeReceivedReturn>[2] = {}) {
  const { chf } = await makeReturnableChf({ heldBy: party.partyId, status: "COMMISSIONED" });
  return makeReceivedReturn(party.partyId, chf.id, overrides);
}
const reload = (record: ChReturn) => db().chReturn.findUniqueOrThrow({ where: { id: record.id } });
const eventsOf = async (record: ChReturn) => db().chReturnEvent.findMany({ where: { returnId: record.id }, orderBy: { at: "asc" } });
const emailsOf = async (eventType: string) => (await db().outboxEmail.findMany({ where: { eventType } })).map((e) => e.toAccountId).sort();

/** A received record noticed on 20 May (under analysis) and, when `report`, reported on 10 Jun with reason (d). */
async function analysed(report: boolean) {
  const record = await received();
  setNow(NOTICE);
  await startDiagnosis(admin, { ref: record.ref });
  if (report) {
    setNow(REPORT);
    await issueFaultAnalysisReport(admin, { ref: record.ref, dccReason: "d", finding: "Casing cracked; water ingress." });
  }
  return record;
}

describe("the diagnosis notice (F9.9-F9.10)", () => {
  it("scenario 24: no notice within 10 days of receipt, the job closes the record with the party's reason, once", async () => {
    const record = await received();
    setNow(later(NOTICE_DUE, -1));
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
    expect((await reload(record)).status).toBe("RECEIVED");

    setNow(later(NOTICE_DUE, 60_000));
    expect(await applyReturnDeadlines()).toEqual({ closed: 1, lost: 0 });
    expect(await reload(record)).toMatchObject({ status: "CLOSED", finalReason: "f", closedAt: later(NOTICE_DUE, 60_000) });
    expect(await eventsOf(record)).toMatchObject([
      { kind: "closed", actorName: "DCC (automatic)", text: "No diagnosis notice within 10 days of the return: the party's reason is deemed correct (F9.10). Final reason (f) CH Defect." },
    ]);
    expect(await db().auditEvent.findMany()).toMatchObject([{ action: "ch-return.closed", entityId: record.ref, actorId: null, partyId: party.partyId, before: { status: "RECEIVED" } }]);
    expect(await emailsOf("ch-return.closed")).toEqual([party.accountId, ordering].sort());
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
    expect(await db().chReturnEvent.count()).toBe(1);
  });

  it("the DCC notices within 10 days: further analysis, the report due 35 days later; after the 10 days the notice is refused", async () => {
    const record = await received();
    const late = await received();
    setNow(NOTICE);
    await startDiagnosis(admin, { ref: record.ref.toLowerCase() });
    expect(await reload(record)).toMatchObject({ status: "UNDER_ANALYSIS", diagnosisNoticeAt: new Date(NOTICE), reportDueAt: new Date(REPORT_DUE) });
    expect(await eventsOf(record)).toMatchObject([{ kind: "under_analysis", actorName: `Test Person (${admin.partyName})` }]);
    expect((await eventsOf(record))[0].text).toContain("by 24 Jun 2027");
    expect(await db().auditEvent.count({ where: { action: "ch-return.under_analysis", entityId: record.ref, actorId: admin.accountId } })).toBe(1);
    expect(await emailsOf("ch-return.analysis")).toEqual([party.accountId, ordering].sort());

    setNow(later(NOTICE_DUE, 1));
    const before = await returnRowCounts();
    const refused = await refusal(startDiagnosis(admin, { ref: late.ref }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(`${late.ref}: the diagnosis notice was due by 27 May 2027, 10:30; the deadline has passed.`);
    expect(await returnRowCounts()).toEqual(before);
    // Only a received CH can be noticed.
    const notYet = await makeReturnRow(party.partyId, (await makeReturnableChf({ heldBy: party.partyId })).chf.id);
    expect((await refusal(startDiagnosis(admin, { ref: notYet.ref }))).message).toBe(`${notYet.ref} is Notified: RMA needed: it cannot become Further analysis required.`);
  });

  it("the DCC may accept the party's reason instead: closed with it as final", async () => {
    const record = await received({ reason: "g" });
    await acceptReturnReason(admin, { ref: record.ref });
    expect(await reload(record)).toMatchObject({ status: "CLOSED", finalReason: "g", closedAt: new Date(RECEIVED) });
    expect((await eventsOf(record))[0].text).toBe("The DCC accepts the party's reason (g) Loss or damage caused by a DCC breach; the record is closed.");
    expect(await db().auditEvent.count({ where: { action: "ch-return.closed", actorId: admin.accountId } })).toBe(1);
    expect((await refusal(acceptReturnReason(admin, { ref: record.ref }))).code).toBe("CONFLICT");
  });
});

describe("the Fault Analysis Report (F9.11-F9.12)", () => {
  it("issued within 35 days with a different reason: report, finding and a 35-day objection window", async () => {
    const record = await analysed(false);
    setNow(REPORT);
    const before = await returnRowCounts();
    const same = await refusal(issueFaultAnalysisReport(admin, { ref: record.ref, dccReason: "f", finding: "Confirmed defect." }));
    expect(same.code).toBe("INVALID");
    expect(same.fieldErrors.dccReason).toBe("Same as the party's reason.");
    expect((await refusal(issueFaultAnalysisReport(admin, { ref: record.ref, dccReason: "d", finding: " " }))).fieldErrors.finding).toContain("Summarise the analysis");
    expect(await returnRowCounts()).toEqual(before);

    await issueFaultAnalysisReport(admin, { ref: record.ref, dccReason: "d", finding: "Casing cracked; water ingress." });
    expect(await reload(record)).toMatchObject({ status: "REPORT_ISSUED", reportAt: new Date(REPORT), dccReason: "d", reportFinding: "Casing cracked; water ingress.", objectionDueAt: new Date(OBJECTION_DUE), finalReason: null });
    const event = (await eventsOf(record)).at(-1)!;
    expect(event.kind).toBe("report_issued");
    expect(event.text).toContain("the DCC finds (d) Loss, damage or destruction while the party carried the risk rather than (f) CH Defect");
    expect(event.text).toContain("The party may object by 15 Jul 2027.");
    expect(await db().auditEvent.count({ where: { action: "ch-return.report_issued", entityId: record.ref } })).toBe(1);
    expect(await emailsOf("ch-return.report")).toEqual([party.accountId, ordering].sort());
  });

  it("after 35 days from the notice the report is refused, and the job closes the record with the party's reason (F9.12)", async () => {
    const record = await analysed(false);
    setNow(later(REPORT_DUE, 1));
    const before = await returnRowCounts();
    const refused = await refusal(issueFaultAnalysisReport(admin, { ref: record.ref, dccReason: "d", finding: "Too late." }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(`${record.ref}: the Fault Analysis Report was due by 24 Jun 2027, 10:30; the deadline has passed.`);
    expect(await returnRowCounts()).toEqual(before);

    expect(await applyReturnDeadlines()).toEqual({ closed: 1, lost: 0 });
    expect(await reload(record)).toMatchObject({ status: "CLOSED", finalReason: "f", dccReason: null });
    expect((await eventsOf(record)).at(-1)!.text).toContain("No Fault Analysis Report within 35 days of the notice: the party's reason is deemed correct (F9.12).");
  });

  it("scenario 24: no objection within 35 days, the job closes the record with the DCC's reason", async () => {
    const record = await analysed(true);
    setNow(OBJECTION_DUE);
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
    setNow(later(OBJECTION_DUE, 60_000));
    expect(await applyReturnDeadlines()).toEqual({ closed: 1, lost: 0 });
    expect(await reload(record)).toMatchObject({ status: "CLOSED", finalReason: "d", reason: "f" });
    expect((await eventsOf(record)).at(-1)).toMatchObject({
      kind: "closed",
      actorName: "DCC (automatic)",
      text: "No objection within 35 days of the report: the DCC's analysis stands (CHIMSM 11.8). Final reason (d) Loss, damage or destruction while the party carried the risk.",
    });
  });
});

describe("objections (F9.13-F9.14)", () => {
  it("the party objects within the window: OBJECTED, the Service Desk is emailed, the job leaves it alone, and settling closes it", async () => {
    const record = await analysed(true);
    setNow("2027-07-01T09:00:00Z");
    expect((await refusal(objectToReport(party, { ref: record.ref, text: "" }))).fieldErrors.text).toBe("Say why you object to the report.");
    await objectToReport(party, { ref: record.ref, text: "The casing was intact at removal; photos attached." });
    expect(await reload(record)).toMatchObject({ status: "OBJECTED", objectedAt: new Date("2027-07-01T09:00:00Z") });
    expect((await eventsOf(record)).at(-1)).toMatchObject({ kind: "objected", text: "The party objects to the Fault Analysis Report: The casing was intact at removal; photos attached." });
    expect(await db().auditEvent.count({ where: { action: "ch-return.objected", actorId: party.accountId, partyId: party.partyId } })).toBe(1);
    const objections = await db().outboxEmail.findMany({ where: { eventType: "ch-return.objection" } });
    expect(objections.map((e) => e.toAccountId).sort()).toEqual([...desk].sort());
    for (const email of objections) {
      expect(email.partyId).toBeNull();
      expect(email.body).toBe(`${party.partyName} objects to the Fault Analysis Report on ${record.ref}: The casing was intact at removal; photos attached.`);
    }

    setNow(later(OBJECTION_DUE, 86_400_000));
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
    expect((await reload(record)).status).toBe("OBJECTED");

    expect((await refusal(settleObjection(admin, { ref: record.ref, finalReason: "f", note: "" }))).fieldErrors.note).toContain("Record how it was settled");
    expect((await refusal(settleObjection(party, { ref: record.ref, finalReason: "f", note: "We agree" }))).code).toBe("FORBIDDEN");
    await settleObjection(admin, { ref: record.ref, finalReason: "f", note: "Panel decision 2027/14: CH Defect." });
    expect(await reload(record)).toMatchObject({ status: "CLOSED", finalReason: "f", dccReason: "d" });
    expect((await eventsOf(record)).at(-1)!.text).toBe("Objection settled: final reason (f) CH Defect. Panel decision 2027/14: CH Defect.");
    expect(await db().auditEvent.count({ where: { action: "ch-return.closed", entityId: record.ref, actorId: admin.accountId } })).toBe(1);
    expect(await emailsOf("ch-return.closed")).toEqual([party.accountId, ordering].sort());

    const again = await refusal(settleObjection(admin, { ref: record.ref, finalReason: "d", note: "Again" }));
    expect(again.message).toBe(`${record.ref} is Closed: there is no objection to settle.`);
  });

  it("an objection after 35 days, or with no report to object to, is refused; nothing is written", async () => {
    const record = await analysed(true);
    const noReport = await received();
    setNow(later(OBJECTION_DUE, 1));
    const before = await returnRowCounts();
    const late = await refusal(objectToReport(party, { ref: record.ref, text: "Disagree" }));
    expect(late.code).toBe("CONFLICT");
    expect(late.message).toBe(`${record.ref}: an objection was due by 15 Jul 2027, 10:30; the deadline has passed.`);
    const nothing = await refusal(objectToReport(party, { ref: noReport.ref, text: "Disagree" }));
    expect(nothing.message).toBe(`${noReport.ref} is Received by the DCC: it cannot become Objected: with the Service Desk.`);
    expect(await returnRowCounts()).toEqual(before);
  });

  it("isolation: another party's user cannot see the record; parties cannot take the DCC's steps, nor the DCC the party's", async () => {
    const record = await analysed(true);
    const fresh = await received();
    setNow("2027-06-11T09:00:00Z");
    const before = await returnRowCounts();
    const stranger = await makeOmsActor();
    const hidden = await refusal(objectToReport(stranger, { ref: record.ref, text: "Not mine" }));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(hidden.message).toBe(`Return ${record.ref} was not found.`);
    // One at a time: each call starts its own transaction, and a refusal not yet awaited would go unhandled.
    for (const attempt of [
      () => startDiagnosis(party, { ref: fresh.ref }),
      () => acceptReturnReason(party, { ref: fresh.ref }),
      () => issueFaultAnalysisReport(party, { ref: record.ref, dccReason: "e", finding: "Mine" }),
      () => settleObjection(party, { ref: record.ref, finalReason: "f", note: "Mine" }),
      () => objectToReport(admin, { ref: record.ref, text: "The DCC objecting to itself" }),
    ]) {
      expect((await refusal(attempt())).code).toBe("FORBIDDEN");
    }
    expect((await refusal(startDiagnosis(stranger, { ref: fresh.ref }))).code).toBe("NOT_FOUND");
    expect(await returnRowCounts()).toEqual(before);
  });
});

describe("the 90-day rule (F8.6, CHIMSM 10.11, scenario 23)", () => {
  it("a once-Commissioned CH removed 91 days ago and not received is LOST and blocked from the SM WAN; at 89 days nothing happens", async () => {
    setNow("2027-02-15T10:00:00Z");
    const { chf } = await makeReturnableChf({ heldBy: party.partyId, status: "DECOMMISSIONED", commissionedHistory: true });
    const record = await notifyReturn(party, notifyInput(chf.id, { removedOn: "2027-02-15" }));
    setNow("2027-05-15T09:00:00Z"); // 89 days
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
    setNow("2027-05-16T22:59:59.999Z"); // the last moment of day 90
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
    expect((await reload(record)).status).toBe("NOTIFIED");

    setNow("2027-05-17T08:00:00Z"); // 91 days
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 1 });
    expect(await reload(record)).toMatchObject({ status: "LOST", lostAt: new Date("2027-05-17T08:00:00Z") });
    expect((await db().device.findUniqueOrThrow({ where: { id: chf.id } })).wanBlockedAt).toEqual(new Date("2027-05-17T08:00:00Z"));
    expect((await eventsOf(record)).at(-1)).toMatchObject({
      kind: "lost",
      actorName: "DCC (automatic)",
      text: "Not returned within 90 days of removal: treated as lost or stolen and blocked from the SM WAN (F8.6, CHIMSM 10.11).",
    });
    expect(await db().auditEvent.findFirst({ where: { action: "ch-return.lost" } })).toMatchObject({ entityId: record.ref, actorId: null, partyId: party.partyId });
    expect(await emailsOf("ch-return.lost")).toEqual([party.accountId, ordering].sort());
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
  });

  it("a CH booked on an RMA but never delivered is lost too; a never-installed CH never is; a received one is not lost", async () => {
    setNow("2027-02-15T10:00:00Z");
    const booked = await makeReturnRow(party.partyId, (await makeReturnableChf({ heldBy: party.partyId })).chf.id, { status: "RMA_AUTHORISED", returnDueAt: new Date("2027-05-16T22:59:59.999Z") });
    const neverInstalled = await notifyReturn(party, notifyInput((await makeReturnableChf({ heldBy: party.partyId, status: "WHITELISTED" })).chf.id));
    expect(neverInstalled.returnDueAt).toBeNull();
    const arrived = await makeReturnRow(party.partyId, (await makeReturnableChf({ heldBy: party.partyId })).chf.id, { status: "UNDER_ANALYSIS", returnDueAt: new Date("2027-05-16T22:59:59.999Z"), reportDueAt: new Date("2028-12-31T00:00:00Z") });

    setNow("2028-03-01T09:00:00Z");
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 1 });
    expect((await reload(booked)).status).toBe("LOST");
    expect((await reload(neverInstalled)).status).toBe("NOTIFIED");
    expect((await reload(arrived)).status).toBe("UNDER_ANALYSIS");
    expect((await db().device.findUniqueOrThrow({ where: { id: neverInstalled.deviceId } })).wanBlockedAt).toBeNull();
  });
});

describe("the whole journey through the operations", () => {
  it("notify, RMA, authorise, receive, notice, report, object, settle: each step on the timeline and in the audit trail", async () => {
    setNow("2027-05-10T08:00:00Z");
    const supplier = await makeOmsActor({ partyId: party.partyId });
    const { chf } = await makeReturnableChf({ status: "COMMISSIONED", responsibleSupplierId: party.partyId });
    const record = await notifyReturn(supplier, notifyInput(chf.id));
    const rma = await requestRma(supplier, rmaInput([chf.id], "2027-05-17"));
    setNow("2027-05-11T08:00:00Z");
    await decideRma(admin, { ref: rma.ref, decision: "AUTHORISED", timeslot: "12:00-14:00" });
    setNow(RECEIVED);
    await recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: [chf.id] });
    setNow(NOTICE);
    await startDiagnosis(admin, { ref: record.ref });
    setNow(REPORT);
    await issueFaultAnalysisReport(admin, { ref: record.ref, dccReason: "d", finding: "Casing cracked." });
    setNow("2027-06-20T09:00:00Z");
    await objectToReport(supplier, { ref: record.ref, text: "Disagree." });
    setNow("2027-07-20T09:00:00Z");
    await settleObjection(admin, { ref: record.ref, finalReason: "g", note: "Agreed: DCC breach." });

    const read = await readReturn(supplier, record.ref);
    expect(read).toMatchObject({ status: "CLOSED", finalReason: "g", reason: "f", dccReason: "d", receivedAt: new Date(RECEIVED) });
    expect(read.timeline.map((e) => e.kind)).toEqual(["notified", "rma_requested", "requested", "rma_authorised", "authorised", "received", "received", "under_analysis", "report_issued", "objected", "closed"]);
    const trail = await db().auditEvent.findMany({ where: { entityId: { in: [record.ref, rma.ref] } }, orderBy: { at: "asc" } });
    expect(trail.map((a) => a.action)).toEqual([
      "ch-return.notify",
      "ch-return.rma_requested",
      "ch-rma.request",
      "ch-return.rma_authorised",
      "ch-rma.authorised",
      "ch-return.received",
      "ch-rma.receive",
      "ch-return.under_analysis",
      "ch-return.report_issued",
      "ch-return.objected",
      "ch-return.closed",
    ]);
  });
});
