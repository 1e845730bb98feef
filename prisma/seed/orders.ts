// CH ordering demo data (issue 5): Delivery Locations, 24-month CH forecasts and CH orders of the demo suppliers.
//
// "The ordering month" is the month a forecast or order submitted on the seed day counts for (lib/orders/calendar
// orderingMonth): this month until its deadline, then the next one. Every seeded forecast and order was submitted on or
// before its own month's deadline, so its submissionMonth is orderingMonth(submittedAt) (a deemed forecast is made
// just after the deadline of the month it stands for, as the hourly job makes it).
//
// Forecasts: one per supplier per submission month, for the 16 months before the ordering month (the oldest orders'
// tolerance checks need the forecasts made 10 months before their Delivery Month). So every supplier has one for the
// month whose deadline passed last, and the hourly deem job (which deems for the month before the ordering month) has
// nothing to deem on its first run. Figures follow a per supplier, Region and HAN Variant plan with a little seasonality and growth, revised a
// few per cent from one forecast to the next; Regions a supplier does not serve are zero. Meridian Home Energy missed
// the forecast 4 months ago: that month's forecast is deemed from the previous one (lib/orders/forecasts deemFrom).
//
// Orders: over the 12 months up to the ordering month, at most one per supplier, Region and submission month, delivered in the 5th month
// after, whole cartons of the Region's variants, at most two Delivery Locations with one preferred date each (a
// Working Day of the Delivery Month; a supplier's deliveries all fall on one day a month, so one delivery a week per
// location holds). The tolerance checks are computed from the seeded forecasts as lib/orders/orders submitOrder
// computes them. Each order's DCC decisions and cancellation are planned, then replayed up to the start of the seed
// day, so recent orders are still SUBMITTED or NON_COMPLIANT. The fixed demo orders (DEMO_ORDERS) take numbers 1-5;
// the generated ones follow in order of submission; the sequences are then moved past them.
//
// Deterministic for a given seed and London day: every random choice comes from a hash of the seed and what it is for.
import { TZDate } from "@date-fns/tz";
import type { PrismaClient } from "@/generated/prisma/client";
import type { ChOrderStatus, CspRegion } from "@/generated/prisma/enums";
import { LONDON, addWorkingDays, formatLondon, isWorkingDay, londonDate, now } from "@/lib/clock";
import { deliveryMonthFor, monthOf, monthStart, orderingMonth, shiftMonth, submissionDeadline } from "@/lib/orders/calendar";
import { CH_VARIANTS, HAN_VARIANTS, MESH_SHARE_LIMIT, REGIONS, type HanVariant, variantByCode } from "@/lib/orders/catalog";
import { deemFrom, forecastShape, type ForecastCell } from "@/lib/orders/forecasts";
import { omsRef } from "@/lib/orders/oms-notices";
import { ORDER_STATUS_LABELS } from "@/lib/orders/orders";
import { toleranceBounds } from "@/lib/orders/tolerance";
import { DEMO_DELIVERY_LOCATIONS, DEMO_ORDERS } from "./demo-orders";
import { DEMO_PARTIES } from "./parties";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Forecasts go back this many submission months (orders 11 months ago check against forecasts 16 months ago). */
export const FORECAST_HISTORY_MONTHS = 16;
/** Orders go back this many submission months before the ordering month. */
export const ORDER_HISTORY_MONTHS = 11;

// ─── The suppliers' CH business ─────────────────────────────────────────────────────────────────────────────────

type Volumes = Record<HanVariant, number>;

interface Supplier {
  name: string;
  /** CHs a month per Region served and HAN Variant (the plan the forecasts revolve around). */
  regions: Partial<Record<CspRegion, Volumes>>;
  /** Deliveries in a Delivery Month are on the first Working Day on or after this day. */
  deliveryDay: number;
  /** Which of its Delivery Locations (index) takes a Region's order when it goes to one. */
  home: Partial<Record<CspRegion, number>>;
  /** Orders a hot shoe per CH (gas-only sites). */
  hotShoes?: boolean;
  phone: string;
}

