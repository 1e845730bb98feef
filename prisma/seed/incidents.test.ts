import { beforeAll, describe, expect, it } from "vitest";
import type { Incident, IncidentEvent } from "@/generated/prisma/client";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { addWorkingDays, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { DISPUTE_WORKING_DAYS, MAJOR_REVIEW_WORKING_DAYS, MAJOR_SUMMARY_WORKING_DAYS, dueTimes, type Category } from "@/lib/incidents/categories";
import { reopenIncident } from "@/lib/incidents/party-actions";
import { incidentRefFor, raiseIncident } from "@/lib/incidents/raise-incident";
import { listIncidents } from "@/lib/incidents/read-incidents";
import { slaOf } from "@/lib/incidents/sla";
import { OPEN_STATUSES, RESOLVER_GROUPS } from "@/lib/incidents/status-machine";
import { DEFAULT_SEED, seedDemoData } from "./index";
import { DEMO_INCIDENTS, incidentRecords, loadIncidentContext, problemPlans } from "./incidents";

const INCIDENTS = 1500;
let incidents: (Incident & { events: IncidentEvent[] })[];
let created: Record<string, Record<string, number>>;

const actorFor = async (email: string): Promise<Actor> => (await loadActor((await db().account.findUniqueOrThrow({ where: { email } })).id))!;
const ms = (d: Date | null) => d?.getTime() ?? null;

beforeAll(async () => {
  created = await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 300, incidents: INCIDENTS });
  incidents = await db().incident.findMany({ include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] } }, orderBy: { number: "asc" } });
});

/** Time spent paused and resumed, from the timeline's pausedSince changes (X -> null at T adds T - X). */
function pausedMs(events: IncidentEvent[]): number {
  return events.filter((e) => e.field === "pausedSince" && e.fromValue && !e.toValue).reduce((sum, e) => sum + (e.at.getTime() - new Date(e.fromValue!).getTime()), 0);
}

