import { beforeAll, describe, expect, it } from "vitest";
import type { ChReturn, ChReturnEvent, ChRma } from "@/generated/prisma/client";
import { actorLabel, loadActor, type Actor } from "@/lib/auth/actor";
import { addWorkingDays, endOfLondonDay, formatLondon, isWorkingDay, londonDate, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { RETURN_RULES, SRV_OF_KIND, reasonLabel, returnReason, returnsLocation } from "@/lib/returns/catalog";
import { returnEventText, rmaEventText } from "@/lib/returns/event-texts";
import { applyReturnDeadlines } from "@/lib/returns/diagnosis";
import { notifyReturn, reportReturnLost } from "@/lib/returns/returns";
import { decideRma, recordRmaReceipt, requestRma } from "@/lib/returns/rma";
import { RETURN_STATUS_LABELS, RETURN_TRANSITIONS, RMA_STATUS_LABELS, RMA_TRANSITIONS } from "@/lib/returns/status";
import { registrationsOf } from "@/lib/smi/registrations";
import { DEMO_RETURNS } from "./demo-returns";
import { DEFAULT_SEED, seedDemoData } from "./index";
import { DEMO_INVENTORY } from "./inventory";
import { seedDayStart } from "./orders";
import { FIXED_CHFS, loadReturnContext, planReturns, seedReturns } from "./returns";

// Enough inventory for every scenario (the generated CHFs come from it); the fixed records need only DEMO_INVENTORY.
const DEVICES = 1_500;
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Return = ChReturn & { events: ChReturnEvent[]; party: { name: string }; rma: ChRma | null; device: { deviceType: string; cspRegion: string | null; wanBlockedAt: Date | null } };
type Rma = ChRma & { events: ChReturnEvent[]; party: { name: string }; returns: ChReturn[] };

let returns: Return[];
let rmas: Rma[];
let created: Record<string, number>;
let seedMs: number;
const actorFor = async (email: string): Promise<Actor> => (await loadActor((await db().account.findUniqueOrThrow({ where: { email } })).id))!;
const todayNoon = () => new Date(`${londonDate(now())}T12:00:00Z`);

beforeAll(async () => {
  await seedDemoData(db(), { seed: DEFAULT_SEED, devices: DEVICES, incidents: 0, orders: false });
  const started = Date.now();
  created = await seedReturns(db(), { seed: DEFAULT_SEED });
  seedMs = Date.now() - started;
  returns = await db().chReturn.findMany({
    include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, party: { select: { name: true } }, rma: true, device: { select: { deviceType: true, cspRegion: true, wanBlockedAt: true } } },
    orderBy: { number: "asc" },
  });
  rmas = await db().chRma.findMany({ include: { events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, party: { select: { name: true } }, returns: true }, orderBy: { number: "asc" } });
}, 120_000);

