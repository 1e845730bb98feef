// CH returns demo data (issue 5; service.md §1.5): returns records, RMAs and their timelines for the demo suppliers over
// the last 12 months, in every status, as lib/returns (returns, rma, diagnosis, status) writes them.
//
// The CHFs are real devices of the seeded inventory: the fixed records (DEMO_RETURNS) use DEMO_INVENTORY's, the
// generated ones CHFs whose Responsible Supplier is the party (registrationsOf, unchanged for over a year, installed
// over a year ago: "removed" at the return) or, for a few returned before installation, CHFs never installed (no
// 90-day rule). So how much is generated depends on the inventory size: with `devices: 0` only the fixed records are.
//
// Brightwater Energy has a record in every ChReturnStatus and an RMA in every ChRmaStatus: a notified CH with no RMA,
// RMAs requested, authorised, rejected (its CH back to "notified") and received (one CH missing from a delivery),
// received CHs awaiting the diagnosis notice, under analysis, with a Fault Analysis Report, objected to, closed (reason
// accepted, settled, or by the deadline jobs) and lost (not returned within 90 days, or reported lost), the lost CHs
// blocked from the SM WAN. The other suppliers have a few each; Northgate Power only its fixed one (isolation tests).
//
// Deterministic for a given seed, inventory and London day: every random choice comes from a hash of the seed.
import type { PrismaClient } from "@/generated/prisma/client";
import type { ChReturnKind, ChReturnStatus, ChRmaStatus, CspRegion } from "@/generated/prisma/enums";
import { actorLabel } from "@/lib/auth/actor";
import { addWorkingDates, addWorkingDays, endOfLondonDay, londonAt, londonDate, now, shiftLondonDate } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { omsRef } from "@/lib/orders/oms-notices";
import { RETURN_RULES, SRV_OF_KIND } from "@/lib/returns/catalog";
import { returnEventText, rmaEventText } from "@/lib/returns/event-texts";
import { registrationsOf } from "@/lib/smi/registrations";
import { DEMO_RETURNS } from "./demo-returns";
import { DEMO_INVENTORY } from "./inventory";
import { SUPPLIERS } from "./orders";
import { DEMO_PARTIES } from "./parties";
import { rng, type Rng } from "./random";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

// ─── Context: parties, the DCC, the CHFs to return ─────────────────────────────────────────────────────────────

export interface ReturnableChf {
  id: string;
  region: CspRegion;
  /** Ever installed (the 90-day rule applies); otherwise never installed and returned by whoever holds it. */
  installed: boolean;
  /** The Responsible Supplier (installed), or the demo supplier holding it (never installed). */
  party: string;
  /** Installed, or (never installed) added to the SMI: a return's removal is well after it. */
  since: Date;
}

export interface ReturnContext {
  parties: { id: string; name: string; domain: string; phone: string; receiver: { id: string; name: string } }[];
  dcc: { name: string; partyName: string };
  /** Generated CHFs that may be returned, in a seeded order (the fixed demo CHFs are not among them). */
  chfs: ReturnableChf[];
}

/** The DEMO_INVENTORY CHFs the fixed records use (and the one left to notify). */
export const FIXED_CHFS = [
  DEMO_RETURNS.notifyFresh.chfId,
  DEMO_RETURNS.brightwaterNotified.chfId,
  DEMO_RETURNS.brightwaterRmaRequested.chfId,
  DEMO_RETURNS.brightwaterRmaAuthorised.chfId,
  DEMO_RETURNS.northgateRmaRequested.chfId,
];

/** How many generated CHFs are looked at (in a seeded order): plenty for the scenarios, cheap to check. */
const CANDIDATES = 900;

