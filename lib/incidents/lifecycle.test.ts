import { beforeEach, describe, expect, it } from "vitest";
import type { IncidentStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { addWorkingDays, advanceClock, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { raiseInput, raisedIncident, refusal } from "@/lib/testing/incident-fixtures";
import { addInterestedParty, assignIncident, changeIncidentCategory, flagMajorIncident, linkProblem, recordMajorReport, setIncidentStatus } from "./manage-incident";
import { recordPhonedIncident } from "./raise-incident";
import { DESK_TRANSITIONS } from "./status-machine";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T = new Date("2026-11-24T09:00:00Z"); // Tuesday

describe("the Service Desk lifecycle (service.md §2.5, D6)", () => {
  let raiser: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(T);
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  const reload = async (id: string) => db().incident.findUniqueOrThrow({ where: { id } });
  const eventsOf = async (id: string) => db().incidentEvent.findMany({ where: { incidentId: id }, orderBy: [{ at: "asc" }, { field: "asc" }] });

  /** An incident moved to `status` through the desk operations. */
  async function incidentIn(status: IncidentStatus, opts: { workaround?: boolean } = {}) {
    const incident = await raisedIncident(raiser);
    if (status === "NEW") return incident;
    if (status === "CLOSED") {
      await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Fixed." });
      return (await setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED" })).incident;
    }
    if (status === "PENDING") return (await setIncidentStatus(desk, { ref: incident.ref, status, pendingWithPartyId: raiser.partyId })).incident;
    const note = status === "RESOLVED" ? "Fixed." : undefined;
    return (await setIncidentStatus(desk, { ref: incident.ref, status, note, workaround: opts.workaround })).incident;
  }

  describe("status changes", () => {
    it("a status change writes a field-level event, an audit row and an email to the raiser", async () => {
      const incident = await raisedIncident(raiser);
      advanceClock(10 * MINUTE);
      const { incident: updated, changed } = await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS", note: "Looking at the CSP logs." });
      expect(changed).toBe(true);
      expect(updated).toMatchObject({ status: "IN_PROGRESS", respondedAt: now() });
      const statusEvent = (await eventsOf(incident.id)).find((e) => e.field === "status");
      expect(statusEvent).toMatchObject({ kind: "field", fromValue: "NEW", toValue: "IN_PROGRESS", actorId: desk.accountId, text: "Looking at the CSP logs." });
      expect(await db().auditEvent.findFirst({ where: { action: "incident.set-status", entityId: incident.ref } })).toMatchObject({
        actorId: desk.accountId,
        partyId: raiser.partyId,
        before: expect.objectContaining({ status: "NEW" }),
        after: expect.objectContaining({ status: "IN_PROGRESS" }),
      });
      expect(await db().outboxEmail.findFirst({ where: { eventType: "incident.status" } })).toMatchObject({ toAddress: raiser.email, body: expect.stringContaining("In Progress") });
    });

    it("setting the status it already has changes nothing and logs nothing", async () => {
      const incident = await incidentIn("IN_PROGRESS");
      const before = (await eventsOf(incident.id)).length;
      expect((await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS" })).changed).toBe(false);
      expect(await eventsOf(incident.id)).toHaveLength(before);
    });

    it("resolving needs a note; it records the note, the workaround flag and emails the dispute window", async () => {
      const incident = await raisedIncident(raiser);
      expect(await refusal(setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED" }))).toMatchObject({ code: "INVALID", fieldErrors: { note: "Say how it was resolved." } });
      expect((await reload(incident.id)).status).toBe("NEW");
      const { incident: resolved } = await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Rebooted the CH remotely.", workaround: true });
      expect(resolved).toMatchObject({ status: "RESOLVED", resolvedAt: T, resolutionNote: "Rebooted the CH remotely.", resolvedWithWorkaround: true, respondedAt: T });
      expect(await db().outboxEmail.findFirst({ where: { eventType: "incident.resolved" } })).toMatchObject({
        toAddress: raiser.email,
        body: expect.stringContaining("within 3 Working Days"),
      });
    });

    it("Pending needs the Incident Party it is pending with, outside the DCC", async () => {
      const incident = await raisedIncident(raiser);
      expect(await refusal(setIncidentStatus(desk, { ref: incident.ref, status: "PENDING" }))).toMatchObject({
        code: "INVALID",
        fieldErrors: { pendingWithPartyId: "Choose the party." },
      });
      expect(await refusal(setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: desk.partyId }))).toMatchObject({ code: "INVALID" });
      expect((await reload(incident.id)).status).toBe("NEW");
    });

    it("Closed is final for the desk: every move out of it is refused", async () => {
      const incident = await incidentIn("CLOSED");
      expect(DESK_TRANSITIONS.CLOSED).toEqual([]);
      for (const to of ["NEW", "ASSIGNED", "IN_PROGRESS", "PENDING", "RESOLVED", "REOPENED"] as const) {
        const error = await refusal(setIncidentStatus(desk, { ref: incident.ref, status: to, note: "x", pendingWithPartyId: raiser.partyId }));
        expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("cannot move from Closed") });
      }
      expect((await reload(incident.id)).status).toBe("CLOSED");
    });

    it("refuses moves the machine does not allow: back to New, Reopened by the desk, Resolved straight to Assigned", async () => {
      const assigned = await incidentIn("ASSIGNED");
      expect(await refusal(setIncidentStatus(desk, { ref: assigned.ref, status: "NEW" }))).toMatchObject({ code: "CONFLICT" });
      expect(await refusal(setIncidentStatus(desk, { ref: assigned.ref, status: "REOPENED" }))).toMatchObject({ code: "CONFLICT" });
      const resolved = await incidentIn("RESOLVED");
      expect(await refusal(setIncidentStatus(desk, { ref: resolved.ref, status: "ASSIGNED" }))).toMatchObject({
        code: "CONFLICT",
        message: `${resolved.ref} cannot move from Resolved to Assigned.`,
      });
      expect(await refusal(setIncidentStatus(desk, { ref: resolved.ref, status: "PENDING", pendingWithPartyId: raiser.partyId }))).toMatchObject({ code: "CONFLICT" });
    });

    it("Resolved back to In Progress clears the resolution time; Resolved to Closed keeps it and needs no reason", async () => {
      const reworked = await incidentIn("RESOLVED");
      expect((await setIncidentStatus(desk, { ref: reworked.ref, status: "IN_PROGRESS" })).incident).toMatchObject({ status: "IN_PROGRESS", resolvedAt: null });
      const done = await incidentIn("RESOLVED");
      advanceClock(HOUR);
      expect((await setIncidentStatus(desk, { ref: done.ref, status: "CLOSED" })).incident).toMatchObject({ status: "CLOSED", resolvedAt: T, closedAt: now(), closureReason: null });
    });
  });

  describe("assigning", () => {
    it("assigning a New incident to a resolver group and an agent sets Assigned and the initial response", async () => {
      const agent = await makeActor(["SERVICE_DESK"], { partyId: desk.partyId });
      const incident = await raisedIncident(raiser);
      advanceClock(20 * MINUTE);
      const { incident: assigned, changed } = await assignIncident(desk, { ref: incident.ref, resolverGroup: "SM WAN", assigneeId: agent.accountId });
      expect(changed).toBe(true);
      expect(assigned).toMatchObject({ status: "ASSIGNED", resolverGroup: "SM WAN", assigneeId: agent.accountId, respondedAt: now() });
      expect(await db().outboxEmail.findFirst({ where: { eventType: "incident.assigned" } })).toMatchObject({ toAddress: raiser.email, body: expect.stringContaining("SM WAN") });
      // The same assignment again changes nothing.
      advanceClock(MINUTE);
      expect((await assignIncident(desk, { ref: incident.ref, resolverGroup: "SM WAN" })).changed).toBe(false);
      expect((await reload(incident.id)).respondedAt).toEqual(new Date(T.getTime() + 20 * MINUTE));
    });

    it("refuses an unknown group, a party user as assignee, no group or person, and a Resolved or Closed incident", async () => {
      const incident = await raisedIncident(raiser);
      expect(await refusal(assignIncident(desk, { ref: incident.ref, resolverGroup: "Plumbers" }))).toMatchObject({ code: "INVALID", fieldErrors: { resolverGroup: "Unknown resolver group." } });
      expect(await refusal(assignIncident(desk, { ref: incident.ref, assigneeId: raiser.accountId }))).toMatchObject({
        code: "INVALID",
        fieldErrors: { assigneeId: "Choose a Service Desk agent." },
      });
      expect(await refusal(assignIncident(desk, { ref: incident.ref }))).toMatchObject({ code: "INVALID" });
      expect((await reload(incident.id)).status).toBe("NEW");
      const resolved = await incidentIn("RESOLVED");
      expect(await refusal(assignIncident(desk, { ref: resolved.ref, resolverGroup: "SM WAN" }))).toMatchObject({ code: "CONFLICT" });
      const closed = await incidentIn("CLOSED");
      expect(await refusal(assignIncident(desk, { ref: closed.ref, resolverGroup: "SM WAN" }))).toMatchObject({ code: "CONFLICT" });
    });
  });

  describe("scenario 38: re-categorisation (AG 2.4.6)", () => {
    it("Cat 4 -> 2 needs a reason, recounts the targets from logging time, logs 'category 4 -> 2' with the reason and emails Interested Parties", async () => {
      const interested = await makeActor(["PARTY_USER"], { roles: ["ED"] });
      const incident = await raisedIncident(raiser, { category: 4 });
      await addInterestedParty(desk, { ref: incident.ref, partyId: interested.partyId });
      advanceClock(3 * HOUR);

      const missing = await refusal(changeIncidentCategory(desk, { ref: incident.ref, category: 2, reason: "" }));
      expect(missing).toMatchObject({ code: "INVALID", fieldErrors: { reason: "A reason for the change is required." } });
      expect((await reload(incident.id)).category).toBe(4);

      const reason = "Now affects every prepayment meter in the Central region.";
      const updated = await changeIncidentCategory(desk, { ref: incident.ref, category: 2, reason });
      expect(updated).toMatchObject({ category: 2, responseDueAt: new Date(T.getTime() + 20 * MINUTE), resolutionDueAt: new Date(T.getTime() + 24 * HOUR) });

      const events = await eventsOf(incident.id);
      expect(events.find((e) => e.field === "category")).toMatchObject({ kind: "field", fromValue: "4", toValue: "2", text: reason, actorId: desk.accountId, at: now() });
      expect(events.find((e) => e.field === "resolutionDueAt")).toMatchObject({
        fromValue: addWorkingDays(T, 5).toISOString(),
        toValue: new Date(T.getTime() + 24 * HOUR).toISOString(),
      });
      expect(await db().auditEvent.findFirst({ where: { action: "incident.change-category" } })).toMatchObject({
        before: expect.objectContaining({ category: "4" }),
        after: expect.objectContaining({ category: "2" }),
      });
      const emails = await db().outboxEmail.findMany({ where: { eventType: "incident.category" } });
      expect(emails.map((e) => e.toAddress).sort()).toEqual([interested.email, raiser.email].sort());
      expect(emails[0].body).toContain(reason);
      expect(emails[0].body).toContain("from 4 to 2");
    });

    it("keeps time already spent paused when recounting", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
      advanceClock(6 * HOUR);
      await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS" });
      const updated = await changeIncidentCategory(desk, { ref: incident.ref, category: 2, reason: "More consumers affected." });
      expect(updated.resolutionDueAt).toEqual(new Date(T.getTime() + 24 * HOUR + 6 * HOUR));
    });

    it("refuses the same category, a category outside 1-5 and a Closed incident", async () => {
      const incident = await raisedIncident(raiser, { category: 4 });
      expect(await refusal(changeIncidentCategory(desk, { ref: incident.ref, category: 4, reason: "r" }))).toMatchObject({ code: "INVALID" });
      expect(await refusal(changeIncidentCategory(desk, { ref: incident.ref, category: 6, reason: "r" }))).toMatchObject({ code: "INVALID", fieldErrors: { category: "Choose a category from 1 to 5." } });
      const closed = await incidentIn("CLOSED");
      expect(await refusal(changeIncidentCategory(desk, { ref: closed.ref, category: 2, reason: "r" }))).toMatchObject({ code: "CONFLICT" });
    });
  });

  describe("scenario 37: Major Incidents (H9.13-9.14)", () => {
    async function phonedCat1() {
      return recordPhonedIncident(desk, { ...raiseInput({ category: 1, summary: "No SM WAN in the North" }), partyId: raiser.partyId });
    }

    it("a Cat 1 incident flagged Major and resolved at T has its summary due T + 2 WD and its review due T + 20 WD", async () => {
      setNow("2026-12-10T10:00:00Z"); // Thursday
      const incident = await phonedCat1();
      const flagged = await flagMajorIncident(desk, { ref: incident.ref });
      expect(flagged).toMatchObject({ isMajor: true, majorSummaryDueAt: null, majorReviewDueAt: null });
      advanceClock(3 * HOUR);
      const resolvedAt = now();
      const { incident: resolved } = await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "CSP restored the cell." });
      // Fri 11, Mon 14 Dec; 20 WD skips the weekends, 25 and 28 December and 1 January.
      expect(resolved.majorSummaryDueAt).toEqual(new Date("2026-12-14T13:00:00Z"));
      expect(resolved.majorReviewDueAt).toEqual(new Date("2027-01-12T13:00:00Z"));
      expect(resolved.majorSummaryDueAt).toEqual(addWorkingDays(resolvedAt, 2));
      expect(resolved.majorReviewDueAt).toEqual(addWorkingDays(resolvedAt, 20));
    });

    it("resolving a Cat 1 incident opens a Problem for its Root Cause and links it; a workaround does too", async () => {
      const incident = await phonedCat1();
      const { incident: resolved } = await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "CSP restored the cell." });
      const problem = await db().problem.findUniqueOrThrow({ where: { id: resolved.problemId! } });
      expect(problem).toMatchObject({ status: "OPEN", title: expect.stringContaining(incident.ref) });

      const withWorkaround = await raisedIncident(raiser, { category: 3 });
      const { incident: worked } = await setIncidentStatus(desk, { ref: withWorkaround.ref, status: "RESOLVED", note: "Restart the HES adapter daily.", workaround: true });
      expect(worked.problemId).not.toBeNull();
      const plain = await raisedIncident(raiser, { category: 3 });
      expect((await setIncidentStatus(desk, { ref: plain.ref, status: "RESOLVED", note: "Fixed." })).incident.problemId).toBeNull();
    });

    it("flagging after resolution sets the report due dates from the resolution time", async () => {
      const incident = await phonedCat1();
      await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Fixed." });
      advanceClock(HOUR);
      const flagged = await flagMajorIncident(desk, { ref: incident.ref });
      expect(flagged).toMatchObject({ majorSummaryDueAt: addWorkingDays(T, 2), majorReviewDueAt: addWorkingDays(T, 20) });
    });

    it("refuses to flag a Cat 3 incident, or a Cat 1 twice", async () => {
      const cat3 = await raisedIncident(raiser, { category: 3 });
      expect(await refusal(flagMajorIncident(desk, { ref: cat3.ref }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Only a Category 1") });
      expect((await reload(cat3.id)).isMajor).toBe(false);
      const cat1 = await phonedCat1();
      await flagMajorIncident(desk, { ref: cat1.ref });
      expect(await refusal(flagMajorIncident(desk, { ref: cat1.ref }))).toMatchObject({ code: "CONFLICT" });
    });

    it("records the summary and review reports once each, only after resolution", async () => {
      const incident = await phonedCat1();
      await flagMajorIncident(desk, { ref: incident.ref });
      expect(await refusal(recordMajorReport(desk, { ref: incident.ref, report: "summary" }))).toMatchObject({ code: "CONFLICT" });
      await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Fixed." });
      advanceClock(24 * HOUR);
      const withSummary = await recordMajorReport(desk, { ref: incident.ref, report: "summary" });
      expect(withSummary).toMatchObject({ majorSummarySentAt: now(), majorReviewSentAt: null });
      expect(await refusal(recordMajorReport(desk, { ref: incident.ref, report: "summary" }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already recorded") });
      advanceClock(24 * HOUR);
      expect(await recordMajorReport(desk, { ref: incident.ref, report: "review" })).toMatchObject({ majorReviewSentAt: now() });
      const events = await eventsOf(incident.id);
      expect(events.filter((e) => e.field === "majorSummarySentAt" || e.field === "majorReviewSentAt")).toHaveLength(2);
    });

    it("a party user cannot flag a Major Incident or record a report (403 on its own incident)", async () => {
      const incident = await phonedCat1();
      expect(await refusal(flagMajorIncident(raiser, { ref: incident.ref }))).toMatchObject({ code: "FORBIDDEN" });
    });
  });

  describe("Problems (IMP 3)", () => {
    it("links a new Problem by title, then another incident to the same Problem by reference", async () => {
      const first = await raisedIncident(raiser);
      const second = await raisedIncident(raiser);
      const problem = await linkProblem(desk, { ref: first.ref, title: "Firmware 4.2 drops the HAN" });
      expect(problem).toMatchObject({ ref: expect.stringMatching(/^PRB\d{7}$/), status: "OPEN", title: "Firmware 4.2 drops the HAN" });
      await linkProblem(desk, { ref: second.ref, problemRef: problem.ref.toLowerCase() });
      expect(await db().incident.count({ where: { problemId: problem.id } })).toBe(2);
      expect((await eventsOf(second.id)).find((e) => e.field === "problemId")).toMatchObject({ text: `Linked to ${problem.ref}: Firmware 4.2 drops the HAN` });
    });

    it("refuses an unknown Problem reference and a link with neither reference nor title", async () => {
      const incident = await raisedIncident(raiser);
      expect(await refusal(linkProblem(desk, { ref: incident.ref, problemRef: "PRB7777777" }))).toMatchObject({ code: "INVALID", fieldErrors: { problemRef: "No such Problem." } });
      expect(await refusal(linkProblem(desk, { ref: incident.ref }))).toMatchObject({ code: "INVALID" });
      expect(await db().problem.count()).toBe(0);
    });
  });

  describe("Interested Parties", () => {
    it("adds a party once, logs it and emails its users; refuses the raising party and the DCC", async () => {
      const interested = await makeActor(["PARTY_USER"], { roles: ["GT"] });
      const incident = await raisedIncident(raiser);
      await addInterestedParty(desk, { ref: incident.ref, partyId: interested.partyId });
      await addInterestedParty(desk, { ref: incident.ref, partyId: interested.partyId });
      expect(await db().incidentInterestedParty.findMany({ where: { incidentId: incident.id } })).toMatchObject([{ partyId: interested.partyId, addedAt: T }]);
      // Adding it again is a no-op: one timeline entry, one email.
      expect((await eventsOf(incident.id)).filter((e) => e.kind === "interested-party")).toMatchObject([{ text: expect.stringContaining("added as an Interested Party") }]);
      expect(await db().outboxEmail.count({ where: { eventType: "incident.interested-party", toAddress: interested.email } })).toBe(1);
      expect(await refusal(addInterestedParty(desk, { ref: incident.ref, partyId: raiser.partyId }))).toMatchObject({ code: "INVALID", fieldErrors: { partyId: "That is the raising party." } });
      const dcc = await makeParty({ isDcc: true });
      expect(await refusal(addInterestedParty(desk, { ref: incident.ref, partyId: dcc.id }))).toMatchObject({ code: "INVALID" });
    });
  });
});