export const SUPPLIERS: Supplier[] = [
  {
    name: "Brightwater Energy",
    regions: { NORTH: { SINGLE_BAND: 900, DUAL_BAND: 300 }, CENTRAL: { SINGLE_BAND: 1200, DUAL_BAND: 400 }, SOUTH: { SINGLE_BAND: 800, DUAL_BAND: 500 } },
    deliveryDay: 8,
    home: { NORTH: 1, CENTRAL: 0, SOUTH: 0 },
    phone: "024 7655 0100",
  },
  {
    name: "Harbour Energy Supply",
    regions: { CENTRAL: { SINGLE_BAND: 520, DUAL_BAND: 160 }, SOUTH: { SINGLE_BAND: 640, DUAL_BAND: 360 } },
    deliveryDay: 6,
    home: { CENTRAL: 0, SOUTH: 1 },
    phone: "0117 496 0700",
  },
  {
    name: "Meridian Home Energy",
    regions: { NORTH: { SINGLE_BAND: 420, DUAL_BAND: 120 }, CENTRAL: { SINGLE_BAND: 700, DUAL_BAND: 260 } },
    deliveryDay: 11,
    home: { NORTH: 0, CENTRAL: 1 },
    phone: "01925 496 200",
  },
  { name: "Northgate Power", regions: { NORTH: { SINGLE_BAND: 260, DUAL_BAND: 70 } }, deliveryDay: 9, home: {}, phone: "0191 496 0400" },
  { name: "Oakfield Electricity", regions: { SOUTH: { SINGLE_BAND: 310, DUAL_BAND: 180 } }, deliveryDay: 7, home: {}, phone: "023 8049 6000" },
  { name: "Fenland Gas", regions: { CENTRAL: { SINGLE_BAND: 160, DUAL_BAND: 60 } }, deliveryDay: 10, home: {}, hotShoes: true, phone: "01733 496 800" },
];

const supplierByName = (name: string) => SUPPLIERS.find((s) => s.name === name)!;
const servedRegions = (s: Supplier) => REGIONS.filter((r) => s.regions[r]);

// ─── Deterministic randomness ──────────────────────────────────────────────────────────────────────────────────

/** FNV-1a over the parts: the same parts always give the same 32-bit number. */
function hash(parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("|")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A mulberry32 stream seeded from the parts. */
function rng(...parts: (string | number)[]) {
  let state = hash(parts);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + (hi - lo) * next(),
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}
type Rng = ReturnType<typeof rng>;

// ─── Calendar helpers ──────────────────────────────────────────────────────────────────────────────────────────

const round10 = (n: number) => Math.round(n / 10) * 10;
const floor10 = (n: number) => Math.floor(n / 10) * 10;
const ceil10 = (n: number) => Math.ceil(n / 10) * 10;

/** An instant at a London wall-clock time on a London date (yyyy-MM-dd). */
function londonAt(day: string, hour: number, minute = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, hour, minute, LONDON).getTime());
}

// lib/clock and lib/orders/calendar build zoned dates per call: cached here, as the plan asks the same days often.
const workingDateCache = new Map<string, boolean>();
function isWorkingDate(day: string): boolean {
  let working = workingDateCache.get(day);
  if (working === undefined) workingDateCache.set(day, (working = isWorkingDay(new Date(`${day}T12:00:00Z`))));
  return working;
}
const deadlineCache = new Map<string, Date>();
function deadlineOf(month: string): Date {
  let deadline = deadlineCache.get(month);
  if (!deadline) deadlineCache.set(month, (deadline = submissionDeadline(month)));
  return deadline;
}
/** lib/orders/calendar orderingMonth, with the deadlines cached (the plan asks it for every order). */
function orderingMonthOf(at: Date): string {
  const month = monthOf(at);
  return at > deadlineOf(month) ? shiftMonth(month, 1) : month;
}
const shiftDate = (day: string, by: number) => new Date(Date.parse(`${day}T12:00:00Z`) + by * DAY).toISOString().slice(0, 10);

const workingDaysCache = new Map<string, string[]>();
function workingDaysOf(month: string): string[] {
  let days = workingDaysCache.get(month);
  if (!days) {
    days = [];
    for (let day = `${month}-01`; day.startsWith(month); day = shiftDate(day, 1)) if (isWorkingDate(day)) days.push(day);
    workingDaysCache.set(month, days);
  }
  return days;
}

const deadlineDayCache = new Map<string, string>();
function deadlineDay(month: string): string {
  let day = deadlineDayCache.get(month);
  if (!day) deadlineDayCache.set(month, (day = londonDate(deadlineOf(month))));
  return day;
}

/** The Working Days of a month on which an order or forecast could have been made by the start of `today`. */
const openDays = (month: string, today: string) => workingDaysOf(month).filter((d) => d <= deadlineDay(month) && d < today);

/** The working-day-shifted London date, at a time of day. */
const workingDayAt = (from: Date, days: number, hour: number, minute: number) => londonAt(londonDate(addWorkingDays(from, days)), hour, minute);

/** A supplier's delivery date in a Delivery Month: midnight UTC of the date, as the order form's dates arrive. */
export function deliveryDateFor(supplierName: string, deliveryMonth: string): Date {
  let day = `${deliveryMonth}-${String(supplierByName(supplierName).deliveryDay).padStart(2, "0")}`;
  while (!isWorkingDate(day)) day = shiftDate(day, 1);
  return new Date(`${day}T00:00:00Z`);
}

const monthLabel = (month: string) => formatLondon(monthStart(month), "MMMM yyyy");

// ─── Forecast figures ──────────────────────────────────────────────────────────────────────────────────────────