export async function loadReturnContext(db: PrismaClient, opts: { seed: number; base: Date }): Promise<ReturnContext> {
  const parties = [];
  for (const supplier of SUPPLIERS) {
    const domain = DEMO_PARTIES.find((p) => p.name === supplier.name)!.domain;
    const party = await db.party.findFirst({ where: { name: supplier.name }, select: { id: true } });
    const receiver = await db.account.findUnique({ where: { email: `deliveries@${domain}` }, select: { id: true, name: true } });
    if (!party || !receiver) throw new Error(`seedReturns: demo supplier "${supplier.name}" or its deliveries@ account is missing (seed parties first)`);
    parties.push({ id: party.id, name: supplier.name, domain, phone: supplier.phone, receiver });
  }
  const dccParty = DEMO_PARTIES.find((p) => p.isDcc)!;
  const dcc = await db.account.findUnique({ where: { email: `admin@${dccParty.domain}` }, select: { name: true } });
  if (!dcc) throw new Error("seedReturns: the DCC admin account is missing (seed parties first)");
  const fixed = await db.device.count({ where: { id: { in: FIXED_CHFS }, deviceType: "CHF" } });
  if (fixed !== FIXED_CHFS.length) throw new Error("seedReturns: the DEMO_INVENTORY CHFs are missing (seed the inventory first)");

  const rows = await db.$queryRawUnsafe<{ id: string; region: CspRegion; status: string; createdAt: Date; installedAt: Date | null }[]>(
    `SELECT d.id, d."cspRegion" AS region, d.status, d."createdAt",
       (SELECT min(sc.at) FROM "DeviceStatusChange" sc WHERE sc."deviceId" = d.id AND sc."toStatus" IN ('INSTALLED_NOT_COMMISSIONED', 'COMMISSIONED')) AS "installedAt"
     FROM "Device" d
     WHERE d."deviceType" = 'CHF' AND d."cspRegion" IS NOT NULL AND d.id <> ALL($1::text[])
       AND (d.status IN ('COMMISSIONED', 'INSTALLED_NOT_COMMISSIONED') OR (d.status = 'PENDING' AND d."createdAt" < $3::timestamp(3)))
     ORDER BY md5(d.id || $2) LIMIT ${CANDIDATES}`,
    [...DEMO_INVENTORY.removableModel.premises.map((p) => p.chf), DEMO_INVENTORY.dualFuel.chf, DEMO_INVENTORY.electricityOnly.chf],
    String(opts.seed),
    // A CH never installed was delivered over 60 days ago: the DCC's stock (added in the last 8 weeks) was delivered to nobody.
    new Date(opts.base.getTime() - 60 * DAY).toISOString(),
  );
  const installed = rows.filter((r) => r.installedAt);
  const registrations = await registrationsOf(db, installed.map((r) => r.id));
  const nameOf = new Map(parties.map((p) => [p.id, p.name]));
  const yearAgo = opts.base.getTime() - 400 * DAY;
  const chfs: ReturnableChf[] = [];
  let holder = 0;
  for (const row of rows) {
    if (row.installedAt) {
      // One Responsible Supplier, a demo supplier, unchanged since well before the removals.
      const regs = registrations.get(row.id) ?? [];
      const suppliers = new Set(regs.map((r) => r.supplierId));
      if (suppliers.size !== 1 || !nameOf.has(regs[0].supplierId) || regs.some((r) => r.effectiveFrom.getTime() > yearAgo) || row.installedAt.getTime() > yearAgo) continue;
      chfs.push({ id: row.id, region: row.region, installed: true, party: nameOf.get(regs[0].supplierId)!, since: row.installedAt });
    } else if (row.status === "PENDING") {
      chfs.push({ id: row.id, region: row.region, installed: false, party: parties[holder++ % parties.length].name, since: row.createdAt });
    }
  }
  return { parties, dcc: { name: dcc.name, partyName: dccParty.name }, chfs };
}

// ─── Plan ──────────────────────────────────────────────────────────────────────────────────────────────────────

export interface PlannedEvent {
  at: Date;
  actorName: string;
  kind: string;
  text: string;
}

export interface PlannedReturn {
  number: number;
  ref: string;
  party: string;
  deviceId: string;
  kind: ChReturnKind;
  reason: string;
  faultType: string | null;
  note: string | null;
  removedAt: Date;
  notifiedAt: Date;
  notifiedVia: string;
  returnDueAt: Date | null;
  status: ChReturnStatus;
  /** The number of its RMA, while on one. */
  rma: number | null;
  receivedAt: Date | null;
  diagnosisNoticeDueAt: Date | null;
  diagnosisNoticeAt: Date | null;
  reportDueAt: Date | null;
  reportAt: Date | null;
  reportFinding: string | null;
  dccReason: string | null;
  objectionDueAt: Date | null;
  objectedAt: Date | null;
  finalReason: string | null;
  closedAt: Date | null;
  lostAt: Date | null;
  events: PlannedEvent[];
}

export interface PlannedRma {
  number: number;
  ref: string;
  party: string;
  returnsLocation: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  preferredReturnDate: Date;
  chfIds: string[];
  status: ChRmaStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decisionReason: string | null;
  bookingReference: string | null;
  timeslot: string | null;
  receivedAt: Date | null;
  discrepancies: string | null;
  events: PlannedEvent[];
}

export interface ReturnsPlan {
  returns: PlannedReturn[];
  rmas: PlannedRma[];
  /** Devices blocked from the SM WAN (lost CHs), with when. */
  blocked: { deviceId: string; at: Date }[];
}

type Text = (refs: { ret: (r: ReturnDraft) => string; rma: (m: RmaDraft) => string; booking: (m: RmaDraft) => string }) => string;
interface DraftEvent {
  at: Date;
  actorName: string;
  kind: string;
  text: Text;
}
type ReturnDraft = Omit<PlannedReturn, "number" | "ref" | "rma" | "events"> & { fixed?: number; rma: RmaDraft | null; events: DraftEvent[]; chf: ReturnableChf };
type RmaDraft = Omit<PlannedRma, "number" | "ref" | "bookingReference" | "events"> & { fixed?: number; authorised: boolean; events: DraftEvent[] };

