// The one clock (D5). Everything that reads "now" or counts Working Days goes through here, so tests and
// demo scenarios can move time and background jobs see the same time as the pages.
import { TZDate } from "@date-fns/tz";
import { addDays, endOfDay, format } from "date-fns";
import Holidays from "date-holidays";

export const LONDON = "Europe/London";

let frozenAt: number | null = null;
let offsetMs = Number(process.env.SSI_CLOCK_OFFSET_MS ?? 0);

export function now(): Date {
  return new Date(frozenAt ?? Date.now() + offsetMs);
}

/** Tests: freeze the clock at a moment (`null` unfreezes). */
export function setNow(at: Date | string | null) {
  frozenAt = at === null ? null : new Date(at).getTime();
}

/** Tests and demos: move the clock forward (or back) by a duration. */
export function advanceClock(ms: number) {
  if (frozenAt !== null) frozenAt += ms;
  else offsetMs += ms;
}

export function resetClock() {
  frozenAt = null;
  offsetMs = 0;
}

// England and Wales share one set of bank holidays; "public" excludes observances such as Mother's Day.
const englandAndWales = new Holidays("GB", "ENG");
const bankHolidayCache = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = bankHolidayCache.get(year);
  if (!days) {
    days = new Set(
      englandAndWales
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    bankHolidayCache.set(year, days);
  }
  return days;
}

/** The calendar date (yyyy-MM-dd) of an instant in London. */
export function londonDate(at: Date): string {
  return format(new TZDate(at, LONDON), "yyyy-MM-dd");
}

export function isBankHoliday(at: Date): boolean {
  const day = londonDate(at);
  return bankHolidays(Number(day.slice(0, 4))).has(day);
}

/** A Working Day is Monday to Friday in London, not an England and Wales bank holiday. */
export function isWorkingDay(at: Date): boolean {
  const weekday = new TZDate(at, LONDON).getDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(at);
}

/** Move `n` Working Days from `at` (negative goes back), keeping the London time of day. */
export function addWorkingDays(at: Date, n: number): Date {
  let cursor = new TZDate(at, LONDON);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    cursor = addDays(cursor, step);
    if (isWorkingDay(cursor)) left--;
  }
  return new Date(cursor.getTime());
}

/** Whole Working Days after `from` up to and including `to`'s date (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let count = 0;
  let cursor = new TZDate(from, LONDON);
  const end = londonDate(to);
  while (londonDate(cursor) < end) {
    cursor = addDays(cursor, 1);
    if (isWorkingDay(cursor)) count++;
  }
  return count;
}

/** The last moment of `at`'s London calendar day: "within N Working Days" deadlines run to the end of the day. */
export function endOfLondonDay(at: Date): Date {
  return new Date(endOfDay(new TZDate(at, LONDON)).getTime());
}

/** Display an instant in London time: "24 Nov 2026, 08:46" by default. */
export function formatLondon(at: Date | string, pattern = "d MMM yyyy, HH:mm"): string {
  return format(new TZDate(new Date(at), LONDON), pattern);
}