const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** What the supplier plans to install in a month: its volume with a winter peak and slow growth. */
function planned(seed: number, supplier: Supplier, region: CspRegion, variant: HanVariant, month: string): number {
  const volume = supplier.regions[region]?.[variant] ?? 0;
  if (!volume) return 0;
  const phase = (hash([seed, supplier.name, region, "phase"]) % 12) / 12;
  const season = 1 + 0.06 * Math.cos(2 * Math.PI * ((monthNumber(month) % 12) / 12 + phase));
  const growth = 1 + 0.003 * (monthNumber(month) - monthNumber("2026-01"));
  const bias = 1 + 0.08 * (rng(seed, "bias", supplier.name, region, variant, month).next() - 0.5);
  return volume * season * growth * bias;
}

/** The figure a forecast made in `submissionMonth` gives for a month: the plan, revised by a few per cent. */
function figure(seed: number, supplier: Supplier, region: CspRegion, variant: HanVariant, submissionMonth: string, month: string, ordering: string): number {
  // Brightwater's Central figures for the order a user can place today are fixed (DEMO_ORDERS.brightwaterCentralToday).
  const today = DEMO_ORDERS.brightwaterCentralToday;
  if (supplier.name === today.party && region === today.region && month === deliveryMonthFor(ordering)) {
    const target = month;
    if (submissionMonth === shiftMonth(target, -10)) return today.f10[variant];
    if (submissionMonth === shiftMonth(target, -7)) return today.f7[variant];
  }
  const revision = 1 + 0.08 * (rng(seed, "revision", supplier.name, region, variant, submissionMonth, month).next() - 0.5);
  return round10(planned(seed, supplier, region, variant, month) * revision);
}

function forecastCells(seed: number, supplier: Supplier, submissionMonth: string, ordering: string): ForecastCell[] {
  return forecastShape(submissionMonth).map(({ month, region, hanVariant }) => {
    const variants: readonly HanVariant[] = hanVariant ? [hanVariant as HanVariant] : HAN_VARIANTS;
    const quantity = variants.reduce<number>((sum, v) => sum + figure(seed, supplier, region, v, submissionMonth, month, ordering), 0);
    return { month, region, hanVariant, quantity };
  });
}

// ─── Plans ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface OrderContext {
  parties: { id: string; name: string; domain: string; orderer: { id: string; name: string } }[];
  dcc: { name: string };
}

export async function loadOrderContext(db: PrismaClient): Promise<OrderContext> {
  const parties = [];
  for (const supplier of SUPPLIERS) {
    const domain = DEMO_PARTIES.find((p) => p.name === supplier.name)?.domain;
    const party = await db.party.findFirst({ where: { name: supplier.name }, select: { id: true } });
    const orderer = await db.account.findUnique({ where: { email: `orders@${domain}` }, select: { id: true, name: true } });
    if (!domain || !party || !orderer) throw new Error(`seedOrders: demo supplier "${supplier.name}" or its orders@ account is missing (seed parties first)`);
    parties.push({ id: party.id, name: supplier.name, domain, orderer });
  }
  const dcc = await db.account.findUnique({ where: { email: `admin@${DEMO_PARTIES.find((p) => p.isDcc)!.domain}` }, select: { name: true } });
  if (!dcc) throw new Error("seedOrders: the DCC admin account is missing (seed parties first)");
  return { parties, dcc };
}

type Party = OrderContext["parties"][number];

interface Check {
  hanVariant: string;
  f10: number | null;
  f7: number | null;
  minimum: number;
  maximum: number;
  ordered: number;
  compliant: boolean;
}

interface Step {
  at: Date;
  kind: "decision" | "cancelled";
  status: ChOrderStatus;
  reason: string | null;
}

/** What a generated order is meant to show; the lines are then drawn to fit it. */
type Scenario =
  | { kind: "accept" | "cancel" | "pending" }
  | { kind: "over" | "under"; variant: HanVariant; outcome: "accept" | "part" | "reject" | "pending"; nonCompliantStep: boolean };

export interface PlannedOrder {
  number: number;
  ref: string;
  party: Party;
  region: CspRegion;
  submissionMonth: string;
  deliveryMonth: string;
  submittedAt: Date;
  answerDueAt: Date;
  lines: { locationIndex: number; itemCode: string; quantity: number; preferredDate: Date }[];
  checks: Check[];
  compliant: boolean;
  meshShareFlagged: boolean;
  /** Applied up to the seed day: the status, decision and events follow from these. */
  steps: Step[];
  status: ChOrderStatus;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export interface PlannedForecast {
  number: number;
  ref: string;
  party: Party;
  submissionMonth: string;
  deemed: boolean;
  submittedAt: Date;
  cells: ForecastCell[];
}

export interface OrdersPlan {
  base: Date;
  locations: (typeof DEMO_DELIVERY_LOCATIONS)[number][];
  forecasts: PlannedForecast[];
  orders: PlannedOrder[];
}

/** The start of the London day of `at`: everything seeded happened before it. */
export function seedDayStart(at: Date): Date {
  return londonAt(londonDate(at), 0);
}

class Planner {
  readonly today: string;
  /** The London month of the seed day. */
  readonly thisMonth: string;
  /** The month a submission on the seed day counts for: this month until its deadline, then the next. */
  readonly orderingMonth: string;
  /** partyId|submissionMonth -> cell key -> quantity. */
  private readonly figures = new Map<string, Map<string, number>>();
  readonly forecasts: Omit<PlannedForecast, "number" | "ref">[] = [];

