import { beforeEach, describe, expect, it } from "vitest";
import type { ChReturn } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeAccount, makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { makeDccAdmin, makeOmsActor, makeReturnRow, makeReturnableChf, returnRowCounts, rmaInput } from "@/lib/testing/return-fixtures";
import { reportReturnLost } from "./returns";
import { decideRma, earliestReturnDate, listRmas, readRma, recordRmaReceipt, requestRma } from "./rma";

// The clock stands at Mon 10 May 2027, 09:00 BST: the earliest preferred Return Date is Mon 17 May (5 Working Days).
const MAY_10 = "2027-05-10T08:00:00Z";
const MAY_17 = "2027-05-17";

let party: Actor;
let ordering: string;
let admin: Actor;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(MAY_10);
  party = await makeOmsActor();
  ordering = (await makeAccount(party.partyId, ["CH_ORDERING"])).id;
  await makeAccount(party.partyId, ["PARTY_USER"]);
  const disabled = await makeAccount(party.partyId, ["CH_DELIVERY_RETURNS"]);
  await db().account.update({ where: { id: disabled.id }, data: { disabled: true } });
  admin = await makeDccAdmin();
});

/** A CHF of the Central Region already notified for return by `owner` (a NOTIFIED returns record). */
async function notified(owner: Actor = party, overrides: Parameters<typeof makeReturnRow>[2] = {}) {
  const { chf } = await makeReturnableChf({ heldBy: owner.partyId, status: "COMMISSIONED" });
  return makeReturnRow(owner.partyId, chf.id, overrides);
}

const statusOf = async (record: ChReturn) => db().chReturn.findUniqueOrThrow({ where: { id: record.id } });
const omsRecipients = async (eventType: string) => (await db().outboxEmail.findMany({ where: { eventType } })).map((e) => e.toAccountId).sort();

describe("the preferred Return Date (CHIMSM 10.6(iv))", () => {
  it("earliestReturnDate is 5 Working Days after the request, in London, skipping bank holidays", () => {
    expect(earliestReturnDate(new Date(MAY_10))).toBe(MAY_17);
    // 00:30 on Tue 11 May in London is a Tuesday request, though still 10 May in UTC.
    expect(earliestReturnDate(new Date("2027-05-10T23:30:00Z"))).toBe("2027-05-18");
    // Mon 24 May: the late May bank holiday (Mon 31 May) moves it from Mon 31 May to Tue 1 Jun.
    expect(earliestReturnDate(new Date("2027-05-24T08:00:00Z"))).toBe("2027-06-01");
    // Thu 25 Mar: Good Friday and Easter Monday are skipped.
    expect(earliestReturnDate(new Date("2027-03-25T10:00:00Z"))).toBe("2027-04-05");
  });

  it("scenario 21: requested on a Monday, that Friday and the Saturday are refused; the next Monday is accepted", async () => {
    const record = await notified();
    const before = await returnRowCounts();
    for (const date of ["2027-05-14", "2027-05-15", "2027-05-16", "2027-05-10"]) {
      const refused = await refusal(requestRma(party, rmaInput([record.deviceId], date)));
      expect(refused.code).toBe("INVALID");
      expect(refused.message).toBe("The preferred Return Date must be a Working Day at least 5 Working Days after today: Monday 17 May 2027 or later.");
      expect(refused.fieldErrors.preferredReturnDate).toBe("A Working Day at least 5 Working Days ahead.");
    }
    // Later weekends are refused too: the date must be a Working Day.
    expect((await refusal(requestRma(party, rmaInput([record.deviceId], "2027-05-22")))).code).toBe("INVALID");
    expect(await returnRowCounts()).toEqual(before);
    const rma = await requestRma(party, rmaInput([record.deviceId], MAY_17));
    expect(rma.preferredReturnDate).toEqual(new Date("2027-05-17T12:00:00Z"));
  });

  it("across a bank holiday the earliest date moves by a day: on Mon 24 May, Mon 31 May (a holiday) is refused and Tue 1 Jun accepted; on Wed 26 May, Wed 2 Jun is refused and Thu 3 Jun accepted", async () => {
    const a = await notified();
    const b = await notified();
    setNow("2027-05-24T08:00:00Z");
    const holiday = await refusal(requestRma(party, rmaInput([a.deviceId], "2027-05-31")));
    expect(holiday.message).toContain("Tuesday 1 Jun 2027 or later");
    expect((await requestRma(party, rmaInput([a.deviceId], "2027-06-01"))).status).toBe("REQUESTED");
    setNow("2027-05-26T08:00:00Z");
    const fourDays = await refusal(requestRma(party, rmaInput([b.deviceId], "2027-06-02")));
    expect(fourDays.message).toContain("Thursday 3 Jun 2027 or later");
    expect((await requestRma(party, rmaInput([b.deviceId], "2027-06-03"))).status).toBe("REQUESTED");
  });
});

