import { beforeEach, describe, expect, it } from "vitest";
import type { ChReturnStatus, ChRmaStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { makeDccAdmin, makeOmsActor, makeReceivedReturn, makeReturnRow, makeReturnableChf, notifyInput, returnRowCounts, rmaInput } from "@/lib/testing/return-fixtures";
import { makeDevice, newDeviceId } from "@/lib/testing/smi-fixtures";
import { RETURNS_LOCATIONS, RETURN_REASONS } from "./catalog";
import { listReturns, notifyReturn, readReturn, reportReturnLost } from "./returns";
import { requestRma } from "./rma";
import { assertMove } from "@/lib/state/transition";
import { OUTSTANDING_RETURN_STATUSES, RETURN_TRANSITIONS, RMA_MACHINE, RMA_TRANSITIONS, moveReturn } from "./status";

// The clock stands at Mon 10 May 2027, 09:00 BST. A CH removed "today" has its 90-day deadline at the end of 8 Aug 2027.
const MAY_10 = "2027-05-10T08:00:00Z";

let party: Actor;
let ordering: string;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(MAY_10);
  party = await makeOmsActor();
  ordering = (await makeAccount(party.partyId, ["CH_ORDERING"])).id;
  await makeAccount(party.partyId, ["PARTY_USER"]);
  const disabled = await makeAccount(party.partyId, ["CH_ORDERING"]);
  await db().account.update({ where: { id: disabled.id }, data: { disabled: true } });
});

const eventsOf = (returnId: string) => db().chReturnEvent.findMany({ where: { returnId }, orderBy: { at: "asc" } });

