import { beforeAll, describe, expect, it } from "vitest";
import type { ChConsignment, ChConsignmentLine, ChForecast, ChForecastLine, ChOrder, ChOrderCheck, ChOrderEvent, ChOrderLine, DeliveryLocation } from "@/generated/prisma/client";
import { actorLabel, loadActor, type Actor } from "@/lib/auth/actor";
import { addWorkingDays, endOfLondonDay, formatLondon, isWorkingDay, londonDate, now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatMonth, plural } from "@/lib/format";
import { parsePostcode } from "@/lib/identifiers";
import { deliveryMonthFor, isPastDeadline, monthOf, orderingMonth, shiftMonth, submissionDeadline } from "@/lib/orders/calendar";
import { HAN_VARIANTS, MAX_LOCATIONS_PER_ORDER, MESH_SHARE_LIMIT, REGION_LABELS, auxiliaryByCode, hubCount, variantByCode, type HanVariant } from "@/lib/orders/catalog";
import {
  CONFIRMATION_WORKING_DAYS,
  CONSIGNMENT_TRANSITIONS,
  DELIVERY_GROUNDS,
  confirmDelivery,
  consignmentEventText,
  deemDeliveriesCompliant,
  pickReplacementDate,
  raiseConsignment,
  recordCollection,
  recordDelivery,
} from "@/lib/orders/consignments";
import { DEEMED_CONFIRMATION_DAYS, DEEMED_DETAILS_WORKING_DAYS, cancelUnconfirmedDeemedOrders, confirmDeemedOrder } from "@/lib/orders/deemed-orders";
import { deemMissingForecasts, forecastOfMonth, forecastShape } from "@/lib/orders/forecasts";
import { DECISIONS, cancelOrder, submitOrder } from "@/lib/orders/orders";
import { toleranceBounds } from "@/lib/orders/tolerance";
import { notifyReturn } from "@/lib/returns/returns";
import { DEMO_CONSIGNMENTS, DEMO_DELIVERY_LOCATIONS, DEMO_ORDERS } from "./demo-orders";
import { DEFAULT_SEED, seedDemoData } from "./index";
import { CH_STOCK_PER_REGION, dccStock } from "./inventory";
import { FORECAST_HISTORY_MONTHS, ORDER_HISTORY_MONTHS, SUPPLIERS, loadOrderContext, planOrders, seedDayStart, type OrderContext, type OrdersPlan } from "./orders";
import { DEMO_PARTIES } from "./parties";

type Order = ChOrder & { lines: (ChOrderLine & { location: DeliveryLocation })[]; checks: ChOrderCheck[]; events: ChOrderEvent[]; party: { name: string } };
type Consignment = ChConsignment & { lines: ChConsignmentLine[]; events: ChOrderEvent[]; location: DeliveryLocation; order: { ref: string; partyId: string; party: { name: string } } };
type Forecast = ChForecast & { lines: ChForecastLine[]; party: { name: string } };

let orders: Order[];
let consignments: Consignment[];
let forecasts: Forecast[];
let created: Record<string, number>;
let seedMs: number;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const thisMonth = () => monthOf(now());
/** The month a forecast submitted now counts for (next month once this month's deadline has passed). */
const ordering = () => orderingMonth(now());
const cellKey = (c: { month: string; region: string; hanVariant: string }) => `${c.month}|${c.region}|${c.hanVariant}`;
const actorFor = async (email: string): Promise<Actor> => (await loadActor((await db().account.findUniqueOrThrow({ where: { email } })).id))!;
const ordered = (lines: { itemCode: string; quantity: number }[], v: string) => lines.filter((l) => variantByCode(l.itemCode)?.hanVariant === v).reduce((s, l) => s + l.quantity, 0);

beforeAll(async () => {
  await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 0, incidents: 0, orders: false });
  const started = Date.now();
  const { seedOrders } = await import("./orders");
  created = await seedOrders(db(), { seed: DEFAULT_SEED });
  seedMs = Date.now() - started;
  orders = await db().chOrder.findMany({
    include: { lines: { include: { location: true }, orderBy: { id: "asc" } }, checks: true, events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, party: { select: { name: true } } },
    orderBy: { number: "asc" },
  });
  forecasts = await db().chForecast.findMany({ include: { lines: true, party: { select: { name: true } } }, orderBy: { number: "asc" } });
  consignments = await db().chConsignment.findMany({
    include: { lines: true, events: { orderBy: [{ at: "asc" }, { id: "asc" }] }, location: true, order: { select: { ref: true, partyId: true, party: { select: { name: true } } } } },
    orderBy: { number: "asc" },
  });
});
const FIXED_ORDERS = 9;
/** The order's own timeline (its consignments' entries aside). */
const orderEvents = (o: Order) => o.events.filter((e) => !e.consignmentId);
const dccActor = async () => actorLabel({ name: (await db().account.findUniqueOrThrow({ where: { email: "admin@dcc.demo" } })).name, partyName: "Data and Communications Company" });

/** Live deliveries at one location must be on the same day or at least 7 days apart (CHHSM 3.13(b)). */
function weeklyClashes(rows: { location: string; date: Date; ref: string; live: boolean }[]): string[] {
  const clashes: string[] = [];
  const live = rows.filter((r) => r.live);
  for (const a of live) {
    for (const b of live) {
      if (a.ref >= b.ref || a.location !== b.location) continue;
      const gap = Math.abs(a.date.getTime() - b.date.getTime());
      if (gap > 0 && gap < 7 * DAY) clashes.push(`${a.ref}/${b.ref} at ${a.location}`);
    }
  }
  return clashes;
}