describe("requesting an RMA (CHIMSM 10.5-10.6)", () => {
  it("an RMA for notified CHs: reference, CHF IDs, returns on RMA_REQUESTED, events and audit rows; IDs may be typed with dashes", async () => {
    const a = await notified();
    const b = await notified();
    const rma = await requestRma(party, rmaInput([formatEui64(a.deviceId).toLowerCase(), b.deviceId, a.deviceId], MAY_17));
    expect(rma.ref).toMatch(/^RMA\d{7}$/);
    expect(rma).toMatchObject({ partyId: party.partyId, status: "REQUESTED", returnsLocation: "RL-C1", contactName: "Stores Manager", requestedAt: new Date(MAY_10) });
    expect([...rma.chfIds].sort()).toEqual([a.deviceId, b.deviceId].sort());
    for (const record of [a, b]) {
      expect(await statusOf(record)).toMatchObject({ status: "RMA_REQUESTED", rmaId: rma.id });
      expect(await db().chReturnEvent.findMany({ where: { returnId: record.id } })).toMatchObject([{ kind: "rma_requested", text: `Included in RMA request ${rma.ref}.` }]);
    }
    expect(await db().chReturnEvent.findMany({ where: { rmaId: rma.id } })).toMatchObject([
      { kind: "requested", text: "RMA requested for 2 CHs to DCC Returns Centre Birmingham, preferred Return Date Monday 17 May 2027." },
    ]);
    const audits = await db().auditEvent.findMany({ where: { actorId: party.accountId } });
    expect(audits.map((r) => `${r.action} ${r.entityId}`).sort()).toEqual([`ch-return.rma_requested ${a.ref}`, `ch-return.rma_requested ${b.ref}`, `ch-rma.request ${rma.ref}`].sort());
  });

  it("scenario 20: a CHF with no return notification is refused, naming it; so is one notified only by another party", async () => {
    const mine = await notified();
    const { chf: bare } = await makeReturnableChf({ heldBy: party.partyId, status: "COMMISSIONED" });
    const theirs = await notified(await makeOmsActor());
    const before = await returnRowCounts();
    const refused = await refusal(requestRma(party, rmaInput([mine.deviceId, bare.id], MAY_17)));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(`Return notification required first (SRV 8.14.3 / 8.14.4 or the Service Desk, CHIMSM 10.5): ${formatEui64(bare.id)}.`);
    expect(refused.fieldErrors.chfIds).toBe("Notify the return first.");
    expect((await refusal(requestRma(party, rmaInput([theirs.deviceId], MAY_17)))).message).toContain("Return notification required first");
    expect(await returnRowCounts()).toEqual(before);
    expect((await statusOf(mine)).status).toBe("NOTIFIED");
  });

  it("a Returns Location of another Region is refused (F8.9(d)); a CH already on an RMA is refused", async () => {
    const record = await notified();
    const before = await returnRowCounts();
    const wrong = await refusal(requestRma(party, rmaInput([record.deviceId], MAY_17, { returnsLocation: "RL-N1" })));
    expect(wrong.code).toBe("INVALID");
    expect(wrong.message).toContain("DCC Returns Centre Glasgow takes CHs of the North Region");
    expect(wrong.message).toContain(formatEui64(record.deviceId));
    expect(wrong.fieldErrors.returnsLocation).toBe("Wrong Region.");
    expect((await refusal(requestRma(party, rmaInput([record.deviceId], MAY_17, { returnsLocation: "RL-X9" })))).fieldErrors.returnsLocation).toBe("Choose a DCC Returns Location.");
    expect(await returnRowCounts()).toEqual(before);
    const rma = await requestRma(party, rmaInput([record.deviceId], MAY_17, { returnsLocation: "RL-C2" }));
    const busy = await refusal(requestRma(party, rmaInput([record.deviceId], MAY_17)));
    expect(busy.code).toBe("CONFLICT");
    expect(busy.message).toBe(`Already booked or returned: ${formatEui64(record.deviceId)} (${record.ref}).`);
    expect(await db().chRma.count()).toBe(1);
    expect(rma.returnsLocation).toBe("RL-C2");
  });

  it("only the party's OMS profiles request RMAs; contact details are required", async () => {
    const record = await notified();
    expect((await refusal(requestRma(admin, rmaInput([record.deviceId], MAY_17)))).code).toBe("FORBIDDEN");
    expect((await refusal(requestRma(await makeActor(["PARTY_USER"], { partyId: party.partyId }), rmaInput([record.deviceId], MAY_17)))).code).toBe("FORBIDDEN");
    const noContact = await refusal(requestRma(party, rmaInput([record.deviceId], MAY_17, { contactEmail: "nope", contactName: "" })));
    expect(noContact.fieldErrors).toMatchObject({ contactEmail: "Give a contact email address.", contactName: "Give a contact name." });
    expect((await refusal(requestRma(party, rmaInput([], MAY_17)))).fieldErrors.chfIds).toBe("List the CHF ID of every CH to return.");
    expect(await db().chRma.count()).toBe(0);
  });

  it("a CH reported lost, then found and notified again, can go on an RMA under its new record", async () => {
    const lost = await notified(party, { status: "LOST", lostAt: new Date(MAY_10) });
    expect((await refusal(requestRma(party, rmaInput([lost.deviceId], MAY_17)))).message).toContain("Return notification required first");
    const again = await makeReturnRow(party.partyId, lost.deviceId);
    const rma = await requestRma(party, rmaInput([lost.deviceId], MAY_17));
    expect(await statusOf(again)).toMatchObject({ status: "RMA_REQUESTED", rmaId: rma.id });
    expect(await statusOf(lost)).toMatchObject({ status: "LOST", rmaId: null });
  });
});

