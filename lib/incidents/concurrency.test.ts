// Concurrent changes to one incident (issue 10 §1): exactly one of two competing changes wins; the loser is told the
// incident changed meanwhile and writes nothing. The calls are fired together: on PostgreSQL they race, on PGlite
// they run one after another and the same outcomes hold.
import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raiseInput, raisedIncident } from "@/lib/testing/incident-fixtures";
import { bulkUpdateIncidents } from "./bulk-update-incidents";
import { assignIncident, setIncidentStatus } from "./manage-incident";
import { disputeResolution } from "./party-actions";
import { raiseIncident } from "./raise-incident";

const CHANGED_MEANWHILE = /changed meanwhile: reload and try again\.$/;

/**
 * No change was lost: starting from `from`, the incident's events on `field` follow each other (each one starts where
 * the previous one ended) and end at the value the incident holds. Two writers that both read the same state leave
 * two events starting from it. Order-free, since events written in one test share the frozen clock's time.
 */
async function expectUnbrokenHistory(incidentId: string, field: "status" | "assigneeId", from: string | null) {
  const events = await db().incidentEvent.findMany({ where: { incidentId, field } });
  const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
  let at = from;
  for (let i = 0; i < events.length; i++) {
    const next = events.filter((e) => e.fromValue === at);
    expect(next, `one change from ${at}`).toHaveLength(1);
    at = next[0].toValue;
  }
  expect(at).toBe(incident[field]);
  return events.length;
}

