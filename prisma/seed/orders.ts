// CH ordering demo data (issue 5): Delivery Locations, 24-month CH forecasts and CH orders of the demo suppliers.
//
// "The ordering month" is the month a forecast submitted on the seed day counts for (lib/orders/calendar
// orderingMonth): this month until its deadline, then the next one. An order stays in its calendar month, late after
// the deadline (F5.14); every seeded forecast and order was submitted on or before its own month's deadline, so its
// submissionMonth is orderingMonth(submittedAt) (a deemed forecast is made just after the deadline of the month it
// stands for, as the hourly job makes it).
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
// Brightwater's Central order for this month is left for a user to place (DEMO_ORDERS.brightwaterCentralToday); in
// the month's last week, after the deadline, the order is late (service.md §7 scenario 2), and the hourly deem job,
// first run an hour after the server starts, deems Brightwater's compliant minimum there if nobody ordered (F5.13).
//
// A Region a supplier serves with no order by a past month's deadline gets the DCC's deemed order (lib/orders/deemed-
// orders deemMandatoryOrders: the compliant minimum, the party's last Delivery Location, mid-month), made just after that
// deadline; most parties confirmed the details, a few let it lapse and it was deemed cancelled with its consignment.
// Those of the open demo deemed order's month (DEMO_ORDERS.harbourDeemed) were made in its run, on the Working Day
// before the seed day, and still await their details (Northgate Power's are left to the hourly job).
//
// Consignments (lib/orders/consignments): the DCC raises one per Delivery Location of an accepted order 10-25 Working
// Days before its preferred date, delivered that day in one of the Delivery Windows. Past deliveries were confirmed
// compliant, deemed compliant by the job, reported short (replaced on a date the party picked from the DCC's offers),
// rejected as damaged (collected, replaced) or over-delivered (collected); recent ones may still await the party. The
// fixed demo consignments (DEMO_CONSIGNMENTS) take numbers 1-3, the generated ones follow in order of creation.
//
// Deterministic for a given seed and London day: every random choice comes from a hash of the seed and what it is for.
import type { PrismaClient } from "@/generated/prisma/client";
import type { ChConsignmentStatus, ChDeliveryGround, ChOrderStatus, CspRegion } from "@/generated/prisma/enums";
import { actorLabel } from "@/lib/auth/actor";
import { addWorkingDates, addWorkingDays, endOfLondonDay, formatLondon, isWorkingDate, londonAt, londonDate, now, shiftLondonDate } from "@/lib/clock";
import { deliveryMonthFor, monthOf, monthStart, orderingMonth, shiftMonth, submissionDeadline } from "@/lib/orders/calendar";
import { CH_VARIANTS, HAN_VARIANTS, MESH_SHARE_LIMIT, REGIONS, type HanVariant, variantByCode } from "@/lib/orders/catalog";
import { CONFIRMATION_WORKING_DAYS, DELIVERY_GROUNDS, DELIVERY_WINDOWS, consignmentEventText } from "@/lib/orders/consignments";
import { DEEMED_CONFIRMATION_DAYS, DEEMED_DETAILS_WORKING_DAYS, deemedOrderEventText } from "@/lib/orders/deemed-orders";
import { deemFrom, forecastShape, type ForecastCell } from "@/lib/orders/forecasts";
import { omsRef } from "@/lib/orders/oms-notices";
import { orderEventText } from "@/lib/orders/orders";
import { toleranceBounds } from "@/lib/orders/tolerance";
import { DEMO_CONSIGNMENTS, DEMO_DELIVERY_LOCATIONS, DEMO_ORDERS } from "./demo-orders";
import { DEMO_PARTIES } from "./parties";
import { hash, rng, type Rng } from "./random";

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

// ─── Calendar helpers ──────────────────────────────────────────────────────────────────────────────────────────

const round10 = (n: number) => Math.round(n / 10) * 10;
const floor10 = (n: number) => Math.floor(n / 10) * 10;
const ceil10 = (n: number) => Math.ceil(n / 10) * 10;

