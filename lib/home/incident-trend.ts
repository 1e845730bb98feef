// Open and breached incidents over the last days, for the Service Desk home's chart. A day's figures are
// taken at its end (London), today's at this moment: an incident is open then if it was logged and neither resolved
// nor closed by that time, and breached if it was also past its resolution due time (a paused clock moves that time
// on). The incident's present record is the source, so one re-opened after being closed counts as open throughout.
import type { Actor } from "@/lib/auth/actor";
import { authorize, seesAllParties } from "@/lib/auth/policy";
import { londonAt, londonDate, now, shiftLondonDate } from "@/lib/clock";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";

export interface TrendPoint {
  /** The London date, yyyy-MM-dd. */
  day: string;
  open: number;
  breached: number;
}

/** The figures' changes on one day: `day` is its place in the list (1 the first; earlier days count on the first). */
type DayDelta = { day: number; open: number; breached: number };

export async function openIncidentTrend(actor: Actor, days = 30): Promise<TrendPoint[]> {
  authorize(actor, "incident.manage");
  if (!seesAllParties(actor, "incident.view")) throw forbidden("Only the Service Desk sees the figures of every party's incidents.");
  const at = now();
  const today = londonDate(at);
  const dayList = Array.from({ length: days }, (_, i) => shiftLondonDate(today, i - days + 1));
  const dayStarts = dayList.map((day) => londonAt(day).toISOString());
  // Each incident becomes events (+1 open when logged, -1 when resolved or closed; +1 breached when past due,
  // -1 when resolved or closed after that), summed per London day (found among the days' starts): one pass, however
  // many days. Only incidents not closed and those closed since the first day can count, each read from a partial
  // index: the work follows the open workload and the window, not the closed history. A clock paused before its due time never
  // breaches while paused; one paused after it stays breached.
  const deltas = await db().$queryRaw<DayDelta[]>`
    WITH live AS (
      SELECT "createdAt" AS created, least("resolvedAt", "closedAt") AS ended,
        CASE WHEN "pausedSince" IS NOT NULL AND "resolutionDueAt" >= "pausedSince" THEN NULL ELSE greatest("createdAt", "resolutionDueAt") END AS breach
      FROM "Incident" WHERE status <> 'CLOSED'
      UNION ALL
      SELECT "createdAt", least("resolvedAt", "closedAt"),
        CASE WHEN "pausedSince" IS NOT NULL AND "resolutionDueAt" >= "pausedSince" THEN NULL ELSE greatest("createdAt", "resolutionDueAt") END
      FROM "Incident" WHERE "closedAt" >= ${dayStarts[0]}::timestamp(3) AND status = 'CLOSED'
    ), breaching AS (
      SELECT breach, ended FROM live WHERE breach <= ${at}::timestamp(3) AND (ended IS NULL OR breach < ended)
    ), events AS (
      SELECT created AS at, 1 AS open, 0 AS breached FROM live
      UNION ALL SELECT ended, -1, 0 FROM live WHERE ended IS NOT NULL
      UNION ALL SELECT breach, 0, 1 FROM breaching
      UNION ALL SELECT ended, 0, -1 FROM breaching WHERE ended IS NOT NULL
    )
    SELECT greatest(width_bucket(at, ${dayStarts}::timestamp(3)[]), 1) AS day, sum(open)::int AS open, sum(breached)::int AS breached
    FROM events GROUP BY 1`;
  const byDay = new Map(deltas.map((d) => [dayList[d.day - 1], d]));
  let open = 0;
  let breached = 0;
  return dayList.map((day) => {
    open += byDay.get(day)?.open ?? 0;
    breached += byDay.get(day)?.breached ?? 0;
    return { day, open, breached };
  });
}