describe("CH ordering seed", () => {
  it("seeds locations, forecasts and orders, numbered 1..N with refs from the numbers", () => {
    console.log(`orders seed: ${JSON.stringify(created)} in ${seedMs} ms`);
    expect(created.orders).toBe(orders.length);
    expect(orders.length).toBeGreaterThan(60);
    orders.forEach((o, i) => expect([o.number, o.ref]).toEqual([i + 1, `ORD${String(i + 1).padStart(7, "0")}`]));
    forecasts.forEach((f, i) => expect([f.number, f.ref]).toEqual([i + 1, `FC${String(i + 1).padStart(7, "0")}`]));
    // Generated orders (the DCC's deemed ones among them) are numbered in order of submission.
    const generated = orders.slice(FIXED_ORDERS).map((o) => o.submittedAt.getTime());
    expect(generated).toEqual([...generated].sort((a, b) => a - b));
  });

  it("gives each demo supplier 1-2 Delivery Locations with valid postcodes", async () => {
    const locations = await db().deliveryLocation.findMany({ include: { party: { select: { name: true } } } });
    expect(locations).toHaveLength(DEMO_DELIVERY_LOCATIONS.length);
    for (const supplier of SUPPLIERS) {
      const own = locations.filter((l) => l.party.name === supplier.name);
      expect(own.length, supplier.name).toBeGreaterThanOrEqual(1);
      expect(own.length, supplier.name).toBeLessThanOrEqual(2);
    }
    for (const l of locations) {
      expect(parsePostcode(l.postcode), l.name).toBe(l.postcode);
      expect(l.createdAt.getTime()).toBeLessThan(Math.min(...orders.map((o) => o.submittedAt.getTime())));
    }
    expect(locations.filter((l) => l.party.name === "Brightwater Energy").map((l) => l.name).sort()).toEqual([...DEMO_ORDERS.brightwaterLocations].sort());
  });

  it("seeds one forecast per supplier per month, each with exactly the cells forecastShape expects", async () => {
    // Every month whose deadline has passed, up to the one before the ordering month.
    const expectedMonths = Array.from({ length: FORECAST_HISTORY_MONTHS }, (_, i) => shiftMonth(ordering(), i - FORECAST_HISTORY_MONTHS));
    const accounts = new Map((await db().account.findMany({ where: { email: { startsWith: "orders@" } } })).map((a) => [a.id, a]));
    for (const supplier of SUPPLIERS) {
      const own = forecasts.filter((f) => f.party.name === supplier.name);
      expect(own.map((f) => f.submissionMonth).sort(), supplier.name).toEqual(expectedMonths);
      for (const f of own) {
        const shape = forecastShape(f.submissionMonth);
        expect(f.lines).toHaveLength(shape.length);
        expect(new Set(f.lines.map(cellKey))).toEqual(new Set(shape.map(cellKey)));
        expect(f.lines.every((l) => Number.isInteger(l.quantity) && l.quantity >= 0)).toBe(true);
        // Regions the supplier does not serve are zero; the ones it serves are not.
        for (const l of f.lines) {
          if (!supplier.regions[l.region]) expect(l.quantity, `${f.ref} ${cellKey(l)}`).toBe(0);
          else if (shape.find((c) => cellKey(c) === cellKey(l))!.index < 24) expect(l.quantity, `${f.ref} ${cellKey(l)}`).toBeGreaterThan(0);
        }
        expect(monthOf(f.submittedAt)).toBe(f.submissionMonth);
        // A submitted forecast counts for the month it was made in; a deemed one is made just after that month's deadline.
        expect(orderingMonth(f.submittedAt), f.ref).toBe(f.deemed ? shiftMonth(f.submissionMonth, 1) : f.submissionMonth);
        expect(f.submittedAt.getTime()).toBeLessThanOrEqual(now().getTime());
        if (f.deemed) {
          expect(f.submittedById).toBeNull();
          expect(f.submittedAt.getTime()).toBeGreaterThan(submissionDeadline(f.submissionMonth).getTime());
        } else {
          expect(f.submittedAt.getTime()).toBeLessThanOrEqual(submissionDeadline(f.submissionMonth).getTime());
          expect(accounts.get(f.submittedById!)?.partyId).toBe(f.partyId);
        }
      }
    }
  });

  it("leaves the hourly deem job nothing to deem: every supplier has a forecast for the month whose deadline passed last", async () => {
    const lastClosed = shiftMonth(ordering(), -1);
    for (const supplier of SUPPLIERS) expect(forecasts.some((f) => f.party.name === supplier.name && f.submissionMonth === lastClosed), supplier.name).toBe(true);
    expect(await deemMissingForecasts()).toEqual({ deemed: 0 });
  });

  it("has Meridian's deemed forecast 4 months ago, and figures that change slowly from one forecast to the next", () => {
    const deemed = forecasts.filter((f) => f.deemed);
    expect(deemed.map((f) => [f.party.name, f.submissionMonth])).toEqual([[DEMO_ORDERS.deemedForecast.party, shiftMonth(thisMonth(), -DEMO_ORDERS.deemedForecast.monthsAgo)]]);
    for (const supplier of SUPPLIERS) {
      const own = forecasts.filter((f) => f.party.name === supplier.name).sort((a, b) => a.submissionMonth.localeCompare(b.submissionMonth));
      for (let i = 1; i < own.length; i++) {
        if (own[i].deemed || own[i - 1].deemed) continue;
        const before = new Map(own[i - 1].lines.map((l) => [cellKey(l), l.quantity]));
        for (const l of own[i].lines) {
          const previous = before.get(cellKey(l));
          if (!previous || !l.quantity) continue;
          expect(l.quantity / previous, `${own[i].ref} ${cellKey(l)}`).toBeGreaterThan(0.8);
          expect(l.quantity / previous, `${own[i].ref} ${cellKey(l)}`).toBeLessThan(1.25);
        }
      }
    }
  });

  it("keeps every order to the rules: one per party, Region and month, Delivery Month + 5, whole cartons, dates, locations", () => {
    const oldest = shiftMonth(ordering(), -ORDER_HISTORY_MONTHS);
    const keys = new Set<string>();
    for (const o of orders) {
      const key = `${o.partyId}|${o.region}|${o.submissionMonth}`;
      expect(keys.has(key), o.ref).toBe(false);
      keys.add(key);
      expect(o.submissionMonth >= oldest && o.submissionMonth <= ordering(), o.ref).toBe(true);
      expect(o.deliveryMonth, o.ref).toBe(deliveryMonthFor(o.submissionMonth));
      if (o.deemed) {
        // Made by the job after the month's deadline (lib/orders/deemed-orders deemMandatoryOrders).
        expect(o.submittedAt.getTime(), o.ref).toBeGreaterThan(submissionDeadline(o.submissionMonth).getTime());
        expect(shiftMonth(orderingMonth(o.submittedAt), -1) >= o.submissionMonth, o.ref).toBe(true);
        expect(o.submittedAt.getTime(), o.ref).toBeLessThanOrEqual(now().getTime());
        expect([o.answerDueAt.getTime(), o.decidedAt?.getTime(), o.submittedById, o.compliant], o.ref).toEqual([o.submittedAt.getTime(), o.submittedAt.getTime(), null, true]);
        expect(o.detailsDueAt!.getTime(), o.ref).toBe(addWorkingDays(o.submittedAt, DEEMED_DETAILS_WORKING_DAYS).getTime());
        expect(o.confirmDueAt!.getTime(), o.ref).toBe(o.submittedAt.getTime() + DEEMED_CONFIRMATION_DAYS * DAY);
        expect(o.contactEmail, o.ref).toBe(o.detailsConfirmedAt ? `orders@${o.contactEmail.split("@")[1]}` : "");
        // Still open: the job would cancel it once confirmDueAt passed.
        if (o.status === "ACCEPTED" && !o.detailsConfirmedAt) expect(o.confirmDueAt!.getTime(), o.ref).toBeGreaterThan(now().getTime());
      } else {
        expect([o.deemed, o.detailsDueAt, o.confirmDueAt, o.detailsConfirmedAt], o.ref).toEqual([false, null, null, null]);
        expect(monthOf(o.submittedAt), o.ref).toBe(o.submissionMonth);
        expect(orderingMonth(o.submittedAt), o.ref).toBe(o.submissionMonth);
        expect(o.submittedAt.getTime(), o.ref).toBeLessThanOrEqual(Math.min(now().getTime(), submissionDeadline(o.submissionMonth).getTime()));
        expect(o.answerDueAt.getTime(), o.ref).toBe(addWorkingDays(o.submittedAt, 5).getTime());
        expect(o.contactEmail).toMatch(/^orders@/);
      }

      const locations = new Set(o.lines.map((l) => l.locationId));
      expect(locations.size, o.ref).toBeGreaterThanOrEqual(1);
      expect(locations.size, o.ref).toBeLessThanOrEqual(MAX_LOCATIONS_PER_ORDER);
      for (const locationId of locations) {
        const at = o.lines.filter((l) => l.locationId === locationId);
        expect(at[0].location.partyId, o.ref).toBe(o.partyId);
        expect(new Set(at.map((l) => l.preferredDate.toISOString().slice(0, 10))).size, o.ref).toBe(1);
        expect(monthOf(at[0].preferredDate), o.ref).toBe(o.deliveryMonth);
        expect(isWorkingDay(at[0].preferredDate), o.ref).toBe(true);
        expect(at.some((l) => variantByCode(l.itemCode)), `${o.ref}: hubs alongside auxiliary equipment`).toBe(true);
      }
      for (const line of o.lines) {
        const variant = variantByCode(line.itemCode);
        expect(variant || auxiliaryByCode(line.itemCode), line.itemCode).toBeTruthy();
        expect(line.quantity, o.ref).toBeGreaterThan(0);
        if (!variant) continue;
        expect(variant.region, o.ref).toBe(o.region);
        expect(line.quantity % variant.cartonQuantity, `${o.ref} ${line.itemCode}`).toBe(0);
        expect(line.quantity, o.ref).toBeGreaterThanOrEqual(variant.minimumDelivery);
      }
      const hubs = o.lines.filter((l) => variantByCode(l.itemCode));
      const total = hubs.reduce((s, l) => s + l.quantity, 0);
      const mesh = hubs.filter((l) => variantByCode(l.itemCode)!.mesh).reduce((s, l) => s + l.quantity, 0);
      expect(o.meshShareFlagged, o.ref).toBe(o.region !== "NORTH" && mesh > total * MESH_SHARE_LIMIT);
    }
    expect(orders.some((o) => o.meshShareFlagged)).toBe(true);
    expect(orders.some((o) => new Set(o.lines.map((l) => l.locationId)).size === 2)).toBe(true);
    expect(orders.some((o) => o.lines.some((l) => auxiliaryByCode(l.itemCode)))).toBe(true);
    // A deemed order awaiting its details has the DCC's provisional mid-month date (deemMandatoryOrders), not the party's.
    const rows = orders.flatMap((o) =>
      [...new Set(o.lines.map((l) => l.locationId))].map((location) => ({ location, date: o.lines.find((l) => l.locationId === location)!.preferredDate, ref: o.ref, live: !["REJECTED", "CANCELLED"].includes(o.status) && !(o.deemed && !o.detailsConfirmedAt) })),
    );
    expect(weeklyClashes(rows)).toEqual([]);
  });

  it("stores tolerance checks that recompute with toleranceBounds from the seeded forecasts", async () => {
    let compliant = 0;
    for (const o of orders) {
      const [f10, f7] = await Promise.all([forecastOfMonth(db(), o.partyId, shiftMonth(o.deliveryMonth, -10)), forecastOfMonth(db(), o.partyId, shiftMonth(o.deliveryMonth, -7))]);
      expect(f10, `${o.ref}: forecast 10 months ahead`).not.toBeNull();
      expect(f7, `${o.ref}: forecast 7 months ahead`).not.toBeNull();
      const figure = (f: typeof f10, v: string) => f!.lines.find((l) => l.month === o.deliveryMonth && l.region === o.region && l.hanVariant === v)!.quantity;
      const expected = HAN_VARIANTS.map((hanVariant) => {
        const { minimum, maximum } = toleranceBounds(figure(f10, hanVariant), figure(f7, hanVariant));
        const sum = ordered(o.lines, hanVariant);
        return { orderId: o.id, hanVariant, f10: figure(f10, hanVariant), f7: figure(f7, hanVariant), minimum, maximum, ordered: sum, compliant: sum >= minimum && sum <= maximum };
      });
      expect([...o.checks].sort((a, b) => a.hanVariant.localeCompare(b.hanVariant)), o.ref).toEqual(expected.sort((a, b) => a.hanVariant.localeCompare(b.hanVariant)));
      expect(o.compliant, o.ref).toBe(expected.every((c) => c.compliant));
      if (o.compliant) compliant++;
    }
    // Mostly compliant, some not.
    expect(compliant / orders.length).toBeGreaterThan(0.6);
    expect(compliant / orders.length).toBeLessThan(0.95);
  });

  it("has orders in every status, each with a consistent timeline of events and decisions", async () => {
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(["SUBMITTED", "ACCEPTED", "NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED", "CANCELLED"]));
    const dcc = await dccActor();
    for (const o of orders) {
      if (o.deemed) {
        const [first, ...rest] = orderEvents(o);
        const hubs = o.lines.filter((l) => variantByCode(l.itemCode)).reduce((s, l) => s + l.quantity, 0);
        expect([first.kind, first.at.getTime(), first.actorName, first.text], o.ref).toEqual([
          "deemed",
          o.submittedAt.getTime(),
          "DCC (automatic)",
          `Deemed order (F5.13(c)): no order for the ${REGION_LABELS[o.region]} Region by the deadline, so the compliant minimum of ${plural(hubs, "CH")} is ordered.`,
        ]);
        if (o.detailsConfirmedAt) {
          expect(rest.map((e) => [e.kind, e.at.getTime()]), o.ref).toEqual([["details", o.detailsConfirmedAt.getTime()]]);
          expect(rest[0].text, o.ref).toBe(`Delivery details confirmed: ${o.lines[0].location.name}, preferred ${formatLondon(o.lines[0].preferredDate, "d MMM yyyy")}.`);
          expect(o.detailsConfirmedAt.getTime(), o.ref).toBeLessThanOrEqual(o.confirmDueAt!.getTime());
        } else if (o.status === "CANCELLED") {
          expect(rest.map((e) => [e.kind, e.actorName]), o.ref).toEqual([["cancelled", "DCC (automatic)"]]);
          expect(rest[0].at.getTime(), o.ref).toBeGreaterThan(o.confirmDueAt!.getTime());
          expect(rest[0].text, o.ref).toMatch(/^Deemed cancelled: the delivery details were not confirmed within 30 days \(CHHSM 3\.9\)/);
        } else {
          expect(rest, o.ref).toEqual([]);
        }
        continue;
      }
      const [first, ...rest] = orderEvents(o);
      expect([first.kind, first.at.getTime(), first.text], o.ref).toEqual(["submitted", o.submittedAt.getTime(), `Order for ${plural(o.lines.filter((l) => variantByCode(l.itemCode)).reduce((s, l) => s + l.quantity, 0), "CH")}, Delivery Month ${formatMonth(o.deliveryMonth)}.`]);
      expect(first.actorName, o.ref).toContain(`(${o.party.name})`);
      expect(o.events.every((e) => e.at.getTime() <= now().getTime()), o.ref).toBe(true);
      // Replay the decisions and cancellation through the allowed transitions.
      let status: ChOrder["status"] = "SUBMITTED";
      let decision: ChOrderEvent | null = null;
      for (const e of rest) {
        if (e.kind === "cancelled") {
          expect(["ACCEPTED", "ACCEPTED_IN_PART"], o.ref).toContain(status);
          expect(Math.min(...o.lines.map((l) => l.preferredDate.getTime())) - e.at.getTime(), o.ref).toBeGreaterThanOrEqual(48 * HOUR);
          status = "CANCELLED";
          continue;
        }
        expect(e.kind, o.ref).toBe("decision");
        expect(e.actorName, o.ref).toBe(dcc);
        const next = (["ACCEPTED", "NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED"] as const).find((s) => e.text.startsWith(`${{ ACCEPTED: "Accepted", NON_COMPLIANT: "Not compliant (DCC deciding)", ACCEPTED_IN_PART: "Accepted in part", REJECTED: "Rejected" }[s]}`) && (s !== "ACCEPTED" || !e.text.startsWith("Accepted in part")))!;
        expect(DECISIONS[status], `${o.ref}: ${status} -> ${next}`).toContain(next);
        if (next === "NON_COMPLIANT") expect(o.compliant, o.ref).toBe(false);
        status = next;
        decision = e;
      }
      expect(o.status, o.ref).toBe(status);
      expect(o.decidedAt?.getTime() ?? null, o.ref).toBe(decision?.at.getTime() ?? null);
      if (o.status === "SUBMITTED") expect(o.decisionReason).toBeNull();
      // A non-compliant order's decision, a part-acceptance and a rejection need reasons, and the event shows it.
      if (decision && (!o.compliant || ["NON_COMPLIANT", "ACCEPTED_IN_PART", "REJECTED"].includes(status) || (status === "CANCELLED" && !o.compliant))) {
        expect(o.decisionReason, o.ref).toBeTruthy();
      }
      if (o.decisionReason) expect(decision!.text, o.ref).toContain(o.decisionReason);
      // The DCC answers within 5 Working Days (the first answer).
      if (rest.length) expect(rest[0].at.getTime(), o.ref).toBeLessThanOrEqual(o.answerDueAt.getTime());
    }
  });

  it("seeds the DEMO_ORDERS as documented", () => {
    const d = DEMO_ORDERS;
    const byRef = new Map(orders.map((o) => [o.ref, o]));
    for (const demo of [d.brightwaterSubmitted, d.brightwaterNonCompliant, d.brightwaterCancellable, d.brightwaterRejected, d.northgate]) {
      const o = byRef.get(demo.ref)!;
      expect({ ref: o.ref, party: o.party.name, region: o.region, status: o.status, compliant: o.compliant }).toEqual(demo);
    }
    for (const demo of [d.brightwaterSchedulable, d.brightwaterDelivered, d.brightwaterDamaged]) {
      const o = byRef.get(demo.ref)!;
      expect({ ref: o.ref, party: o.party.name, region: o.region, status: o.status, compliant: o.compliant, location: o.lines[0].location.name }).toEqual(demo);
      expect(new Set(o.lines.map((l) => l.location.name)).size, o.ref).toBe(1);
    }
    // The deemed order awaits its details, both deadlines ahead.
    const deemed = byRef.get(d.harbourDeemed.ref)!;
    expect({ ref: deemed.ref, party: deemed.party.name, region: deemed.region, status: deemed.status, compliant: deemed.compliant, deemed: deemed.deemed }).toEqual(d.harbourDeemed);
    expect(deemed.detailsConfirmedAt).toBeNull();
    expect(deemed.detailsDueAt!.getTime()).toBeGreaterThan(now().getTime());
    expect(deemed.confirmDueAt!.getTime()).toBeGreaterThan(now().getTime() + 20 * DAY);
    expect(deemed.lines.map((l) => l.itemCode).sort()).toEqual(["CH-S-DB", "CH-S-SB"]);
    expect(deemed.submissionMonth).toBe(shiftMonth(orderingMonth(deemed.submittedAt), -1));
    expect(consignments.filter((c) => c.orderId === deemed.id)).toEqual([]);
    // The schedulable one has no consignment, and its Delivery Month still has Working Days ahead.
    const schedulable = byRef.get(d.brightwaterSchedulable.ref)!;
    expect(consignments.filter((c) => c.orderId === schedulable.id)).toEqual([]);
    expect(schedulable.deliveryMonth).toBe(shiftMonth(thisMonth(), 3));
    const submitted = byRef.get(d.brightwaterSubmitted.ref)!;
    expect(submitted.answerDueAt.getTime()).toBeGreaterThan(submitted.submittedAt.getTime());
    expect([...new Set(submitted.lines.map((l) => l.location.name))]).toEqual(["Coventry Installer Depot"]);
    const nonCompliant = byRef.get(d.brightwaterNonCompliant.ref)!;
    expect(nonCompliant.checks.find((c) => c.hanVariant === "DUAL_BAND")!.ordered).toBeGreaterThan(nonCompliant.checks.find((c) => c.hanVariant === "DUAL_BAND")!.maximum);
    expect(nonCompliant.submittedAt.getTime()).toBeLessThan(submitted.submittedAt.getTime());
    const cancellable = byRef.get(d.brightwaterCancellable.ref)!;
    expect(cancellable.submissionMonth).toBe(shiftMonth(thisMonth(), -1));
    expect(Math.min(...cancellable.lines.map((l) => l.preferredDate.getTime())) - now().getTime()).toBeGreaterThan(48 * HOUR);
    const rejected = byRef.get(d.brightwaterRejected.ref)!;
    expect(rejected.decisionReason).toBeTruthy();
    expect(orders.filter((o) => o.party.name === "Northgate Power").map((o) => o.ref)).toEqual([d.northgate.ref]);
    // The order specs' records have no consignment to get in their way (ORD0000005's is scheduled months ahead).
    for (const ref of [d.brightwaterSubmitted.ref, d.brightwaterNonCompliant.ref, d.brightwaterCancellable.ref, d.brightwaterRejected.ref]) {
      expect(consignments.filter((c) => c.order.ref === ref), ref).toEqual([]);
    }
  });

  it("lets Brightwater place a compliant Central order today against forecasts made 10 and 7 months ahead", async () => {
    const c = DEMO_ORDERS.brightwaterCentralToday;
    // Today's order stays in this month (late after the deadline, service.md §7 scenario 2).
    const month = thisMonth();
    const deliveryMonth = deliveryMonthFor(month);
    expect(orders.some((o) => o.party.name === c.party && o.region === "CENTRAL" && o.submissionMonth === month)).toBe(false);
    const brightwater = await db().party.findFirstOrThrow({ where: { name: c.party } });
    for (const [offset, figures] of [[-10, c.f10], [-7, c.f7]] as const) {
      const forecast = await forecastOfMonth(db(), brightwater.id, shiftMonth(deliveryMonth, offset));
      expect(forecast?.deemed).toBe(false);
      expect(forecast!.submittedAt.getTime()).toBeLessThanOrEqual(submissionDeadline(forecast!.submissionMonth).getTime());
      for (const v of HAN_VARIANTS) expect(forecast!.lines.find((l) => l.month === deliveryMonth && l.region === "CENTRAL" && l.hanVariant === v)!.quantity).toBe(figures[v]);
    }
    for (const v of HAN_VARIANTS) expect(c.compliant[v]).toEqual(toleranceBounds(c.f10[v], c.f7[v]));

    // Place it through lib/orders: whatever the day, it counts for `month` and is delivered in its Delivery Month.
    const actor = await actorFor("orders@brightwater.demo");
    const locations = await db().deliveryLocation.findMany({ where: { partyId: brightwater.id }, orderBy: { name: "asc" } });
    let day = `${deliveryMonth}-${c.firstClearDay}`;
    while (!isWorkingDay(new Date(`${day}T12:00:00Z`))) day = `${deliveryMonth}-${Number(day.slice(-2)) + 1}`;
    const quantity = (v: HanVariant) => Math.ceil(c.compliant[v].minimum / 10) * 10;
    const order = await submitOrder(actor, {
      region: "CENTRAL",
      contactPhone: "024 7655 0100",
      contactEmail: "orders@brightwater.demo",
      lines: [
        { locationId: locations[0].id, itemCode: "CH-C-SB", quantity: quantity("SINGLE_BAND"), preferredDate: day },
        { locationId: locations[0].id, itemCode: "CH-C-DB", quantity: quantity("DUAL_BAND"), preferredDate: day },
        { locationId: locations[1].id, itemCode: "CH-C-DB", quantity: 10, preferredDate: day },
      ],
    });
    const late = isPastDeadline(now());
    expect([order.submissionMonth, order.deliveryMonth, order.compliant, order.late, order.status]).toEqual([month, deliveryMonth, !late, late, late ? "NON_COMPLIANT" : "SUBMITTED"]);
    expect(order.number).toBe(orders.length + 1);
  });

  it("lets Brightwater cancel the cancellable demo order", async () => {
    const actor = await actorFor("orders@brightwater.demo");
    expect((await cancelOrder(actor, { ref: DEMO_ORDERS.brightwaterCancellable.ref })).status).toBe("CANCELLED");
  });

  it("moves the sequences past the seeded numbers", async () => {
    const [{ order, forecast, consignment }] = await db().$queryRaw<{ order: number; forecast: number; consignment: number }[]>`
      SELECT nextval(pg_get_serial_sequence('"ChOrder"', 'number'))::int AS "order", nextval(pg_get_serial_sequence('"ChForecast"', 'number'))::int AS forecast,
        nextval(pg_get_serial_sequence('"ChConsignment"', 'number'))::int AS consignment`;
    expect(order).toBeGreaterThan(Math.max(...(await db().chOrder.findMany({ select: { number: true } })).map((o) => o.number)));
    expect(forecast).toBeGreaterThan(forecasts.length);
    expect(consignment).toBeGreaterThan(consignments.length);
  });
});