// lib/orders/calendar builds zoned dates per call: cached here, as the plan asks the same months often.
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
const workingDaysCache = new Map<string, string[]>();
function workingDaysOf(month: string): string[] {
  let days = workingDaysCache.get(month);
  if (!days) {
    days = [];
    for (let day = `${month}-01`; day.startsWith(month); day = shiftLondonDate(day, 1)) if (isWorkingDate(day)) days.push(day);
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
const workingDayAt = (from: Date, days: number, hour: number, minute: number) => londonAt(addWorkingDates(londonDate(from), days), hour, minute);

/** A supplier's delivery date in a Delivery Month: midnight UTC of the date, as the order form's dates arrive. */
export function deliveryDateFor(supplierName: string, deliveryMonth: string): Date {
  let day = `${deliveryMonth}-${String(supplierByName(supplierName).deliveryDay).padStart(2, "0")}`;
  while (!isWorkingDate(day)) day = shiftLondonDate(day, 1);
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
function figure(seed: number, supplier: Supplier, region: CspRegion, variant: HanVariant, submissionMonth: string, month: string, thisMonth: string): number {
  // Brightwater's Central figures for the order a user can place today are fixed (DEMO_ORDERS.brightwaterCentralToday).
  const today = DEMO_ORDERS.brightwaterCentralToday;
  if (supplier.name === today.party && region === today.region && month === deliveryMonthFor(thisMonth)) {
    const target = month;
    if (submissionMonth === shiftMonth(target, -10)) return today.f10[variant];
    if (submissionMonth === shiftMonth(target, -7)) return today.f7[variant];
  }
  const revision = 1 + 0.08 * (rng(seed, "revision", supplier.name, region, variant, submissionMonth, month).next() - 0.5);
  return round10(planned(seed, supplier, region, variant, month) * revision);
}

function forecastCells(seed: number, supplier: Supplier, submissionMonth: string, thisMonth: string): ForecastCell[] {
  return forecastShape(submissionMonth).map(({ month, region, hanVariant }) => {
    const variants: readonly HanVariant[] = hanVariant ? [hanVariant as HanVariant] : HAN_VARIANTS;
    const quantity = variants.reduce<number>((sum, v) => sum + figure(seed, supplier, region, v, submissionMonth, month, thisMonth), 0);
    return { month, region, hanVariant, quantity };
  });
}

// ─── Plans ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface OrderContext {
  /** orderer: the orders@ account (CH_ORDERING); receiver: the deliveries@ account (CH_DELIVERY_RETURNS). */
  parties: { id: string; name: string; domain: string; orderer: { id: string; name: string }; receiver: { id: string; name: string } }[];
  /** The DCC admin account, and its party's name (timelines name it "Name (Party)", as lib/auth/actor actorLabel does). */
  dcc: { name: string; partyName: string };
}

export async function loadOrderContext(db: PrismaClient): Promise<OrderContext> {
  const parties = [];
  for (const supplier of SUPPLIERS) {
    const domain = DEMO_PARTIES.find((p) => p.name === supplier.name)?.domain;
    const party = await db.party.findFirst({ where: { name: supplier.name }, select: { id: true } });
    const orderer = await db.account.findUnique({ where: { email: `orders@${domain}` }, select: { id: true, name: true } });
    const receiver = await db.account.findUnique({ where: { email: `deliveries@${domain}` }, select: { id: true, name: true } });
    if (!domain || !party || !orderer || !receiver) throw new Error(`seedOrders: demo supplier "${supplier.name}" or its orders@ / deliveries@ account is missing (seed parties first)`);
    parties.push({ id: party.id, name: supplier.name, domain, orderer, receiver });
  }
  const dccParty = DEMO_PARTIES.find((p) => p.isDcc)!;
  const dcc = await db.account.findUnique({ where: { email: `admin@${dccParty.domain}` }, select: { name: true } });
  if (!dcc) throw new Error("seedOrders: the DCC admin account is missing (seed parties first)");
  return { parties, dcc: { name: dcc.name, partyName: dccParty.name } };
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
  /** decision: the DCC's answer; cancelled: by the party; details: a deemed order's details confirmed; lapsed: deemed cancelled. */
  kind: "decision" | "cancelled" | "details" | "lapsed";
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
  /** Set for a deemed order (F5.13(c)): its notice, deadlines and, once given, the details (lines as they are now). */
  deemed: { detailsDueAt: Date; confirmDueAt: Date; detailsConfirmedAt: Date | null } | null;
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
  consignments: PlannedConsignment[];
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

  /** The Working Day before the seed day: the demo delivery awaiting confirmation came then. */
  readonly previousWorkingDay: string;
  /** When the open demo deemed order was made, and the month it stands for (as deemMandatoryOrders computes it). */
  readonly demoDeemed: { at: Date; month: string };
  /** Skipped past slots the DCC deemed an order for, and whether the party confirmed the details. */
  readonly deemedSlots: { party: Party; region: CspRegion; month: string; lapses: boolean }[] = [];
  // (Slots of a later month, whose deadline passed after that run, are left to the hourly job.)

  constructor(
    readonly seed: number,
    readonly ctx: OrderContext,
    readonly base: Date,
  ) {
    this.today = londonDate(base);
    this.thisMonth = monthOf(base);
    this.orderingMonth = orderingMonth(base);
    let day = shiftLondonDate(this.today, -1);
    while (!isWorkingDate(day)) day = shiftLondonDate(day, -1);
    this.previousWorkingDay = day;
    const at = londonAt(day, 7, 5);
    this.demoDeemed = { at, month: shiftMonth(orderingMonthOf(at), -1) };
  }

  get dccActor() {
    return actorLabel(this.ctx.dcc);
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
          cells = forecastCells(this.seed, supplier, month, this.thisMonth);
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
      deemed: null,
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
      let day = shiftLondonDate(from, -1);
      while (!isWorkingDate(day) || day > deadlineDay(day.slice(0, 7))) day = shiftLondonDate(day, -1);
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
    // A user can place this one today (an order stays in its calendar month; in the month's last week it is late).
    taken.add(`${central.party}|${central.region}|${this.thisMonth}`);
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
          // Fenland Gas let a deemed order lapse 10 months ago (so a deemed-cancelled consignment shows whatever the day).
          const lapsed = i === 1 && party.name === "Fenland Gas";
          if (lapsed || (!forced && r.chance(0.1))) {
            // The DCC deemed an order for each month whose deadline passed: the open demo one's month at the same run.
            if (month <= this.demoDeemed.month) this.deemedSlots.push({ party, region, month, lapses: lapsed || rng(this.seed, "deemed-lapses", party.name, region, month).chance(0.2) });
            continue;
          }
          const days = openDays(month, this.today);
          if (!days.length) continue;
          const scenario = forced ?? this.scenario(r);
          const submittedAt = londonAt(days[Math.floor(r.next() * days.length * 0.85)], r.int(8, 17), r.int(0, 59));
          const deliveryMonth = deliveryMonthFor(month);
          // Leeds Field Stores takes only the demo delivery awaiting confirmation in its month (one delivery a week).
          const twoLocations = r.chance(0.35) && !(party.name === DEMO_ORDERS.brightwaterDelivered.party && deliveryMonth === monthOf(new Date(`${this.previousWorkingDay}T12:00:00Z`)));
          const lines = this.lines(r, party, region, deliveryMonth, this.quantities(r, party, region, deliveryMonth, scenario), twoLocations);
          const draft = this.order(party, region, submittedAt, lines, []);
          orders.push(this.order(party, region, submittedAt, lines, this.steps(r, scenario, draft)));
        }
      }
    }
    return orders;
  }

  /** The fixed demo orders 7-9 (DEMO_ORDERS; 6 is the demo deemed order, built once the others are known). */
  laterDemoOrders(): Omit<PlannedOrder, "number" | "ref">[] {
    const d = DEMO_ORDERS;
    const brightwater = this.party(d.brightwaterSchedulable.party);
    const nth = (month: string, n: number) => workingDaysOf(month)[n - 1];
    const make = (name: string, region: CspRegion, submittedAt: Date, preferredDay?: string) => {
      const r = rng(this.seed, "demo-order", name);
      const deliveryMonth = deliveryMonthFor(orderingMonthOf(submittedAt));
      let lines = this.lines(r, brightwater, region, deliveryMonth, this.quantities(r, brightwater, region, deliveryMonth, { kind: "accept" }), false);
      if (preferredDay) lines = lines.map((l) => ({ ...l, preferredDate: new Date(`${preferredDay}T00:00:00Z`) }));
      return this.order(brightwater, region, submittedAt, lines, [{ at: workingDayAt(submittedAt, 2, 10, 45), kind: "decision", status: "ACCEPTED", reason: null }]);
    };
    const deliveredMonth = monthOf(new Date(`${this.previousWorkingDay}T12:00:00Z`));
    return [
      make("schedulable", d.brightwaterSchedulable.region, londonAt(nth(shiftMonth(this.thisMonth, -2), 5), 14, 10)),
      make("delivered", d.brightwaterDelivered.region, londonAt(nth(shiftMonth(deliveredMonth, -5), 3), 9, 50), this.previousWorkingDay),
      make("damaged", d.brightwaterDamaged.region, londonAt(nth(shiftMonth(this.thisMonth, -6), 4), 11, 25)),
    ];
  }

  /** Keys (party|region|submission month) the fixed demo orders 6-9 hold. */
  laterDemoKeys(): string[] {
    const d = DEMO_ORDERS;
    const deliveredMonth = monthOf(new Date(`${this.previousWorkingDay}T12:00:00Z`));
    return [
      `${d.harbourDeemed.party}|${d.harbourDeemed.region}|${this.demoDeemed.month}`,
      `${d.brightwaterSchedulable.party}|${d.brightwaterSchedulable.region}|${shiftMonth(this.thisMonth, -2)}`,
      `${d.brightwaterDelivered.party}|${d.brightwaterDelivered.region}|${shiftMonth(deliveredMonth, -5)}`,
      `${d.brightwaterDamaged.party}|${d.brightwaterDamaged.region}|${shiftMonth(this.thisMonth, -6)}`,
    ];
  }

  /**
   * lib/orders/deemed-orders deemMandatoryOrders for one party, Region and month, at `at`: the compliant minimum per
   * HAN Variant at the party's last Delivery Location, mid-month; then the party's details or the lapse (CHHSM 3.7-3.9).
   * `earlier` are the orders planned so far (the last one's location is reused).
   */
  deemedOrder(party: Party, region: CspRegion, month: string, at: Date, fate: "open" | "confirmed" | "lapses", earlier: Omit<PlannedOrder, "number" | "ref">[]): Omit<PlannedOrder, "number" | "ref"> | null {
    const r = rng(this.seed, "deemed", party.name, region, month);
    const deliveryMonth = deliveryMonthFor(month);
    const due = this.checksFor(party, region, deliveryMonth, () => 0).filter((c) => c.minimum > 0);
    if (!due.length) return null;
    const last = earlier.filter((o) => o.party === party && o.submittedAt < at).sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())[0];
    let midMonth = `${deliveryMonth}-15`;
    while (!isWorkingDate(midMonth)) midMonth = shiftLondonDate(midMonth, 1);
    let lines: PlannedOrder["lines"] = due.map((check) => {
      const variant = CH_VARIANTS.find((v) => v.region === region && v.hanVariant === check.hanVariant && !v.mesh)!;
      const quantity = Math.max(variant.minimumDelivery, Math.ceil(check.minimum / variant.cartonQuantity) * variant.cartonQuantity);
      return { locationIndex: last?.lines[0].locationIndex ?? 0, itemCode: variant.code, quantity, preferredDate: londonAt(midMonth, 10) };
    });
    const detailsDueAt = addWorkingDays(at, DEEMED_DETAILS_WORKING_DAYS);
    const confirmDueAt = new Date(at.getTime() + DEEMED_CONFIRMATION_DAYS * DAY);
    const planned: Step[] =
      fate === "confirmed"
        ? [{ at: workingDayAt(at, 1, r.int(9, 16), r.int(0, 59)), kind: "details", status: "ACCEPTED", reason: null }]
        : fate === "lapses"
          ? [{ at: new Date(confirmDueAt.getTime() + r.int(1, 59) * MINUTE), kind: "lapsed", status: "CANCELLED", reason: null }]
          : [];
    const steps = planned.filter((s) => s.at <= this.base);
    const details = steps.find((s) => s.kind === "details");
    // confirmDeemedOrder moves every line to the location and date the party gives: its usual ones.
    if (details) lines = lines.map((l) => ({ ...l, locationIndex: supplierByName(party.name).home[region] ?? 0, preferredDate: deliveryDateFor(party.name, deliveryMonth) }));
    const checks = this.checksFor(party, region, deliveryMonth, (v) => lines.filter((l) => variantByCode(l.itemCode)!.hanVariant === v).reduce((sum, l) => sum + l.quantity, 0));
    return {
      party,
      region,
      submissionMonth: month,
      deliveryMonth,
      submittedAt: at,
      answerDueAt: at,
      lines,
      checks,
      compliant: true,
      meshShareFlagged: false,
      steps,
      status: steps.at(-1)?.status ?? "ACCEPTED",
      decidedAt: at,
      decisionReason: null,
      deemed: { detailsDueAt, confirmDueAt, detailsConfirmedAt: details?.at ?? null },
    };
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