describe("the DCC's decision (CHIMSM 10.7, scenario 22)", () => {
  it("authorised with a timeslot: booking reference, timeslot, RMA and returns statuses, event, audit and emails to every OMS account", async () => {
    const a = await notified();
    const b = await notified();
    const rma = await requestRma(party, rmaInput([a.deviceId, b.deviceId], MAY_17));
    setNow("2027-05-11T09:00:00Z");
    const result = await decideRma(admin, { ref: rma.ref, decision: "AUTHORISED", timeslot: "10:00-12:00" });
    expect(result.status).toBe("AUTHORISED");
    const booking = `BK-20270517-${String(rma.number).padStart(5, "0")}`;
    expect(await db().chRma.findUniqueOrThrow({ where: { id: rma.id } })).toMatchObject({ status: "AUTHORISED", bookingReference: booking, timeslot: "10:00-12:00", decidedAt: new Date("2027-05-11T09:00:00Z") });
    for (const record of [a, b]) expect((await statusOf(record)).status).toBe("RMA_AUTHORISED");
    expect(await db().chReturnEvent.findFirst({ where: { rmaId: rma.id, kind: "authorised" } })).toMatchObject({
      text: `Authorised: booking reference ${booking}, Monday 17 May 2027, 10:00-12:00 at DCC Returns Centre Birmingham.`,
    });
    expect(await db().chReturnEvent.count({ where: { kind: "rma_authorised", returnId: { in: [a.id, b.id] } } })).toBe(2);
    expect(await db().auditEvent.findFirst({ where: { action: "ch-rma.authorised" } })).toMatchObject({ entityId: rma.ref, actorId: admin.accountId, partyId: party.partyId, before: { status: "REQUESTED" } });
    expect(await omsRecipients("ch-rma.authorised")).toEqual([party.accountId, ordering].sort());
    const email = await db().outboxEmail.findFirstOrThrow({ where: { eventType: "ch-rma.authorised" } });
    expect(email.body).toContain(booking);
    expect(email.body).toContain("Monday 17 May 2027, 10:00-12:00");

    const again = await refusal(decideRma(admin, { ref: rma.ref, decision: "REJECTED", reason: "Changed our mind" }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toBe(`${rma.ref} is Authorised: booked: it cannot become Rejected.`);
  });

  it("a timeslot is needed to authorise and a reason to reject; parties may not decide", async () => {
    const record = await notified();
    const rma = await requestRma(party, rmaInput([record.deviceId], MAY_17));
    const before = await returnRowCounts();
    expect((await refusal(decideRma(admin, { ref: rma.ref, decision: "AUTHORISED", timeslot: "07:00-08:00" as "08:00-10:00" }))).fieldErrors.timeslot).toBe("Choose the delivery timeslot.");
    expect((await refusal(decideRma(admin, { ref: rma.ref, decision: "REJECTED", reason: "  " }))).fieldErrors.reason).toBe("Give the reason: the party is told why.");
    expect((await refusal(decideRma(party, { ref: rma.ref, decision: "AUTHORISED", timeslot: "08:00-10:00" }))).code).toBe("FORBIDDEN");
    expect(await returnRowCounts()).toEqual(before);
    expect((await db().chRma.findUniqueOrThrow({ where: { id: rma.id } })).status).toBe("REQUESTED");
  });

  it("rejected with a reason: the CHs go back to NOTIFIED, off the RMA, and a new RMA can be requested", async () => {
    const record = await notified();
    const rma = await requestRma(party, rmaInput([record.deviceId], MAY_17));
    await decideRma(admin, { ref: rma.ref, decision: "REJECTED", reason: "Returns Centre closed that week" });
    expect(await db().chRma.findUniqueOrThrow({ where: { id: rma.id } })).toMatchObject({ status: "REJECTED", decisionReason: "Returns Centre closed that week", bookingReference: null });
    expect(await statusOf(record)).toMatchObject({ status: "NOTIFIED", rmaId: null });
    expect(await db().chReturnEvent.findFirst({ where: { returnId: record.id, kind: "notified" } })).toMatchObject({ text: `RMA ${rma.ref} rejected: request a new RMA.` });
    expect(await omsRecipients("ch-rma.rejected")).toEqual([party.accountId, ordering].sort());
    expect((await db().outboxEmail.findFirstOrThrow({ where: { eventType: "ch-rma.rejected" } })).body).toContain("Returns Centre closed that week");
    expect(await db().auditEvent.count({ where: { action: "ch-rma.rejected", entityId: rma.ref } })).toBe(1);

    const retry = await requestRma(party, rmaInput([record.deviceId], "2027-05-18"));
    expect(retry.ref).not.toBe(rma.ref);
    expect(await statusOf(record)).toMatchObject({ status: "RMA_REQUESTED", rmaId: retry.id });
  });

  it("a CH reported lost while on a requested RMA does not block the rest of the RMA", async () => {
    const a = await notified();
    const b = await notified();
    const rma = await requestRma(party, rmaInput([a.deviceId, b.deviceId], MAY_17));
    await reportReturnLost(party, { ref: a.ref, note: "Destroyed in a fire" });
    await decideRma(admin, { ref: rma.ref, decision: "AUTHORISED", timeslot: "08:00-10:00" });
    expect((await statusOf(a)).status).toBe("LOST");
    expect((await statusOf(b)).status).toBe("RMA_AUTHORISED");
    expect(await recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: [b.deviceId] })).toEqual({ received: 1, missing: 0 });
    expect((await statusOf(a)).status).toBe("LOST");
    expect((await statusOf(b)).status).toBe("RECEIVED");
  });
});