  constructor(
    readonly seed: number,
    readonly ctx: OrderContext,
    readonly base: Date,
  ) {
    this.today = londonDate(base);
    this.thisMonth = monthOf(base);
    this.orderingMonth = orderingMonth(base);
  }

  party(name: string): Party {
    return this.ctx.parties.find((p) => p.name === name)!;
  }

  locationsOf(party: Party) {
    return DEMO_DELIVERY_LOCATIONS.filter((l) => l.party === party.name);
  }

  // ─── Forecasts ───

  planForecasts() {
    const deemed = DEMO_ORDERS.deemedForecast;
    // Every month whose deadline has passed: the ordering month's forecasts may still come in (or be deemed).
    const months = Array.from({ length: FORECAST_HISTORY_MONTHS }, (_, i) => shiftMonth(this.orderingMonth, i - FORECAST_HISTORY_MONTHS));
    for (const party of this.ctx.parties) {
      const supplier = supplierByName(party.name);
      let previous: ForecastCell[] | null = null;
      for (const month of months) {
        let cells: ForecastCell[];
        let submittedAt: Date;
        if (party.name === deemed.party && month === shiftMonth(this.thisMonth, -deemed.monthsAgo) && previous) {
          cells = deemFrom({ lines: previous }, month);
          // The hourly job deems it within the hour after the deadline.
          submittedAt = new Date(deadlineOf(month).getTime() + 1 + 17 * MINUTE);
        } else {
          cells = forecastCells(this.seed, supplier, month, this.orderingMonth);
          const r = rng(this.seed, "forecast", party.name, month);
          const days = openDays(month, this.today);
          submittedAt = londonAt(days[Math.min(days.length - 1, Math.floor(r.next() * days.length * 0.8))], r.int(8, 17), r.int(0, 59));
        }
        this.forecasts.push({ party, submissionMonth: month, deemed: submittedAt > deadlineOf(month), submittedAt, cells });
        this.figures.set(`${party.id}|${month}`, new Map(cells.map((c) => [`${c.month}|${c.region}|${c.hanVariant}`, c.quantity])));
        previous = cells;
      }
    }
  }

  /** lib/orders/orders toleranceChecks, against the planned forecasts. */
  checksFor(party: Party, region: CspRegion, deliveryMonth: string, ordered: (v: HanVariant) => number): Check[] {
    const figureIn = (submissionMonth: string, v: HanVariant) => {
      const forecast = this.figures.get(`${party.id}|${submissionMonth}`);
      return forecast ? (forecast.get(`${deliveryMonth}|${region}|${v}`) ?? 0) : null;
    };
    return HAN_VARIANTS.map((hanVariant) => {
      const f10 = figureIn(shiftMonth(deliveryMonth, -10), hanVariant);
      const f7 = figureIn(shiftMonth(deliveryMonth, -7), hanVariant);
      const { minimum, maximum } = toleranceBounds(f10 ?? 0, f7 ?? 0);
      const quantity = ordered(hanVariant);
      return { hanVariant, f10, f7, minimum, maximum, ordered: quantity, compliant: quantity >= minimum && quantity <= maximum };
    });
  }

  // ─── Orders ───

  /** CHs per HAN Variant for a scenario, from the bounds the forecasts give. */
  quantities(r: Rng, party: Party, region: CspRegion, deliveryMonth: string, scenario: Scenario): Record<HanVariant, number> {
    const bounds = this.checksFor(party, region, deliveryMonth, () => 0);
    const result = {} as Record<HanVariant, number>;
    for (const check of bounds) {
      const v = check.hanVariant as HanVariant;
      const lo = ceil10(check.minimum);
      const hi = floor10(check.maximum);
      const near = round10((check.f7 ?? 0) * r.between(0.9, 1.1));
      let quantity = lo > hi ? lo : Math.min(hi, Math.max(lo, near));
      if ((scenario.kind === "over" || scenario.kind === "under") && scenario.variant === v) {
        quantity = scenario.kind === "over" ? floor10(check.maximum) + 10 * r.int(3, 40) : floor10(check.minimum * r.between(0.4, 0.75));
      }
      result[v] = quantity;
    }
    return result;
  }

