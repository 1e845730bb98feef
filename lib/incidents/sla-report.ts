// Monthly SLA report per category against the seed's percentages (CPM 4 / CPM 5, L6072-6073): of the incidents
// resolved in the month, the share resolved within the Target Resolution Time.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { LONDON, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { monthOf, monthStart, shiftMonth } from "@/lib/orders/calendar";
import { CATEGORIES, CATEGORY_DEFINITIONS, type Category } from "./categories";

const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Choose a month as YYYY-MM.")
  .optional();

export async function monthlySlaReport(actor: Actor, month?: string) {
  authorize(actor, "incident.manage");
  const parsed = monthSchema.parse(month || undefined);
  const current = new TZDate(now(), LONDON);
  const [year, monthIndex] = parsed ? [Number(parsed.slice(0, 4)), Number(parsed.slice(5)) - 1] : [current.getFullYear(), current.getMonth()];
  const from = new TZDate(year, monthIndex, 1, LONDON);
  const to = new TZDate(year, monthIndex + 1, 1, LONDON);
  const rows = await db().$queryRaw<{ category: number; resolved: number; withinTarget: number }[]>`
    SELECT category, count(*)::int AS resolved, count(*) FILTER (WHERE "resolvedAt" <= "resolutionDueAt")::int AS "withinTarget"
    FROM "Incident"
    WHERE "resolvedAt" >= ${new Date(from.getTime())} AND "resolvedAt" < ${new Date(to.getTime())}
    GROUP BY category`;
  const byCategory = new Map(rows.map((r) => [r.category, r]));
  return {
    month: `${year}-${String(monthIndex + 1).padStart(2, "0")}`,
    categories: CATEGORIES.map((category) => {
      const row = byCategory.get(category);
      const definition = CATEGORY_DEFINITIONS[category];
      const resolved = row?.resolved ?? 0;
      const withinTarget = row?.withinTarget ?? 0;
      const percent = percentWithin(resolved, withinTarget);
      return {
        category,
        name: definition.name,
        resolved,
        withinTarget,
        percent,
        targetPercent: definition.targetPercent,
        minimumPercent: definition.minimumPercent,
        verdict: percent === null ? "none" : percent >= definition.targetPercent ? "target met" : percent >= definition.minimumPercent ? "minimum met" : "below minimum",
      };
    }),
  };
}

/** The share within target to one decimal place; null when nothing was resolved. */
const percentWithin = (resolved: number, withinTarget: number) => (resolved ? Math.round((withinTarget / resolved) * 1000) / 10 : null);

/** The CPMs the categories count towards (L6072-6073): Categories 1-2 share CPM 4's percentages, 3-5 CPM 5's. */
export const SLA_MEASURES: readonly { name: string; categories: readonly Category[] }[] = [
  { name: "CPM 4", categories: [1, 2] },
  { name: "CPM 5", categories: [3, 4, 5] },
];
export const SLA_TREND_MONTHS = 12;

/**
 * The monthly trend behind the report: for the 12 London months ending with `month` (this month when absent), per
 * CPM, the incidents of its categories resolved in the month and the share within target, against the CPM's target
 * and minimum. One query; months are London calendar months as in the report.
 */
export async function slaTrend(actor: Actor, month?: string) {
  authorize(actor, "incident.manage");
  const last = monthSchema.parse(month || undefined) ?? monthOf(now());
  const months = Array.from({ length: SLA_TREND_MONTHS }, (_, i) => shiftMonth(last, i - SLA_TREND_MONTHS + 1));
  const bounds = months.map((m) => Prisma.sql`(${m}, ${monthStart(m)}::timestamp, ${monthStart(shiftMonth(m, 1))}::timestamp)`);
  const rows = await db().$queryRaw<{ month: string; category: number; resolved: number; withinTarget: number }[]>`
    SELECT m.month, i.category, count(*)::int AS resolved, count(*) FILTER (WHERE i."resolvedAt" <= i."resolutionDueAt")::int AS "withinTarget"
    FROM (VALUES ${Prisma.join(bounds)}) AS m(month, starts, ends)
    JOIN "Incident" i ON i."resolvedAt" >= m.starts AND i."resolvedAt" < m.ends
    GROUP BY m.month, i.category`;
  return {
    month: last,
    measures: SLA_MEASURES.map(({ name, categories }) => {
      const { targetPercent, minimumPercent } = CATEGORY_DEFINITIONS[categories[0]];
      return {
        name,
        categories,
        targetPercent,
        minimumPercent,
        points: months.map((m) => {
          const counted = rows.filter((r) => r.month === m && categories.includes(r.category as Category));
          const resolved = counted.reduce((n, r) => n + r.resolved, 0);
          const withinTarget = counted.reduce((n, r) => n + r.withinTarget, 0);
          return { month: m, resolved, withinTarget, percent: percentWithin(resolved, withinTarget) };
        }),
      };
    }),
  };
}