// ─── Consignments ──────────────────────────────────────────────────────────────────────────────────────────────

export interface PlannedEvent {
  at: Date;
  actorName: string;
  kind: string;
  text: string;
}

export interface PlannedConsignment {
  number: number;
  ref: string;
  order: PlannedOrder;
  locationIndex: number;
  deliveryDate: Date;
  deliveryWindow: string;
  status: ChConsignmentStatus;
  deliveredAt: Date | null;
  confirmDueAt: Date | null;
  confirmedAt: Date | null;
  ground: ChDeliveryGround | null;
  groundNote: string | null;
  replacementDates: Date[];
  /** The number of the consignment this one replaces. */
  replacementOf: number | null;
  createdAt: Date;
  lines: { itemCode: string; quantity: number; affectedQuantity: number }[];
  /** Its entries in the order's timeline, as lib/orders/consignments writes them. */
  events: PlannedEvent[];
}

interface ConsignmentDraft extends Omit<PlannedConsignment, "number" | "ref" | "replacementOf" | "events"> {
  fixedNumber?: number;
  replaces?: ConsignmentDraft;
  /** Events whose text names consignments, resolved once every consignment has its number. */
  events: { at: Date; actorName: string; kind: string; text: (refOf: (c: ConsignmentDraft) => string) => string }[];
}