  /** Lines for the quantities: the Region's variants (some mesh in Central and South), on one or two locations. */
  lines(r: Rng, party: Party, region: CspRegion, deliveryMonth: string, quantities: Record<HanVariant, number>, twoLocations: boolean) {
    const supplier = supplierByName(party.name);
    const items: { itemCode: string; quantity: number }[] = [];
    for (const v of HAN_VARIANTS) {
      const plain = CH_VARIANTS.find((c) => c.region === region && c.hanVariant === v && !c.mesh)!;
      const mesh = CH_VARIANTS.find((c) => c.region === region && c.hanVariant === v && c.mesh);
      let meshQuantity = 0;
      if (mesh && quantities[v] >= 100) {
        const roll = r.next();
        meshQuantity = roll < 0.6 ? 0 : floor10(quantities[v] * (roll < 0.93 ? r.between(0.03, 0.09) : r.between(0.13, 0.2)));
      }
      if (quantities[v] - meshQuantity > 0) items.push({ itemCode: plain.code, quantity: quantities[v] - meshQuantity });
      if (meshQuantity > 0) items.push({ itemCode: mesh!.code, quantity: meshQuantity });
    }
    const locationCount = this.locationsOf(party).length;
    const home = supplier.home[region] ?? 0;
    let placed: { locationIndex: number; itemCode: string; quantity: number }[] = items.map((i) => ({ locationIndex: home, ...i }));
    if (twoLocations && locationCount === 2) {
      const share = r.between(0.4, 0.65);
      placed = items.flatMap((i) => {
        const first = floor10(i.quantity * share);
        return [
          { locationIndex: home, itemCode: i.itemCode, quantity: i.quantity - first },
          { locationIndex: 1 - home, itemCode: i.itemCode, quantity: first },
        ].filter((l) => l.quantity > 0);
      });
      if (new Set(placed.map((l) => l.locationIndex)).size < 2) placed = items.map((i) => ({ locationIndex: home, ...i }));
    }
    // Auxiliary equipment, alongside the hubs at a location.
    for (const locationIndex of [...new Set(placed.map((l) => l.locationIndex))]) {
      const hubs = placed.filter((l) => l.locationIndex === locationIndex).reduce((sum, l) => sum + l.quantity, 0);
      if (supplier.hotShoes) placed.push({ locationIndex, itemCode: "AUX-HOTSHOE", quantity: Math.max(10, round10(hubs * 0.6)) });
      else if (r.chance(0.15)) placed.push({ locationIndex, itemCode: r.pick(["AUX-AERIAL-T1", "AUX-AERIAL-T2"]), quantity: 10 * r.int(1, 5) });
    }
    const preferredDate = deliveryDateFor(party.name, deliveryMonth);
    return placed.map((l) => ({ ...l, preferredDate }));
  }

  /** Builds an order from its lines: checks, mesh flag, and the steps replayed up to the seed day. */
  order(party: Party, region: CspRegion, submittedAt: Date, lines: PlannedOrder["lines"], steps: Step[]): Omit<PlannedOrder, "number" | "ref"> {
    const submissionMonth = orderingMonthOf(submittedAt);
    const deliveryMonth = deliveryMonthFor(submissionMonth);
    const hubs = lines.filter((l) => variantByCode(l.itemCode));
    const checks = this.checksFor(party, region, deliveryMonth, (v) => hubs.filter((l) => variantByCode(l.itemCode)!.hanVariant === v).reduce((sum, l) => sum + l.quantity, 0));
    const total = hubs.reduce((sum, l) => sum + l.quantity, 0);
    const mesh = hubs.filter((l) => variantByCode(l.itemCode)!.mesh).reduce((sum, l) => sum + l.quantity, 0);
    const applied = steps.filter((s) => s.at <= this.base);
    let status: ChOrderStatus = "SUBMITTED";
    let decidedAt: Date | null = null;
    let decisionReason: string | null = null;
    for (const step of applied) {
      status = step.status;
      if (step.kind === "decision") {
        decidedAt = step.at;
        decisionReason = step.reason;
      }
    }
    return {
      party,
      region,
      submissionMonth,
      deliveryMonth,
      submittedAt,
      answerDueAt: addWorkingDays(submittedAt, 5),
      lines,
      checks,
      compliant: checks.every((c) => c.compliant),
      meshShareFlagged: region !== "NORTH" && mesh > total * MESH_SHARE_LIMIT,
      steps: applied,
      status,
      decidedAt,
      decisionReason,
    };
  }

  /** The DCC's reasons, from the check that failed. */
  reasons(check: Check, deliveryMonth: string) {
    const label = check.hanVariant === "DUAL_BAND" ? "dual band" : "single band";
    const over = check.ordered > check.maximum;
    const allowed = floor10(check.maximum);
    return {
      nonCompliant: `${check.ordered} ${label} CHs ordered; your forecasts allow ${check.minimum} to ${check.maximum}. Please tell us the reason for the difference before we decide.`,
      accept: over
        ? `Spare ${label} stock covers the ${check.ordered - check.maximum} CHs over the tolerance maximum for ${monthLabel(deliveryMonth)}, so the order is accepted in full.`
        : `Ordering ${check.minimum - check.ordered} ${label} CHs fewer than the tolerance minimum is noted against your forecast accuracy.`,
      part: `${allowed} of the ${check.ordered} ${label} CHs (the tolerance maximum, in whole cartons) can be supplied for ${monthLabel(deliveryMonth)}; the other ${check.ordered - allowed} cannot.`,
      reject: over
        ? `${check.ordered} ${label} CHs is above the tolerance maximum of ${check.maximum} and the ${monthLabel(deliveryMonth)} stock is committed. Please order within your forecasts next month.`
        : `${check.ordered} ${label} CHs is below the tolerance minimum of ${check.minimum}, which the DCC procured against your forecasts. Please re-order within tolerance next month.`,
    };
  }