describe("concurrent changes to one incident", () => {
  let raiser: Actor;
  let desk: Actor;
  let desk2: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    desk2 = await makeActor(["SERVICE_DESK"], { partyId: desk.partyId });
  });

  const reload = (ref: string) => db().incident.findUniqueOrThrow({ where: { ref } });
  const statusEvents = (ref: string) => db().incidentEvent.findMany({ where: { incident: { ref }, field: "status" } });
  const emails = (eventType: string) => db().outboxEmail.count({ where: { eventType } });

  it("two agents resolving the same incident: one resolution, one Problem, one event and email; the other is told it changed", async () => {
    const incident = await raisedIncident(raiser);
    await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS" });
    const race = await concurrently([
      () => setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Rebooted the CH.", workaround: true }),
      () => setIncidentStatus(desk2, { ref: incident.ref, status: "RESOLVED", note: "Replaced the aerial.", workaround: true }),
    ]);
    // The loser is refused (it read before the winner wrote) or finds it already Resolved (it read after).
    const winners = race.succeeded.filter((r) => r.changed);
    expect(winners).toHaveLength(1);
    for (const refusal of race.refused) expect(refusal).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(CHANGED_MEANWHILE) });
    const after = await reload(incident.ref);
    expect(after.resolutionNote).toBe(winners[0].incident.resolutionNote);
    expect((await statusEvents(incident.ref)).filter((e) => e.toValue === "RESOLVED")).toHaveLength(1);
    expect(await db().problem.count()).toBe(1);
    expect(await emails("incident.resolved")).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "incident.set-status", entityId: incident.ref } })).toBe(2);
  });

  it("resolve and close at the same moment: no change is lost, and a Resolved incident is never also closed", async () => {
    const incident = await raisedIncident(raiser);
    await setIncidentStatus(desk, { ref: incident.ref, status: "IN_PROGRESS" });
    const race = await concurrently([
      () => setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Rebooted the CH." }),
      () => setIncidentStatus(desk2, { ref: incident.ref, status: "CLOSED", note: "Not an Incident: a local HAN fault." }),
    ]);
    for (const refusal of race.refused) expect(refusal.code).toBe("CONFLICT");
    expect(await expectUnbrokenHistory(incident.id, "status", "NEW")).toBe(1 + race.succeeded.length);
    const after = await reload(incident.ref);
    if (after.status === "RESOLVED") expect(after).toMatchObject({ closedAt: null, closureReason: null });
    else expect(after.status).toBe("CLOSED");
  });

  it("a party's dispute and the desk's close at the same moment: a party told 'disputed' finds its dispute in force", async () => {
    const incident = await raisedIncident(raiser);
    await setIncidentStatus(desk, { ref: incident.ref, status: "RESOLVED", note: "Rebooted the CH." });
    const race = await concurrently<unknown>([
      () => disputeResolution(raiser, { ref: incident.ref, reason: "Still failing after the reboot." }),
      () => setIncidentStatus(desk, { ref: incident.ref, status: "CLOSED" }),
    ]);
    // Whoever came second is refused: the close of a disputed (open) incident needs a reason, the dispute of a closed
    // one finds nothing Resolved, and a racing loser is told it changed meanwhile.
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused).toHaveLength(1);
    expect(await expectUnbrokenHistory(incident.id, "status", "NEW")).toBe(2);
    const after = await reload(incident.ref);
    const disputed = await db().incidentEvent.count({ where: { incidentId: incident.id, kind: "dispute" } });
    if (after.status === "ASSIGNED") expect([disputed, after.closedAt, await emails("incident.status")]).toEqual([1, null, 0]);
    else expect([after.status, disputed, await emails("incident.disputed")]).toEqual(["CLOSED", 0, 0]);
  });

  it("two agents assigning at once: no assignment is silently lost", async () => {
    const incident = await raisedIncident(raiser);
    const race = await concurrently([
      () => assignIncident(desk, { ref: incident.ref, assigneeId: desk.accountId }),
      () => assignIncident(desk2, { ref: incident.ref, assigneeId: desk2.accountId }),
    ]);
    // Either both ran one after the other (a re-assignment) or the loser is told; never two "assigned" from the same start.
    for (const refusal of race.refused) expect(refusal.message).toMatch(CHANGED_MEANWHILE);
    expect(await expectUnbrokenHistory(incident.id, "assigneeId", null)).toBe(race.succeeded.length);
    expect(await emails("incident.assigned")).toBe(race.succeeded.length);
  });

  it("two overlapping bulk status changes over the same 30 incidents: each incident is updated once, the rest skipped", async () => {
    const refs: string[] = [];
    for (let i = 0; i < 30; i++) refs.push((await raisedIncident(raiser)).ref);
    const race = await concurrently([
      () => bulkUpdateIncidents(desk, { refs, operation: { kind: "status", status: "IN_PROGRESS" } }),
      () => bulkUpdateIncidents(desk2, { refs, operation: { kind: "status", status: "IN_PROGRESS" } }),
    ]);
    const [a, b] = race.succeeded;
    expect(a.updated.length + b.updated.length).toBe(30);
    expect(new Set([...a.updated, ...b.updated]).size).toBe(30);
    expect(a.skipped.length + b.skipped.length).toBe(30);
    expect([...a.failed, ...b.failed]).toEqual([]);
    expect(await db().incidentEvent.count({ where: { field: "status", toValue: "IN_PROGRESS" } })).toBe(30);
    expect(await emails("incident.status")).toBe(30);
  });

  it("a double-submitted raise form raises one incident: every submission of the rendered form gets the first one's", async () => {
    const formKey = crypto.randomUUID();
    const race = await concurrently(times(2, () => raiseIncident(raiser, { ...raiseInput(), formKey })));
    const [first] = race.succeeded;
    expect(race.succeeded.map((i) => i.ref)).toEqual([first.ref, first.ref]);
    expect((await raiseIncident(raiser, { ...raiseInput(), formKey })).ref).toBe(first.ref);
    expect(await db().incident.count()).toBe(1);
    expect(await db().incidentEvent.count({ where: { kind: "raised" } })).toBe(1);
    expect(await emails("incident.raised")).toBe(1);
    // A new rendering of the form has a new key and raises another; the key is the account's own.
    expect((await raiseIncident(raiser, { ...raiseInput(), formKey: crypto.randomUUID() })).ref).not.toBe(first.ref);
    const colleague = await makeActor(["PARTY_USER"], { partyId: raiser.partyId });
    expect(await raiseIncident(colleague, { ...raiseInput(), formKey }).catch((e: Error) => e.message)).toBe("This form was already used: reload the page and fill it in again.");
    expect(await db().incident.count()).toBe(2);
  });
});