const FINDINGS = {
  damage: {
    dccReason: "d",
    finding: "Visual inspection: the casing is cracked at the mounting lugs, with impact marks on the top cover, consistent with a drop while the party carried the risk; electronic tests were not run on a damaged unit (CHIMSM 11.4-11.6).",
  },
  noFault: {
    dccReason: "e",
    finding: "Visual inspection found no damage, loose parts, tampering or contamination; the unit passed the electronic tests (SM WAN attach, HAN join, firmware integrity): no fault found (CHIMSM 11.4-11.6).",
  },
} as const;

class ReturnsPlanner {
  readonly today: string;
  readonly returns: ReturnDraft[] = [];
  readonly rmas: RmaDraft[] = [];
  private readonly pools = new Map<string, ReturnableChf[]>();

  constructor(
    readonly seed: number,
    readonly ctx: ReturnContext,
    readonly base: Date,
  ) {
    this.today = londonDate(base);
    for (const chf of ctx.chfs) this.pools.set(chf.party, [...(this.pools.get(chf.party) ?? []), chf]);
  }

  /** `n` Working Days before the seed day, as a London date. */
  wd(n: number): string {
    return addWorkingDates(this.today, -n);
  }

  /** `n` calendar days before the seed day, as a London date. */
  cd(n: number): string {
    return shiftLondonDate(this.today, -n);
  }

  party(name: string) {
    return this.ctx.parties.find((p) => p.name === name)!;
  }

  get dcc() {
    return actorLabel(this.ctx.dcc);
  }

  partyActor(party: string) {
    return actorLabel({ name: this.party(party).receiver.name, partyName: party });
  }

  /** Generated CHFs of the party: `count` installed ones in one Region (the one it has most of), or never-installed ones. */
  take(party: string, count: number, opts: { installed: boolean; region?: CspRegion; removedBefore: Date }): ReturnableChf[] | null {
    const pool = (this.pools.get(party) ?? []).filter((c) => c.installed === opts.installed && c.since.getTime() < opts.removedBefore.getTime() - 30 * DAY);
    const regions = opts.region ? [opts.region] : (["NORTH", "CENTRAL", "SOUTH"] as const).slice().sort((a, b) => pool.filter((c) => c.region === b).length - pool.filter((c) => c.region === a).length);
    const chosen = pool.filter((c) => c.region === regions[0]).slice(0, count);
    if (chosen.length < count) return null;
    this.pools.set(
      party,
      this.pools.get(party)!.filter((c) => !chosen.includes(c)),
    );
    return chosen;
  }

  // ─── lib/returns, step by step ───

  /** notifyReturn: SRV 8.14.3 / 8.14.4 by the party, or the Service Desk's record (CHIMSM 9.9). */
  notify(chf: ReturnableChf, party: string, removedDay: string, at: Date, what: { kind: ChReturnKind; reason: string; faultType?: string; note?: string; viaServiceDesk?: boolean }, fixed?: number): ReturnDraft {
    const removedAt = endOfLondonDay(new Date(`${removedDay}T12:00:00Z`));
    const notifyBy = endOfLondonDay(addWorkingDays(removedAt, RETURN_RULES.notifyWorkingDays));
    const notifiedVia = what.viaServiceDesk ? "Service Desk" : SRV_OF_KIND[what.kind];
    const faultType = what.kind === "FAULT" ? (what.faultType ?? "CH Defect") : null;
    const r: ReturnDraft = {
      fixed,
      chf,
      party,
      deviceId: chf.id,
      kind: what.kind,
      reason: what.reason,
      faultType,
      note: what.note ?? null,
      removedAt,
      notifiedAt: at,
      notifiedVia,
      returnDueAt: chf.installed ? endOfLondonDay(new Date(removedAt.getTime() + RETURN_RULES.returnDays * DAY)) : null,
      status: "NOTIFIED",
      rma: null,
      receivedAt: null,
      diagnosisNoticeDueAt: null,
      diagnosisNoticeAt: null,
      reportDueAt: null,
      reportAt: null,
      reportFinding: null,
      dccReason: null,
      objectionDueAt: null,
      objectedAt: null,
      finalReason: null,
      closedAt: null,
      lostAt: null,
      events: [],
    };
    const text = returnEventText.notified(notifiedVia, removedAt, what.reason, faultType, at > notifyBy ? notifyBy : null);
    r.events.push({ at, actorName: what.viaServiceDesk ? this.dcc : this.partyActor(party), kind: "notified", text: () => text });
    this.returns.push(r);
    return r;
  }

  /** moveReturn: the status, the fields and the timeline event. */
  move(r: ReturnDraft, to: ChReturnStatus, at: Date, actorName: string, text: Text, data: Partial<ReturnDraft> = {}) {
    Object.assign(r, data, { status: to });
    r.events.push({ at, actorName, kind: to.toLowerCase(), text });
  }