  /** The DCC's answer and the party's cancellation for a scenario, as dated steps (not yet cut at the seed day). */
  steps(r: Rng, scenario: Scenario, draft: Omit<PlannedOrder, "number" | "ref">): Step[] {
    const at = (days: number) => workingDayAt(draft.submittedAt, days, r.int(9, 16), r.int(0, 59));
    const failed = draft.checks.find((c) => !c.compliant);
    if (!failed) {
      if (scenario.kind === "pending") return [];
      const decided = at(r.int(1, 4));
      const steps: Step[] = [{ at: decided, kind: "decision", status: "ACCEPTED", reason: null }];
      if (scenario.kind === "cancel") {
        const cancelled = londonAt(londonDate(new Date(decided.getTime() + r.int(2, 25) * DAY)), r.int(9, 16), r.int(0, 59));
        const firstDelivery = Math.min(...draft.lines.map((l) => l.preferredDate.getTime()));
        if (firstDelivery - cancelled.getTime() >= 48 * HOUR) steps.push({ at: cancelled, kind: "cancelled", status: "CANCELLED", reason: null });
      }
      return steps;
    }
    const reasons = this.reasons(failed, draft.deliveryMonth);
    const over = failed.ordered > failed.maximum;
    const detail = scenario.kind === "over" || scenario.kind === "under" ? scenario : { outcome: "accept" as const, nonCompliantStep: false };
    const steps: Step[] = [];
    let day = r.int(1, 3);
    if (detail.nonCompliantStep || detail.outcome === "pending") {
      steps.push({ at: at(day), kind: "decision", status: "NON_COMPLIANT", reason: reasons.nonCompliant });
      day += r.int(1, 5);
    }
    if (detail.outcome === "pending") return steps;
    const outcome = detail.outcome === "part" && !over ? "accept" : detail.outcome;
    const status: ChOrderStatus = outcome === "part" ? "ACCEPTED_IN_PART" : outcome === "reject" ? "REJECTED" : "ACCEPTED";
    steps.push({ at: at(day), kind: "decision", status, reason: reasons[outcome] });
    return steps;
  }

  /** The fixed demo orders, numbers 1-5 (DEMO_ORDERS). */
  demoOrders(): Omit<PlannedOrder, "number" | "ref">[] {
    const d = DEMO_ORDERS;
    const brightwater = this.party("Brightwater Energy");
    const northgate = this.party("Northgate Power");
    // The last Working Day before `from` on which an order could still be made (inside its month's deadline).
    const lastOpenDay = (from: string) => {
      let day = shiftDate(from, -1);
      while (!isWorkingDate(day) || day > deadlineDay(day.slice(0, 7))) day = shiftDate(day, -1);
      return day;
    };
    const make = (name: string, party: Party, region: CspRegion, submittedAt: Date, scenario: Scenario, twoLocations: boolean, steps: (draft: Omit<PlannedOrder, "number" | "ref">) => Step[]) => {
      const r = rng(this.seed, "demo-order", name);
      const deliveryMonth = deliveryMonthFor(orderingMonthOf(submittedAt));
      const lines = this.lines(r, party, region, deliveryMonth, this.quantities(r, party, region, deliveryMonth, scenario), twoLocations);
      const draft = this.order(party, region, submittedAt, lines, []);
      return this.order(party, region, submittedAt, lines, steps(draft));
    };
    const nth = (month: string, n: number) => workingDaysOf(month)[n - 1];

    const submittedDay = lastOpenDay(this.today);
    const nonCompliantDay = lastOpenDay(londonDate(addWorkingDays(londonAt(submittedDay, 12), -1)));
    const lastMonth = shiftMonth(this.thisMonth, -1);
    return [
      make("submitted", brightwater, d.brightwaterSubmitted.region, londonAt(submittedDay, 10, 30), { kind: "pending" }, false, () => []),
      make("non-compliant", brightwater, d.brightwaterNonCompliant.region, londonAt(nonCompliantDay, 9, 15), { kind: "over", variant: "DUAL_BAND", outcome: "pending", nonCompliantStep: true }, false, (o) => [
        { at: workingDayAt(o.submittedAt, 1, 14, 0), kind: "decision", status: "NON_COMPLIANT", reason: this.reasons(o.checks.find((c) => !c.compliant)!, o.deliveryMonth).nonCompliant },
      ]),
      make("cancellable", brightwater, d.brightwaterCancellable.region, londonAt(nth(lastMonth, 3), 9, 40), { kind: "accept" }, true, (o) => [
        { at: workingDayAt(o.submittedAt, 2, 11, 5), kind: "decision", status: "ACCEPTED", reason: null },
      ]),
      make("rejected", brightwater, d.brightwaterRejected.region, londonAt(nth(shiftMonth(this.thisMonth, -3), 4), 15, 20), { kind: "over", variant: "SINGLE_BAND", outcome: "reject", nonCompliantStep: false }, false, (o) => [
        { at: workingDayAt(o.submittedAt, 3, 10, 10), kind: "decision", status: "REJECTED", reason: this.reasons(o.checks.find((c) => !c.compliant)!, o.deliveryMonth).reject },
      ]),
      make("northgate", northgate, d.northgate.region, londonAt(nth(shiftMonth(this.thisMonth, -2), 2), 11, 45), { kind: "accept" }, false, (o) => [
        { at: workingDayAt(o.submittedAt, 1, 9, 30), kind: "decision", status: "ACCEPTED", reason: null },
      ]),
    ];
  }