describe("CH returns seed", () => {
  it("seeds returns and RMAs, numbered 1..N with refs from the numbers, the fixed ones first", () => {
    console.log(`returns seed: ${JSON.stringify(created)} in ${seedMs} ms`);
    console.log(`returns: ${JSON.stringify(Object.fromEntries(Object.keys(RETURN_TRANSITIONS).map((s) => [s, returns.filter((r) => r.status === s).length])))}`);
    console.log(`RMAs: ${JSON.stringify(Object.fromEntries(Object.keys(RMA_TRANSITIONS).map((s) => [s, rmas.filter((m) => m.status === s).length])))}`);
    expect([created.returns, created.RMAs]).toEqual([returns.length, rmas.length]);
    returns.forEach((r, i) => expect([r.number, r.ref]).toEqual([i + 1, `RET${String(i + 1).padStart(7, "0")}`]));
    rmas.forEach((m, i) => expect([m.number, m.ref]).toEqual([i + 1, `RMA${String(i + 1).padStart(7, "0")}`]));
    const notified = returns.slice(4).map((r) => r.notifiedAt.getTime());
    expect(notified).toEqual([...notified].sort((a, b) => a - b));
    const requested = rmas.slice(3).map((m) => m.requestedAt.getTime());
    expect(requested).toEqual([...requested].sort((a, b) => a - b));
    expect(new Set(rmas.filter((m) => m.bookingReference).map((m) => m.bookingReference)).size).toBe(rmas.filter((m) => m.bookingReference).length);
  });

  it("gives Brightwater a return in every status and an RMA in every status; Northgate only its fixed one", () => {
    const own = (party: string) => returns.filter((r) => r.party.name === party);
    expect(new Set(own("Brightwater Energy").map((r) => r.status))).toEqual(new Set(Object.keys(RETURN_STATUS_LABELS)));
    expect(new Set(rmas.filter((m) => m.party.name === "Brightwater Energy").map((m) => m.status))).toEqual(new Set(Object.keys(RMA_STATUS_LABELS)));
    expect(own("Northgate Power").map((r) => r.ref)).toEqual([DEMO_RETURNS.northgateRmaRequested.ref]);
    expect(rmas.filter((m) => m.party.name === "Northgate Power").map((m) => m.ref)).toEqual([DEMO_RETURNS.northgateRmaRequested.rma]);
    // The other suppliers have some too (the DCC's lists show every party).
    for (const party of ["Harbour Energy Supply", "Meridian Home Energy", "Oakfield Electricity", "Fenland Gas"]) expect(own(party).length, party).toBeGreaterThan(0);
    // The last 12 months.
    expect(Math.min(...returns.map((r) => r.removedAt.getTime()))).toBeGreaterThan(now().getTime() - 366 * DAY);
  });

  it("returns real CHFs of the inventory: the party is the Responsible Supplier, or the CHF was never installed", async () => {
    const devices = await db().device.findMany({ where: { id: { in: returns.map((r) => r.deviceId) } }, include: { statusHistory: true } });
    const registrations = await registrationsOf(db(), returns.map((r) => r.deviceId));
    const partyIds = new Map((await db().party.findMany()).map((p) => [p.name, p.id]));
    expect(new Set(returns.map((r) => r.deviceId)).size, "one record per CH").toBe(returns.length);
    for (const r of returns) {
      const device = devices.find((d) => d.id === r.deviceId)!;
      expect(device.deviceType, r.ref).toBe("CHF");
      const everInstalled = device.statusHistory.some((h) => h.toStatus === "INSTALLED_NOT_COMMISSIONED" || h.toStatus === "COMMISSIONED");
      // lib/returns/returns notifyReturn: only the Responsible Supplier returns an installed CH.
      if (everInstalled) expect(registrations.get(r.deviceId)!.map((x) => x.supplierId), r.ref).toContain(partyIds.get(r.party.name));
      // lib/returns/holding: a never-installed CH is returned by the party holding it.
      else expect(device.chHolderPartyId, r.ref).toBe(partyIds.get(r.party.name));
      expect(!!r.returnDueAt, `${r.ref}: the 90-day rule applies to CHFs ever installed`).toBe(everInstalled);
      if (r.returnDueAt) expect(r.returnDueAt.getTime(), r.ref).toBe(endOfLondonDay(new Date(r.removedAt.getTime() + RETURN_RULES.returnDays * DAY)).getTime());
      const since = Math.min(...device.statusHistory.map((h) => h.at.getTime()));
      expect(r.removedAt.getTime(), r.ref).toBeGreaterThan(since);
    }
  });

  it("keeps every record to its machine, its deadlines and the timeline lib/returns writes", async () => {
    const dcc = actorLabel({ name: (await db().account.findUniqueOrThrow({ where: { email: "admin@dcc.demo" } })).name, partyName: "Data and Communications Company" });
    const receivers = new Map((await db().account.findMany({ where: { email: { startsWith: "deliveries@" } }, include: { party: true } })).map((a) => [a.party.name, actorLabel({ name: a.name, partyName: a.party.name })]));
    for (const r of returns) {
      const reason = returnReason(r.reason)!;
      expect(reason.kind, r.ref).toBe(r.kind);
      expect(!!r.faultType, r.ref).toBe(r.kind === "FAULT");
      expect(r.removedAt.getTime(), r.ref).toBe(endOfLondonDay(r.removedAt).getTime());
      expect(r.createdAt.getTime(), r.ref).toBe(r.notifiedAt.getTime());
      const notifyBy = endOfLondonDay(addWorkingDays(r.removedAt, RETURN_RULES.notifyWorkingDays));
      if (r.notifiedVia === "Service Desk") expect(r.notifiedAt.getTime(), r.ref).toBeGreaterThan(notifyBy.getTime());
      else {
        expect(r.notifiedVia, r.ref).toBe(SRV_OF_KIND[r.kind]);
        expect(r.notifiedAt.getTime(), r.ref).toBeLessThanOrEqual(notifyBy.getTime());
      }
      expect(r.notifiedAt.getTime(), r.ref).toBeGreaterThan(r.removedAt.getTime() - DAY);

      // Deadlines by status.
      if (r.status === "LOST") {
        expect(r.device.wanBlockedAt?.getTime(), `${r.ref}: lost CHs are blocked from the SM WAN`).toBe(r.lostAt!.getTime());
      } else {
        expect(r.device.wanBlockedAt, r.ref).toBeNull();
        expect(r.lostAt, r.ref).toBeNull();
      }
      if (["NOTIFIED", "RMA_REQUESTED", "RMA_AUTHORISED"].includes(r.status) && r.returnDueAt) expect(r.returnDueAt.getTime(), `${r.ref}: the job would make it lost`).toBeGreaterThan(now().getTime());
      expect(!!r.rmaId, r.ref).toBe(!["NOTIFIED", "LOST"].includes(r.status) || (r.status === "LOST" && !!r.rmaId));
      if (r.rma) expect(r.rma.chfIds, r.ref).toContain(r.deviceId);
      if (r.receivedAt) {
        expect(r.diagnosisNoticeDueAt!.getTime(), r.ref).toBe(r.receivedAt.getTime() + RETURN_RULES.diagnosisNoticeDays * DAY);
        if (r.returnDueAt) expect(r.receivedAt.getTime(), `${r.ref}: returned within 90 days`).toBeLessThanOrEqual(r.returnDueAt.getTime());
      }
      if (r.status === "RECEIVED") expect(r.diagnosisNoticeDueAt!.getTime(), r.ref).toBeGreaterThan(now().getTime());
      if (r.diagnosisNoticeAt) {
        expect(r.diagnosisNoticeAt.getTime(), r.ref).toBeLessThanOrEqual(r.diagnosisNoticeDueAt!.getTime());
        expect(r.reportDueAt!.getTime(), r.ref).toBe(r.diagnosisNoticeAt.getTime() + RETURN_RULES.reportDays * DAY);
      }
      if (r.status === "UNDER_ANALYSIS") expect(r.reportDueAt!.getTime(), r.ref).toBeGreaterThan(now().getTime());
      if (r.reportAt) {
        expect(r.reportAt.getTime(), r.ref).toBeLessThanOrEqual(r.reportDueAt!.getTime());
        expect([r.dccReason !== r.reason, !!r.reportFinding], r.ref).toEqual([true, true]);
        expect(r.objectionDueAt!.getTime(), r.ref).toBe(r.reportAt.getTime() + RETURN_RULES.objectionDays * DAY);
      }
      if (r.status === "REPORT_ISSUED") expect(r.objectionDueAt!.getTime(), r.ref).toBeGreaterThan(now().getTime());
      if (r.objectedAt) expect(r.objectedAt.getTime(), r.ref).toBeLessThanOrEqual(r.objectionDueAt!.getTime());
      expect(!!r.finalReason && !!r.closedAt, r.ref).toBe(r.status === "CLOSED");

      // The timeline replays through RETURN_TRANSITIONS to the status.
      const [first, ...rest] = r.events;
      const late = r.notifiedVia === "Service Desk" ? ` Notified after the 5-Working-Day limit (${formatLondon(notifyBy, "d MMM yyyy")}).` : "";
      expect([first.kind, first.at.getTime(), first.actorName, first.text], r.ref).toEqual([
        "notified",
        r.notifiedAt.getTime(),
        r.notifiedVia === "Service Desk" ? dcc : receivers.get(r.party.name),
        `${r.notifiedVia}: CH removed on ${formatLondon(r.removedAt, "d MMM yyyy")}, reason ${reasonLabel(r.reason)}${r.faultType ? `, fault type ${r.faultType}` : ""}.${late}`,
      ]);
      let status: ChReturn["status"] = "NOTIFIED";
      for (const e of rest) {
        const next = e.kind.toUpperCase() as ChReturn["status"];
        expect(RETURN_TRANSITIONS[status], `${r.ref}: ${status} -> ${next}`).toContain(next);
        expect(e.at.getTime(), r.ref).toBeLessThan(now().getTime());
        status = next;
        if (next === "RMA_REQUESTED" || next === "OBJECTED") expect(e.actorName, r.ref).toBe(receivers.get(r.party.name));
        if (next === "LOST") expect(e.at.getTime(), r.ref).toBe(r.lostAt!.getTime());
        if (next === "CLOSED") {
          expect(e.at.getTime(), r.ref).toBe(r.closedAt!.getTime());
          expect(e.text, r.ref).toContain(reasonLabel(r.finalReason));
          // The deadline jobs close in the hour after the deadline, as "DCC (automatic)".
          if (e.actorName === "DCC (automatic)") {
            const due = r.objectedAt ? null : r.reportAt ? r.objectionDueAt : r.diagnosisNoticeAt ? r.reportDueAt : r.diagnosisNoticeDueAt;
            expect(e.at.getTime() - due!.getTime(), r.ref).toBeGreaterThan(0);
            expect(e.at.getTime() - due!.getTime(), r.ref).toBeLessThan(HOUR);
          } else expect(e.actorName, r.ref).toBe(dcc);
        }
      }
      expect(status, r.ref).toBe(r.status);
    }
  });

  it("keeps every RMA to its rules: notified CHs of one Region, a Working Day 5 Working Days on, decisions and receipts", () => {
    for (const m of rmas) {
      const location = returnsLocation(m.returnsLocation)!;
      expect(location, m.ref).toBeTruthy();
      const listed = returns.filter((r) => m.chfIds.includes(r.deviceId));
      expect(listed.length, m.ref).toBe(m.chfIds.length);
      for (const r of listed) {
        expect(r.partyId, m.ref).toBe(m.partyId);
        expect(r.device.cspRegion, `${m.ref}: returned to a location of its Region`).toBe(location.region);
        expect(r.notifiedAt.getTime(), `${m.ref}: notified first (CHIMSM 10.5)`).toBeLessThan(m.requestedAt.getTime());
        expect(r.events.some((e) => e.text === `Included in RMA request ${m.ref}.` && e.at.getTime() === m.requestedAt.getTime()), m.ref).toBe(true);
      }
      expect(isWorkingDay(m.preferredReturnDate), m.ref).toBe(true);
      expect(londonDate(m.preferredReturnDate) >= londonDate(addWorkingDays(m.requestedAt, RETURN_RULES.rmaLeadWorkingDays)), m.ref).toBe(true);
      expect(m.contactEmail, m.ref).toMatch(/^deliveries@/);
      const [first, ...rest] = m.events;
      expect([first.kind, first.at.getTime(), first.text], m.ref).toEqual([
        "requested",
        m.requestedAt.getTime(),
        `RMA requested for ${m.chfIds.length} CHs to ${location.name}, preferred Return Date ${formatLondon(m.preferredReturnDate, "EEEE d MMM yyyy")}.`,
      ]);
      let status: ChRma["status"] = "REQUESTED";
      for (const e of rest) {
        const next = e.kind.toUpperCase() as ChRma["status"];
        expect(RMA_TRANSITIONS[status], `${m.ref}: ${status} -> ${next}`).toContain(next);
        status = next;
      }
      expect(status, m.ref).toBe(m.status);
      expect(!!m.decidedAt, m.ref).toBe(m.status !== "REQUESTED");
      if (m.status === "REJECTED") {
        expect(m.decisionReason, m.ref).toBeTruthy();
        expect(m.returns, `${m.ref}: its CHs went back to "notified"`).toEqual([]);
      }
      if (m.status === "AUTHORISED" || m.status === "RECEIVED") {
        expect(m.bookingReference, m.ref).toBe(`BK-${londonDate(m.preferredReturnDate).replaceAll("-", "")}-${String(m.number).padStart(5, "0")}`);
        expect(m.timeslot, m.ref).toBeTruthy();
      } else expect([m.bookingReference, m.timeslot], m.ref).toEqual([null, null]);
      if (m.status === "AUTHORISED") expect(m.returns.every((r) => r.status === "RMA_AUTHORISED"), m.ref).toBe(true);
      if (m.status === "REQUESTED") expect(m.returns.every((r) => r.status === "RMA_REQUESTED"), m.ref).toBe(true);
      if (m.status === "RECEIVED") {
        expect(londonDate(m.receivedAt!), m.ref).toBe(londonDate(m.preferredReturnDate));
        expect(m.returns.every((r) => r.receivedAt?.getTime() === m.receivedAt!.getTime()), m.ref).toBe(true);
        const missing = m.chfIds.length - m.returns.length;
        expect(!!m.discrepancies, m.ref).toBe(missing > 0);
        expect(rest.at(-1)!.text, m.ref).toBe(`Received ${m.returns.length} of ${m.chfIds.length} CHs.${m.discrepancies ? ` Discrepancies: ${m.discrepancies}` : ""}`);
      }
    }
    // A delivery that missed a CH: it is notified again.
    const short = rmas.find((m) => m.discrepancies)!;
    const missing = returns.find((r) => short.chfIds.includes(r.deviceId) && !r.rmaId)!;
    expect(missing.status).toBe("NOTIFIED");
    expect(short.discrepancies).toContain(formatEui64(missing.deviceId));
  });

  it("seeds the DEMO_RETURNS as documented, and leaves the deadline job nothing to do", async () => {
    const d = DEMO_RETURNS;
    expect(FIXED_CHFS).toEqual([DEMO_INVENTORY.removableModel.premises[0].chf, ...DEMO_INVENTORY.removableModel.premises.slice(1, 4).map((p) => p.chf), DEMO_INVENTORY.electricityOnly.chf]);
    const byRef = new Map(returns.map((r) => [r.ref, r]));
    const rmaByRef = new Map(rmas.map((m) => [m.ref, m]));
    for (const demo of [d.brightwaterNotified, d.brightwaterRmaRequested, d.brightwaterRmaAuthorised, d.northgateRmaRequested]) {
      const r = byRef.get(demo.ref)!;
      expect([r.party.name, r.deviceId, r.device.cspRegion, r.status], demo.ref).toEqual([demo.party, demo.chfId, demo.region, demo.status]);
      expect(r.returnDueAt!.getTime(), demo.ref).toBeGreaterThan(now().getTime() + 60 * DAY);
      if ("rma" in demo) {
        const m = rmaByRef.get(demo.rma)!;
        expect([m.party.name, m.status, m.returnsLocation, m.chfIds, r.rmaId], demo.ref).toEqual([demo.party, demo.rmaStatus, demo.returnsLocation, [demo.chfId], m.id]);
      } else expect(r.rmaId, demo.ref).toBeNull();
    }
    const notified = byRef.get(d.brightwaterNotified.ref)!;
    expect([notified.kind, notified.reason]).toEqual([d.brightwaterNotified.kind, d.brightwaterNotified.reason]);
    const requested = rmaByRef.get(d.brightwaterRmaRequested.rma)!;
    expect(londonDate(requested.requestedAt)).toBe(londonDate(addWorkingDays(todayNoon(), -1)));
    const authorised = rmaByRef.get(d.brightwaterRmaAuthorised.rma)!;
    expect([authorised.timeslot, londonDate(authorised.preferredReturnDate)]).toEqual([d.brightwaterRmaAuthorised.timeslot, londonDate(addWorkingDays(todayNoon(), 2))]);
    // The CHF to notify afresh has no record.
    expect(returns.some((r) => r.deviceId === d.notifyFresh.chfId)).toBe(false);
    expect(await applyReturnDeadlines()).toEqual({ closed: 0, lost: 0 });
  });

  it("writes the fixed authorised RMA's timelines in the wording lib/returns uses", () => {
    const d = DEMO_RETURNS.brightwaterRmaAuthorised;
    const r = returns.find((x) => x.ref === d.ref)!;
    const m = rmas.find((x) => x.ref === d.rma)!;
    expect(r.events.map((e) => e.text)).toEqual([
      returnEventText.notified(r.notifiedVia, r.removedAt, r.reason, r.faultType, null),
      returnEventText.rmaRequested(m.ref),
      returnEventText.rmaAuthorised(m.ref, m.bookingReference!),
    ]);
    expect(m.events.filter((e) => !e.returnId).map((e) => e.text)).toEqual([
      rmaEventText.requested(1, m.returnsLocation, m.preferredReturnDate),
      rmaEventText.authorised(m.bookingReference!, m.preferredReturnDate, m.timeslot!, m.returnsLocation),
    ]);
    expect(m.events.at(-1)!.text).toBe(`Authorised: booking reference ${m.bookingReference}, ${formatLondon(m.preferredReturnDate, "EEEE d MMM yyyy")}, ${m.timeslot} at ${returnsLocation(m.returnsLocation)!.name}.`);
  });

  it("lets the fixed records be used as documented", async () => {
    const d = DEMO_RETURNS;
    const brightwater = await actorFor("deliveries@brightwater.demo");
    const northgate = await actorFor("deliveries@northgate.demo");
    const admin = await actorFor("admin@dcc.demo");
    const today = londonDate(now());
    // Notify the fresh CHF; Northgate may not (Brightwater is its Responsible Supplier).
    const fresh = { deviceId: d.notifyFresh.chfId, kind: "FAULT" as const, reason: "f", faultType: "CH Defect" as const, removedOn: today };
    await expect(notifyReturn(northgate, fresh)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db().device.findUniqueOrThrow({ where: { id: d.notifyFresh.chfId } })).chHolderPartyId).toBe(brightwater.partyId);
    const record = await notifyReturn(brightwater, fresh);
    expect(record.number).toBeGreaterThan(returns.length);
    // Request an RMA for the notified one; authorise the requested one; receive the authorised one.
    const preferred = londonDate(addWorkingDays(todayNoon(), 6));
    const rma = await requestRma(brightwater, { chfIds: [d.brightwaterNotified.chfId], returnsLocation: "RL-C1", contactName: "Priya Raman", contactEmail: "deliveries@brightwater.demo", contactPhone: "024 7655 0142", preferredReturnDate: isWorkingDay(new Date(`${preferred}T12:00:00Z`)) ? preferred : londonDate(addWorkingDays(todayNoon(), 7)) });
    expect(rma.number).toBeGreaterThan(rmas.length);
    await decideRma(admin, { ref: d.brightwaterRmaRequested.rma, decision: "AUTHORISED", timeslot: "08:00-10:00" });
    expect(await recordRmaReceipt(admin, { ref: d.brightwaterRmaAuthorised.rma, receivedChfIds: [d.brightwaterRmaAuthorised.chfId] })).toEqual({ received: 1, missing: 0 });
    // Northgate does not find Brightwater's records.
    await expect(reportReturnLost(northgate, { ref: d.brightwaterNotified.ref, note: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("CH returns plan", () => {
  it("is deterministic for a seed and day, is what was seeded, and holds the fixed records whatever the day", async () => {
    const today = seedDayStart(now());
    const seeded = planReturns(await loadReturnContext(db(), { seed: DEFAULT_SEED, base: today }), { seed: DEFAULT_SEED, base: today });
    expect(seeded.returns.map((r) => [r.ref, r.deviceId, r.status])).toEqual(returns.map((r) => [r.ref, r.deviceId, r.status]));
    for (let t = today.getTime(); t < today.getTime() + 400 * DAY; t += 23 * DAY) {
      const base = seedDayStart(new Date(t + 12 * HOUR));
      const ctx = await loadReturnContext(db(), { seed: DEFAULT_SEED, base });
      const plan = planReturns(ctx, { seed: DEFAULT_SEED, base });
      const label = londonDate(base);
      expect(JSON.stringify(planReturns(ctx, { seed: DEFAULT_SEED, base })), label).toBe(JSON.stringify(plan));
      expect(new Set(plan.returns.filter((r) => r.party === "Brightwater Energy").map((r) => r.status)).size, label).toBe(9);
      expect(new Set(plan.rmas.filter((m) => m.party === "Brightwater Energy").map((m) => m.status)).size, label).toBe(4);
      for (const r of plan.returns) {
        expect(r.events.every((e) => e.at.getTime() < base.getTime()), `${label} ${r.ref}`).toBe(true);
        if (["NOTIFIED", "RMA_REQUESTED", "RMA_AUTHORISED"].includes(r.status) && r.returnDueAt) expect(r.returnDueAt.getTime(), `${label} ${r.ref}`).toBeGreaterThan(base.getTime());
        if (r.status === "RECEIVED") expect(r.diagnosisNoticeDueAt!.getTime(), `${label} ${r.ref}`).toBeGreaterThan(base.getTime());
        if (r.status === "UNDER_ANALYSIS") expect(r.reportDueAt!.getTime(), `${label} ${r.ref}`).toBeGreaterThan(base.getTime());
        if (r.status === "REPORT_ISSUED") expect(r.objectionDueAt!.getTime(), `${label} ${r.ref}`).toBeGreaterThan(base.getTime());
      }
      for (const m of plan.rmas) expect(m.events.every((e) => e.at.getTime() < base.getTime()), `${label} ${m.ref}`).toBe(true);
      const byRef = new Map(plan.returns.map((r) => [r.ref, r]));
      for (const demo of [DEMO_RETURNS.brightwaterNotified, DEMO_RETURNS.brightwaterRmaRequested, DEMO_RETURNS.brightwaterRmaAuthorised, DEMO_RETURNS.northgateRmaRequested]) {
        expect([byRef.get(demo.ref)!.status, byRef.get(demo.ref)!.deviceId], `${label} ${demo.ref}`).toEqual([demo.status, demo.chfId]);
      }
      const authorised = plan.rmas.find((m) => m.ref === DEMO_RETURNS.brightwaterRmaAuthorised.rma)!;
      expect(authorised.preferredReturnDate.getTime(), label).toBeGreaterThan(base.getTime() + DAY);
    }
  }, 60_000);

  it("seeds only the fixed records when the inventory has nothing else to return", async () => {
    const base = seedDayStart(now());
    const ctx = await loadReturnContext(db(), { seed: DEFAULT_SEED, base });
    const plan = planReturns({ ...ctx, chfs: [] }, { seed: DEFAULT_SEED, base });
    expect(plan.returns.map((r) => r.ref)).toEqual(["RET0000001", "RET0000002", "RET0000003", "RET0000004"]);
    expect(plan.rmas.map((m) => m.ref)).toEqual(["RMA0000001", "RMA0000002", "RMA0000003"]);
  });
});