  /** requestRma: the CHs of one Region to one of its Returns Locations, on a Working Day at least 5 Working Days on. */
  requestRma(records: ReturnDraft[], at: Date, location: string, preferredDay: string, fixed?: number): RmaDraft {
    const party = this.party(records[0].party);
    const preferredReturnDate = new Date(`${preferredDay}T12:00:00Z`);
    const m: RmaDraft = {
      fixed,
      party: party.name,
      returnsLocation: location,
      contactName: party.receiver.name,
      contactEmail: `deliveries@${party.domain}`,
      contactPhone: party.phone,
      preferredReturnDate,
      chfIds: records.map((r) => r.deviceId),
      status: "REQUESTED",
      requestedAt: at,
      decidedAt: null,
      decisionReason: null,
      authorised: false,
      timeslot: null,
      receivedAt: null,
      discrepancies: null,
      events: [],
    };
    const actor = this.partyActor(party.name);
    for (const r of records) this.move(r, "RMA_REQUESTED", at, actor, ({ rma }) => returnEventText.rmaRequested(rma(m)), { rma: m });
    m.events.push({ at, actorName: actor, kind: "requested", text: () => rmaEventText.requested(records.length, location, preferredReturnDate) });
    this.rmas.push(m);
    return m;
  }

  /** decideRma AUTHORISED: booking reference, timeslot (the label can be printed). */
  authorise(m: RmaDraft, at: Date, timeslot: string) {
    Object.assign(m, { status: "AUTHORISED", decidedAt: at, authorised: true, timeslot });
    for (const r of this.onRma(m)) this.move(r, "RMA_AUTHORISED", at, this.dcc, ({ rma, booking }) => returnEventText.rmaAuthorised(rma(m), booking(m)));
    m.events.push({ at, actorName: this.dcc, kind: "authorised", text: ({ booking }) => rmaEventText.authorised(booking(m), m.preferredReturnDate, timeslot, m.returnsLocation) });
  }

  /** decideRma REJECTED: its CHs go back to "notified" and need a new RMA. */
  rejectRma(m: RmaDraft, at: Date, reason: string) {
    Object.assign(m, { status: "REJECTED", decidedAt: at, decisionReason: reason });
    for (const r of this.onRma(m)) this.move(r, "NOTIFIED", at, this.dcc, ({ rma }) => returnEventText.rmaRejected(rma(m)), { rma: null });
    m.events.push({ at, actorName: this.dcc, kind: "rejected", text: () => rmaEventText.rejected(reason) });
  }

  /** recordRmaReceipt: the CHs that arrived are received (the diagnosis clock starts); the rest need a new RMA. */
  receive(m: RmaDraft, at: Date, missing: ReturnDraft[] = []) {
    const records = this.onRma(m);
    const discrepancies = missing.length ? `${missing.map((r) => formatEui64(r.deviceId)).join(", ")} not in the delivery: ${records.length - missing.length} CHs on the pallet against ${records.length} on the RMA.` : null;
    Object.assign(m, { status: "RECEIVED", receivedAt: at, discrepancies });
    const noticeDue = new Date(at.getTime() + RETURN_RULES.diagnosisNoticeDays * DAY);
    for (const r of records) {
      if (missing.includes(r)) this.move(r, "NOTIFIED", at, this.dcc, ({ rma }) => returnEventText.notInDelivery(rma(m)), { rma: null });
      else this.move(r, "RECEIVED", at, this.dcc, ({ rma }) => returnEventText.received(m.returnsLocation, rma(m), noticeDue), { receivedAt: at, diagnosisNoticeDueAt: noticeDue });
    }
    m.events.push({ at, actorName: this.dcc, kind: "received", text: () => rmaEventText.received(records.length - missing.length, records.length, discrepancies) });
  }

  onRma(m: RmaDraft) {
    return this.returns.filter((r) => r.rma === m);
  }

  /** startDiagnosis: "further analysis required". */
  diagnose(r: ReturnDraft, at: Date) {
    const reportDueAt = new Date(at.getTime() + RETURN_RULES.reportDays * DAY);
    this.move(r, "UNDER_ANALYSIS", at, this.dcc, () => returnEventText.underAnalysis(reportDueAt), { diagnosisNoticeAt: at, reportDueAt });
  }

  /** acceptReturnReason. */
  accept(r: ReturnDraft, at: Date) {
    this.move(r, "CLOSED", at, this.dcc, () => returnEventText.reasonAccepted(r.reason), { finalReason: r.reason, closedAt: at });
  }

  /** issueFaultAnalysisReport: the DCC disputes the reason. */
  report(r: ReturnDraft, at: Date, finding: (typeof FINDINGS)[keyof typeof FINDINGS]) {
    const objectionDueAt = new Date(at.getTime() + RETURN_RULES.objectionDays * DAY);
    const text = returnEventText.reportIssued(finding.dccReason, r.reason, finding.finding, objectionDueAt);
    this.move(r, "REPORT_ISSUED", at, this.dcc, () => text, { reportAt: at, reportFinding: finding.finding, dccReason: finding.dccReason, objectionDueAt });
  }

