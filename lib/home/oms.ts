// The OMS user's home (issue 14): the month's forecast and order deadlines (the windows lib/orders already defines),
// deliveries the party must confirm before they are deemed compliant (F6.7-F6.8), and its CHs still to be returned
// (notified, not yet received by the DCC) soonest due first. Party-scoped through ch.view.
import type { Actor } from "@/lib/auth/actor";
import { authorize, can, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import { submissionWindow } from "@/lib/orders/forecast-grid";
import { OUTSTANDING_RETURN_STATUSES } from "@/lib/returns/status";
import { HOME_ROWS } from "./panel";

/** The forecast and order windows for someone who orders: what counts for which month, and whether it is done yet. */
async function orderingDeadlines(actor: Actor, at: Date) {
  const window = submissionWindow(at);
  const scope = partyScope(actor, "ch.view");
  const [forecast, orders] = await Promise.all([
    db().chForecast.findFirst({ where: { ...scope, submissionMonth: window.submissionMonth }, orderBy: { submittedAt: "desc" }, select: { ref: true, deemed: true, submittedAt: true } }),
    // One order per Region per month (F5.13(a)): which Regions this month already has.
    db().chOrder.findMany({ where: { ...scope, submissionMonth: window.orderMonth, status: { not: "CANCELLED" } }, select: { ref: true, region: true, status: true }, orderBy: { region: "asc" } }),
  ]);
  return { window, forecast, orders };
}

export async function omsHome(actor: Actor) {
  authorize(actor, "home.oms");
  const at = now();
  const scope = partyScope(actor, "ch.view");
  const deliveriesWhere = { status: "DELIVERED" as const, order: scope };
  const returnsWhere = { ...scope, status: { in: [...OUTSTANDING_RETURN_STATUSES] } };
  const [deadlines, deliveryRows, deliveryCount, returnRows, returnCount] = await Promise.all([
    can(actor, "ch.order") ? orderingDeadlines(actor, at) : null,
    db().chConsignment.findMany({
      where: deliveriesWhere,
      orderBy: [{ confirmDueAt: "asc" }, { number: "asc" }],
      select: { ref: true, deliveredAt: true, confirmDueAt: true, order: { select: { ref: true } }, location: { select: { name: true } } },
      take: HOME_ROWS,
    }),
    db().chConsignment.count({ where: deliveriesWhere }),
    db().chReturn.findMany({
      where: returnsWhere,
      // Returns the 90-day rule does not apply to (never installed) have no due date: after the dated ones.
      orderBy: [{ returnDueAt: { sort: "asc", nulls: "last" } }, { number: "asc" }],
      select: { ref: true, deviceId: true, status: true, returnDueAt: true, rma: { select: { ref: true, preferredReturnDate: true, timeslot: true } } },
      take: HOME_ROWS,
    }),
    db().chReturn.count({ where: returnsWhere }),
  ]);
  return { at, deadlines, deliveries: { count: deliveryCount, rows: deliveryRows }, returns: { count: returnCount, rows: returnRows } };
}
