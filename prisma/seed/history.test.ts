import { beforeAll, describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "@/lib/audit-actions";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { DEFAULT_SEED, seedDemoData } from "./index";
import { DEMO_INCIDENTS } from "./incidents";

const DAY = 86_400_000;
let created: Record<string, Record<string, number>>;

beforeAll(async () => {
  created = await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 600, incidents: 300 });
});

describe("activity history seed", () => {
  it("audits every seeded incident's raising and every later change, by the actor of its timeline, at its time", async () => {
    const incidents = await db().incident.findMany({ select: { ref: true, raisedByPartyId: true, createdAt: true, channel: true, raisedById: true } });
    const raised = await db().auditEvent.findMany({ where: { action: "incident.raise", entityType: "Incident" } });
    const byRef = new Map(raised.map((a) => [a.entityId, a]));
    expect(raised).toHaveLength(incidents.length);
    for (const incident of incidents) {
      const row = byRef.get(incident.ref)!;
      expect(row, incident.ref).toBeDefined();
      expect(row.at.getTime()).toBe(incident.createdAt.getTime());
      expect(row.partyId).toBe(incident.raisedByPartyId);
      if (incident.channel === "SSI") expect(row.actorId).toBe(incident.raisedById);
    }
    // A resolved incident has its resolution in the trail, by the Service Desk agent of the timeline.
    const resolvedEvents = await db().incidentEvent.findMany({ where: { field: "status", toValue: "RESOLVED" }, include: { incident: { select: { ref: true } } } });
    expect(resolvedEvents.length).toBeGreaterThan(50);
    const statusRows = await db().auditEvent.findMany({ where: { action: "incident.set-status" } });
    const key = (ref: string, at: Date, actorId: string | null) => `${ref}|${at.getTime()}|${actorId}`;
    const statusKeys = new Set(statusRows.map((a) => key(a.entityId, a.at, a.actorId)));
    for (const e of resolvedEvents) expect(statusKeys.has(key(e.incident.ref, e.at, e.actorId)), e.incident.ref).toBe(true);
    // Automatic closes have no actor.
    const autoClosed = await db().auditEvent.findMany({ where: { action: "incident.auto-close" } });
    expect(autoClosed.length).toBeGreaterThan(0);
    expect(autoClosed.every((a) => a.actorId === null)).toBe(true);
  });

  it("uses only the trail's own actions and keeps everything in the past six months or so", async () => {
    const actions = await db().auditEvent.groupBy({ by: ["action"], _count: { _all: true } });
    for (const { action } of actions) expect(action in AUDIT_ACTIONS, action).toBe(true);
    const oldestIncident = await db().auditEvent.aggregate({ where: { entityType: "Incident" }, _min: { at: true }, _max: { at: true } });
    expect(now().getTime() - oldestIncident._min.at!.getTime()).toBeGreaterThan(150 * DAY);
    expect(oldestIncident._max.at!.getTime()).toBeLessThanOrEqual(now().getTime());
    expect(created["activity history"]["audit events"]).toBe(await db().auditEvent.count({ where: { id: { startsWith: "ae_seed_" } } }));
  });

  it("audits each CH order's submission and the DCC's answers, and each consignment's moves", async () => {
    const orders = await db().chOrder.findMany({ include: { events: true } });
    const audits = await db().auditEvent.findMany({ where: { entityType: "ChOrder" } });
    for (const order of orders) {
      const rows = audits.filter((a) => a.entityId === order.ref);
      expect(rows.map((a) => a.action), order.ref).toContain(order.deemed ? "ch-order.deem" : "ch-order.submit");
      expect(rows.filter((a) => a.action === "ch-order.decide")).toHaveLength(order.events.filter((e) => e.kind === "decision").length);
    }
    const delivered = await db().chConsignment.findMany({ where: { deliveredAt: { not: null } }, select: { ref: true } });
    expect(delivered.length).toBeGreaterThan(0);
    const deliveredRows = new Set((await db().auditEvent.findMany({ where: { action: "ch-consignment.delivered" } })).map((a) => a.entityId));
    for (const c of delivered) expect(deliveredRows.has(c.ref), c.ref).toBe(true);
  });

  it("sent the emails those changes queue: the raiser hears of its incident, OMS accounts of their orders", async () => {
    const demo = await db().incident.findUniqueOrThrow({ where: { ref: DEMO_INCIDENTS.brightwaterResolved.ref }, include: { raisedBy: true } });
    const mails = await db().outboxEmail.findMany({ where: { subject: { startsWith: demo.ref } }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.eventType)).toEqual(["incident.raised", "incident.assigned", "incident.status", "incident.resolved"]);
    expect(mails.every((m) => m.toAddress === demo.raisedBy!.email && m.status === "SENT" && m.sentAt! >= m.createdAt)).toBe(true);
    expect(mails[3].body).toContain(`Incident ${demo.ref} — ${demo.summary}\nCategory ${demo.category}, status RESOLVED.`);

    const order = await db().chOrder.findFirstOrThrow({ where: { deemed: false }, orderBy: { number: "asc" }, include: { party: { include: { accounts: true } } } });
    const oms = order.party.accounts.filter((a) => a.permissions.some((p) => p === "CH_ORDERING" || p === "CH_DELIVERY_RETURNS")).map((a) => a.email);
    const received = await db().outboxEmail.findMany({ where: { subject: `Order ${order.ref} received` } });
    expect(received.map((m) => m.toAddress).sort()).toEqual(oms.sort());
    expect(await db().outboxEmail.count({ where: { status: { not: "SENT" } } })).toBe(0);
  });

  it("spreads DCC Alerts over six months: the seeded decommissions and suspensions, and devices' own alerts", async () => {
    const alerts = await db().dccAlert.findMany({ select: { code: true, createdAt: true, deviceId: true } });
    const codes = new Set(alerts.map((a) => a.code));
    for (const code of ["N28", "AD1", "N13"]) expect(codes.has(code), code).toBe(true);
    const times = alerts.map((a) => a.createdAt.getTime());
    expect(now().getTime() - Math.min(...times)).toBeGreaterThan(120 * DAY);
    expect(Math.max(...times)).toBeLessThanOrEqual(now().getTime());
    // Every suspension of the removed model's devices was alerted.
    const suspended = await db().deviceStatusChange.findMany({ where: { transition: "T16" }, select: { deviceId: true } });
    const n28 = new Set(alerts.filter((a) => a.code === "N28").map((a) => a.deviceId));
    for (const s of suspended) expect(n28.has(s.deviceId), s.deviceId).toBe(true);
  });
});