  generatedOrders(taken: Set<string>): Omit<PlannedOrder, "number" | "ref">[] {
    const orders: Omit<PlannedOrder, "number" | "ref">[] = [];
    const central = DEMO_ORDERS.brightwaterCentralToday;
    // A user can place this one today (it counts for the ordering month).
    taken.add(`${central.party}|${central.region}|${this.orderingMonth}`);
    const oldest = shiftMonth(this.orderingMonth, -ORDER_HISTORY_MONTHS);
    for (const party of this.ctx.parties) {
      // Northgate Power has only its demo order (isolation tests).
      if (party.name === DEMO_ORDERS.northgate.party) continue;
      const supplier = supplierByName(party.name);
      for (let i = 0; i <= ORDER_HISTORY_MONTHS; i++) {
        const month = shiftMonth(oldest, i);
        for (const [regionIndex, region] of servedRegions(supplier).entries()) {
          if (taken.has(`${party.name}|${region}|${month}`)) continue;
          const r = rng(this.seed, "order", party.name, region, month);
          // Every status shows up whatever the day: the oldest orders of two suppliers are fixed.
          const forced: Scenario | null =
            i === 0 && regionIndex === 0 && party.name === "Harbour Energy Supply"
              ? { kind: "over", variant: "DUAL_BAND", outcome: "part", nonCompliantStep: true }
              : i === 0 && regionIndex === 0 && party.name === "Meridian Home Energy"
                ? { kind: "cancel" }
                : null;
          if (!forced && r.chance(0.1)) continue;
          const days = openDays(month, this.today);
          if (!days.length) continue;
          const scenario = forced ?? this.scenario(r);
          const submittedAt = londonAt(days[Math.floor(r.next() * days.length * 0.85)], r.int(8, 17), r.int(0, 59));
          const deliveryMonth = deliveryMonthFor(month);
          const lines = this.lines(r, party, region, deliveryMonth, this.quantities(r, party, region, deliveryMonth, scenario), r.chance(0.35));
          const draft = this.order(party, region, submittedAt, lines, []);
          orders.push(this.order(party, region, submittedAt, lines, this.steps(r, scenario, draft)));
        }
      }
    }
    return orders;
  }

  scenario(r: Rng): Scenario {
    if (r.chance(0.78)) return { kind: r.chance(0.1) ? "cancel" : "accept" };
    const over = r.chance(0.7);
    const variant = r.pick(HAN_VARIANTS);
    const roll = r.next();
    const outcome = over ? (roll < 0.4 ? "part" : roll < 0.7 ? "reject" : "accept") : roll < 0.6 ? "accept" : "reject";
    return { kind: over ? "over" : "under", variant, outcome, nonCompliantStep: r.chance(0.5) };
  }
}

/**
 * Everything seedOrders writes, planned relative to `base` (the start of the seed day): pure and deterministic (same
 * seed, same day, same parties, same plan).
 */
export function planOrders(ctx: OrderContext, opts: { seed: number; base: Date }): OrdersPlan {
  const planner = new Planner(opts.seed, ctx, opts.base);
  planner.planForecasts();
  const partyRank = (p: Party) => ctx.parties.indexOf(p);
  const forecasts = [...planner.forecasts]
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || partyRank(a.party) - partyRank(b.party))
    .map((f, i) => ({ ...f, number: i + 1, ref: omsRef("FC", i + 1) }));
  const demo = planner.demoOrders();
  const taken = new Set(demo.map((o) => `${o.party.name}|${o.region}|${o.submissionMonth}`));
  const generated = planner
    .generatedOrders(taken)
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || partyRank(a.party) - partyRank(b.party) || REGIONS.indexOf(a.region) - REGIONS.indexOf(b.region));
  const orders = [...demo, ...generated].map((o, i) => ({ ...o, number: i + 1, ref: omsRef("ORD", i + 1) }));
  const locations = ctx.parties.flatMap((p) => planner.locationsOf(p));
  return { base: opts.base, locations, forecasts, orders };
}

export interface OrderSeedOptions {
  seed: number;
  /** "Now" (default: the clock); the plan counts from the start of its London day. */
  base?: number;
}

