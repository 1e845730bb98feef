// The portal's one voice for numbers, counts, months and times in prose: "1 CH", "2 CHs", "June 2027",
// "24 Nov 2026, 08:46" (London time on every page). No clock or holiday tables here: client components import it too.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

export const LONDON = "Europe/London";

/** Display an instant in London time: "24 Nov 2026, 08:46" by default. */
export function formatLondon(at: Date | string, pattern = "d MMM yyyy, HH:mm"): string {
  return format(new TZDate(new Date(at), LONDON), pattern);
}

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

/** A month where room is short (chart axes): "2027-06" as "Jun 27". */
export function formatMonthShort(month: string): string {
  const [name, year] = formatMonth(month).split(" ");
  return `${name.slice(0, 3)} ${year.slice(2)}`;
}

/** A calendar day in prose: "7 June 2027". */
export function formatDay(at: Date | string): string {
  return formatLondon(at, "d MMMM yyyy");
}
