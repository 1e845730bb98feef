// The one clock (D5). Everything that reads "now" or counts Working Days goes through here, so tests and
// demo scenarios can move time and background jobs see the same time as the pages.
import { TZDate } from "@date-fns/tz";
import { endOfDay } from "date-fns";
import Holidays from "date-holidays";
import { LONDON } from "./format";

// Formatting lives in lib/format.ts (no holiday tables, so client components may import it); kept reachable here.
export { formatLondon, LONDON } from "./format";

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
  const local = new TZDate(at, LONDON);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, "0")}-${String(local.getDate()).padStart(2, "0")}`;
}

export function isBankHoliday(at: Date): boolean {
  const day = londonDate(at);
  return bankHolidays(Number(day.slice(0, 4))).has(day);
}

// Working Days are counted on London calendar dates, by day number (days since 1970-01-01) and cached: deadlines, SLA
// timers and the demo data ask about the same few hundred days again and again, and a zoned date per step is slow.
const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dateOfNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const workingDayNumbers = new Map<number, boolean>();

function isWorkingDayNumber(n: number): boolean {
  let working = workingDayNumbers.get(n);
  if (working === undefined) {
    const weekday = (n + 4) % 7; // 1 January 1970 was a Thursday (4); 0 is Sunday.
    const day = dateOfNumber(n);
    working = weekday !== 0 && weekday !== 6 && !bankHolidays(Number(day.slice(0, 4))).has(day);
    workingDayNumbers.set(n, working);
  }
  return working;
}

/** Is the London calendar date (yyyy-MM-dd) a Working Day: Monday to Friday, not an England and Wales bank holiday? */
export function isWorkingDate(day: string): boolean {
  return isWorkingDayNumber(dayNumber(day));
}

/** A Working Day is Monday to Friday in London, not an England and Wales bank holiday. */
export function isWorkingDay(at: Date): boolean {
  return isWorkingDate(londonDate(at));
}

/** The calendar date `days` days from a London date (yyyy-MM-dd). */
export function shiftLondonDate(day: string, days: number): string {
  return dateOfNumber(dayNumber(day) + days);
}

/** The London date `n` Working Days from the London date `day` (negative goes back). */
export function addWorkingDates(day: string, n: number): string {
  let cursor = dayNumber(day);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    cursor += step;
    if (isWorkingDayNumber(cursor)) left--;
  }
  return dateOfNumber(cursor);
}

/** The instant of a London wall-clock time on a London date (yyyy-MM-dd). */
export function londonAt(day: string, hours = 0, minutes = 0, seconds = 0, ms = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, hours, minutes, seconds, ms, LONDON).getTime());
}

/** Move `n` Working Days from `at` (negative goes back), keeping the London time of day. */
export function addWorkingDays(at: Date, n: number): Date {
  const local = new TZDate(at, LONDON);
  return londonAt(addWorkingDates(londonDate(at), n), local.getHours(), local.getMinutes(), local.getSeconds(), local.getMilliseconds());
}

/** Whole Working Days after `from` up to and including `to`'s date (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let count = 0;
  const end = dayNumber(londonDate(to));
  for (let day = dayNumber(londonDate(from)) + 1; day <= end; day++) if (isWorkingDayNumber(day)) count++;
  return count;
}

/** The last moment of `at`'s London calendar day: "within N Working Days" deadlines run to the end of the day. */
export function endOfLondonDay(at: Date): Date {
  return new Date(endOfDay(new TZDate(at, LONDON)).getTime());
}