describe("recording what arrived (CHIMSM 10.16-10.18)", () => {
  async function authorisedRma(count: number) {
    const records = [];
    for (let i = 0; i < count; i++) records.push(await notified());
    const rma = await requestRma(party, rmaInput(records.map((r) => r.deviceId), MAY_17));
    await decideRma(admin, { ref: rma.ref, decision: "AUTHORISED", timeslot: "08:00-10:00" });
    return { rma, records };
  }

  it("a partial delivery needs a discrepancy note; the received CHs start the 10-day diagnosis clock, the missing ones need a new RMA", async () => {
    const { rma, records } = await authorisedRma(2);
    const [arrived, missing] = records;
    setNow("2027-05-17T09:30:00Z");
    const before = await returnRowCounts();
    const noNote = await refusal(recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: [arrived.deviceId] }));
    expect(noNote.message).toBe("Some CHs did not arrive: record the discrepancy (CHIMSM 10.18).");
    expect(noNote.fieldErrors.discrepancies).toBe("Describe the discrepancy.");
    const none = await refusal(recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: [], discrepancies: "Nothing came" }));
    expect(none.fieldErrors.receivedChfIds).toBe("None ticked.");
    expect((await refusal(recordRmaReceipt(party, { ref: rma.ref, receivedChfIds: [arrived.deviceId], discrepancies: "x" }))).code).toBe("FORBIDDEN");
    expect(await returnRowCounts()).toEqual(before);

    const result = await recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: [formatEui64(arrived.deviceId)], discrepancies: "One carton short" });
    expect(result).toEqual({ received: 1, missing: 1 });
    expect(await db().chRma.findUniqueOrThrow({ where: { id: rma.id } })).toMatchObject({ status: "RECEIVED", receivedAt: new Date("2027-05-17T09:30:00Z"), discrepancies: "One carton short" });
    expect(await statusOf(arrived)).toMatchObject({ status: "RECEIVED", rmaId: rma.id, receivedAt: new Date("2027-05-17T09:30:00Z"), diagnosisNoticeDueAt: new Date("2027-05-27T09:30:00Z") });
    expect(await statusOf(missing)).toMatchObject({ status: "NOTIFIED", rmaId: null, receivedAt: null });
    expect(await db().chReturnEvent.findFirst({ where: { rmaId: rma.id, kind: "received" } })).toMatchObject({ text: "Received 1 of 2 CHs. Discrepancies: One carton short" });
    expect(await db().chReturnEvent.findFirst({ where: { returnId: missing.id, kind: "notified" } })).toMatchObject({ text: `Not in the delivery for ${rma.ref}: request a new RMA.` });
    expect(await db().auditEvent.findFirst({ where: { action: "ch-rma.receive" } })).toMatchObject({ entityId: rma.ref, actorId: admin.accountId, after: { missing: [missing.ref] } });
    expect(await db().auditEvent.count({ where: { action: "ch-return.received", entityId: arrived.ref } })).toBe(1);
    const email = await db().outboxEmail.findFirstOrThrow({ where: { eventType: "ch-rma.received", toAccountId: ordering } });
    expect(email.body).toContain(`Missing: ${formatEui64(missing.deviceId)}`);

    expect((await refusal(recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: [missing.deviceId], discrepancies: "late" }))).code).toBe("CONFLICT");
    expect((await requestRma(party, rmaInput([missing.deviceId], "2027-05-24"))).status).toBe("REQUESTED");
  });

  it("a complete delivery needs no note; an RMA not yet authorised cannot be received", async () => {
    const { rma, records } = await authorisedRma(2);
    expect(await recordRmaReceipt(admin, { ref: rma.ref, receivedChfIds: records.map((r) => r.deviceId) })).toEqual({ received: 2, missing: 0 });
    for (const record of records) expect((await statusOf(record)).status).toBe("RECEIVED");
    expect((await db().chRma.findUniqueOrThrow({ where: { id: rma.id } })).discrepancies).toBeNull();

    const pending = await notified();
    const requested = await requestRma(party, rmaInput([pending.deviceId], MAY_17));
    const refused = await refusal(recordRmaReceipt(admin, { ref: requested.ref, receivedChfIds: [pending.deviceId] }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toBe(`${requested.ref} is Requested: awaiting the DCC: it cannot become Received by the DCC.`);
  });
});