type Outcome = { kind: "confirmed" | "deemed" | "pending" } | { kind: "ground"; ground: ChDeliveryGround; note: string | null; units: number };

const GROUND_NOTES: Record<ChDeliveryGround, string[]> = {
  SHORT: ["One carton missing from the pallet against the delivery note.", "Delivery note lists more cartons than were on the vehicle."],
  OVER: [],
  DAMAGED: ["Cartons crushed on the pallet; tamper seals broken.", "Pallet wrap torn and two cartons wet through on arrival."],
  OTHER: ["Pallet delivered without the CHHSM Annex D labels; rejection right under CHHSM 3.15."],
};

/** lib/orders/consignments windowStart: the instant a Delivery Window opens on a London date. */
const windowStart = (day: string, window: string) => londonAt(day, Number(window.slice(0, 2)), Number(window.slice(3, 5)));
const dayOf = (at: Date) => londonDate(at);

/** The DCC's consignments for the planned orders (numbered orders), replayed up to the seed day. */
function planConsignments(planner: Planner, orders: PlannedOrder[]): PlannedConsignment[] {
  const { base, today } = planner;
  const drafts: ConsignmentDraft[] = [];
  const dcc = planner.dccActor;
  const automatic = actorLabel(null);
  const labelOf = (account: { name: string }, party: Party) => actorLabel({ name: account.name, partyName: party.name });
  const locationName = (c: ConsignmentDraft) => planner.locationsOf(c.order.party)[c.locationIndex].name;

  const draft = (order: PlannedOrder, locationIndex: number, window: string, date: string, createdAt: Date, lines: { itemCode: string; quantity: number }[], replaces?: ConsignmentDraft): ConsignmentDraft => {
    const c: ConsignmentDraft = {
      order,
      locationIndex,
      deliveryDate: windowStart(date, window),
      deliveryWindow: window,
      status: "SCHEDULED",
      deliveredAt: null,
      confirmDueAt: null,
      confirmedAt: null,
      ground: null,
      groundNote: null,
      replacementDates: [],
      createdAt,
      lines: lines.map((l) => ({ ...l, affectedQuantity: 0 })),
      replaces,
      events: [],
    };
    if (replaces) {
      c.events.push({ at: createdAt, actorName: labelOf(order.party.receiver, order.party), kind: "consignment.replacement", text: (ref) => consignmentEventText.replacement(ref(c), ref(replaces), c.deliveryDate, c.deliveryWindow) });
    } else {
      c.events.push({ at: createdAt, actorName: dcc, kind: "consignment.scheduled", text: (ref) => consignmentEventText.scheduled(ref(c), locationName(c), c.deliveryDate, c.deliveryWindow) });
    }
    drafts.push(c);
    return c;
  };

  /** Delivery and what followed it, each step only when it happened before the seed day. */
  const live = (r: Rng, c: ConsignmentDraft, outcome: Outcome, cancelAt: Date | null = null) => {
    const party = c.order.party;
    const receiver = labelOf(party.receiver, party);
    if (cancelAt && cancelAt < base && c.deliveryDate.getTime() - cancelAt.getTime() >= 48 * HOUR) {
      c.status = "CANCELLED";
      c.events.push({ at: cancelAt, actorName: labelOf(party.orderer, party), kind: "consignment.cancelled", text: (ref) => consignmentEventText.cancelled(ref(c)) });
      return;
    }
    if (dayOf(c.deliveryDate) >= today) return;
    const deliveredAt = new Date(c.deliveryDate.getTime() + r.int(40, 200) * MINUTE);
    const confirmDueAt = endOfLondonDay(addWorkingDays(c.deliveryDate, CONFIRMATION_WORKING_DAYS));
    Object.assign(c, { status: "DELIVERED", deliveredAt, confirmDueAt });
    c.events.push({ at: deliveredAt, actorName: dcc, kind: "consignment.delivered", text: (ref) => consignmentEventText.delivered(ref(c), locationName(c), confirmDueAt) });
    if (outcome.kind === "pending") return;
    // The party answers on the day or within 3 Working Days; the job deems the rest in the hour after the window.
    const answeredAt = () => {
      const days = r.int(0, 3);
      return days === 0 ? new Date(deliveredAt.getTime() + r.int(30, 180) * MINUTE) : workingDayAt(c.deliveryDate, days, r.int(8, 16), r.int(0, 59));
    };
    // The job's next run would be on the seed day itself: that party answered in time instead.
    const deemedAt = new Date(confirmDueAt.getTime() + r.int(1, 59) * MINUTE);
    if (outcome.kind === "deemed" && deemedAt >= base && confirmDueAt < base) outcome = { kind: "confirmed" };
    if (outcome.kind === "deemed") {
      const at = deemedAt;
      if (at >= base) return;
      Object.assign(c, { status: "DEEMED_COMPLIANT" });
      c.events.push({ at, actorName: automatic, kind: "consignment.deemed_compliant", text: (ref) => consignmentEventText.deemedCompliant(ref(c), confirmDueAt) });
      return;
    }
    const at = answeredAt();
    if (at >= base) return;
    if (outcome.kind === "confirmed") {
      Object.assign(c, { status: "CONFIRMED_COMPLIANT", confirmedAt: at });
      c.events.push({ at, actorName: receiver, kind: "consignment.confirmed_compliant", text: (ref) => consignmentEventText.confirmedCompliant(ref(c)) });
      return;
    }
    if (outcome.kind !== "ground") return;
    // A ground (F6.9): the units on the largest CH line.
    const { note, ground: code } = outcome;
    const ground = DELIVERY_GROUNDS[code];
    const line = c.lines.filter((l) => variantByCode(l.itemCode)).sort((a, b) => b.quantity - a.quantity)[0];
    line.affectedQuantity = outcome.ground === "OVER" ? outcome.units : Math.min(outcome.units, line.quantity);
    const total = line.affectedQuantity;
    Object.assign(c, { status: ground.status, confirmedAt: at, ground: outcome.ground, groundNote: note });
    c.events.push({
      at,
      actorName: receiver,
      kind: `consignment.${ground.status.toLowerCase()}`,
      text: (ref) => consignmentEventText.nonCompliant(ref(c), code, total, note),
    });
    if (ground.collected) {
      const collectedAt = workingDayAt(at, r.int(2, 6), r.int(9, 15), r.int(0, 59));
      if (collectedAt < base) {
        c.status = "COLLECTED";
        c.events.push({ at: collectedAt, actorName: dcc, kind: "consignment.collected", text: (ref) => consignmentEventText.collected(ref(c)) });
      }
    }
    if (ground.replaced) {
      const offeredAt = workingDayAt(at, r.int(1, 2), r.int(9, 16), r.int(0, 59));
      if (offeredAt >= base) return;
      offer(c, offeredAt, [3, 5, 7].map((n) => addWorkingDates(londonDate(offeredAt), n)));
      const pickedAt = workingDayAt(offeredAt, 1, r.int(9, 16), r.int(0, 59));
      if (pickedAt >= base) return;
      const picked = dayOf(r.pick(c.replacementDates));
      const replacement = draft(c.order, c.locationIndex, c.deliveryWindow, picked, pickedAt, [{ itemCode: line.itemCode, quantity: total }], c);
      live(r, replacement, { kind: r.chance(0.6) ? "confirmed" : "deemed" });
    }
  };
  const offer = (c: ConsignmentDraft, at: Date, dates: string[]) => {
    c.replacementDates = dates.map((d) => windowStart(d, c.deliveryWindow));
    c.events.push({ at, actorName: dcc, kind: "consignment.replacement-offered", text: (ref) => consignmentEventText.replacementOffered(ref(c), c.replacementDates) });
  };

  /** What the DCC delivers to one location of an order: what was ordered there, or (accepted in part) what it allowed. */
  const linesAt = (order: PlannedOrder, locationIndex: number) => {
    const quantity = new Map(order.lines.map((l, i) => [i, l.quantity]));
    if (order.status === "ACCEPTED_IN_PART") {
      for (const check of order.checks.filter((c) => c.ordered > c.maximum)) {
        const allowed = floor10(check.maximum);
        const of = order.lines.map((l, i) => ({ l, i })).filter(({ l }) => variantByCode(l.itemCode)?.hanVariant === check.hanVariant);
        let left = allowed;
        for (const { l, i } of of) left -= quantity.set(i, floor10((l.quantity * allowed) / check.ordered)).get(i)!;
        const largest = of.sort((a, b) => b.l.quantity - a.l.quantity)[0];
        quantity.set(largest.i, quantity.get(largest.i)! + left);
      }
    }
    return order.lines.map((l, i) => ({ l, i })).filter(({ l, i }) => l.locationIndex === locationIndex && quantity.get(i)! > 0).map(({ l, i }) => ({ itemCode: l.itemCode, quantity: quantity.get(i)! }));
  };
  const windowOf = (r: Rng) => r.pick(DELIVERY_WINDOWS);

  // The fixed demo consignments (DEMO_CONSIGNMENTS), numbers 1-3.
  const byRef = new Map(orders.map((o) => [o.ref, o]));
  const fixed = DEMO_CONSIGNMENTS;
  {
    const order = byRef.get(fixed.brightwaterDelivered.order)!;
    const r = rng(planner.seed, "demo-consignment", 1);
    const c = draft(order, order.lines[0].locationIndex, fixed.brightwaterDelivered.window, planner.previousWorkingDay, workingDayAt(londonAt(planner.previousWorkingDay, 12), -15, 10, 20), linesAt(order, order.lines[0].locationIndex));
    c.fixedNumber = 1;
    live(r, c, { kind: "pending" });
  }
  {
    const order = byRef.get(fixed.brightwaterRejected.order)!;
    const r = rng(planner.seed, "demo-consignment", 2);
    const date = dayOf(order.lines[0].preferredDate);
    const c = draft(order, order.lines[0].locationIndex, fixed.brightwaterRejected.window, date, workingDayAt(londonAt(date, 12), -12, 14, 5), linesAt(order, order.lines[0].locationIndex));
    c.fixedNumber = 2;
    live(r, c, { kind: "pending" });
    // Rejected as damaged the Working Day after; the DCC offered replacement dates yesterday, nothing picked or collected.
    const at = workingDayAt(c.deliveryDate, 1, 10, 40);
    const line = c.lines.filter((l) => variantByCode(l.itemCode)).sort((a, b) => b.quantity - a.quantity)[0];
    line.affectedQuantity = fixed.brightwaterRejected.affectedUnits;
    const note = GROUND_NOTES.DAMAGED[0];
    Object.assign(c, { status: "REJECTED", confirmedAt: at, ground: "DAMAGED", groundNote: note });
    const units = line.affectedQuantity;
    c.events.push({
      at,
      actorName: labelOf(order.party.receiver, order.party),
      kind: "consignment.rejected",
      text: (ref) => consignmentEventText.nonCompliant(ref(c), "DAMAGED", units, note),
    });
    const offeredAt = workingDayAt(base, -1, 15, 30);
    offer(c, offeredAt, fixed.brightwaterRejected.offeredWorkingDays.map((n) => addWorkingDates(today, n)));
  }
  {
    const order = byRef.get(fixed.northgateScheduled.order)!;
    const date = dayOf(order.lines[0].preferredDate);
    const c = draft(order, order.lines[0].locationIndex, fixed.northgateScheduled.window, date, workingDayAt(order.decidedAt!, 3, 11, 0), linesAt(order, order.lines[0].locationIndex));
    c.fixedNumber = 3;
  }

  // Every other accepted order: one consignment per location, raised 10-25 Working Days before the preferred date.
  const fixedOrders = new Set<string>([...Object.values(DEMO_ORDERS).flatMap((d) => ("ref" in d ? [d.ref] : []))]);
  for (const order of orders) {
    if (fixedOrders.has(order.ref)) continue;
    const r = rng(planner.seed, "consignments", order.ref, dayOf(order.submittedAt));
    if (order.deemed && !order.deemed.detailsConfirmedAt) {
      // Details never given: the DCC raised the delivery at the reused location the Working Day after they were due.
      const raisedAt = workingDayAt(order.deemed.detailsDueAt, 1, r.int(9, 16), r.int(0, 59));
      if (raisedAt >= base) continue;
      const c = draft(order, order.lines[0].locationIndex, windowOf(r), dayOf(order.lines[0].preferredDate), raisedAt, linesAt(order, order.lines[0].locationIndex));
      if (order.status === "CANCELLED") c.status = "DEEMED_CANCELLED";
      continue;
    }
    if (order.status !== "ACCEPTED" && order.status !== "ACCEPTED_IN_PART") continue;
    for (const locationIndex of [...new Set(order.lines.map((l) => l.locationIndex))]) {
      const lines = linesAt(order, locationIndex);
      if (!lines.some((l) => variantByCode(l.itemCode))) continue;
      const date = dayOf(order.lines.find((l) => l.locationIndex === locationIndex)!.preferredDate);
      const raisedAt = workingDayAt(londonAt(date, 12), -r.int(10, 25), r.int(9, 16), r.int(0, 59));
      if (raisedAt >= base) continue;
      const c = draft(order, locationIndex, windowOf(r), date, raisedAt, lines);
      const roll = r.next();
      const ground = (g: ChDeliveryGround, units: number): Outcome => ({ kind: "ground", ground: g, note: GROUND_NOTES[g].length ? r.pick(GROUND_NOTES[g]) : null, units });
      const outcome: Outcome =
        roll < 0.52
          ? { kind: "confirmed" }
          : roll < 0.82
            ? { kind: "deemed" }
            : roll < 0.89
              ? ground("SHORT", 10 * r.int(1, 4))
              : roll < 0.94
                ? ground("DAMAGED", 10 * r.int(1, 2))
                : roll < 0.97
                  ? ground("OVER", 10 * r.int(1, 3))
                  : ground("OTHER", 10);
      const cancelAt = r.chance(0.05) ? workingDayAt(raisedAt, r.int(1, 5), r.int(9, 16), r.int(0, 59)) : null;
      live(r, c, outcome, cancelAt);
    }
  }

  // A party cancelling one consignment shows whatever the day: failing a random one, the first that could be.
  if (!drafts.some((c) => c.status === "CANCELLED")) {
    for (const c of drafts.filter((x) => x.status === "SCHEDULED" && !x.fixedNumber && !x.replaces && !x.order.deemed)) {
      const r = rng(planner.seed, "cancel-consignment", c.order.ref, c.locationIndex);
      const cancelAt = workingDayAt(c.createdAt, 1, r.int(9, 16), r.int(0, 59));
      if (cancelAt >= base || c.deliveryDate.getTime() - cancelAt.getTime() < 48 * HOUR) continue;
      live(r, c, { kind: "pending" }, cancelAt);
      break;
    }
  }

  // Fixed ones first, then in order of creation.
  const rest = drafts.filter((c) => !c.fixedNumber).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.order.number - b.order.number || a.locationIndex - b.locationIndex);
  const numbered = [...drafts.filter((c) => c.fixedNumber).sort((a, b) => a.fixedNumber! - b.fixedNumber!), ...rest];
  const numberOf = new Map(numbered.map((c, i) => [c, i + 1]));
  const refOf = (c: ConsignmentDraft) => omsRef("CON", numberOf.get(c)!);
  return numbered.map((c, i) => {
    const { fixedNumber: _fixed, replaces, events, ...fields } = c;
    return {
      ...fields,
      number: i + 1,
      ref: refOf(c),
      replacementOf: replaces ? numberOf.get(replaces)! : null,
      events: events.map((e) => ({ at: e.at, actorName: e.actorName, kind: e.kind, text: e.text(refOf) })).sort((a, b) => a.at.getTime() - b.at.getTime()),
    };
  });
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
  const later = planner.laterDemoOrders();
  const taken = new Set([...demo.map((o) => `${o.party.name}|${o.region}|${o.submissionMonth}`), ...planner.laterDemoKeys()]);
  const generated = planner.generatedOrders(taken);
  // The DCC's deemed orders, oldest first (each reuses the location of the party's last order before it).
  const planned = [...demo, ...later, ...generated];
  // Those of the open demo deemed order's month were made in its run and still await their details.
  const deemed = planner.deemedSlots
    .map((slot) => ({
      slot,
      open: slot.month === planner.demoDeemed.month,
      at: slot.month === planner.demoDeemed.month ? planner.demoDeemed.at : new Date(deadlineOf(slot.month).getTime() + rng(opts.seed, "deemed-at", slot.party.name, slot.region, slot.month).int(2, 40) * MINUTE),
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || partyRank(a.slot.party) - partyRank(b.slot.party) || REGIONS.indexOf(a.slot.region) - REGIONS.indexOf(b.slot.region));
  for (const { slot, at, open } of deemed) {
    const order = planner.deemedOrder(slot.party, slot.region, slot.month, at, open ? "open" : slot.lapses ? "lapses" : "confirmed", planned);
    if (order) {
      generated.push(order);
      planned.push(order);
    }
  }
  const d = DEMO_ORDERS.harbourDeemed;
  const demoDeemed = planner.deemedOrder(planner.party(d.party), d.region, planner.demoDeemed.month, planner.demoDeemed.at, "open", planned)!;
  generated.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || partyRank(a.party) - partyRank(b.party) || REGIONS.indexOf(a.region) - REGIONS.indexOf(b.region));
  const orders = [...demo, demoDeemed, ...later, ...generated].map((o, i) => ({ ...o, number: i + 1, ref: omsRef("ORD", i + 1) }));
  const locations = ctx.parties.flatMap((p) => planner.locationsOf(p));
  const consignments = planConsignments(planner, orders);
  return { base: opts.base, locations, forecasts, orders, consignments };
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
  const unconfirmed = (o: PlannedOrder) => !!o.deemed && !o.deemed.detailsConfirmedAt;
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
      // A deemed order has no contacts until the party gives its details (deemMandatoryOrders, confirmDeemedOrder).
      contactPhone: unconfirmed(o) ? "" : supplierByName(o.party.name).phone,
      contactEmail: unconfirmed(o) ? "" : `orders@${o.party.domain}`,
      submittedAt: o.submittedAt,
      submittedById: o.deemed ? null : o.party.orderer.id,
      answerDueAt: o.answerDueAt,
      decidedAt: o.decidedAt,
      decisionReason: o.decisionReason,
      deemed: !!o.deemed,
      detailsDueAt: o.deemed?.detailsDueAt ?? null,
      confirmDueAt: o.deemed?.confirmDueAt ?? null,
      detailsConfirmedAt: o.deemed?.detailsConfirmedAt ?? null,
    })),
  });
  const locationsOf = (o: PlannedOrder) => plan.locations.filter((l) => l.party === o.party.name);
  const locationIdOf = (o: PlannedOrder, index: number) => locationIds.get(`${o.party.name}|${locationsOf(o)[index].name}`)!;
  await db.chOrderLine.createMany({
    data: plan.orders.flatMap((o) =>
      o.lines.map((l, i) => ({
        id: `${orderId(o)}_l${i + 1}`,
        orderId: orderId(o),
        locationId: locationIdOf(o, l.locationIndex),
        itemCode: l.itemCode,
        quantity: l.quantity,
        preferredDate: l.preferredDate,
      })),
    ),
  });
  await db.chOrderCheck.createMany({ data: plan.orders.flatMap((o) => o.checks.map((c) => ({ orderId: orderId(o), ...c }))) });

  const consignmentId = (c: PlannedConsignment) => `chc_${c.number}`;
  // A replacement points at the one it replaces: written oldest first, one statement per generation.
  const consignmentRows = plan.consignments.map((c) => ({
    id: consignmentId(c),
    number: c.number,
    ref: c.ref,
    orderId: orderId(c.order),
    locationId: locationIdOf(c.order, c.locationIndex),
    deliveryDate: c.deliveryDate,
    deliveryWindow: c.deliveryWindow,
    status: c.status,
    deliveredAt: c.deliveredAt,
    confirmDueAt: c.confirmDueAt,
    confirmedAt: c.confirmedAt,
    ground: c.ground,
    groundNote: c.groundNote,
    replacementDates: c.replacementDates,
    replacementOfId: c.replacementOf ? `chc_${c.replacementOf}` : null,
    createdAt: c.createdAt,
  }));
  await db.chConsignment.createMany({ data: consignmentRows.filter((c) => !c.replacementOfId) });
  await db.chConsignment.createMany({ data: consignmentRows.filter((c) => c.replacementOfId) });
  await db.chConsignmentLine.createMany({ data: plan.consignments.flatMap((c) => c.lines.map((l) => ({ consignmentId: consignmentId(c), ...l }))) });

  const dccName = actorLabel(ctx.dcc);
  const automatic = actorLabel(null);
  const events = plan.orders.flatMap((o) => {
    const partyActor = actorLabel({ name: o.party.orderer.name, partyName: o.party.name });
    const hubs = o.lines.filter((l) => variantByCode(l.itemCode)).reduce((sum, l) => sum + l.quantity, 0);
    const lapsed = plan.consignments.filter((c) => c.order === o && c.status === "DEEMED_CANCELLED").length;
    const first = o.deemed
      ? { at: o.submittedAt, actorName: automatic, kind: "deemed", text: deemedOrderEventText.deemed(o.region, hubs) }
      : { at: o.submittedAt, actorName: partyActor, kind: "submitted", text: orderEventText.submitted(hubs, o.deliveryMonth, false) };
    const orderEvents = [
      first,
      ...o.steps.map((s) =>
        s.kind === "cancelled"
          ? { at: s.at, actorName: partyActor, kind: "cancelled", text: orderEventText.cancelled() }
          : s.kind === "details"
            ? { at: s.at, actorName: partyActor, kind: "details", text: deemedOrderEventText.detailsConfirmed(locationsOf(o)[o.lines[0].locationIndex].name, o.lines[0].preferredDate) }
            : s.kind === "lapsed"
              ? {
                  at: s.at,
                  actorName: automatic,
                  kind: "cancelled",
                  text: deemedOrderEventText.deemedCancelled(lapsed),
                }
              : { at: s.at, actorName: dccName, kind: "decision", text: orderEventText.decision(s.status, s.reason) },
      ),
    ].map((e, i) => ({ id: `${orderId(o)}_e${i + 1}`, orderId: orderId(o), consignmentId: null as string | null, ...e }));
    const consignmentEvents = plan.consignments
      .filter((c) => c.order === o)
      .flatMap((c) => c.events.map((e, i) => ({ id: `${consignmentId(c)}_e${i + 1}`, orderId: orderId(o), consignmentId: consignmentId(c), ...e })));
    return [...orderEvents, ...consignmentEvents];
  });
  for (let i = 0; i < events.length; i += 5_000) await db.chOrderEvent.createMany({ data: events.slice(i, i + 5_000) });

  // Later forecasts and orders continue the numbering.
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChForecast"', 'number'), (SELECT max(number) FROM "ChForecast"))`);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChOrder"', 'number'), (SELECT max(number) FROM "ChOrder"))`);
  if (plan.consignments.length) await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"ChConsignment"', 'number'), (SELECT max(number) FROM "ChConsignment"))`);
  return {
    "delivery locations": locationRows.length,
    forecasts: plan.forecasts.length,
    "forecast lines": forecastLines.length,
    orders: plan.orders.length,
    "deemed orders": plan.orders.filter((o) => o.deemed).length,
    consignments: plan.consignments.length,
    "order events": events.length,
  };
}

export { DEMO_ORDERS };
