import { routeWithActor } from "@/lib/auth/session";
import { formatLondon, londonDate, now } from "@/lib/clock";
import { csvResponse } from "@/lib/csv";
import { hubCount } from "@/lib/orders/catalog";
import { ORDER_STATUS_LABELS, dccAnswerDue, listOrders, orderFilters } from "@/lib/orders/orders";

/** The orders of the list's filters (and view) as CSV: every matching order, not only the latest 200. */
export const GET = routeWithActor(async (actor, request) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const orders = await listOrders(actor, orderFilters({ region: params.region, status: params.status, deliveryMonth: params.deliveryMonth, toAnswer: params.view === "to-answer" || undefined }), undefined);
  async function* all() {
    yield orders;
  }
  return csvResponse(`ch-orders-${londonDate(now())}.csv`, [
    { header: "order_ref", value: (o) => o.ref },
    { header: "party", value: (o) => o.party.name },
    { header: "region", value: (o) => o.region },
    { header: "submission_month", value: (o) => o.submissionMonth },
    { header: "delivery_month", value: (o) => o.deliveryMonth },
    { header: "chs", value: (o) => hubCount(o.lines) },
    { header: "compliant", value: (o) => (o.compliant ? "yes" : "no") },
    { header: "late", value: (o) => (o.late ? "yes" : "no") },
    { header: "deemed", value: (o) => (o.deemed ? "yes" : "no") },
    { header: "status", value: (o) => ORDER_STATUS_LABELS[o.status] },
    { header: "submitted_at", value: (o) => formatLondon(o.submittedAt, "yyyy-MM-dd HH:mm") },
    { header: "dcc_answer_due", value: (o) => dccAnswerDue(o) && formatLondon(dccAnswerDue(o)!.due, "yyyy-MM-dd HH:mm") },
  ], all());
});