describe("the catalogue and the status machines", () => {
  it("F9.5: reasons (d), (f), (g), (h) and (i) are fault returns (SRV 8.14.3), the rest no-fault (SRV 8.14.4); at most two Returns Locations per Region (F8.8)", () => {
    expect(RETURN_REASONS.filter((r) => r.kind === "FAULT").map((r) => r.code)).toEqual(["d", "f", "g", "h", "i"]);
    expect(RETURN_REASONS.filter((r) => r.kind === "NO_FAULT").map((r) => r.code)).toEqual(["a", "b", "c", "e"]);
    for (const region of ["NORTH", "CENTRAL", "SOUTH"] as const) {
      const count = RETURNS_LOCATIONS.filter((l) => l.region === region).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(2);
    }
  });

  it("every transition the operations make is in RETURN_TRANSITIONS, and nothing else; CLOSED and LOST are terminal", () => {
    const used: [ChReturnStatus, ChReturnStatus][] = [
      ["NOTIFIED", "RMA_REQUESTED"], // requestRma
      ["RMA_REQUESTED", "RMA_AUTHORISED"], // decideRma: authorised
      ["RMA_REQUESTED", "NOTIFIED"], // decideRma: rejected
      ["RMA_AUTHORISED", "RECEIVED"], // recordRmaReceipt: arrived
      ["RMA_AUTHORISED", "NOTIFIED"], // recordRmaReceipt: missing from the delivery
      ["NOTIFIED", "LOST"], // reportReturnLost, applyReturnDeadlines (90 days)
      ["RMA_REQUESTED", "LOST"],
      ["RMA_AUTHORISED", "LOST"],
      ["RECEIVED", "UNDER_ANALYSIS"], // startDiagnosis
      ["RECEIVED", "CLOSED"], // acceptReturnReason, no notice in 10 days
      ["UNDER_ANALYSIS", "REPORT_ISSUED"], // issueFaultAnalysisReport
      ["UNDER_ANALYSIS", "CLOSED"], // acceptReturnReason, no report in 35 days
      ["REPORT_ISSUED", "OBJECTED"], // objectToReport
      ["REPORT_ISSUED", "CLOSED"], // no objection in 35 days
      ["OBJECTED", "CLOSED"], // settleObjection
    ];
    const table = Object.entries(RETURN_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(table.sort()).toEqual(used.map(([from, to]) => `${from}>${to}`).sort());
    expect(RETURN_TRANSITIONS.CLOSED).toEqual([]);
    expect(RETURN_TRANSITIONS.LOST).toEqual([]);
    // Only a CH still on its way back can be lost.
    const toLost = Object.entries(RETURN_TRANSITIONS).filter(([, tos]) => tos.includes("LOST")).map(([from]) => from);
    expect(toLost.sort()).toEqual([...OUTSTANDING_RETURN_STATUSES].sort());
  });

  it("RMA machine: requested is authorised or rejected, authorised is received; rejected and received are terminal", () => {
    const edges = Object.entries(RMA_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(edges.sort()).toEqual(["AUTHORISED>RECEIVED", "REQUESTED>AUTHORISED", "REQUESTED>REJECTED"]);
    for (const terminal of ["REJECTED", "RECEIVED"] as ChRmaStatus[]) {
      for (const to of ["REQUESTED", "AUTHORISED", "REJECTED", "RECEIVED"] as ChRmaStatus[]) {
        expect(() => assertMove(RMA_MACHINE, "RMA0000001", terminal, to)).toThrow(/cannot become/);
      }
    }
  });

  it("moveReturn refuses a move the table does not allow, and a record changed meanwhile, writing nothing", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const closed = await makeReturnRow(party.partyId, chf.id, { status: "CLOSED" });
    const before = await returnRowCounts();
    const illegal = await refusal(db().$transaction((tx) => moveReturn(tx, null, closed, "NOTIFIED", { event: "reopen" })));
    expect(illegal.code).toBe("CONFLICT");
    expect(illegal.message).toBe(`${closed.ref} is Closed: it cannot become Notified: RMA needed.`);

    const { chf: other } = await makeReturnableChf({ heldBy: party.partyId });
    const stale = await makeReturnRow(party.partyId, other.id);
    await db().chReturn.update({ where: { id: stale.id }, data: { status: "RMA_REQUESTED" } });
    const before2 = await returnRowCounts();
    const raced = await refusal(db().$transaction((tx) => moveReturn(tx, null, stale, "LOST", { event: "lost" })));
    expect(raced.message).toBe(`${stale.ref} changed meanwhile: reload and try again.`);
    expect(await returnRowCounts()).toEqual(before2);
    expect(before2.returns).toBe(before.returns + 1);
    expect((await db().chReturn.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("RMA_REQUESTED");
  });
});

describe("notifying a return (SRV 8.14.3 / 8.14.4, CHIMSM 9)", () => {
  it("SRV 8.14.3 for a never-installed CHF: record, event, audit and emails to the party's OMS accounts; no 90-day deadline", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId, status: "WHITELISTED" });
    const record = await notifyReturn(party, notifyInput(formatEui64(chf.id).toLowerCase(), { note: "Dropped on the depot floor" }));
    expect(record.ref).toMatch(/^RET\d{7}$/);
    expect(record).toMatchObject({
      partyId: party.partyId,
      deviceId: chf.id,
      kind: "FAULT",
      reason: "f",
      faultType: "CH Defect",
      note: "Dropped on the depot floor",
      status: "NOTIFIED",
      notifiedVia: "SRV 8.14.3",
      removedAt: new Date("2027-05-10T22:59:59.999Z"),
      notifiedAt: new Date(MAY_10),
      returnDueAt: null,
    });
    expect(await eventsOf(record.id)).toMatchObject([
      { kind: "notified", actorName: `Test Person (${party.partyName})`, text: "SRV 8.14.3: CH removed on 10 May 2027, reason (f) CH Defect, fault type CH Defect." },
    ]);
    expect(await db().auditEvent.findMany({ where: { entityType: "ChReturn" } })).toMatchObject([{ action: "ch-return.notify", entityId: record.ref, actorId: party.accountId, partyId: party.partyId }]);
    const emails = await db().outboxEmail.findMany();
    expect(emails.map((e) => e.toAccountId).sort()).toEqual([party.accountId, ordering].sort());
    for (const email of emails) {
      expect(email).toMatchObject({ eventType: "ch-return.notified", partyId: party.partyId });
      expect(email.body).toContain(record.ref);
      expect(email.body).not.toContain("Return it by");
    }
  });

  it("SRV 8.14.4 for a no-fault reason: no fault type is kept", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const record = await notifyReturn(party, notifyInput(chf.id, { kind: "NO_FAULT", reason: "e", faultType: "Physical damage" }));
    expect(record).toMatchObject({ kind: "NO_FAULT", reason: "e", faultType: null, notifiedVia: "SRV 8.14.4" });
    expect((await eventsOf(record.id))[0].text).toBe("SRV 8.14.4: CH removed on 10 May 2027, reason (e) Any other return.");
  });

  it("the device must be a CHF in the SMI; nothing is written otherwise", async () => {
    const before = await returnRowCounts();
    const unknown = newDeviceId();
    const missing = await refusal(notifyReturn(party, notifyInput(unknown)));
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.message).toBe(`Device ${formatEui64(unknown)} is not in the SMI.`);

    const malformed = await refusal(notifyReturn(party, notifyInput("not-a-device")));
    expect(malformed.code).toBe("INVALID");
    expect(malformed.fieldErrors.deviceId).toBe("Enter a 16-digit hexadecimal Device ID.");

    const esme = await makeDevice({ deviceType: "ESME", status: "COMMISSIONED" });
    const notChf = await refusal(notifyReturn(party, notifyInput(esme.id)));
    expect(notChf.code).toBe("INVALID");
    expect(notChf.message).toBe(`Device ${formatEui64(esme.id)} is a ESME, not a Communications Hub Function.`);
    const { gpf } = await makeReturnableChf({ heldBy: party.partyId });
    expect((await refusal(notifyReturn(party, notifyInput(gpf.id)))).fieldErrors.deviceId).toBe("Not a CHF.");
    expect(await returnRowCounts()).toEqual(before);
  });

  it("the reason must match the SR: fault reasons need SRV 8.14.3 with a fault type, no-fault reasons SRV 8.14.4", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const before = await returnRowCounts();
    const faultAsNoFault = await refusal(notifyReturn(party, notifyInput(chf.id, { kind: "NO_FAULT", reason: "f" })));
    expect(faultAsNoFault.code).toBe("INVALID");
    expect(faultAsNoFault.message).toBe("Reason (f) CH Defect is notified with SRV 8.14.3.");
    expect(faultAsNoFault.fieldErrors.reason).toBe("Use SRV 8.14.3 for this reason.");
    const noFaultAsFault = await refusal(notifyReturn(party, notifyInput(chf.id, { kind: "FAULT", reason: "a" })));
    expect(noFaultAsFault.message).toBe("Reason (a) CHF Withdrawn from a Non-Domestic Premises is notified with SRV 8.14.4.");
    const noType = await refusal(notifyReturn(party, notifyInput(chf.id, { kind: "FAULT", reason: "d", faultType: undefined })));
    expect(noType.message).toBe("SRV 8.14.3 needs the fault return type.");
    expect(noType.fieldErrors.faultType).toBe("Choose the fault return type.");
    const unknownReason = await refusal(notifyReturn(party, notifyInput(chf.id, { reason: "z" })));
    expect(unknownReason.fieldErrors.reason).toBe("Choose the return reason.");
    expect(await returnRowCounts()).toEqual(before);
  });

  it("a removal date in the future is refused; today is accepted", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const future = await refusal(notifyReturn(party, notifyInput(chf.id, { removedOn: "2027-05-11" })));
    expect(future.message).toBe("The removal date cannot be in the future.");
    expect(future.fieldErrors.removedOn).toBe("In the future.");
    expect(await db().chReturn.count()).toBe(0);
    // "Today" is London's date: at 23:30 UTC on 10 May it is already 11 May in London (BST).
    setNow("2027-05-10T23:30:00Z");
    expect((await notifyReturn(party, notifyInput(chf.id, { removedOn: "2027-05-11" }))).removedAt).toEqual(new Date("2027-05-11T22:59:59.999Z"));
  });

  it.each([
    { holiday: "late May bank holiday (Mon 31 May 2027)", removedOn: "2027-05-27", lastMoment: "2027-06-04T22:59:59.999Z", oneMinuteLater: "2027-06-04T23:00:59.999Z", by: "4 Jun 2027" },
    { holiday: "Good Friday and Easter Monday (26 and 29 Mar 2027)", removedOn: "2027-03-25", lastMoment: "2027-04-05T22:59:59.999Z", oneMinuteLater: "2027-04-05T23:00:59.999Z", by: "5 Apr 2027" },
  ])("5 Working Days from a Thursday removal skip the $holiday: the last moment is accepted, a minute later refused", async ({ removedOn, lastMoment, oneMinuteLater, by }) => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    setNow(oneMinuteLater);
    const before = await returnRowCounts();
    const late = await refusal(notifyReturn(party, notifyInput(chf.id, { removedOn })));
    expect(late.code).toBe("CONFLICT");
    expect(late.message).toBe(`SRV 8.14.3 must be sent within 5 Working Days of removal (by ${by}). Contact the Service Desk to notify this return (CHIMSM 9.9).`);
    expect(late.fieldErrors.removedOn).toBe("More than 5 Working Days ago.");
    expect(await returnRowCounts()).toEqual(before);

    setNow(lastMoment);
    const record = await notifyReturn(party, notifyInput(chf.id, { removedOn }));
    expect(record.notifiedAt).toEqual(new Date(lastMoment));
    expect((await eventsOf(record.id))[0].text).not.toContain("after the 5-Working-Day limit");
  });

  it("the Service Desk route: a DCC admin records a late notification for a party, flagged late, with the party's trail and emails", async () => {
    const admin = await makeDccAdmin();
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    setNow("2027-06-07T09:00:00Z");
    const noParty = await refusal(notifyReturn(admin, notifyInput(chf.id, { removedOn: "2027-05-27" })));
    expect(noParty.fieldErrors.partyId).toBe("Choose the party.");
    const dccParty = await refusal(notifyReturn(admin, notifyInput(chf.id, { removedOn: "2027-05-27", partyId: admin.partyId })));
    expect(dccParty.fieldErrors.partyId).toBe("Unknown party.");
    expect(await db().chReturn.count()).toBe(0);

    const record = await notifyReturn(admin, notifyInput(chf.id, { removedOn: "2027-05-27", partyId: party.partyId }));
    expect(record).toMatchObject({ partyId: party.partyId, notifiedVia: "Service Desk", status: "NOTIFIED" });
    expect((await eventsOf(record.id))[0]).toMatchObject({
      actorName: `Test Person (${admin.partyName})`,
      text: "Service Desk: CH removed on 27 May 2027, reason (f) CH Defect, fault type CH Defect. Notified after the 5-Working-Day limit (4 Jun 2027).",
    });
    expect(await db().auditEvent.count({ where: { action: "ch-return.notify", actorId: admin.accountId, partyId: party.partyId } })).toBe(1);
    expect((await db().outboxEmail.findMany()).map((e) => e.toAccountId).sort()).toEqual([party.accountId, ordering].sort());
  });

  it("the Service Desk (SERVICE_DESK) records a party's notification, which the party then reads as its own; an OMS account cannot record for another party", async () => {
    const desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const record = await notifyReturn(desk, notifyInput(chf.id, { partyId: party.partyId }));
    expect(record).toMatchObject({ partyId: party.partyId, notifiedVia: "Service Desk", status: "NOTIFIED" });
    expect((await readReturn(party, record.ref)).ref).toBe(record.ref);
    expect((await readReturn(desk, record.ref)).ref).toBe(record.ref);
    expect(await db().auditEvent.count({ where: { action: "ch-return.notify", actorId: desk.accountId, partyId: party.partyId } })).toBe(1);

    // A party's OMS account always notifies for its own party: a partyId it sends is ignored.
    const other = await makeOmsActor();
    const { chf: otherChf } = await makeReturnableChf({ heldBy: other.partyId });
    expect((await notifyReturn(other, notifyInput(otherChf.id, { partyId: party.partyId }))).partyId).toBe(other.partyId);
    // A DCC account without a Service Desk or admin permission may not record one.
    const { chf: third } = await makeReturnableChf({ heldBy: party.partyId });
    const dccUser = await makeActor(["PARTY_USER"], { isDcc: true });
    expect((await refusal(notifyReturn(dccUser, notifyInput(third.id, { partyId: party.partyId })))).code).toBe("FORBIDDEN");
    expect(await db().chReturn.count({ where: { deviceId: third.id } })).toBe(0);
  });

  it("the 90-day deadline applies only to a CHF that was ever installed or commissioned (F8.6)", async () => {
    const commissioned = await notifyReturn(party, notifyInput((await makeReturnableChf({ heldBy: party.partyId, status: "COMMISSIONED" })).chf.id));
    expect(commissioned.returnDueAt).toEqual(new Date("2027-08-08T22:59:59.999Z"));
    expect((await db().outboxEmail.findFirstOrThrow({ where: { subject: { contains: commissioned.ref } } })).body).toContain("Return it by 8 Aug 2027");
    const installed = await notifyReturn(party, notifyInput((await makeReturnableChf({ heldBy: party.partyId, status: "INSTALLED_NOT_COMMISSIONED" })).chf.id));
    expect(installed.returnDueAt).toEqual(new Date("2027-08-08T22:59:59.999Z"));
    // Decommissioned now, but the status history shows it was Commissioned.
    const history = await notifyReturn(party, notifyInput((await makeReturnableChf({ heldBy: party.partyId, status: "DECOMMISSIONED", commissionedHistory: true })).chf.id));
    expect(history.returnDueAt).toEqual(new Date("2027-08-08T22:59:59.999Z"));
    const neverInstalled = await notifyReturn(party, notifyInput((await makeReturnableChf({ heldBy: party.partyId, status: "DECOMMISSIONED" })).chf.id));
    expect(neverInstalled.returnDueAt).toBeNull();
  });

  it("the 90 days are calendar days across the change to BST: removed 15 Feb 2027, due by the end of 16 May 2027", async () => {
    setNow("2027-02-15T10:00:00Z");
    const record = await notifyReturn(party, notifyInput((await makeReturnableChf({ heldBy: party.partyId, status: "COMMISSIONED" })).chf.id));
    expect(record.removedAt).toEqual(new Date("2027-02-15T23:59:59.999Z"));
    expect(record.returnDueAt).toEqual(new Date("2027-05-16T22:59:59.999Z"));
  });

  it("a second notification for the same CHF is refused, whoever sends it", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const first = await notifyReturn(party, notifyInput(chf.id));
    const before = await returnRowCounts();
    const again = await refusal(notifyReturn(party, notifyInput(chf.id, { kind: "NO_FAULT", reason: "e" })));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe(`CH ${formatEui64(chf.id)} is already notified for return as ${first.ref}.`);
    const desk = await makeDccAdmin();
    expect((await refusal(notifyReturn(desk, notifyInput(chf.id, { partyId: party.partyId })))).fieldErrors.deviceId).toBe(`Already ${first.ref}.`);
    expect(await returnRowCounts()).toEqual(before);
  });

  it("an installed CH is returned only by its Responsible Supplier (F8.3); an uninstalled one by whoever holds it", async () => {
    const supplier = await makeOmsActor();
    const stranger = await makeOmsActor();
    const { chf } = await makeReturnableChf({ status: "COMMISSIONED", responsibleSupplierId: supplier.partyId });
    const before = await returnRowCounts();
    const refused = await refusal(notifyReturn(stranger, notifyInput(chf.id)));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toBe(`Only the Responsible Supplier may remove and return CH ${formatEui64(chf.id)} (F8.3).`);
    expect(await returnRowCounts()).toEqual(before);
    expect((await notifyReturn(supplier, notifyInput(chf.id))).partyId).toBe(supplier.partyId);

    const { chf: spare } = await makeReturnableChf({ status: "WHITELISTED", responsibleSupplierId: supplier.partyId, heldBy: stranger.partyId });
    expect((await notifyReturn(stranger, notifyInput(spare.id))).partyId).toBe(stranger.partyId);
  });

  it("a never-installed CH delivered to another party cannot be notified, booked or reported lost: nobody can WAN-block a hub they do not hold", async () => {
    const stranger = await makeOmsActor();
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const { chf: inStock } = await makeReturnableChf();
    const before = await returnRowCounts();
    for (const id of [chf.id, inStock.id]) {
      const refused = await refusal(notifyReturn(stranger, notifyInput(id)));
      expect(refused).toMatchObject({ code: "FORBIDDEN", message: `CH ${formatEui64(id)} was not delivered to this party and is not installed under it: only the party holding it may return it.` });
    }
    // Nor can the Service Desk record it for a party that does not hold it.
    expect((await refusal(notifyReturn(await makeDccAdmin(), notifyInput(chf.id, { partyId: stranger.partyId })))).code).toBe("FORBIDDEN");
    expect(await returnRowCounts()).toEqual(before);

    // A record notified before holders were checked gives no right to book the CH or report it lost.
    const stale = await makeReturnRow(stranger.partyId, chf.id, { returnDueAt: null });
    expect((await refusal(requestRma(stranger, rmaInput([chf.id], "2027-05-24")))).code).toBe("FORBIDDEN");
    expect((await refusal(reportReturnLost(stranger, { ref: stale.ref, note: "Gone" }))).code).toBe("FORBIDDEN");
    expect(await db().chReturn.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "NOTIFIED", rmaId: null });
    expect((await db().device.findUniqueOrThrow({ where: { id: chf.id } })).wanBlockedAt).toBeNull();
    // The holder may.
    expect((await refusal(notifyReturn(party, notifyInput(chf.id)))).message).toContain("already notified");
    await db().chReturn.delete({ where: { id: stale.id } });
    expect((await notifyReturn(party, notifyInput(chf.id))).partyId).toBe(party.partyId);
  });

  it("an account without an OMS profile may not notify", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const user = await makeActor(["PARTY_USER"], { partyId: party.partyId });
    expect((await refusal(notifyReturn(user, notifyInput(chf.id)))).code).toBe("FORBIDDEN");
    expect(await db().chReturn.count()).toBe(0);
  });
});

