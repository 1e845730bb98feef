import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, formatLondon, isBankHoliday, isWorkingDay, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raisedIncident, refusal } from "@/lib/testing/incident-fixtures";
import { atRiskWithinMs, dueTimes } from "./categories";
import { assignIncident, setIncidentStatus } from "./manage-incident";
import { listIncidents } from "./read-incidents";
import { monthlySlaReport } from "./sla-report";
import { currentSla, slaOf } from "./sla";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const london = (at: Date) => formatLondon(at, "EEE d MMM yyyy HH:mm");

describe("incident timers: Table 16 targets, Working Days and the London clock (D5)", () => {
  let raiser: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  const reload = async (id: string) => db().incident.findUniqueOrThrow({ where: { id } });

  it("Cat 4 raised on a Friday at 15:00: response 3 elapsed hours later, resolution 5 Working Days later at 15:00 (the next Friday)", async () => {
    setNow("2026-11-20T15:00:00Z"); // Friday
    const incident = await raisedIncident(raiser, { category: 4 });
    expect(incident.responseDueAt).toEqual(new Date("2026-11-20T18:00:00Z"));
    expect(incident.resolutionDueAt).toEqual(new Date("2026-11-27T15:00:00Z"));
    expect(london(incident.resolutionDueAt)).toBe("Fri 27 Nov 2026 15:00");
  });

  it("Cat 3 (elapsed hours) runs through the weekend: raised Friday 15:00, due Monday 15:00", async () => {
    setNow("2026-11-20T15:00:00Z");
    const incident = await raisedIncident(raiser, { category: 3 });
    expect(incident.resolutionDueAt).toEqual(new Date("2026-11-23T15:00:00Z"));
  });

  it("Cat 5 raised on the Thursday before Good Friday skips Good Friday and Easter Monday", async () => {
    expect(isBankHoliday(new Date("2026-04-03T12:00:00Z"))).toBe(true);
    expect(isBankHoliday(new Date("2026-04-06T12:00:00Z"))).toBe(true);
    setNow("2026-04-02T09:00:00Z"); // Thursday 2 April 2026, 10:00 BST
    const incident = await raisedIncident(raiser, { category: 5 });
    expect(london(incident.responseDueAt)).toBe("Tue 7 Apr 2026 10:00");
    // Tue 7 .. Fri 10 (4), Mon 13 .. Fri 17 (9), Mon 20 (10).
    expect(london(incident.resolutionDueAt)).toBe("Mon 20 Apr 2026 10:00");
  });

  it("Cat 5 raised on Christmas Eve 2026 skips 25 and 28 December (substitute Boxing Day) and New Year's Day", async () => {
    for (const day of ["2026-12-25", "2026-12-28", "2027-01-01"]) expect(isBankHoliday(new Date(`${day}T12:00:00Z`))).toBe(true);
    expect(isWorkingDay(new Date("2026-12-29T12:00:00Z"))).toBe(true);
    setNow("2026-12-24T09:00:00Z"); // Thursday
    const incident = await raisedIncident(raiser, { category: 5 });
    expect(london(incident.responseDueAt)).toBe("Tue 29 Dec 2026 09:00");
    // 29, 30, 31 Dec (3), 4-8 Jan (8), 11, 12 Jan (10).
    expect(london(incident.resolutionDueAt)).toBe("Tue 12 Jan 2027 09:00");
  });

  it("a Working Day target across the October clock change keeps the London wall-clock time; elapsed hours stay real hours", async () => {
    setNow("2026-10-23T14:00:00Z"); // Friday 23 October 2026, 15:00 BST; clocks go back on Sunday 25 October
    const cat4 = await raisedIncident(raiser, { category: 4 });
    expect(london(cat4.resolutionDueAt)).toBe("Fri 30 Oct 2026 15:00");
    expect(cat4.resolutionDueAt).toEqual(new Date("2026-10-30T15:00:00Z"));
    const cat3 = await raisedIncident(raiser, { category: 3 });
    expect(cat3.resolutionDueAt.getTime() - cat3.createdAt.getTime()).toBe(72 * HOUR);
    expect(london(cat3.resolutionDueAt)).toBe("Mon 26 Oct 2026 14:00");
  });

  it("a Working Day target across the March clock change keeps the London wall-clock time", async () => {
    setNow("2026-03-27T10:00:00Z"); // Friday 27 March 2026, 10:00 GMT; clocks go forward on Sunday 29 March
    const incident = await raisedIncident(raiser, { category: 5 });
    expect(london(incident.responseDueAt)).toBe("Mon 30 Mar 2026 10:00");
    expect(incident.responseDueAt).toEqual(new Date("2026-03-30T09:00:00Z"));
  });

  it("every category's targets follow Table 16 from the same logging time", () => {
    const at = new Date("2026-11-24T09:00:00Z"); // Tuesday
    expect(dueTimes(at, 1)).toEqual({ responseDueAt: new Date("2026-11-24T09:10:00Z"), resolutionDueAt: new Date("2026-11-24T13:00:00Z") });
    expect(dueTimes(at, 2)).toEqual({ responseDueAt: new Date("2026-11-24T09:20:00Z"), resolutionDueAt: new Date("2026-11-25T09:00:00Z") });
    expect(dueTimes(at, 3)).toEqual({ responseDueAt: new Date("2026-11-24T09:45:00Z"), resolutionDueAt: new Date("2026-11-27T09:00:00Z") });
    expect(dueTimes(at, 4)).toEqual({ responseDueAt: new Date("2026-11-24T12:00:00Z"), resolutionDueAt: new Date("2026-12-01T09:00:00Z") });
    expect(dueTimes(at, 5)).toEqual({ responseDueAt: new Date("2026-11-25T09:00:00Z"), resolutionDueAt: new Date("2026-12-08T09:00:00Z") });
  });

  describe("SLA states", () => {
    it("resolution: ON_TRACK, then AT_RISK with under a quarter of the window left, then BREACHED past due", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      await assignIncident(desk, { ref: incident.ref, resolverGroup: "SM WAN" });
      expect(atRiskWithinMs(3)).toBe(18 * HOUR);
      advanceClock(54 * HOUR); // exactly 18 h left: not yet at risk
      expect(slaOf(await reload(incident.id))).toMatchObject({ resolution: "ON_TRACK", remainingMs: 18 * HOUR });
      advanceClock(MINUTE);
      expect(slaOf(await reload(incident.id)).resolution).toBe("AT_RISK");
      advanceClock(18 * HOUR); // one minute past due
      expect(slaOf(await reload(incident.id))).toMatchObject({ resolution: "BREACHED", remainingMs: -MINUTE });
    });

    it("resolution MET when resolved in time, BREACHED when resolved late, and it stays so afterwards", async () => {
      const inTime = await raisedIncident(raiser, { category: 2 });
      const late = await raisedIncident(raiser, { category: 2 });
      advanceClock(23 * HOUR);
      await setIncidentStatus(desk, { ref: inTime.ref, status: "RESOLVED", note: "Restarted the adapter." });
      advanceClock(2 * HOUR);
      await setIncidentStatus(desk, { ref: late.ref, status: "RESOLVED", note: "Restarted the adapter." });
      advanceClock(100 * HOUR);
      expect(slaOf(await reload(inTime.id)).resolution).toBe("MET");
      expect(slaOf(await reload(late.id)).resolution).toBe("BREACHED");
    });

    it("response: AT_RISK in the last quarter, BREACHED when nobody assigned it in time, MET when assigned in time", async () => {
      const unanswered = await raisedIncident(raiser, { category: 3 });
      const answered = await raisedIncident(raiser, { category: 3 });
      advanceClock(30 * MINUTE);
      expect(slaOf(await reload(unanswered.id)).response).toBe("ON_TRACK");
      advanceClock(5 * MINUTE); // 10 minutes of 45 left
      expect(slaOf(await reload(unanswered.id)).response).toBe("AT_RISK");
      await assignIncident(desk, { ref: answered.ref, resolverGroup: "Service Desk" });
      advanceClock(11 * MINUTE);
      expect(slaOf(await reload(unanswered.id)).response).toBe("BREACHED");
      expect(slaOf(await reload(answered.id)).response).toBe("MET");
    });

    it("the one indicator a list shows: the response until there is one (overdue too), then the resolution; paused; the outcome once resolved", async () => {
      const unanswered = await raisedIncident(raiser, { category: 3 });
      const answered = await raisedIncident(raiser, { category: 3 });
      const paused = await raisedIncident(raiser, { category: 3 });
      const resolved = await raisedIncident(raiser, { category: 3 });
      await assignIncident(desk, { ref: answered.ref, resolverGroup: "SM WAN" });
      await setIncidentStatus(desk, { ref: paused.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
      await setIncidentStatus(desk, { ref: resolved.ref, status: "RESOLVED", note: "Restarted the adapter." });
      advanceClock(40 * MINUTE); // 5 minutes of the 45-minute response target left
      expect(currentSla(await reload(unanswered.id))).toMatchObject({ timer: "response", state: "AT_RISK", remainingMs: 5 * MINUTE, running: true });
      expect(currentSla(await reload(answered.id))).toMatchObject({ timer: "resolution", state: "ON_TRACK", running: true });
      expect(currentSla(await reload(answered.id)).remainingMs).toBe(72 * HOUR - 40 * MINUTE);
      expect(currentSla(await reload(paused.id))).toMatchObject({ timer: "resolution", state: "PAUSED", running: false });
      expect(currentSla(await reload(resolved.id))).toMatchObject({ timer: "resolution", state: "MET", running: false });
      advanceClock(10 * MINUTE);
      expect(currentSla(await reload(unanswered.id))).toMatchObject({ timer: "response", state: "BREACHED", remainingMs: -5 * MINUTE });
    });

    it("PAUSED while Pending with the pause flag, and the effective due time moves on with the clock", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
      advanceClock(80 * HOUR); // past the original due time
      const sla = slaOf(await reload(incident.id));
      expect(sla.resolution).toBe("PAUSED");
      expect(sla.resolutionDueAt).toEqual(new Date(incident.resolutionDueAt.getTime() + 80 * HOUR));
      expect(sla.response).toBe("MET");
    });
  });

  describe("scenario 33: Pending with an Incident Party (AG 2.5.6, D6)", () => {
    it("with pauseWhilePending the clock pauses; leaving Pending moves the resolution due time on by the paused time", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      advanceClock(2 * HOUR);
      const { incident: pending } = await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
      expect(pending).toMatchObject({ status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true, pausedSince: now(), respondedAt: now() });
      advanceClock(10 * HOUR);
      const { incident: back } = await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS" });
      expect(back).toMatchObject({ status: "IN_PROGRESS", pendingWithPartyId: null, pausedSince: null });
      expect(back.resolutionDueAt).toEqual(new Date(incident.resolutionDueAt.getTime() + 10 * HOUR));
      expect(slaOf(back).resolution).toBe("ON_TRACK");
    });

    it("assigning a paused incident back to a resolver also resumes the clock", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
      advanceClock(5 * HOUR);
      const { incident: assigned } = await assignIncident(desk, { ref: incident.ref, resolverGroup: "SM WAN" });
      expect(assigned).toMatchObject({ status: "ASSIGNED", pausedSince: null, pendingWithPartyId: null });
      expect(assigned.resolutionDueAt).toEqual(new Date(incident.resolutionDueAt.getTime() + 5 * HOUR));
    });

    it("resolving straight from a paused Pending counts against the moved due time: MET although past the original", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: raiser.partyId, pauseWhilePending: true });
      advanceClock(10 * HOUR);
      await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS" });
      advanceClock(70 * HOUR); // 80 h after logging: past the original 72 h, within 82 h
      const { incident: resolved } = await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Party replaced the CH." });
      expect(slaOf(resolved).resolution).toBe("MET");
      const report = await monthlySlaReport(desk, "2026-11");
      expect(report.categories.find((c) => c.category === 3)).toMatchObject({ resolved: 1, withinTarget: 1 });
    });

    it("without the flag (the D6 default) Pending does not pause: the due time is unchanged", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      const { incident: pending } = await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: raiser.partyId });
      expect(pending).toMatchObject({ status: "PENDING", pauseWhilePending: false, pausedSince: null });
      advanceClock(10 * HOUR);
      expect(slaOf(await reload(incident.id)).resolution).toBe("ON_TRACK");
      const { incident: back } = await setIncidentStatus(desk, { ref: incident.ref, status: "ASSIGNED" });
      expect(back.resolutionDueAt).toEqual(incident.resolutionDueAt);
    });

    it("Pending with another party makes it an Interested Party, so it can see the incident", async () => {
      const other = await makeActor(["PARTY_USER"], { roles: ["ED"] });
      const incident = await raisedIncident(raiser, { category: 3 });
      expect((await listIncidents(other, {})).page.count).toBe(0);
      await setIncidentStatus(desk, { ref: incident.ref, status: "PENDING", pendingWithPartyId: other.partyId });
      expect((await listIncidents(other, {})).page.data.map((r) => r.ref)).toEqual([incident.ref]);
    });
  });

  describe("scenario 32: closed as not an Incident (AG 2.5.8)", () => {
    it("records the reason for the raiser and counts as no SLA breach, even long after the targets", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      advanceClock(2 * HOUR); // past the 45-minute response target, not yet assigned
      const reason = "The fault is in your own head-end: restart your adapter.";
      const { incident: closed } = await setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED", note: reason });
      expect(closed).toMatchObject({ status: "CLOSED", closureReason: reason, closedAt: now(), resolvedAt: null });
      const email = await db().outboxEmail.findFirstOrThrow({ where: { eventType: "incident.status", toAddress: raiser.email } });
      expect(email.body).toContain(reason);
      advanceClock(200 * HOUR);
      expect(slaOf(await reload(incident.id))).toMatchObject({ response: "MET", resolution: "MET" });
      expect((await listIncidents(desk, { sla: "breached" })).page.count).toBe(0);
      const report = await monthlySlaReport(desk, "2026-11");
      expect(report.categories.find((c) => c.category === 3)).toMatchObject({ resolved: 0, percent: null, verdict: "none" });
    });

    it("needs the reason", async () => {
      const incident = await raisedIncident(raiser, { category: 3 });
      expect(await refusal(setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED" }))).toMatchObject({ code: "INVALID", fieldErrors: { note: "Give the reason." } });
      expect((await reload(incident.id)).status).toBe("NEW");
    });
  });
});
