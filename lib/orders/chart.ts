// Forecast against ordered against delivered CHs, per month and Region, for the chart on the orders page.
import { Prisma } from "@/generated/prisma/client";
import type { CspRegion } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { FORECAST_FIRST_OFFSET, FORECAST_MONTHS, monthOf, monthStart, shiftMonth } from "./calendar";
import { REGIONS, variantByCode } from "./catalog";
import { ARRIVED_STATUSES, hubsDelivered } from "./consignments";

export const CHART_PAST_MONTHS = 12;
export const CHART_FUTURE_MONTHS = 6;

/** Orders that still stand: everything but rejected and cancelled ones. */
const DEAD_STATUSES = ["REJECTED", "CANCELLED"] as const;

export interface ChartPoint {
  month: string;
  /** The CHs forecast for the month and Region; null when no forecast covers the month. */
  forecast: number | null;
  ordered: number;
  delivered: number;
}

export interface ForecastOrderChart {
  currentMonth: string;
  months: string[];
  regions: { region: CspRegion; points: ChartPoint[] }[];
  /** The largest figure, for a common scale across the Regions. */
  max: number;
}

/**
 * The last 12 months (this one included) and the next 6, per Region, for the actor's party (the DCC: all parties
 * together). Forecast: the figure the party's latest forecast covering that month gives (its Region total, the
 * sum of its HAN Variants where split), so past months show what was last forecast for them. Ordered: the CHs
 * (not auxiliary equipment) on live orders with that Delivery Month and Region. Delivered: the CHs of consignments
 * that arrived in the month, less units reported short or rejected.
 */
export async function forecastOrderChart(actor: Actor): Promise<ForecastOrderChart> {
  const scope = partyScope(actor, "ch.view");
  const currentMonth = monthOf(now());
  const months = Array.from({ length: CHART_PAST_MONTHS + CHART_FUTURE_MONTHS }, (_, i) => shiftMonth(currentMonth, i - CHART_PAST_MONTHS + 1));
  // A forecast submitted in month S covers S + 6 to S + 29: per chart month, the submission months that cover it
  // (none after this month).
  const windows = months.map((month) => {
    const latest = shiftMonth(month, -FORECAST_FIRST_OFFSET);
    return Prisma.sql`(${month}, ${shiftMonth(month, -(FORECAST_FIRST_OFFSET + FORECAST_MONTHS - 1))}, ${latest < currentMonth ? latest : currentMonth})`;
  });
  const party = scope.partyId ? Prisma.sql`AND o."partyId" = ${scope.partyId}` : Prisma.empty;
  const [forecasts, orders, consignments] = await Promise.all([
    // Per party and month, the forecast in force is the newest one covering the month; its lines summed per Region.
    db().$queryRaw<{ month: string; region: CspRegion; quantity: number }[]>`
      SELECT m.month, l.region, sum(l.quantity)::int AS quantity
      FROM (VALUES ${Prisma.join(windows)}) AS m(month, lo, hi)
      CROSS JOIN (SELECT DISTINCT "partyId" FROM "ChForecast" ${scope.partyId ? Prisma.sql`WHERE "partyId" = ${scope.partyId}` : Prisma.empty}) p
      CROSS JOIN LATERAL (
        SELECT f.id FROM "ChForecast" f
        WHERE f."partyId" = p."partyId" AND f."submissionMonth" BETWEEN m.lo AND m.hi
        ORDER BY f."submissionMonth" DESC, f."submittedAt" DESC
        LIMIT 1
      ) in_force
      JOIN "ChForecastLine" l ON l."forecastId" = in_force.id AND l.month = m.month
      GROUP BY m.month, l.region`,
    // CHs and auxiliary equipment per Delivery Month, Region and item on live orders (the hubs are picked below).
    db().$queryRaw<{ month: string; region: CspRegion; itemCode: string; quantity: number }[]>`
      SELECT o."deliveryMonth" AS month, o.region, l."itemCode", sum(l.quantity)::int AS quantity
      FROM "ChOrder" o JOIN "ChOrderLine" l ON l."orderId" = o.id
      WHERE o."deliveryMonth" IN (${Prisma.join(months)}) AND o.status::text NOT IN (${Prisma.join(DEAD_STATUSES)}) ${party}
      GROUP BY 1, 2, 3`,
    db().chConsignment.findMany({
      where: { order: scope, status: { in: [...ARRIVED_STATUSES] }, deliveryDate: { gte: monthStart(months[0]), lt: monthStart(shiftMonth(months.at(-1)!, 1)) } },
      select: { status: true, ground: true, deliveryDate: true, order: { select: { region: true } }, lines: { select: { itemCode: true, quantity: true, affectedQuantity: true } } },
    }),
  ]);

  const key = (month: string, region: string) => `${month}|${region}`;
  const forecast = new Map<string, number>();
  for (const row of forecasts) {
    // A month a forecast covers has a figure for every Region, 0 where it has no line.
    for (const region of REGIONS) if (!forecast.has(key(row.month, region))) forecast.set(key(row.month, region), 0);
    forecast.set(key(row.month, row.region), row.quantity);
  }

  const ordered = new Map<string, number>();
  for (const row of orders) {
    if (variantByCode(row.itemCode)) ordered.set(key(row.month, row.region), (ordered.get(key(row.month, row.region)) ?? 0) + row.quantity);
  }

  const delivered = new Map<string, number>();
  for (const consignment of consignments) {
    const at = key(monthOf(consignment.deliveryDate), consignment.order.region);
    delivered.set(at, (delivered.get(at) ?? 0) + hubsDelivered(consignment));
  }

  const regions = REGIONS.map((region) => ({
    region,
    points: months.map((month) => ({ month, forecast: forecast.get(key(month, region)) ?? null, ordered: ordered.get(key(month, region)) ?? 0, delivered: delivered.get(key(month, region)) ?? 0 })),
  }));
  const max = Math.max(0, ...regions.flatMap((r) => r.points.flatMap((p) => [p.forecast ?? 0, p.ordered, p.delivered])));
  return { currentMonth, months, regions, max };
}