describe("reporting a notified CH lost (F8.17)", () => {
  it("the party reports it: LOST, blocked from the SM WAN, with event, audit and email", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId, status: "COMMISSIONED" });
    const record = await makeReturnRow(party.partyId, chf.id);
    expect((await refusal(reportReturnLost(party, { ref: record.ref, note: " " }))).fieldErrors.note).toBe("Say what happened to the CH.");
    setNow("2027-05-12T10:00:00Z");
    await reportReturnLost(party, { ref: record.ref.toLowerCase(), note: "Stolen from the van" });
    const after = await db().chReturn.findUniqueOrThrow({ where: { id: record.id } });
    expect(after).toMatchObject({ status: "LOST", lostAt: new Date("2027-05-12T10:00:00Z") });
    expect((await db().device.findUniqueOrThrow({ where: { id: chf.id } })).wanBlockedAt).toEqual(new Date("2027-05-12T10:00:00Z"));
    expect(await eventsOf(record.id)).toMatchObject([{ kind: "lost", text: "Reported lost or destroyed by the party (F8.17): Stolen from the van" }]);
    expect(await db().auditEvent.findMany()).toMatchObject([{ action: "ch-return.lost", entityId: record.ref, actorId: party.accountId, partyId: party.partyId, before: { status: "NOTIFIED" } }]);
    expect((await db().outboxEmail.findMany()).map((e) => e.eventType)).toEqual(["ch-return.lost", "ch-return.lost"]);
  });

  it("a CH already received cannot be lost; another party's record is not found; the DCC does not report for the party", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const received = await makeReceivedReturn(party.partyId, chf.id);
    const { chf: other } = await makeReturnableChf({ heldBy: party.partyId });
    const notified = await makeReturnRow(party.partyId, other.id);
    const before = await returnRowCounts();
    const conflict = await refusal(reportReturnLost(party, { ref: received.ref, note: "Gone" }));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toBe(`${received.ref} is Received by the DCC: it cannot become Lost or stolen: blocked from the SM WAN.`);
    const stranger = await makeOmsActor();
    const hidden = await refusal(reportReturnLost(stranger, { ref: notified.ref, note: "Gone" }));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(hidden.message).toBe(`Return ${notified.ref} was not found.`);
    expect((await refusal(reportReturnLost(await makeDccAdmin(), { ref: notified.ref, note: "Gone" }))).code).toBe("FORBIDDEN");
    expect(await returnRowCounts()).toEqual(before);
    expect((await db().device.findUniqueOrThrow({ where: { id: other.id } })).wanBlockedAt).toBeNull();
  });
});