  /** objectToReport (by the party, through the Service Desk). */
  object(r: ReturnDraft, at: Date, text: string) {
    this.move(r, "OBJECTED", at, this.partyActor(r.party), () => returnEventText.objected(text), { objectedAt: at });
  }

  /** settleObjection: agreement or the Panel's decision. */
  settle(r: ReturnDraft, at: Date, finalReason: string, note: string) {
    this.move(r, "CLOSED", at, this.dcc, () => returnEventText.settled(finalReason, note), { finalReason, closedAt: at });
  }

  /** applyReturnDeadlines for a received, analysed or reported record: the job's next hourly run after the deadline. */
  deadline(r: ReturnDraft, rnd: Rng) {
    const due = r.status === "RECEIVED" ? r.diagnosisNoticeDueAt! : r.status === "UNDER_ANALYSIS" ? r.reportDueAt! : r.objectionDueAt!;
    const at = new Date(due.getTime() + rnd.int(1, 59) * MINUTE);
    const stands = r.status === "REPORT_ISSUED" ? r.dccReason! : r.reason;
    const text = returnEventText.closedByDeadline(r.status, stands);
    this.move(r, "CLOSED", at, actorLabel(null), () => text, { finalReason: stands, closedAt: at });
  }

  /** applyReturnDeadlines: not returned within 90 days of removal, lost or stolen and blocked from the SM WAN. */
  lostByDeadline(r: ReturnDraft, rnd: Rng) {
    const at = new Date(r.returnDueAt!.getTime() + rnd.int(1, 59) * MINUTE);
    this.move(r, "LOST", at, actorLabel(null), () => returnEventText.lostByDeadline(), { lostAt: at });
  }

  /** reportReturnLost (F8.17). */
  reportLost(r: ReturnDraft, at: Date, note: string) {
    this.move(r, "LOST", at, this.partyActor(r.party), () => returnEventText.reportedLost(note), { lostAt: at });
  }

  // ─── Scenarios ───

  /** A Working Day at a daytime hour. */
  at(r: Rng, day: string, from = 9, to = 16) {
    return londonAt(day, r.int(from, to), r.int(0, 59));
  }

  /** Removal `daysBefore` calendar days before `day`, notified 1-2 Working Days later by the party (or late, by the Service Desk). */
  removal(rnd: Rng, chf: ReturnableChf, party: string, removedDay: string, what: Parameters<ReturnsPlanner["notify"]>[4]) {
    const notified = what.viaServiceDesk ? addWorkingDates(removedDay, rnd.int(7, 9)) : addWorkingDates(removedDay, rnd.int(1, 2));
    return this.notify(chf, party, removedDay, this.at(rnd, notified), what);
  }

  /** An RMA for the records: requested `requestDay`, the DCC answering a Working Day later, returned `returnDay`. */
  rmaFor(rnd: Rng, records: ReturnDraft[], requestDay: string, returnDay: string, locationIndex = 1) {
    const location = `RL-${records[0].chf.region[0]}${locationIndex}`;
    return this.requestRma(records, this.at(rnd, requestDay), location, returnDay);
  }

  fixedRecords() {
    const d = DEMO_RETURNS;
    const r = rng(this.seed, "returns", "fixed");
    const fixedChf = (id: string, party: string): ReturnableChf => ({ id, region: "CENTRAL", installed: true, party, since: new Date(0) });
    const fault = { kind: "FAULT" as const, reason: "f", faultType: "CH Defect", note: "No SM WAN connection after installation; CH replaced under the fault procedure." };

    this.notify(fixedChf(d.brightwaterNotified.chfId, d.brightwaterNotified.party), d.brightwaterNotified.party, this.wd(3), londonAt(this.wd(2), 10, 15), fault, 1);

    const requested = this.notify(fixedChf(d.brightwaterRmaRequested.chfId, d.brightwaterRmaRequested.party), d.brightwaterRmaRequested.party, this.wd(8), londonAt(this.wd(6), 11, 40), { ...fault, faultType: "Fault procedure (CHIMSM 8.8)" }, 2);
    this.requestRma([requested], londonAt(this.wd(1), 14, 20), d.brightwaterRmaRequested.returnsLocation, addWorkingDates(this.wd(1), 6), 1);

    const authorised = this.notify(fixedChf(d.brightwaterRmaAuthorised.chfId, d.brightwaterRmaAuthorised.party), d.brightwaterRmaAuthorised.party, this.wd(15), londonAt(this.wd(13), 9, 5), { kind: "NO_FAULT", reason: "e" }, 3);
    const rma = this.requestRma([authorised], londonAt(this.wd(7), 15, 45), d.brightwaterRmaAuthorised.returnsLocation, addWorkingDates(this.today, 2), 2);
    this.authorise(rma, londonAt(this.wd(6), 10, 30), d.brightwaterRmaAuthorised.timeslot);

    const northgate = this.notify(fixedChf(d.northgateRmaRequested.chfId, d.northgateRmaRequested.party), d.northgateRmaRequested.party, this.wd(6), this.at(r, this.wd(5)), { ...fault, faultType: "Physical damage", reason: "d", note: "Casing cracked when the meter board was replaced." }, 4);
    this.requestRma([northgate], this.at(r, this.wd(2)), d.northgateRmaRequested.returnsLocation, addWorkingDates(this.wd(2), 7), 3);
  }