describe("listing and reading RMAs", () => {
  it("a party sees only its own RMAs (another's is not found); the DCC sees all; readRma carries the returns and the RMA's own timeline", async () => {
    const other = await makeOmsActor();
    const mine = await requestRma(party, rmaInput([(await notified()).deviceId], MAY_17));
    const theirs = await requestRma(other, rmaInput([(await notified(other)).deviceId], MAY_17));
    expect((await listRmas(party)).map((r) => r.ref)).toEqual([mine.ref]);
    expect((await listRmas(other)).map((r) => r.ref)).toEqual([theirs.ref]);
    expect((await listRmas(admin)).map((r) => r.ref).sort()).toEqual([mine.ref, theirs.ref].sort());
    expect((await listRmas(party))[0]._count.returns).toBe(1);

    const read = await readRma(party, mine.ref.toLowerCase());
    expect(read.returns.map((r) => r.status)).toEqual(["RMA_REQUESTED"]);
    expect(read.events.map((e) => e.kind)).toEqual(["requested"]);
    const hidden = await refusal(readRma(party, theirs.ref));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(hidden.message).toBe(`RMA ${theirs.ref} was not found.`);
    expect((await refusal(decideRma(await makeOmsActor(), { ref: mine.ref, decision: "REJECTED", reason: "x" }))).code).toBe("FORBIDDEN");
    expect((await readRma(admin, theirs.ref)).party.name).toBeTruthy();
  });
});