describe("CH consignments seed", () => {
  const STATUS_OF_KIND: Record<string, ChConsignment["status"]> = {
    "consignment.delivered": "DELIVERED",
    "consignment.confirmed_compliant": "CONFIRMED_COMPLIANT",
    "consignment.deemed_compliant": "DEEMED_COMPLIANT",
    "consignment.non_compliant_short": "NON_COMPLIANT_SHORT",
    "consignment.rejected": "REJECTED",
    "consignment.collected": "COLLECTED",
    "consignment.cancelled": "CANCELLED",
  };
  const windowStart = (at: Date, window: string) => {
    const day = londonDate(at);
    return new Date(`${day}T${window.slice(0, 5)}:00${formatLondon(at, "xxx")}`);
  };

  it("has consignments in every state, numbered 1..N (the fixed ones first, then in order of creation)", () => {
    console.log(`consignments: ${JSON.stringify(Object.fromEntries(Object.keys(CONSIGNMENT_TRANSITIONS).map((s) => [s, consignments.filter((c) => c.status === s).length])))}`);
    expect(new Set(consignments.map((c) => c.status))).toEqual(new Set(Object.keys(CONSIGNMENT_TRANSITIONS)));
    consignments.forEach((c, i) => expect([c.number, c.ref]).toEqual([i + 1, `CON${String(i + 1).padStart(7, "0")}`]));
    const generated = consignments.slice(3).map((c) => c.createdAt.getTime());
    expect(generated).toEqual([...generated].sort((a, b) => a - b));
    // Most deliveries complied (confirmed or deemed).
    const settled = consignments.filter((c) => c.deliveredAt && c.status !== "DELIVERED");
    expect(settled.filter((c) => c.status === "CONFIRMED_COMPLIANT" || c.status === "DEEMED_COMPLIANT").length / settled.length).toBeGreaterThan(0.7);
    expect(consignments.some((c) => c.replacementOfId)).toBe(true);
  });

  it("keeps every consignment to its order, its dates and its status machine, with the timeline lib/orders/consignments writes", async () => {
    const dcc = await dccActor();
    const byId = new Map(consignments.map((c) => [c.id, c]));
    const ordersById = new Map(orders.map((o) => [o.id, o]));
    const accounts = await db().account.findMany({ where: { OR: [{ email: { startsWith: "orders@" } }, { email: { startsWith: "deliveries@" } }] }, include: { party: true } });
    const label = (local: string, party: string) => actorLabel({ name: accounts.find((a) => a.email.startsWith(`${local}@`) && a.party.name === party)!.name, partyName: party });
    for (const c of consignments) {
      const o = ordersById.get(c.orderId)!;
      const original = c.replacementOfId ? byId.get(c.replacementOfId)! : null;
      expect(c.createdAt.getTime(), c.ref).toBeLessThan(now().getTime());
      expect(c.createdAt.getTime(), c.ref).toBeGreaterThanOrEqual(o.decidedAt!.getTime());
      expect(c.createdAt.getTime(), c.ref).toBeLessThan(c.deliveryDate.getTime());
      expect(o.lines.some((l) => l.locationId === c.locationId), c.ref).toBe(true);
      expect(isWorkingDay(c.deliveryDate), c.ref).toBe(true);
      expect(c.deliveryDate.getTime(), c.ref).toBe(windowStart(c.deliveryDate, c.deliveryWindow).getTime());
      expect(c.lines.some((l) => variantByCode(l.itemCode) && l.quantity > 0), c.ref).toBe(true);
      if (original) {
        // A replacement: the affected units, on a date the DCC offered, at the same location and window.
        expect(original.ground && DELIVERY_GROUNDS[original.ground].replaced, c.ref).toBe(true);
        expect(original.replacementDates.map((d) => d.getTime()), c.ref).toContain(c.deliveryDate.getTime());
        expect([c.locationId, c.deliveryWindow], c.ref).toEqual([original.locationId, original.deliveryWindow]);
        expect(c.lines.map((l) => [l.itemCode, l.quantity]), c.ref).toEqual(original.lines.filter((l) => l.affectedQuantity > 0).map((l) => [l.itemCode, l.affectedQuantity]));
        expect(c.createdAt.getTime(), c.ref).toBeGreaterThan(original.confirmedAt!.getTime());
      } else {
        expect(monthOf(c.deliveryDate), c.ref).toBe(o.deliveryMonth);
        expect(["ACCEPTED", "ACCEPTED_IN_PART"].includes(o.status) || (o.deemed && o.status === "CANCELLED"), c.ref).toBe(true);
        const siblings = consignments.filter((x) => x.orderId === c.orderId && x.locationId === c.locationId && !x.replacementOfId);
        expect(siblings, `${c.ref}: one delivery per location per order`).toHaveLength(1);
        for (const l of c.lines) {
          const ordered = o.lines.find((x) => x.locationId === c.locationId && x.itemCode === l.itemCode);
          expect(ordered, `${c.ref} ${l.itemCode}`).toBeTruthy();
          expect(l.quantity, `${c.ref} ${l.itemCode}`).toBeLessThanOrEqual(ordered!.quantity);
          if (o.status === "ACCEPTED") expect(l.quantity, `${c.ref} ${l.itemCode}`).toBe(ordered!.quantity);
          if (variantByCode(l.itemCode)) expect(l.quantity % 10, `${c.ref} ${l.itemCode}`).toBe(0);
        }
      }
      // Dates and grounds by status.
      const arrived = !["SCHEDULED", "CANCELLED", "DEEMED_CANCELLED"].includes(c.status);
      expect(!!c.deliveredAt, c.ref).toBe(arrived);
      if (arrived) {
        expect(c.confirmDueAt!.getTime(), c.ref).toBe(endOfLondonDay(addWorkingDays(c.deliveryDate, CONFIRMATION_WORKING_DAYS)).getTime());
        expect(c.deliveredAt!.getTime(), c.ref).toBeGreaterThan(c.deliveryDate.getTime());
        expect(c.deliveredAt!.getTime(), c.ref).toBeLessThan(now().getTime());
      } else {
        expect([c.confirmDueAt, c.confirmedAt, c.ground], c.ref).toEqual([null, null, null]);
      }
      if (c.status === "SCHEDULED") expect(londonDate(c.deliveryDate) >= londonDate(now()), c.ref).toBe(true);
      if (c.status === "DELIVERED") expect(c.confirmDueAt!.getTime(), `${c.ref}: the deem job would have deemed it`).toBeGreaterThan(now().getTime());
      if (c.status === "DEEMED_CANCELLED") expect([o.deemed, o.status, o.detailsConfirmedAt], c.ref).toEqual([true, "CANCELLED", null]);
      const groundStatuses: Record<string, string[]> = { SHORT: ["NON_COMPLIANT_SHORT"], OVER: ["REJECTED", "COLLECTED"], DAMAGED: ["REJECTED", "COLLECTED"], OTHER: ["REJECTED", "COLLECTED"] };
      if (c.ground) {
        expect(groundStatuses[c.ground], c.ref).toContain(c.status);
        expect(c.confirmedAt!.getTime(), c.ref).toBeLessThanOrEqual(c.confirmDueAt!.getTime());
        expect(c.lines.reduce((s, l) => s + l.affectedQuantity, 0), c.ref).toBeGreaterThan(0);
        if (c.ground === "OTHER") expect(c.groundNote, c.ref).toBeTruthy();
      } else {
        expect(["NON_COMPLIANT_SHORT", "REJECTED", "COLLECTED"], c.ref).not.toContain(c.status);
        expect(c.lines.every((l) => l.affectedQuantity === 0), c.ref).toBe(true);
      }
      if (c.status === "CONFIRMED_COMPLIANT") expect(c.confirmedAt!.getTime(), c.ref).toBeLessThanOrEqual(c.confirmDueAt!.getTime());
      for (const d of c.replacementDates) expect(isWorkingDay(d), c.ref).toBe(true);

      // The timeline: raised (or picked as a replacement), then through the machine to the status.
      const [first, ...rest] = c.events;
      expect(c.events.every((e) => e.orderId === c.orderId && e.at.getTime() < now().getTime() && e.text.includes(c.ref)), c.ref).toBe(true);
      expect(first.at.getTime(), c.ref).toBe(c.createdAt.getTime());
      if (original) {
        expect([first.kind, first.actorName, first.text], c.ref).toEqual([
          "consignment.replacement",
          label("deliveries", o.party.name),
          `${c.ref} replaces the units of ${original.ref}, on ${formatLondon(c.deliveryDate, "EEEE d MMMM yyyy")}, ${c.deliveryWindow}.`,
        ]);
      } else {
        expect([first.kind, first.actorName, first.text], c.ref).toEqual(["consignment.scheduled", dcc, `${c.ref} to ${c.location.name} on ${formatLondon(c.deliveryDate, "EEEE d MMMM yyyy")}, ${c.deliveryWindow}.`]);
      }
      let status: ChConsignment["status"] = "SCHEDULED";
      for (const e of rest) {
        if (e.kind === "consignment.replacement-offered") {
          expect([e.actorName, e.text], c.ref).toEqual([dcc, `${c.ref}: replacement dates offered: ${c.replacementDates.map((d) => formatLondon(d, "EEE d MMM yyyy")).join(", ")}.`]);
          expect(c.replacementDates.every((d) => londonDate(d) > londonDate(e.at)), c.ref).toBe(true);
          continue;
        }
        const next = STATUS_OF_KIND[e.kind];
        expect(next, `${c.ref} ${e.kind}`).toBeTruthy();
        expect(CONSIGNMENT_TRANSITIONS[status], `${c.ref}: ${status} -> ${next}`).toContain(next);
        status = next;
        const actor = { DELIVERED: dcc, COLLECTED: dcc, DEEMED_COMPLIANT: "DCC (automatic)", CANCELLED: label("orders", o.party.name) }[next as string] ?? label("deliveries", o.party.name);
        expect(e.actorName, `${c.ref} ${e.kind}`).toBe(actor);
        if (next === "DELIVERED") expect([e.at.getTime(), e.text], c.ref).toEqual([c.deliveredAt!.getTime(), `${c.ref}: delivered to ${c.location.name}; the party confirms or rejects by ${formatLondon(c.confirmDueAt!)}.`]);
        if (next === "CONFIRMED_COMPLIANT") expect([e.at.getTime(), e.text], c.ref).toEqual([c.confirmedAt!.getTime(), `${c.ref}: confirmed compliant by the party.`]);
        if (next === "DEEMED_COMPLIANT") {
          expect(e.text, c.ref).toBe(`${c.ref}: deemed compliant: nothing was confirmed by ${formatLondon(c.confirmDueAt!)} (F6.8).`);
          expect(e.at.getTime() - c.confirmDueAt!.getTime(), c.ref).toBeGreaterThan(0);
          expect(e.at.getTime() - c.confirmDueAt!.getTime(), c.ref).toBeLessThan(HOUR);
        }
        if (next === "CANCELLED") expect(c.deliveryDate.getTime() - e.at.getTime(), c.ref).toBeGreaterThanOrEqual(48 * HOUR);
        if (next === "NON_COMPLIANT_SHORT" || next === "REJECTED") {
          const units = c.lines.reduce((s, l) => s + l.affectedQuantity, 0);
          expect(e.at.getTime(), c.ref).toBe(c.confirmedAt!.getTime());
          expect(e.text, c.ref).toContain(`${c.ref}: reported non-compliant by the party: ${DELIVERY_GROUNDS[c.ground!].label}, ${units} units`);
        }
      }
      // Deemed cancelled (the deemed order's lapse) and cancelled with the whole order leave no consignment entry.
      expect(status, c.ref).toBe(c.status === "DEEMED_CANCELLED" ? "SCHEDULED" : c.status);
    }
  });

  it("seeds the DEMO_CONSIGNMENTS as documented, and leaves the deeming jobs nothing to do", async () => {
    const d = DEMO_CONSIGNMENTS;
    const byRef = new Map(consignments.map((c) => [c.ref, c]));
    for (const demo of [d.brightwaterDelivered, d.brightwaterRejected, d.northgateScheduled]) {
      const c = byRef.get(demo.ref)!;
      expect([c.order.ref, c.order.party.name, c.status, c.location.name, c.deliveryWindow], demo.ref).toEqual([demo.order, demo.party, demo.status, demo.location, demo.window]);
    }
    const delivered = byRef.get(d.brightwaterDelivered.ref)!;
    expect(londonDate(delivered.deliveryDate)).toBe(londonDate(addWorkingDays(new Date(`${londonDate(now())}T12:00:00Z`), -1)));
    expect(delivered.confirmDueAt!.getTime()).toBeGreaterThan(now().getTime() + DAY);
    expect(consignments.filter((c) => c.orderId === delivered.orderId)).toHaveLength(1);
    const rejected = byRef.get(d.brightwaterRejected.ref)!;
    expect([rejected.ground, rejected.lines.reduce((s, l) => s + l.affectedQuantity, 0), rejected.groundNote]).toEqual(["DAMAGED", d.brightwaterRejected.affectedUnits, expect.any(String)]);
    expect(rejected.replacementDates.map((x) => londonDate(x))).toEqual(d.brightwaterRejected.offeredWorkingDays.map((n) => londonDate(addWorkingDays(new Date(`${londonDate(now())}T12:00:00Z`), n))));
    expect(consignments.some((c) => c.replacementOfId === rejected.id)).toBe(false);
    expect(monthOf(rejected.deliveryDate)).toBe(shiftMonth(thisMonth(), -1));
    // Northgate sees only its own.
    expect(consignments.filter((c) => c.order.party.name === "Northgate Power").map((c) => c.ref)).toEqual([d.northgateScheduled.ref]);
    expect(await deemDeliveriesCompliant()).toEqual({ deemed: 0 });
    expect(await cancelUnconfirmedDeemedOrders()).toEqual({ cancelled: 0 });
  });

  it("writes the fixed rejected consignment's timeline in the wording lib/orders/consignments uses", () => {
    const c = consignments.find((x) => x.ref === DEMO_CONSIGNMENTS.brightwaterRejected.ref)!;
    const units = DEMO_CONSIGNMENTS.brightwaterRejected.affectedUnits;
    expect(c.events.map((e) => e.text)).toEqual([
      consignmentEventText.scheduled(c.ref, c.location.name, c.deliveryDate, c.deliveryWindow),
      consignmentEventText.delivered(c.ref, c.location.name, c.confirmDueAt!),
      consignmentEventText.nonCompliant(c.ref, "DAMAGED", units, c.groundNote),
      consignmentEventText.replacementOffered(c.ref, c.replacementDates),
    ]);
    expect(c.events[2].text).toBe(
      `${c.ref}: reported non-compliant by the party: Damaged or looks tampered with, before delivery (F6.9(c)), ${units} units (${c.groundNote}); ${units} units await collection by the DCC (F6.10-F6.11); the DCC will offer replacement dates (F6.13).`,
    );
  });

  it("lets the fixed records be used as documented: confirm, pick a replacement, collect, schedule, confirm a deemed order", async () => {
    const d = DEMO_CONSIGNMENTS;
    const brightwater = await actorFor("deliveries@brightwater.demo");
    const admin = await actorFor("admin@dcc.demo");
    // Another party does not find Brightwater's consignment.
    await expect(confirmDelivery(await actorFor("orders@northgate.demo"), { ref: d.brightwaterDelivered.ref, ground: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await confirmDelivery(brightwater, { ref: d.brightwaterDelivered.ref, ground: null })).toEqual({ status: "CONFIRMED_COMPLIANT" });

    const rejected = consignments.find((c) => c.ref === d.brightwaterRejected.ref)!;
    const replacement = await pickReplacementDate(brightwater, { ref: rejected.ref, date: londonDate(rejected.replacementDates[1]) });
    expect(replacement.number).toBeGreaterThan(consignments.length);
    expect(replacement.ref).toBe(`CON${String(replacement.number).padStart(7, "0")}`);
    await recordCollection(admin, { ref: rejected.ref });
    expect((await db().chConsignment.findUniqueOrThrow({ where: { ref: rejected.ref } })).status).toBe("COLLECTED");

    const schedulable = orders.find((o) => o.ref === DEMO_ORDERS.brightwaterSchedulable.ref)!;
    const [day] = Array.from({ length: 28 }, (_, i) => `${schedulable.deliveryMonth}-${String(i + 1).padStart(2, "0")}`).filter((x) => isWorkingDay(new Date(`${x}T12:00:00Z`)));
    const raised = await raiseConsignment(admin, { orderRef: schedulable.ref, locationId: schedulable.lines[0].locationId, deliveryDate: day, deliveryWindow: "08:00-12:00" });
    expect(raised.location.name).toBe(DEMO_ORDERS.brightwaterSchedulable.location);

    const deemed = orders.find((o) => o.ref === DEMO_ORDERS.harbourDeemed.ref)!;
    const harbour = await actorFor("orders@harbour.demo");
    const location = await db().deliveryLocation.findFirstOrThrow({ where: { partyId: deemed.partyId }, orderBy: { name: "asc" } });
    const [preferred] = Array.from({ length: 28 }, (_, i) => `${deemed.deliveryMonth}-${String(i + 1).padStart(2, "0")}`).filter((x) => isWorkingDay(new Date(`${x}T12:00:00Z`)));
    const confirmed = await confirmDeemedOrder(harbour, { ref: deemed.ref, locationId: location.id, preferredDate: preferred, contactPhone: "0117 496 0700", contactEmail: "orders@harbour.demo" });
    expect(confirmed.detailsConfirmedAt).toBeTruthy();
  });

  it("hands the party stock CHFs of the order's Region when the DCC records a delivery: the party may notify one for return, nobody else", async () => {
    const c = consignments.find((x) => x.ref === DEMO_CONSIGNMENTS.northgateScheduled.ref)!;
    const hubs = hubCount(c.lines);
    expect(hubs).toBeGreaterThan(0);
    expect(hubs).toBeLessThanOrEqual(CH_STOCK_PER_REGION);
    const northStock = new Set([...dccStock(now().getTime())].filter((hub) => hub.region === "NORTH").map((hub) => hub.chf));
    setNow(c.deliveryDate);
    try {
      await recordDelivery(await actorFor("admin@dcc.demo"), { ref: c.ref });
      const held = await db().device.findMany({ where: { chConsignmentId: c.id, deviceType: "CHF" }, select: { id: true, chHolderPartyId: true } });
      expect(held).toHaveLength(hubs);
      for (const chf of held) expect([northStock.has(chf.id), chf.chHolderPartyId], chf.id).toEqual([true, c.order.partyId]);
      // Each stock CH is a CHF and its GPF: the GPFs go to the party with them.
      expect(await db().device.count({ where: { chConsignmentId: c.id, deviceType: "GPF", chHolderPartyId: c.order.partyId } })).toBe(hubs);
      const removal = { deviceId: held[0].id, kind: "FAULT" as const, reason: "f", faultType: "CH Defect" as const, removedOn: londonDate(now()) };
      await expect(notifyReturn(await actorFor("deliveries@brightwater.demo"), removal)).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await notifyReturn(await actorFor("deliveries@northgate.demo"), removal)).deviceId).toBe(held[0].id);
    } finally {
      resetClock();
    }
  });
});