  /** Brightwater: every status, every RMA status (each scenario only when the inventory has the CHFs for it). */
  brightwater() {
    const party = DEMO_RETURNS.brightwaterNotified.party;
    const r = rng(this.seed, "returns", party);
    const base = this.base;
    const defect = { kind: "FAULT" as const, reason: "f", faultType: "CH Defect" };
    const timeslot = () => r.pick(["08:00-10:00", "10:00-12:00", "12:00-14:00", "14:00-16:00"]);
    /** An RMA received on `receiptDay` for CHFs removed 2-5 weeks before it (requested 6 Working Days before). */
    const received = (count: number, receiptDay: string, kinds: Parameters<ReturnsPlanner["notify"]>[4][], missing = 0) => {
      const requestDay = addWorkingDates(receiptDay, -6);
      const chfs = this.take(party, count, { installed: true, removedBefore: new Date(`${requestDay}T00:00:00Z`) });
      if (!chfs) return null;
      // Notified before the request: a late Service Desk record 7-9 Working Days after the removal, others 1-2.
      const records = chfs.map((chf, i) => this.removal(r, chf, party, shiftLondonDate(requestDay, -(kinds[i % kinds.length].viaServiceDesk ? r.int(18, 25) : r.int(8, 25))), kinds[i % kinds.length]));
      const rma = this.rmaFor(r, records, requestDay, receiptDay, r.int(1, 2));
      this.authorise(rma, this.at(r, addWorkingDates(requestDay, 1)), timeslot());
      this.receive(rma, londonAt(receiptDay, Number(rma.timeslot!.slice(0, 2)), r.int(5, 50)), records.slice(count - missing));
      return records;
    };
    const day = (d: Date, workingDays: number) => this.at(r, addWorkingDates(londonDate(d), workingDays));

    // Lost: not returned within 90 days (notified, never booked), and reported lost by the party.
    const [lostChf] = this.take(party, 1, { installed: true, removedBefore: new Date(base.getTime() - 140 * DAY) }) ?? [];
    if (lostChf) this.lostByDeadline(this.removal(r, lostChf, party, this.cd(140), { kind: "NO_FAULT", reason: "e" }), r);
    const [stolenChf] = this.take(party, 1, { installed: true, removedBefore: new Date(base.getTime() - 50 * DAY) }) ?? [];
    if (stolenChf) {
      const stolen = this.removal(r, stolenChf, party, this.cd(50), defect);
      this.reportLost(stolen, day(stolen.notifiedAt, 8), "Stolen with the installer's van before it could be returned (police reference CV/2291/26).");
    }

    // An RMA rejected: its CH is notified again, awaiting a new RMA.
    const [rejectedChf] = this.take(party, 1, { installed: true, removedBefore: new Date(base.getTime() - 26 * DAY) }) ?? [];
    if (rejectedChf) {
      const record = this.removal(r, rejectedChf, party, this.cd(26), { kind: "NO_FAULT", reason: "a" });
      const requestDay = addWorkingDates(londonDate(record.notifiedAt), 2);
      const rma = this.rmaFor(r, [record], requestDay, addWorkingDates(requestDay, 5));
      this.rejectRma(rma, day(rma.requestedAt, 1), "The Returns Location is closed for its stocktake on the preferred Return Date; request again for a date in the following week.");
    }

    // Received 3 Working Days ago: one awaiting the diagnosis notice, one under analysis, one missing from the pallet.
    const recent = received(3, this.wd(3), [defect, { kind: "FAULT", reason: "d", faultType: "Physical damage" }, { kind: "NO_FAULT", reason: "c" }], 1);
    if (recent) this.diagnose(recent[1], day(recent[1].receivedAt!, 1));

    // Received about 30 days ago: a report the party may still object to, a reason accepted, one closed by the deadline.
    const month = received(3, this.wd(22), [defect, { kind: "NO_FAULT", reason: "b" }, { ...defect, viaServiceDesk: true }]);
    if (month) {
      this.diagnose(month[0], day(month[0].receivedAt!, 2));
      this.report(month[0], day(month[0].diagnosisNoticeAt!, 10), FINDINGS.damage);
      this.accept(month[1], day(month[1].receivedAt!, 3));
      this.deadline(month[2], r);
    }

    // Received about 110 days ago: objected (with the Service Desk), settled, and a report that stood.
    const older = received(3, this.wd(78), [defect, defect, { kind: "FAULT", reason: "f", faultType: "Fault procedure (CHIMSM 8.8)" }]);
    if (older) {
      const [objected, settled, stood] = older;
      this.diagnose(objected, day(objected.receivedAt!, 2));
      this.report(objected, day(objected.diagnosisNoticeAt!, 15), FINDINGS.damage);
      this.object(objected, day(objected.reportAt!, 10), "The CH was fitted to the installation procedure; the cracks match the known mounting-lug weakness of this model. Install photos are with the Service Desk.");
      this.diagnose(settled, day(settled.receivedAt!, 1));
      this.report(settled, day(settled.diagnosisNoticeAt!, 12), FINDINGS.noFault);
      this.object(settled, day(settled.reportAt!, 5), "The CH dropped its SM WAN connection daily at the premises; the logs are with the Service Desk.");
      this.settle(settled, day(settled.objectedAt!, 20), "f", "Agreed with the party after a review of the CH's SM WAN logs.");
      this.diagnose(stood, day(stood.receivedAt!, 2));
      this.report(stood, day(stood.diagnosisNoticeAt!, 20), FINDINGS.noFault);
      this.deadline(stood, r);
    }

    // Received about 200 days ago: no report in time (the party's reason stands), and a CH returned before installation.
    const requestDay = addWorkingDates(this.wd(140), -6);
    const oldest = this.take(party, 1, { installed: true, removedBefore: new Date(`${requestDay}T00:00:00Z`) });
    const unused = oldest && this.take(party, 1, { installed: false, region: oldest[0].region, removedBefore: new Date(`${requestDay}T00:00:00Z`) });
    if (oldest && unused) {
      const analysed = this.removal(r, oldest[0], party, shiftLondonDate(requestDay, -20), { ...defect, viaServiceDesk: true });
      const returned = this.removal(r, unused[0], party, shiftLondonDate(requestDay, -12), { kind: "NO_FAULT", reason: "e", note: "Surplus stock returned before installation (F8.7(a))." });
      const rma = this.rmaFor(r, [analysed, returned], requestDay, this.wd(140), 2);
      this.authorise(rma, day(rma.requestedAt, 1), timeslot());
      this.receive(rma, londonAt(this.wd(140), Number(rma.timeslot!.slice(0, 2)), 20));
      this.diagnose(analysed, day(analysed.receivedAt!, 3));
      this.deadline(analysed, r);
      this.accept(returned, day(returned.receivedAt!, 5));
    }
  }

