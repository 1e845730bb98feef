// The portal's one voice for numbers, counts and months in prose: "1 CH", "2 CHs", "June 2027". Dates and times
// go through formatLondon (lib/clock.ts) so that every page shows London time the same way.
import { formatLondon } from "./clock";

/** A whole number the British way: 12,345. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

/** "1 CH", "3 CHs", "1 CPL entry", "2 CPL entries": the count and the word agreeing with it. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/** A calendar month in prose: "2027-06" (or any instant in it) as "June 2027". */
export function formatMonth(month: string | Date): string {
  if (month instanceof Date) return formatLondon(month, "MMMM yyyy");
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)).toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** A calendar day in prose: "7 June 2027". */
export function formatDay(at: Date | string): string {
  return formatLondon(at, "d MMMM yyyy");
}