describe("CH ordering plan", () => {
  let ctx: OrderContext;
  beforeAll(async () => {
    ctx = await loadOrderContext(db());
  });

  it("is deterministic for a seed and day, and is what was seeded", () => {
    const base = seedDayStart(now());
    const plan = planOrders(ctx, { seed: DEFAULT_SEED, base });
    expect(JSON.stringify(planOrders(ctx, { seed: DEFAULT_SEED, base }))).toBe(JSON.stringify(plan));
    // Later the same day, the same plan.
    expect(JSON.stringify(planOrders(ctx, { seed: DEFAULT_SEED, base: seedDayStart(new Date(base.getTime() + 20 * HOUR)) }))).toBe(JSON.stringify(plan));
    expect(plan.orders.map((o) => [o.ref, o.status, o.compliant])).toEqual(orders.map((o) => [o.ref, o.status, o.compliant]));
    expect(JSON.stringify(planOrders(ctx, { seed: DEFAULT_SEED + 1, base }).orders.map((o) => o.lines))).not.toBe(JSON.stringify(plan.orders.map((o) => o.lines)));
  });

  it("holds the demo promises whatever the day (month starts and ends, deadlines, bank holidays)", { timeout: 60_000 }, () => {
    const start = seedDayStart(now()).getTime();
    const days: Date[] = [];
    // Every 11th day over 15 months, plus the first and last days of months and the days around the deadline.
    for (let t = start; t < start + 460 * DAY; t += 11 * DAY) days.push(seedDayStart(new Date(t)));
    for (let i = 0; i < 15; i += 3) {
      const month = shiftMonth(monthOf(new Date(start)), i);
      const deadline = submissionDeadline(month);
      days.push(seedDayStart(new Date(`${month}-01T12:00:00Z`)), seedDayStart(new Date(deadline.getTime() + HOUR)), seedDayStart(new Date(deadline.getTime() - HOUR)));
    }
    days.push(seedDayStart(new Date("2026-12-29T12:00:00Z")), seedDayStart(new Date("2027-01-04T12:00:00Z")), seedDayStart(new Date("2027-03-29T12:00:00Z")));
    const d = DEMO_ORDERS;
    for (const base of days) {
      const plan: OrdersPlan = planOrders(ctx, { seed: DEFAULT_SEED, base });
      const label = londonDate(base);
      // The month a forecast made that day counts for, and the month an order made that day stays in.
      const month = orderingMonth(base);
      const orderMonth = monthOf(base);
      const statuses = new Set(plan.orders.map((o) => o.status));
      expect(statuses.size, `${label}: ${[...statuses]}`).toBe(6);
      const byRef = new Map(plan.orders.map((o) => [o.ref, o]));
      for (const demo of [d.brightwaterSubmitted, d.brightwaterNonCompliant, d.brightwaterCancellable, d.brightwaterRejected, d.northgate]) {
        const o = byRef.get(demo.ref)!;
        expect({ ref: o.ref, party: o.party.name, region: o.region, status: o.status, compliant: o.compliant }, label).toEqual(demo);
      }
      expect(plan.orders.some((o) => o.party.name === "Brightwater Energy" && o.region === "CENTRAL" && o.submissionMonth === orderMonth), label).toBe(false);
      const central = plan.forecasts.filter((f) => f.party.name === "Brightwater Energy" && [-10, -7].map((n) => shiftMonth(deliveryMonthFor(orderMonth), n)).includes(f.submissionMonth));
      expect(central.map((f) => f.cells.filter((c) => c.month === deliveryMonthFor(orderMonth) && c.region === "CENTRAL").map((c) => c.quantity)), label).toEqual([
        [d.brightwaterCentralToday.f10.SINGLE_BAND, d.brightwaterCentralToday.f10.DUAL_BAND],
        [d.brightwaterCentralToday.f7.SINGLE_BAND, d.brightwaterCentralToday.f7.DUAL_BAND],
      ]);
      const keys = new Set(plan.orders.map((o) => `${o.party.name}|${o.region}|${o.submissionMonth}`));
      expect(keys.size, label).toBe(plan.orders.length);
      for (const o of plan.orders) {
        expect(o.submittedAt.getTime(), `${label} ${o.ref}`).toBeLessThan(base.getTime());
        expect(o.compliant, `${label} ${o.ref}`).toBe(o.checks.every((c) => c.compliant));
        if (o.deemed) {
          // After the month's deadline, by the job; the month is at most the one whose deadline passed last.
          expect(o.submittedAt.getTime(), `${label} ${o.ref}`).toBeGreaterThan(submissionDeadline(o.submissionMonth).getTime());
          expect(o.submissionMonth <= shiftMonth(month, -1), `${label} ${o.ref}`).toBe(true);
          continue;
        }
        expect(o.submittedAt.getTime(), `${label} ${o.ref}`).toBeLessThanOrEqual(submissionDeadline(o.submissionMonth).getTime());
        expect(o.submissionMonth, `${label} ${o.ref}`).toBe(orderingMonth(o.submittedAt));
        if (o.status === "NON_COMPLIANT") expect(o.compliant, `${label} ${o.ref}`).toBe(false);
      }
      for (const demo of [d.brightwaterSchedulable, d.brightwaterDelivered, d.brightwaterDamaged, d.harbourDeemed]) {
        const o = byRef.get(demo.ref)!;
        expect([o.party.name, o.region, o.status, !!o.deemed], `${label} ${demo.ref}`).toEqual([demo.party, demo.region, demo.status, "deemed" in demo]);
      }
      const deemed = byRef.get(d.harbourDeemed.ref)!.deemed!;
      expect(deemed.detailsConfirmedAt, label).toBeNull();
      expect(deemed.detailsDueAt.getTime(), label).toBeGreaterThan(base.getTime() + DAY);
      const statusesOfConsignments = new Set(plan.consignments.map((c) => c.status));
      expect(statusesOfConsignments.size, `${label}: ${[...statusesOfConsignments]}`).toBe(9);
      const fixed = DEMO_CONSIGNMENTS;
      for (const demo of [fixed.brightwaterDelivered, fixed.brightwaterRejected, fixed.northgateScheduled]) {
        const c = plan.consignments.find((x) => x.ref === demo.ref)!;
        expect([c.order.ref, c.status], `${label} ${demo.ref}`).toEqual([demo.order, demo.status]);
      }
      expect(plan.consignments.find((c) => c.ref === fixed.brightwaterDelivered.ref)!.confirmDueAt!.getTime(), label).toBeGreaterThan(base.getTime() + DAY);
      expect(plan.consignments.find((c) => c.ref === fixed.brightwaterRejected.ref)!.replacementDates.every((x) => x.getTime() > base.getTime() + DAY), label).toBe(true);
      expect(plan.consignments.filter((c) => c.status === "DELIVERED").every((c) => c.confirmDueAt!.getTime() > base.getTime()), label).toBe(true);
      expect(plan.consignments.every((c) => c.events.every((e) => e.at.getTime() < base.getTime())), label).toBe(true);
      expect(plan.orders.filter((o) => o.deemed && o.status === "ACCEPTED" && !o.deemed.detailsConfirmedAt).every((o) => o.deemed!.confirmDueAt.getTime() > base.getTime()), label).toBe(true);
      const cancellable = byRef.get(d.brightwaterCancellable.ref)!;
      expect(Math.min(...cancellable.lines.map((l) => l.preferredDate.getTime())) - base.getTime(), label).toBeGreaterThan(48 * HOUR + DAY);
      // Brightwater's deliveries in the Delivery Month leave the documented days clear for today's Central order.
      for (const o of plan.orders.filter((x) => x.party.name === "Brightwater Energy" && x.deliveryMonth === deliveryMonthFor(orderMonth))) {
        for (const l of o.lines) expect(l.preferredDate.getTime(), label).toBeLessThanOrEqual(Date.parse(`${o.deliveryMonth}-${d.brightwaterCentralToday.firstClearDay}T00:00:00Z`) - 7 * DAY);
      }
      const rows = plan.orders.flatMap((o) => o.lines.map((l) => ({ location: `${o.party.name}|${l.locationIndex}`, date: l.preferredDate, ref: o.ref, live: !["REJECTED", "CANCELLED"].includes(o.status) && !(o.deemed && !o.deemed.detailsConfirmedAt) })));
      expect(weeklyClashes(rows), label).toEqual([]);
      expect(plan.forecasts.filter((f) => f.deemed).length, label).toBe(1);
      for (const f of plan.forecasts) {
        expect(f.submittedAt.getTime(), `${label} ${f.ref}`).toBeLessThan(base.getTime());
        expect(orderingMonth(f.submittedAt), `${label} ${f.ref}`).toBe(f.deemed ? shiftMonth(f.submissionMonth, 1) : f.submissionMonth);
      }
      // The deem job (month before the ordering month) finds a forecast from every supplier.
      for (const s of SUPPLIERS) expect(plan.forecasts.some((f) => f.party.name === s.name && f.submissionMonth === shiftMonth(month, -1)), `${label} ${s.name}`).toBe(true);
    }
  });

  it("names real demo parties", () => {
    for (const s of SUPPLIERS) expect(DEMO_PARTIES.some((p) => p.name === s.name)).toBe(true);
    expect(new Set(DEMO_DELIVERY_LOCATIONS.map((l) => l.party))).toEqual(new Set(SUPPLIERS.map((s) => s.name)));
  });
});