export async function seedOrders(db: PrismaClient, opts: OrderSeedOptions): Promise<Record<string, number>> {
  const base = seedDayStart(new Date(opts.base ?? now().getTime()));
  const ctx = await loadOrderContext(db);
  const plan = planOrders(ctx, { seed: opts.seed, base });
  const partyByName = new Map(ctx.parties.map((p) => [p.name, p]));

  // Delivery Locations were set up well before the first order.
  const createdFrom = londonAt(workingDaysOf(shiftMonth(monthOf(base), -ORDER_HISTORY_MONTHS - 2))[2], 10);
  const locationIds = new Map<string, string>();
  const locationRows = plan.locations.map((l, i) => {
    const party = partyByName.get(l.party)!;
    const id = `dl_${party.domain.split(".")[0]}_${i + 1}`;
    locationIds.set(`${l.party}|${l.name}`, id);
    const { party: _party, ...fields } = l;
    return { id, partyId: party.id, ...fields, createdAt: new Date(createdFrom.getTime() + i * 37 * MINUTE) };
  });
  await db.deliveryLocation.createMany({ data: locationRows });

  await db.chForecast.createMany({
    data: plan.forecasts.map((f) => ({
      id: `chf_${f.number}`,
      number: f.number,
      ref: f.ref,
      partyId: f.party.id,
      submissionMonth: f.submissionMonth,
      deemed: f.deemed,
      submittedAt: f.submittedAt,
      submittedById: f.deemed ? null : f.party.orderer.id,
    })),
  });
  const forecastLines = plan.forecasts.flatMap((f) => f.cells.map((c) => ({ forecastId: `chf_${f.number}`, ...c })));
  for (let i = 0; i < forecastLines.length; i += 5_000) await db.chForecastLine.createMany({ data: forecastLines.slice(i, i + 5_000) });

  const orderId = (o: PlannedOrder) => `cho_${o.number}`;
  await db.chOrder.createMany({
    data: plan.orders.map((o) => ({
      id: orderId(o),
      number: o.number,
      ref: o.ref,
      partyId: o.party.id,
      region: o.region,
      submissionMonth: o.submissionMonth,
      deliveryMonth: o.deliveryMonth,
      status: o.status,
      compliant: o.compliant,
      meshShareFlagged: o.meshShareFlagged,
      contactPhone: supplierByName(o.party.name).phone,
      contactEmail: `orders@${o.party.domain}`,
      submittedAt: o.submittedAt,
      submittedById: o.party.orderer.id,
      answerDueAt: o.answerDueAt,
      decidedAt: o.decidedAt,
      decisionReason: o.decisionReason,
    })),
  });
  const locationsOf = (o: PlannedOrder) => plan.locations.filter((l) => l.party === o.party.name);
  await db.chOrderLine.createMany({
    data: plan.orders.flatMap((o) =>
      o.lines.map((l, i) => ({
        id: `${orderId(o)}_l${i + 1}`,
        orderId: orderId(o),
        locationId: locationIds.get(`${o.party.name}|${locationsOf(o)[l.locationIndex].name}`)!,
        itemCode: l.itemCode,
        quantity: l.quantity,
        preferredDate: l.preferredDate,
      })),
    ),
  });
  await db.chOrderCheck.createMany({ data: plan.orders.flatMap((o) => o.checks.map((c) => ({ orderId: orderId(o), ...c }))) });
  const dccName = `${ctx.dcc.name} (DCC)`;
  const events = plan.orders.flatMap((o) => {
    const partyActor = `${o.party.orderer.name} (${o.party.name})`;
    const total = o.lines.filter((l) => variantByCode(l.itemCode)).reduce((sum, l) => sum + l.quantity, 0);
    return [
      { at: o.submittedAt, actorName: partyActor, kind: "submitted", text: `Order for ${total} CHs, Delivery Month ${o.deliveryMonth}.` },
      ...o.steps.map((s) =>
        s.kind === "cancelled"
          ? { at: s.at, actorName: partyActor, kind: "cancelled", text: "Cancelled by the party; the DCC's reasonable costs are billed on the next Invoice." }
          : { at: s.at, actorName: dccName, kind: "decision", text: `${ORDER_STATUS_LABELS[s.status]}${s.reason ? `: ${s.reason}` : ""}` },
      ),
    ].map((e, i) => ({ id: `${orderId(o)}_e${i + 1}`, orderId: orderId(o), ...e }));
  });
  await db.chOrderEvent.createMany({ data: events });

  // Later forecasts and orders continue the numbering.
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChForecast"', 'number'), (SELECT max(number) FROM "ChForecast"))`);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChOrder"', 'number'), (SELECT max(number) FROM "ChOrder"))`);
  return {
    "delivery locations": locationRows.length,
    forecasts: plan.forecasts.length,
    "forecast lines": forecastLines.length,
    orders: plan.orders.length,
    "order events": events.length,
  };
}

export { DEMO_ORDERS };