describe("incident seed", () => {
  it("creates the requested number, with numbers 1..N, refs from the numbers and categories in about the stated shares", () => {
    expect(incidents).toHaveLength(INCIDENTS);
    expect(created["incident management log"].incidents).toBe(INCIDENTS);
    incidents.forEach((incident, i) => {
      expect(incident.number).toBe(i + 1);
      expect(incident.ref).toBe(incidentRefFor(i + 1));
    });
    const share = (c: number) => incidents.filter((i) => i.category === c).length / INCIDENTS;
    expect(share(1)).toBeLessThan(0.03);
    expect(share(1)).toBeGreaterThan(0);
    expect(share(2)).toBeGreaterThan(0.05);
    expect(share(2)).toBeLessThan(0.13);
    for (const c of [3, 4]) {
      expect(share(c)).toBeGreaterThan(0.3);
      expect(share(c)).toBeLessThan(0.4);
    }
    expect(share(5)).toBeGreaterThan(0.15);
    expect(share(5)).toBeLessThan(0.25);
    const oldest = Math.min(...incidents.map((i) => i.createdAt.getTime()));
    expect(now().getTime() - oldest).toBeGreaterThan(150 * 86_400_000);
    expect(now().getTime() - oldest).toBeLessThan(190 * 86_400_000);
  });

  it("keeps every timeline consistent: logged <= responded <= resolved <= closed, due times from the category targets", async () => {
    const desk = new Set((await db().account.findMany({ where: { permissions: { has: "SERVICE_DESK" }, party: { isDcc: true } } })).map((a) => a.id));
    const at = now();
    for (const i of incidents) {
      const order = [i.occurredAt, i.createdAt, i.respondedAt, i.resolvedAt, i.closedAt].map(ms).filter((t): t is number => t !== null);
      expect(order, i.ref).toEqual([...order].sort((a, b) => a - b));
      expect(i.createdAt.getTime(), i.ref).toBeLessThanOrEqual(at.getTime());
      expect(i.updatedAt.getTime(), i.ref).toBeGreaterThanOrEqual(Math.max(...order));
      expect(i.updatedAt.getTime(), i.ref).toBeLessThanOrEqual(at.getTime());
      const due = dueTimes(i.createdAt, i.category as Category);
      expect(i.responseDueAt, i.ref).toEqual(due.responseDueAt);
      expect(i.resolutionDueAt.getTime(), i.ref).toBe(due.resolutionDueAt.getTime() + pausedMs(i.events));

      // The timeline: raised first, at the logging time; then in time order, none in the future.
      expect(i.events[0].kind, i.ref).toBe("raised");
      expect(i.events[0].at, i.ref).toEqual(i.createdAt);
      expect(i.events.at(-1)!.at.getTime(), i.ref).toBeLessThanOrEqual(i.updatedAt.getTime());
      const statusEvents = i.events.filter((e) => e.field === "status");
      expect(statusEvents.at(-1)?.toValue ?? "NEW", i.ref).toBe(i.status);
      if (statusEvents.length) expect(statusEvents[0].fromValue, i.ref).toBe("NEW");
      statusEvents.slice(1).forEach((e, k) => expect(e.fromValue, i.ref).toBe(statusEvents[k].toValue));

      const open = OPEN_STATUSES.includes(i.status);
      if (i.status === "NEW") expect(i.respondedAt ?? i.assigneeId, i.ref).toBeNull();
      else expect(i.respondedAt, i.ref).not.toBeNull();
      if (i.assigneeId) expect(desk.has(i.assigneeId), i.ref).toBe(true);
      if (i.resolverGroup) expect(RESOLVER_GROUPS as readonly string[]).toContain(i.resolverGroup);
      if (open) expect([i.resolvedAt, i.closedAt], i.ref).toEqual([null, null]);
      expect(i.pendingWithPartyId !== null, i.ref).toBe(i.status === "PENDING");
      if (i.pausedSince) expect([i.status, i.pauseWhilePending], i.ref).toEqual(["PENDING", true]);
      if (i.status === "RESOLVED") {
        expect(i.resolutionNote, i.ref).toBeTruthy();
        // Not yet closed automatically: still inside its 3 Working Days.
        expect(addWorkingDays(i.resolvedAt!, DISPUTE_WORKING_DAYS).getTime(), i.ref).toBeGreaterThan(at.getTime());
      }
      if (i.status === "CLOSED") {
        expect(i.closedAt, i.ref).not.toBeNull();
        // Resolved, or closed as not an Incident with the reason.
        expect(!!i.resolvedAt !== !!i.closureReason, i.ref).toBe(true);
      }
      // Category 1 is flagged a Major Incident when the desk responds.
      expect(i.isMajor, i.ref).toBe(i.category === 1 && i.respondedAt !== null);
      if (i.isMajor && i.resolvedAt) {
        expect(i.majorSummaryDueAt, i.ref).toEqual(addWorkingDays(i.resolvedAt, MAJOR_SUMMARY_WORKING_DAYS));
        expect(i.majorReviewDueAt, i.ref).toEqual(addWorkingDays(i.resolvedAt, MAJOR_REVIEW_WORKING_DAYS));
      }
      if (i.channel === "PHONE") expect(i.raisedById, i.ref).toBeNull();
      else expect(i.raisedById, i.ref).not.toBeNull();
    }
    // Device IDs and MPxNs are real ones from the inventory.
    const deviceIds = [...new Set(incidents.flatMap((i) => (i.deviceId ? [i.deviceId] : [])))];
    const mpxns = [...new Set(incidents.flatMap((i) => (i.mpxn ? [i.mpxn] : [])))];
    expect(deviceIds.length).toBeGreaterThan(10);
    expect(await db().device.count({ where: { id: { in: deviceIds } } })).toBe(deviceIds.length);
    expect(await db().meterPoint.count({ where: { mpxn: { in: mpxns } } })).toBe(mpxns.length);
  });

  it("has every status, paused Pendings, not-an-Incident closures, workarounds, disputes, Problems and a realistic share met", async () => {
    const statuses = new Set(incidents.map((i) => i.status));
    expect([...statuses].sort()).toEqual(["ASSIGNED", "CLOSED", "IN_PROGRESS", "NEW", "PENDING", "REOPENED", "RESOLVED"]);
    const count = (test: (i: Incident) => boolean) => incidents.filter(test).length;
    expect(count((i) => i.status === "CLOSED")).toBeGreaterThan(INCIDENTS * 0.85);
    expect(count((i) => i.status === "CLOSED" && !!i.closureReason)).toBeGreaterThan(10);
    expect(count((i) => i.pausedSince !== null)).toBeGreaterThan(0);
    expect(count((i) => i.resolvedWithWorkaround)).toBeGreaterThan(20);
    expect(count((i) => i.disputedAt !== null)).toBeGreaterThan(0);
    expect(count((i) => i.channel === "PHONE")).toBeGreaterThan(INCIDENTS * 0.02);
    expect(count((i) => i.problemId !== null)).toBeGreaterThan(20);
    expect(await db().incidentInterestedParty.count()).toBeGreaterThan(20);
    const resolved = incidents.filter((i) => i.resolvedAt);
    const met = resolved.filter((i) => i.resolvedAt! <= i.resolutionDueAt).length / resolved.length;
    expect(met).toBeGreaterThan(0.84);
    expect(met).toBeLessThan(0.94);

    const problems = await db().problem.findMany({ orderBy: { number: "asc" } });
    expect(problems).toHaveLength(20);
    expect(problems[0]).toMatchObject({ ref: DEMO_INCIDENTS.problem.ref, knownError: true, status: "OPEN" });
    expect(problems.filter((p) => p.knownError).length).toBeGreaterThan(3);
    expect(problems.filter((p) => p.status === "CLOSED").length).toBeGreaterThan(1);
    for (const p of problems.filter((p) => p.closedAt)) expect(p.closedAt!.getTime()).toBeGreaterThan(p.createdAt.getTime());

    // The queue mixes on-track, at-risk and breached open incidents.
    const states = new Set(incidents.filter((i) => OPEN_STATUSES.includes(i.status)).map((i) => slaOf(i).resolution));
    for (const state of ["ON_TRACK", "AT_RISK", "BREACHED", "PAUSED"]) expect(states).toContain(state);
  });

  it("seeds DEMO_INCIDENTS in their stated states", async () => {
    const byRef = new Map(incidents.map((i) => [i.ref, i]));
    const parties = new Map((await db().party.findMany()).map((p) => [p.id, p.name]));
    const { problem, ...demo } = DEMO_INCIDENTS;
    for (const [name, d] of Object.entries(demo)) {
      const i = byRef.get(d.ref)!;
      expect(i, name).toBeDefined();
      expect({ party: parties.get(i.raisedByPartyId), category: i.category, status: i.status }, name).toEqual({ party: d.party, category: d.category, status: d.status });
      if ("deviceId" in d) expect(i.deviceId, name).toBe(d.deviceId);
    }
    const open = (party: string) => incidents.filter((i) => parties.get(i.raisedByPartyId) === party && OPEN_STATUSES.includes(i.status));
    expect(open("Brightwater Energy").length).toBeGreaterThanOrEqual(3);
    expect(open("Northgate Power").length).toBeGreaterThanOrEqual(1);

    const at = now();
    expect(slaOf(byRef.get(demo.brightwaterNew.ref)!).response).toBe("ON_TRACK");
    expect(slaOf(byRef.get(demo.brightwaterAtRisk.ref)!).resolution).toBe("AT_RISK");
    expect(slaOf(byRef.get(demo.brightwaterBreached.ref)!).resolution).toBe("BREACHED");
    expect(slaOf(byRef.get(demo.northgateOpen.ref)!).resolution).toBe("ON_TRACK");
    const paused = byRef.get(demo.brightwaterPaused.ref)!;
    expect(slaOf(paused).resolution).toBe("PAUSED");
    expect(parties.get(paused.pendingWithPartyId!)).toBe(demo.brightwaterPaused.pendingWith);
    const resolved = byRef.get(demo.brightwaterResolved.ref)!;
    expect(Math.abs(addWorkingDays(resolved.resolvedAt!, 1).getTime() - at.getTime())).toBeLessThan(3 * 86_400_000);
    expect(addWorkingDays(resolved.resolvedAt!, DISPUTE_WORKING_DAYS).getTime()).toBeGreaterThan(at.getTime());
    const major = byRef.get(demo.harbourMajor.ref)!;
    expect([major.isMajor, major.channel, major.majorSummarySentAt]).toEqual([true, "PHONE", null]);
    expect(major.majorSummaryDueAt!.getTime()).toBeGreaterThan(at.getTime());
    const prb = await db().problem.findUniqueOrThrow({ where: { ref: problem.ref } });
    for (const ref of [demo.brightwaterWorkaround.ref, demo.meridianReopened.ref]) expect(byRef.get(ref)!.problemId).toBe(prb.id);
    expect(byRef.get(demo.brightwaterWorkaround.ref)!.resolvedWithWorkaround).toBe(true);

    // The desk's queue lists them all, and Brightwater re-opens the workaround one through the lib.
    const desk = await actorFor("servicedesk@dcc.demo");
    expect((await listIncidents(desk, {})).page.count).toBe(INCIDENTS);
    const bw = await actorFor("user@brightwater.demo");
    await reopenIncident(bw, { ref: demo.brightwaterWorkaround.ref, reason: "The workaround failed again." });
    expect((await db().incident.findUniqueOrThrow({ where: { ref: demo.brightwaterWorkaround.ref } })).status).toBe("REOPENED");
  });

  it("moves the sequences on: the next incident raised gets number max + 1", async () => {
    const bw = await actorFor("user@brightwater.demo");
    const incident = await raiseIncident(bw, {
      category: 4,
      contactName: bw.name,
      contactOrganisation: bw.partyName,
      contactDetails: bw.email,
      occurredAt: new Date(now().getTime() - 3_600_000).toISOString(),
      summary: "Raised after the seed",
      businessImpact: "None",
      triageResults: "None",
    });
    expect(incident.number).toBe(INCIDENTS + 1);
    expect(incident.ref).toBe(incidentRefFor(INCIDENTS + 1));
    const [{ next }] = await db().$queryRaw<{ next: number }[]>`SELECT nextval(pg_get_serial_sequence('"Problem"', 'number'))::int AS next`;
    expect(next).toBe(21);
  });

  it("is deterministic for a seed and a moment", async () => {
    const ctx = await loadIncidentContext(db());
    const base = now().getTime();
    const digest = (seed: number) =>
      [...incidentRecords(ctx, { seed, incidents: 300, base, problems: problemPlans(seed, base) })].map((r) => JSON.stringify([r.plan.summary, r.state, r.events.length]));
    expect(digest(DEFAULT_SEED)).toEqual(digest(DEFAULT_SEED));
    expect(digest(DEFAULT_SEED + 1)).not.toEqual(digest(DEFAULT_SEED));
  });
});
