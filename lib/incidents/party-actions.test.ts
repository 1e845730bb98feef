import { beforeEach, describe, expect, it } from "vitest";
import type { Incident } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { addWorkingDays, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raisedIncident, refusal } from "@/lib/testing/incident-fixtures";
import { makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { closeResolvedIncidents } from "./close-resolved-incidents";
import { addInterestedParty, assignIncident, changeIncidentCategory, linkProblem, setIncidentStatus } from "./manage-incident";
import { addIncidentNote, disputeResolution, partyActionOptions, reopenIncident } from "./party-actions";
import { listIncidents, readIncident, relatedOpenIncidents } from "./read-incidents";

const MINUTE = 60_000;
const T = new Date("2026-11-26T10:00:00Z"); // Thursday: 3 WD later is Tuesday 1 December, 10:00

describe("what parties do on incidents (AG 2.12.6, 2.13, D6)", () => {
  let raiser: Actor;
  let colleague: Actor;
  let other: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(T);
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    colleague = await makeActor(["PARTY_USER"], { partyId: raiser.partyId });
    other = await makeActor(["PARTY_USER"], { roles: ["ED"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  const reload = async (id: string) => db().incident.findUniqueOrThrow({ where: { id } });
  const resolvedAt = (at: Date, incident: Incident, workaround = false) => {
    setNow(at);
    return setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Rebooted the CH.", workaround });
  };

  describe("scenario 35: confirm or dispute within 3 Working Days, else auto-close", () => {
    it("nobody disputes: the job leaves it alone until 3 WD have passed, then closes it with an auto-close event and email", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(T, incident);
      const deadline = addWorkingDays(T, 3);
      expect(deadline).toEqual(new Date("2026-12-01T10:00:00Z"));
      setNow(new Date(deadline.getTime() - MINUTE));
      expect(await closeResolvedIncidents()).toEqual({ closed: 0 });
      expect((await reload(incident.id)).status).toBe("RESOLVED");
      setNow(new Date(deadline.getTime() + MINUTE));
      expect(await closeResolvedIncidents()).toEqual({ closed: 1 });
      expect(await reload(incident.id)).toMatchObject({ status: "CLOSED", closedAt: now(), resolvedAt: T });
      expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id, kind: "auto-close" } })).toMatchObject([
        { actorId: null, actorName: "DCC (automatic)", field: "status", fromValue: "RESOLVED", toValue: "CLOSED" },
      ]);
      expect(await db().auditEvent.count({ where: { action: "incident.auto-close", entityId: incident.ref, actorId: null } })).toBe(1);
      expect(await db().outboxEmail.findFirst({ where: { eventType: "incident.closed" } })).toMatchObject({ toAddress: raiser.email });
      // Running again closes nothing more.
      expect(await closeResolvedIncidents()).toEqual({ closed: 0 });
    });

    it("counts Working Days: resolved on 23 December 2026, it is still open on the 29th and closes on the 30th", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(new Date("2026-12-23T10:00:00Z"), incident);
      setNow("2026-12-29T12:00:00Z"); // six calendar days later, but only 2 WD (24 and 29 December)
      expect(await closeResolvedIncidents()).toEqual({ closed: 0 });
      setNow("2026-12-30T10:01:00Z");
      expect(await closeResolvedIncidents()).toEqual({ closed: 1 });
    });

    it("only Resolved incidents are auto-closed", async () => {
      const open = await raisedIncident(raiser);
      setNow(addWorkingDays(T, 30));
      expect(await closeResolvedIncidents()).toEqual({ closed: 0 });
      expect((await reload(open.id)).status).toBe("NEW");
    });

    it("the raiser disputes within 3 WD with supporting text: back to Assigned, and the job no longer closes it", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(T, incident);
      setNow(addWorkingDays(T, 2));
      await disputeResolution(raiser, { ref: incident.ref, reason: "ESMEs still do not answer SR 6.2." });
      expect(await reload(incident.id)).toMatchObject({ status: "ASSIGNED", disputedAt: now(), resolvedAt: null });
      expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id, kind: "dispute" } })).toMatchObject([
        { actorId: raiser.accountId, field: "status", fromValue: "RESOLVED", toValue: "ASSIGNED", text: "ESMEs still do not answer SR 6.2." },
      ]);
      expect(await db().outboxEmail.findFirst({ where: { eventType: "incident.disputed" } })).toMatchObject({ body: expect.stringContaining("ESMEs still do not answer") });
      setNow(new Date(addWorkingDays(T, 3).getTime() + MINUTE));
      expect(await closeResolvedIncidents()).toEqual({ closed: 0 });
      expect((await reload(incident.id)).status).toBe("ASSIGNED");
    });

    it("an Interested Party may dispute too, up to the deadline itself", async () => {
      const incident = await raisedIncident(raiser);
      await addInterestedParty(desk, { ref: incident.ref, partyId: other.partyId });
      await resolvedAt(T, incident);
      setNow(addWorkingDays(T, 3));
      await disputeResolution(other, { ref: incident.ref, reason: "Our network readings still fail." });
      expect((await reload(incident.id)).status).toBe("ASSIGNED");
    });

    it("refuses a dispute after 3 WD, pointing to a new incident, and leaves the incident Resolved", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(T, incident);
      setNow(new Date(addWorkingDays(T, 3).getTime() + MINUTE));
      const error = await refusal(disputeResolution(raiser, { ref: incident.ref, reason: "Still broken." }));
      expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/3 Working Days .* ended .* Raise a new incident/) });
      expect(error.message).toContain("1 Dec 2026, 10:00");
      expect(await reload(incident.id)).toMatchObject({ status: "RESOLVED", disputedAt: null });
    });

    it("refuses disputing an incident that is not Resolved, a dispute without supporting text, and a dispute by the DCC", async () => {
      const incident = await raisedIncident(raiser);
      expect(await refusal(disputeResolution(raiser, { ref: incident.ref, reason: "Not fixed." }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is not Resolved") });
      await resolvedAt(T, incident);
      expect(await refusal(disputeResolution(raiser, { ref: incident.ref, reason: "  " }))).toMatchObject({ code: "INVALID", fieldErrors: { reason: "Supporting information is required." } });
      expect(await refusal(disputeResolution(desk, { ref: incident.ref, reason: "Not fixed." }))).toMatchObject({ code: "FORBIDDEN" });
      expect((await reload(incident.id)).status).toBe("RESOLVED");
    });
  });

  describe("scenario 36: re-open after a failing workaround (AG 2.13)", () => {
    async function closedWithWorkaround() {
      const incident = await raisedIncident(raiser);
      const problem = await linkProblem(desk, { ref: incident.ref, title: "CH firmware drops the SM WAN" });
      await resolvedAt(T, incident, true);
      await setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED" });
      return { incident, problem };
    }

    it("the raising party re-opens it while the linked Problem is open; the desk can then assign it", async () => {
      const { incident } = await closedWithWorkaround();
      setNow(addWorkingDays(T, 10));
      await reopenIncident(colleague, { ref: incident.ref, reason: "The nightly reboot no longer restores the WAN." });
      expect(await reload(incident.id)).toMatchObject({ status: "REOPENED", closedAt: null, resolvedAt: null });
      expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id, kind: "reopen" } })).toMatchObject([
        { actorId: colleague.accountId, fromValue: "CLOSED", toValue: "REOPENED", text: "The nightly reboot no longer restores the WAN." },
      ]);
      expect(await db().outboxEmail.count({ where: { eventType: "incident.reopened" } })).toBe(1);
      expect((await assignIncident(desk, { ref: incident.ref, resolverGroup: "Communications Hubs" })).incident.status).toBe("ASSIGNED");
    });

    it("another party is refused: 403 as an Interested Party, 404 otherwise", async () => {
      const { incident } = await closedWithWorkaround();
      const stranger = await makeActor(["PARTY_USER"], { roles: ["GT"] });
      await addInterestedParty(desk, { ref: incident.ref, partyId: other.partyId });
      expect(await refusal(reopenIncident(other, { ref: incident.ref, reason: "Fails for us." }))).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("Only the party that raised"),
      });
      expect(await refusal(reopenIncident(stranger, { ref: incident.ref, reason: "Fails for us." }))).toMatchObject({ code: "NOT_FOUND" });
      expect((await reload(incident.id)).status).toBe("CLOSED");
    });

    it("an incident closed without a workaround cannot be re-opened: a new incident is needed", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(T, incident, false);
      await setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED" });
      expect(await refusal(reopenIncident(raiser, { ref: incident.ref, reason: "Recurred." }))).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining("not closed with a workaround"),
      });
      const notAnIncident = await raisedIncident(raiser);
      await setIncidentStatus(desk, { ref: notAnIncident.ref, status: "CLOSED", note: "Your own systems." });
      expect(await refusal(reopenIncident(raiser, { ref: notAnIncident.ref, reason: "Recurred." }))).toMatchObject({ code: "CONFLICT" });
    });

    it("once the linked Problem is closed it cannot be re-opened", async () => {
      const { incident, problem } = await closedWithWorkaround();
      await db().problem.update({ where: { id: problem.id }, data: { status: "CLOSED", closedAt: now() } });
      expect(await refusal(reopenIncident(raiser, { ref: incident.ref, reason: "Workaround failed." }))).toMatchObject({
        code: "CONFLICT",
        message: expect.stringContaining(`Problem ${problem.ref}`),
      });
      expect((await reload(incident.id)).status).toBe("CLOSED");
    });

    it("an incident that is not Closed cannot be re-opened", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(T, incident, true);
      expect(await refusal(reopenIncident(raiser, { ref: incident.ref, reason: "Workaround failed." }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is not Closed") });
    });
  });

  describe("what the incident page offers: the same rules the actions apply", () => {
    /** The options the page computes, from the incident as the page reads it. */
    const optionsOn = async (actor: Actor, ref: string, at = now()) => {
      const incident = (await readIncident(actor, ref))!;
      return partyActionOptions(actor, incident, incident.problem, at);
    };

    it("re-open is offered to the raising party while the linked Problem is open, and no longer once it is closed", async () => {
      const incident = await raisedIncident(raiser);
      const problem = await linkProblem(desk, { ref: incident.ref, title: "CH firmware drops the SM WAN" });
      await resolvedAt(T, incident, true);
      await setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED" });
      await addInterestedParty(desk, { ref: incident.ref, partyId: other.partyId });
      expect((await optionsOn(raiser, incident.ref)).reopen).toBeNull();
      expect((await optionsOn(colleague, incident.ref)).reopen).toBeNull();
      expect((await optionsOn(other, incident.ref)).reopen).toMatchObject({ code: "FORBIDDEN" });
      expect((await optionsOn(desk, incident.ref)).reopen).toMatchObject({ code: "FORBIDDEN" });

      await db().problem.update({ where: { id: problem.id }, data: { status: "CLOSED", closedAt: now() } });
      const offered = (await optionsOn(raiser, incident.ref)).reopen;
      expect(offered).toMatchObject({ code: "CONFLICT", message: `Problem ${problem.ref} linked to ${incident.ref} is closed: raise a new incident.` });
      expect((await refusal(reopenIncident(raiser, { ref: incident.ref, reason: "Workaround failed." }))).message).toBe(offered!.message);
    });

    it("dispute is offered to the parties until the deadline it shows, never to the DCC", async () => {
      const incident = await raisedIncident(raiser);
      expect((await optionsOn(raiser, incident.ref)).dispute).toMatchObject({ code: "CONFLICT" });
      await resolvedAt(T, incident);
      const deadline = addWorkingDays(T, 3);
      expect(await optionsOn(raiser, incident.ref, deadline)).toMatchObject({ dispute: null, disputeDeadline: deadline });
      expect((await optionsOn(desk, incident.ref)).dispute).toMatchObject({ code: "FORBIDDEN" });
      const late = new Date(deadline.getTime() + MINUTE);
      const offered = (await optionsOn(raiser, incident.ref, late)).dispute;
      expect(offered).toMatchObject({ code: "CONFLICT" });
      setNow(late);
      expect((await refusal(disputeResolution(raiser, { ref: incident.ref, reason: "Still failing." }))).message).toBe(offered!.message);
    });
  });

  describe("scenario 31 / D6: who sees and changes an incident", () => {
    it("another party sees nothing of it (404, not in lists) until it is made an Interested Party", async () => {
      const incident = await raisedIncident(raiser);
      await resolvedAt(T, incident);
      expect(await readIncident(other, incident.ref)).toBeNull();
      expect(await refusal(addIncidentNote(other, { ref: incident.ref, text: "Us too." }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await refusal(disputeResolution(other, { ref: incident.ref, reason: "Not fixed." }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await refusal(setIncidentStatus(other, { ref: incident.ref, status: "CLOSED" }))).toMatchObject({ code: "NOT_FOUND" });
      expect((await listIncidents(other, {})).page).toMatchObject({ count: 0, data: [] });
      expect((await listIncidents(other, { q: incident.ref })).page.count).toBe(0);

      await addInterestedParty(desk, { ref: incident.ref, partyId: other.partyId });
      expect(await readIncident(other, incident.ref)).toMatchObject({ ref: incident.ref, interestedParties: [{ partyId: other.partyId }] });
      expect((await listIncidents(other, {})).page.data.map((r) => r.ref)).toEqual([incident.ref]);
      await addIncidentNote(other, { ref: incident.ref, text: "We see the same on our network." });
      // It may follow and note the incident, but not change its status.
      expect(await refusal(setIncidentStatus(other, { ref: incident.ref, status: "CLOSED" }))).toMatchObject({ code: "FORBIDDEN" });
      expect((await reload(incident.id)).status).toBe("RESOLVED");
    });

    it("the raising party cannot change the status of its own incident, assign it or re-categorise it (403)", async () => {
      const incident = await raisedIncident(raiser);
      expect(await refusal(setIncidentStatus(raiser, { ref: incident.ref, status: "CLOSED", note: "Sorted it ourselves." }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await refusal(setIncidentStatus(raiser, { ref: incident.ref, status: "RESOLVED", note: "Done." }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await refusal(assignIncident(raiser, { ref: incident.ref, resolverGroup: "SM WAN" }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await refusal(changeIncidentCategory(raiser, { ref: incident.ref, category: 2, reason: "Urgent." }))).toMatchObject({ code: "FORBIDDEN" });
      expect(await reload(incident.id)).toMatchObject({ status: "NEW", category: 3 });
    });

    it("the raiser and the desk add notes to the timeline; an empty note is refused", async () => {
      const incident = await raisedIncident(raiser);
      await addIncidentNote(raiser, { ref: incident.ref, text: "Also seen at 14:00." });
      await addIncidentNote(desk, { ref: incident.ref, text: "Asked the CSP." });
      expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id, kind: "note" }, orderBy: { id: "asc" } })).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ actorId: raiser.accountId, text: "Also seen at 14:00." }),
          expect.objectContaining({ actorId: desk.accountId, text: "Asked the CSP." }),
        ]),
      );
      expect(await db().auditEvent.count({ where: { action: "incident.note", entityId: incident.ref } })).toBe(2);
      expect(await refusal(addIncidentNote(raiser, { ref: incident.ref, text: "" }))).toMatchObject({ code: "INVALID", fieldErrors: { text: "The note is required." } });
      const detail = await readIncident(raiser, incident.ref);
      expect(detail?.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["raised", "note", "note"]));
    });

    it("the desk and a DCC admin see every party's incident", async () => {
      const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
      const incident = await raisedIncident(raiser);
      expect(await readIncident(desk, incident.ref)).toMatchObject({ ref: incident.ref, raisedByParty: { id: raiser.partyId } });
      expect(await readIncident(admin, incident.ref.toLowerCase())).toMatchObject({ ref: incident.ref });
    });

    it("related open incidents: another party's incident on the same device is counted, never shown", async () => {
      const point = await makeMeterPoint();
      const device = await makeDevice({ deviceType: "ESME", mpxn: point.mpxn });
      const mine = await raisedIncident(raiser, { deviceId: device.id, mpxn: point.mpxn });
      expect(await relatedOpenIncidents(other, { deviceId: device.id })).toEqual({ visible: [], elsewhere: 1, serviceAlerts: [] });
      expect(await relatedOpenIncidents(other, { mpxn: point.mpxn })).toEqual({ visible: [], elsewhere: 1, serviceAlerts: [] });
      const forRaiser = await relatedOpenIncidents(raiser, { deviceId: device.id });
      expect(forRaiser).toMatchObject({ elsewhere: 0, visible: [{ ref: mine.ref }] });
      await addInterestedParty(desk, { ref: mine.ref, partyId: other.partyId });
      expect(await relatedOpenIncidents(other, { deviceId: device.id })).toMatchObject({ elsewhere: 0, visible: [{ ref: mine.ref }] });
      // Closed incidents are not related open incidents.
      await setIncidentStatus(desk, { ref: mine.ref, status: "CLOSED", note: "Not an Incident." });
      expect(await relatedOpenIncidents(raiser, { deviceId: device.id })).toEqual({ visible: [], elsewhere: 0, serviceAlerts: [] });
    });
  });
});