  /** The other suppliers (not Northgate): a recent notification, an authorised RMA, and an RMA closed some weeks ago. */
  others() {
    for (const party of this.ctx.parties.map((p) => p.name)) {
      if (party === DEMO_RETURNS.brightwaterNotified.party || party === DEMO_RETURNS.northgateRmaRequested.party) continue;
      const r = rng(this.seed, "returns", party);
      const [fresh] = this.take(party, 1, { installed: true, removedBefore: new Date(this.base.getTime() - 10 * DAY) }) ?? [];
      if (fresh) this.removal(r, fresh, party, this.cd(r.int(6, 12)), { kind: "FAULT", reason: "f", faultType: "CH Defect" });
      const booked = this.take(party, 1, { installed: true, removedBefore: new Date(this.base.getTime() - 30 * DAY) });
      if (booked) {
        const record = this.removal(r, booked[0], party, this.cd(r.int(20, 30)), { kind: "NO_FAULT", reason: "e" });
        const requestDay = this.wd(r.int(2, 4));
        const rma = this.rmaFor(r, [record], requestDay, addWorkingDates(requestDay, 7), r.int(1, 2));
        this.authorise(rma, this.at(r, addWorkingDates(requestDay, 1)), r.pick(["08:00-10:00", "12:00-14:00"]));
      }
      const receiptDay = this.wd(r.int(30, 40));
      const requestDay = addWorkingDates(receiptDay, -6);
      const closed = this.take(party, 2, { installed: true, removedBefore: new Date(`${requestDay}T00:00:00Z`) });
      if (closed) {
        const records = closed.map((chf) => this.removal(r, chf, party, shiftLondonDate(requestDay, -r.int(8, 20)), { kind: "FAULT", reason: "f", faultType: "CH Defect" }));
        const rma = this.rmaFor(r, records, requestDay, receiptDay, r.int(1, 2));
        this.authorise(rma, this.at(r, addWorkingDates(requestDay, 1)), "10:00-12:00");
        this.receive(rma, londonAt(receiptDay, 10, r.int(5, 50)));
        this.accept(records[0], this.at(r, addWorkingDates(receiptDay, 2)));
        this.deadline(records[1], r);
      }
    }
  }
}

