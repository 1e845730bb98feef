// Reads behind the forecast grid pages: the figures a new forecast starts from (the party's latest forecast, matched
// by calendar month), and the CSV downloads (one forecast, or this month's template).
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { csvLines } from "@/lib/csv";
import { db } from "@/lib/db";
import { FORECAST_VARIANT_MONTHS, deliveryMonthFor, forecastMonths, isPastDeadline, monthEnd, monthOf, orderingMonth, submissionDeadline } from "./calendar";
import { HAN_VARIANTS } from "./catalog";
import { FORECAST_CSV_HEADER, forecastCsv, forecastOfMonth, forecastShape, readForecast, type ForecastCell } from "./forecasts";

/**
 * What a forecast or order submitted now counts for. Forecasts: the ordering month (this month until its deadline,
 * then the next one), its deadline and horizon; `late`: this calendar month's deadline has passed (`closedDeadline`).
 * Orders stay in the calendar month (`orderMonth`, delivered in `deliveryMonth`); once `late`, one is not compliant
 * and the DCC decides on it by `lateDecisionDue`, the month's end (F5.14, F5.17).
 */
export function submissionWindow(at = now()) {
  const submissionMonth = orderingMonth(at);
  const calendarMonth = monthOf(at);
  const late = isPastDeadline(at);
  return {
    submissionMonth,
    deadline: submissionDeadline(submissionMonth),
    late,
    calendarMonth,
    closedDeadline: late ? submissionDeadline(calendarMonth) : null,
    forecastMonths: forecastMonths(submissionMonth),
    variantMonths: FORECAST_VARIANT_MONTHS,
    orderMonth: calendarMonth,
    orderDeadline: submissionDeadline(calendarMonth),
    deliveryMonth: deliveryMonthFor(calendarMonth),
    lateDecisionDue: monthEnd(calendarMonth),
  };
}

/** One grid cell's key, shared with the grid components: "YYYY-MM|REGION|HAN_VARIANT" ("" for a Region's total). */
export const gridKey = (c: { month: string; region: string; hanVariant: string }) => `${c.month}|${c.region}|${c.hanVariant}`;

/** A forecast's lines as grid values. */
export function gridValues(lines: ForecastCell[]): Record<string, number> {
  return Object.fromEntries(lines.map((l) => [gridKey(l), l.quantity]));
}

export interface ForecastPrefill {
  /** The forecast the figures come from, when there is one. */
  source: { ref: string; submissionMonth: string; deemed: boolean; submittedAt: Date } | null;
  /** Grid values for the cells of `submissionMonth`'s forecast that the source gives a figure for. */
  values: Record<string, number>;
  /** How many of the grid's cells were prefilled. */
  filled: number;
  cells: number;
}

/**
 * The figures a forecast submitted in `submissionMonth` starts from: the party's latest forecast (submitted or
 * deemed), cell by cell for the same calendar month, Region and HAN Variant. A Region's total is the sum of its HAN
 * Variants when the source split that month; a split the source did not give (its months 11-24) stays empty.
 */
export async function forecastPrefill(actor: Actor, submissionMonth = orderingMonth(now())): Promise<ForecastPrefill> {
  authorize(actor, "ch.order");
  const latest = await db().chForecast.findFirst({
    where: { partyId: actor.partyId, submissionMonth: { lte: submissionMonth } },
    orderBy: [{ submissionMonth: "desc" }, { submittedAt: "desc" }],
    include: { lines: true },
  });
  const shape = forecastShape(submissionMonth);
  if (!latest) return { source: null, values: {}, filled: 0, cells: shape.length };
  const old = gridValues(latest.lines);
  const values: Record<string, number> = {};
  for (const cell of shape) {
    const key = gridKey(cell);
    if (key in old) values[key] = old[key];
    else if (cell.hanVariant === "") {
      const parts = HAN_VARIANTS.map((v) => old[gridKey({ ...cell, hanVariant: v })]).filter((q) => q !== undefined);
      if (parts.length) values[key] = parts.reduce((a, b) => a + b, 0);
    }
  }
  return {
    source: { ref: latest.ref, submissionMonth: latest.submissionMonth, deemed: latest.deemed, submittedAt: latest.submittedAt },
    values,
    filled: Object.keys(values).length,
    cells: shape.length,
  };
}

/** This month's forecast file to fill in: every cell of the shape with an empty quantity. */
export function forecastTemplateCsv(submissionMonth: string): string {
  return csvLines([FORECAST_CSV_HEADER, ...forecastShape(submissionMonth).map((c) => [c.month, c.region, c.hanVariant, null])]);
}

/**
 * A CSV download: the forecast `ref`; without one, the forecast in force for the party for the month submissions now
 * count for (submitted or deemed), or that month's blank template when there is none yet.
 */
export async function forecastDownload(actor: Actor, ref?: string | null): Promise<{ filename: string; csv: string }> {
  if (ref) {
    const forecast = await readForecast(actor, ref);
    return { filename: `forecast-${forecast.ref}.csv`, csv: forecastCsv(forecast.lines) };
  }
  authorize(actor, "ch.view");
  const submissionMonth = orderingMonth(now());
  // DCC staff have no forecast of their own: they download the blank template.
  const current = seesAllParties(actor, "ch.view") ? null : await forecastOfMonth(db(), actor.partyId, submissionMonth);
  if (!current) return { filename: `forecast-template-${submissionMonth}.csv`, csv: forecastTemplateCsv(submissionMonth) };
  const order = new Map(forecastShape(submissionMonth).map((c, i) => [gridKey(c), i]));
  const lines = [...current.lines].sort((a, b) => (order.get(gridKey(a)) ?? 0) - (order.get(gridKey(b)) ?? 0));
  return { filename: `forecast-${current.ref}.csv`, csv: forecastCsv(lines) };
}
