// Monthly SLA report per category against the seed's percentages (CPM 4 / CPM 5, L6072-6073): of the incidents
// resolved in the month, the share resolved within the Target Resolution Time.
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { LONDON, now } from "@/lib/clock";
import { db } from "@/lib/db";
import { CATEGORIES, CATEGORY_DEFINITIONS } from "./categories";

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
      const percent = resolved ? Math.round((withinTarget / resolved) * 1000) / 10 : null;
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