/** Everything seedReturns writes, planned relative to `base` (the start of the seed day): pure and deterministic. */
export function planReturns(ctx: ReturnContext, opts: { seed: number; base: Date }): ReturnsPlan {
  const planner = new ReturnsPlanner(opts.seed, ctx, opts.base);
  planner.fixedRecords();
  planner.brightwater();
  planner.others();

  const partyRank = (name: string) => ctx.parties.findIndex((p) => p.name === name);
  const returns = [...planner.returns.filter((r) => r.fixed).sort((a, b) => a.fixed! - b.fixed!), ...planner.returns.filter((r) => !r.fixed).sort((a, b) => a.notifiedAt.getTime() - b.notifiedAt.getTime() || partyRank(a.party) - partyRank(b.party))];
  const rmas = [...planner.rmas.filter((m) => m.fixed).sort((a, b) => a.fixed! - b.fixed!), ...planner.rmas.filter((m) => !m.fixed).sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime() || partyRank(a.party) - partyRank(b.party))];
  const returnNumber = new Map(returns.map((r, i) => [r, i + 1]));
  const rmaNumber = new Map(rmas.map((m, i) => [m, i + 1]));
  const booking = (m: RmaDraft) => `BK-${londonDate(m.preferredReturnDate).replaceAll("-", "")}-${String(rmaNumber.get(m)).padStart(5, "0")}`;
  const refs = { ret: (r: ReturnDraft) => omsRef("RET", returnNumber.get(r)!), rma: (m: RmaDraft) => omsRef("RMA", rmaNumber.get(m)!), booking };
  const resolve = (events: DraftEvent[]) => events.map((e) => ({ at: e.at, actorName: e.actorName, kind: e.kind, text: e.text(refs) })).sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    returns: returns.map((r, i) => {
      const { fixed: _fixed, chf: _chf, rma, events, ...fields } = r;
      return { ...fields, number: i + 1, ref: refs.ret(r), rma: rma ? rmaNumber.get(rma)! : null, events: resolve(events) };
    }),
    rmas: rmas.map((m, i) => {
      const { fixed: _fixed, authorised, events, ...fields } = m;
      return { ...fields, number: i + 1, ref: refs.rma(m), bookingReference: authorised ? booking(m) : null, events: resolve(events) };
    }),
    blocked: returns.filter((r) => r.status === "LOST").map((r) => ({ deviceId: r.deviceId, at: r.lostAt! })),
  };
}

/** The start of the London day of `at`: everything seeded happened before it. */
const seedDayStart = (at: Date) => londonAt(londonDate(at), 0);

export interface ReturnSeedOptions {
  seed: number;
  /** "Now" (default: the clock); the plan counts from the start of its London day. */
  base?: number;
}

export async function seedReturns(db: PrismaClient, opts: ReturnSeedOptions): Promise<Record<string, number>> {
  const base = seedDayStart(new Date(opts.base ?? now().getTime()));
  const ctx = await loadReturnContext(db, { seed: opts.seed, base });
  const plan = planReturns(ctx, { seed: opts.seed, base });
  const partyId = new Map(ctx.parties.map((p) => [p.name, p.id]));
  const rmaId = (n: number) => `rma_${n}`;
  const returnId = (n: number) => `chr_${n}`;

  await db.chRma.createMany({
    data: plan.rmas.map(({ events: _events, party, ...m }) => ({ id: rmaId(m.number), partyId: partyId.get(party)!, ...m })),
  });
  await db.chReturn.createMany({
    data: plan.returns.map(({ events: _events, party, rma, ...r }) => ({ id: returnId(r.number), partyId: partyId.get(party)!, rmaId: rma ? rmaId(rma) : null, createdAt: r.notifiedAt, ...r })),
  });
  const events = [
    ...plan.returns.flatMap((r) => r.events.map((e, i) => ({ id: `${returnId(r.number)}_e${i + 1}`, returnId: returnId(r.number), ...e }))),
    ...plan.rmas.flatMap((m) => m.events.map((e, i) => ({ id: `${rmaId(m.number)}_e${i + 1}`, rmaId: rmaId(m.number), ...e }))),
  ];
  await db.chReturnEvent.createMany({ data: events });
  for (const { deviceId, at } of plan.blocked) await db.device.update({ where: { id: deviceId }, data: { wanBlockedAt: at } });
  // Who holds each CH (lib/returns/holding): the fixed CHFs were delivered to their party before it installed them, and
  // a never-installed CH returned (no 90-day deadline) was the returning party's.
  const held = [...Object.values(DEMO_RETURNS).map((r) => ({ id: r.chfId, party: r.party })), ...plan.returns.filter((r) => !r.returnDueAt).map((r) => ({ id: r.deviceId, party: r.party }))];
  for (const party of new Set(held.map((c) => c.party))) {
    await db.device.updateMany({ where: { id: { in: held.filter((c) => c.party === party).map((c) => c.id) } }, data: { chHolderPartyId: partyId.get(party)! } });
  }

  // Later returns and RMAs continue the numbering.
  if (plan.returns.length) await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChReturn"', 'number'), (SELECT max(number) FROM "ChReturn"))`);
  if (plan.rmas.length) await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChRma"', 'number'), (SELECT max(number) FROM "ChRma"))`);
  return { returns: plan.returns.length, RMAs: plan.rmas.length, "return events": events.length, "CHs blocked": plan.blocked.length };
}

export { DEMO_RETURNS };
