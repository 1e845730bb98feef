import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { raisedIncident, refusal } from "@/lib/testing/incident-fixtures";
import { BULK_LIMIT, bulkUpdateIncidents } from "./bulk-update-incidents";
import { assignIncident, setIncidentStatus } from "./manage-incident";

describe("bulk actions on the Service Desk queue", () => {
  let raiser: Actor;
  let desk: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    raiser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
  });

  const statusOf = async (ref: string) => (await db().incident.findUniqueOrThrow({ where: { ref } })).status;
  const eventCount = async (ref: string) => db().incidentEvent.count({ where: { incident: { ref } } });

  it("reports each incident as updated, skipped (already so) or failed (with the reason), and only the updated one changes", async () => {
    const fresh = await raisedIncident(raiser);
    const already = await raisedIncident(raiser);
    const closed = await raisedIncident(raiser);
    await setIncidentStatus(desk, { ref: already.ref, status: "IN_PROGRESS" });
    await setIncidentStatus(desk, { ref: closed.ref, status: "CLOSED", note: "Not an Incident." });
    const eventsBefore = { already: await eventCount(already.ref), closed: await eventCount(closed.ref) };

    const result = await bulkUpdateIncidents(desk, { refs: [fresh.ref, already.ref, closed.ref], operation: { kind: "status", status: "IN_PROGRESS" } });
    expect(result).toEqual({
      updated: [fresh.ref],
      skipped: [{ ref: already.ref, reason: "Already so: nothing to change." }],
      failed: [{ ref: closed.ref, reason: `${closed.ref} cannot move from Closed to In Progress.` }],
    });
    expect(await statusOf(fresh.ref)).toBe("IN_PROGRESS");
    expect(await statusOf(closed.ref)).toBe("CLOSED");
    expect(await db().incidentEvent.findFirst({ where: { incidentId: fresh.id, field: "status" } })).toMatchObject({ fromValue: "NEW", toValue: "IN_PROGRESS", actorId: desk.accountId });
    expect(await eventCount(already.ref)).toBe(eventsBefore.already);
    expect(await eventCount(closed.ref)).toBe(eventsBefore.closed);
  });

  it("an unknown reference fails on its own; duplicates are handled once", async () => {
    const incident = await raisedIncident(raiser);
    const result = await bulkUpdateIncidents(desk, { refs: [incident.ref, "INC9999999", incident.ref], operation: { kind: "assign", resolverGroup: "SM WAN" } });
    expect(result).toEqual({ updated: [incident.ref], skipped: [], failed: [{ ref: "INC9999999", reason: "Incident INC9999999 was not found." }] });
    expect(await db().incidentEvent.count({ where: { incidentId: incident.id, field: "resolverGroup" } })).toBe(1);
  });

  it("every updated incident gets its own events, audit row and emails", async () => {
    const refs = [(await raisedIncident(raiser)).ref, (await raisedIncident(raiser)).ref, (await raisedIncident(raiser)).ref];
    await assignIncident(desk, { ref: refs[2], resolverGroup: "DSP Operations" });
    const result = await bulkUpdateIncidents(desk, { refs, operation: { kind: "assign", resolverGroup: "DSP Operations" } });
    expect(result.updated).toEqual(refs.slice(0, 2));
    expect(result.skipped.map((s) => s.ref)).toEqual([refs[2]]);
    for (const ref of refs) {
      expect(await db().incidentEvent.count({ where: { incident: { ref }, field: "resolverGroup", toValue: "DSP Operations" } })).toBe(1);
      expect(await db().auditEvent.count({ where: { action: "incident.assign", entityId: ref } })).toBe(1);
      expect(await db().outboxEmail.count({ where: { eventType: "incident.assigned", subject: { startsWith: ref } } })).toBe(1);
      expect(await statusOf(ref)).toBe("ASSIGNED");
    }
  });

  it("a bulk note lands on each incident's timeline", async () => {
    const a = await raisedIncident(raiser);
    const b = await raisedIncident(raiser);
    const result = await bulkUpdateIncidents(desk, { refs: [a.ref, b.ref], operation: { kind: "note", text: "CSP North outage: see Service Alert." } });
    expect(result).toEqual({ updated: [a.ref, b.ref], skipped: [], failed: [] });
    for (const incident of [a, b]) {
      expect(await db().incidentEvent.findMany({ where: { incidentId: incident.id, kind: "note" } })).toMatchObject([{ actorId: desk.accountId, text: "CSP North outage: see Service Alert." }]);
    }
    expect(await refusal(bulkUpdateIncidents(desk, { refs: [a.ref], operation: { kind: "note", text: " " } }))).toMatchObject({ code: "INVALID" });
  });

  it("a bulk close as not an Incident needs the reason for each, and Pending needs the party", async () => {
    const a = await raisedIncident(raiser);
    const noReason = await bulkUpdateIncidents(desk, { refs: [a.ref], operation: { kind: "status", status: "CLOSED" } });
    expect(noReason.failed).toEqual([{ ref: a.ref, reason: "Closing an open incident needs the reason it is not an Incident." }]);
    const noParty = await bulkUpdateIncidents(desk, { refs: [a.ref], operation: { kind: "status", status: "PENDING" } });
    expect(noParty.failed).toEqual([{ ref: a.ref, reason: "Pending needs the party it is pending with." }]);
    expect(await statusOf(a.ref)).toBe("NEW");
    const pending = await bulkUpdateIncidents(desk, { refs: [a.ref], operation: { kind: "status", status: "PENDING", pendingWithPartyId: raiser.partyId } });
    expect(pending.updated).toEqual([a.ref]);
    expect(await statusOf(a.ref)).toBe("PENDING");
  });

  it("refuses bulk resolving: each resolution needs its own note", async () => {
    const a = await raisedIncident(raiser);
    const error = await refusal(bulkUpdateIncidents(desk, { refs: [a.ref], operation: { kind: "status", status: "RESOLVED", note: "All fixed." } }));
    expect(error.code).toBe("INVALID");
    expect(Object.values(error.fieldErrors)).toEqual(["Resolve incidents one at a time: each needs its resolution note."]);
    expect(await statusOf(a.ref)).toBe("NEW");
  });

  it(`accepts ${BULK_LIMIT} references and refuses ${BULK_LIMIT + 1}`, async () => {
    const refs = Array.from({ length: BULK_LIMIT + 1 }, (_, i) => `INC${String(8_000_000 + i).padStart(7, "0")}`);
    const error = await refusal(bulkUpdateIncidents(desk, { refs, operation: { kind: "note", text: "x" } }));
    expect(error).toMatchObject({ code: "INVALID", fieldErrors: { refs: "Select at most 100 incidents at a time." } });
    const atLimit = await bulkUpdateIncidents(desk, { refs: refs.slice(0, BULK_LIMIT), operation: { kind: "note", text: "x" } });
    expect(atLimit.failed).toHaveLength(BULK_LIMIT);
    expect(await refusal(bulkUpdateIncidents(desk, { refs: [], operation: { kind: "note", text: "x" } }))).toMatchObject({ fieldErrors: { refs: "Select at least one incident." } });
  });

  it("is for the Service Desk only", async () => {
    const a = await raisedIncident(raiser);
    expect(await refusal(bulkUpdateIncidents(raiser, { refs: [a.ref], operation: { kind: "note", text: "x" } }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await db().incidentEvent.count({ where: { incidentId: a.id, kind: "note" } })).toBe(0);
  });
});