describe("listing and reading returns", () => {
  it("a party lists only its own records; the DCC lists all; filters by outstanding status and by reference, Device ID or RMA", async () => {
    const other = await makeOmsActor();
    const a = await makeReturnRow(party.partyId, (await makeReturnableChf({ heldBy: party.partyId })).chf.id);
    const b = await makeReceivedReturn(party.partyId, (await makeReturnableChf({ heldBy: party.partyId })).chf.id);
    const theirs = await makeReturnRow(other.partyId, (await makeReturnableChf({ heldBy: party.partyId })).chf.id);
    expect((await listReturns(party)).map((r) => r.ref).sort()).toEqual([a.ref, b.ref].sort());
    expect((await listReturns(other)).map((r) => r.ref)).toEqual([theirs.ref]);
    expect((await listReturns(await makeDccAdmin())).map((r) => r.ref).sort()).toEqual([a.ref, b.ref, theirs.ref].sort());
    expect((await listReturns(party, { status: "OUTSTANDING" })).map((r) => r.ref)).toEqual([a.ref]);
    expect((await listReturns(party, { status: "RECEIVED" })).map((r) => r.ref)).toEqual([b.ref]);
    expect((await listReturns(party, { q: formatEui64(b.deviceId).toLowerCase() })).map((r) => r.ref)).toEqual([b.ref]);
    expect((await listReturns(party, { q: a.ref.toLowerCase() })).map((r) => r.ref)).toEqual([a.ref]);
    expect(await listReturns(party, { q: theirs.ref })).toEqual([]);
    expect((await refusal(listReturns(await makeActor(["PARTY_USER"])))).code).toBe("FORBIDDEN");
  });

  it("readReturn: its own timeline merged with its RMA's, in time order; NOT_FOUND for another party, FORBIDDEN without an OMS profile", async () => {
    const { chf } = await makeReturnableChf({ heldBy: party.partyId });
    const rma = await db().chRma.create({
      data: { number: 1, ref: "RMA0000001", partyId: party.partyId, returnsLocation: "RL-C1", contactName: "A", contactEmail: "a@example.test", contactPhone: "1", preferredReturnDate: new Date("2027-05-17T12:00:00Z"), chfIds: [chf.id], requestedAt: new Date(MAY_10) },
    });
    const record = await makeReturnRow(party.partyId, chf.id, { status: "RMA_REQUESTED", rmaId: rma.id });
    await db().chReturnEvent.createMany({
      data: [
        { returnId: record.id, at: new Date("2027-05-10T08:00:00Z"), actorName: "x", kind: "notified", text: "one" },
        { rmaId: rma.id, at: new Date("2027-05-10T09:00:00Z"), actorName: "x", kind: "requested", text: "two" },
        { returnId: record.id, at: new Date("2027-05-10T10:00:00Z"), actorName: "x", kind: "rma_requested", text: "three" },
      ],
    });
    const read = await readReturn(party, record.ref.toLowerCase());
    expect(read.timeline.map((e) => e.text)).toEqual(["one", "two", "three"]);
    expect(read.rma?.ref).toBe("RMA0000001");
    expect(read.device.id).toBe(chf.id);
    expect((await listReturns(party, { q: "rma-0000001" })).map((r) => r.ref)).toEqual([record.ref]);

    const stranger = await makeOmsActor();
    const hidden = await refusal(readReturn(stranger, record.ref));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(hidden.message).toBe(`Return ${record.ref} was not found.`);
    expect((await refusal(readReturn(party, "RET9999999"))).code).toBe("NOT_FOUND");
    expect((await refusal(readReturn(await makeActor(["PARTY_USER"], { partyId: party.partyId }), record.ref))).code).toBe("FORBIDDEN");
    expect((await readReturn(await makeDccAdmin(), record.ref)).ref).toBe(record.ref);
  });
});
