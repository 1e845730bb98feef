// The OMS calendar (D5): months as "YYYY-MM" in London, the forecast horizon, the Delivery Month, and the monthly
// submission deadline (the 5th Working Day before the last Working Day of the month, F5.5 / F5.14).
import { TZDate } from "@date-fns/tz";
import { addMonths, format } from "date-fns";
import { LONDON, addWorkingDays, endOfLondonDay, isWorkingDay } from "@/lib/clock";

export const FORECAST_FIRST_OFFSET = 6;
export const FORECAST_MONTHS = 24;
/** Months 1-10 of a forecast carry the per-HAN-Variant split (F5.4). */
export const FORECAST_VARIANT_MONTHS = 10;
export const DELIVERY_LEAD_MONTHS = 5;

export function monthOf(at: Date): string {
  return format(new TZDate(at, LONDON), "yyyy-MM");
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split("-").map(Number);
  return format(addMonths(new Date(Date.UTC(y, m - 1, 15)), by), "yyyy-MM");
}

export function monthStart(month: string): Date {
  const [y, m] = month.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, 1, LONDON).getTime());
}

/** The last millisecond of a month, London time (F5.17: "by the end of the month"). */
export const monthEnd = (month: string) => new Date(monthStart(shiftMonth(month, 1)).getTime() - 1);

/** The 24 months a forecast submitted in `submissionMonth` covers: the 6th month after it onwards. */
export function forecastMonths(submissionMonth: string): string[] {
  return Array.from({ length: FORECAST_MONTHS }, (_, i) => shiftMonth(submissionMonth, FORECAST_FIRST_OFFSET + i));
}

/** Orders submitted in a month are delivered in the 5th month after it (F5.8(b)). */
export const deliveryMonthFor = (submissionMonth: string) => shiftMonth(submissionMonth, DELIVERY_LEAD_MONTHS);

function lastWorkingDay(month: string): Date {
  let day = new Date(monthStart(shiftMonth(month, 1)).getTime() - 12 * 3_600_000);
  while (!isWorkingDay(day)) day = new Date(day.getTime() - 86_400_000);
  return day;
}

/** After the month's deadline (F5.5 / F5.14): a forecast then counts for the next month, an order is late. */
export function isPastDeadline(at: Date): boolean {
  return at > submissionDeadline(monthOf(at));
}

/**
 * The month a forecast submitted at `at` counts for, and the month whose mandatory orders are next deemed: this month
 * until its deadline, then the next one. (An order stays in its calendar month; after the deadline it is late.)
 */
export function orderingMonth(at: Date): string {
  const month = monthOf(at);
  return isPastDeadline(at) ? shiftMonth(month, 1) : month;
}

/** End of the 5th Working Day before the month's last Working Day, London time. */
export function submissionDeadline(month: string): Date {
  return endOfLondonDay(addWorkingDays(lastWorkingDay(month), -5));
}
