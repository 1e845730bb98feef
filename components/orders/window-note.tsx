// What a forecast or order submitted now counts for, and by when (server-safe).
import { formatMonth } from "@/lib/format";
import type { submissionWindow } from "@/lib/orders/forecast-grid";
import { formatLondon } from "@/lib/clock";

type Window = ReturnType<typeof submissionWindow>;

/**
 * Before the month's deadline, forecasts and orders are this month's. After it, a forecast counts for the next month,
 * while an order stays this month's but is late: not compliant, for the DCC to decide by the month's end (F5.14).
 */
export function WindowNote({ window: w, what, testId }: { window: Window; what: "orders" | "forecasts" | "both"; testId?: string }) {
  const forecasts = what !== "orders";
  const orders = what !== "forecasts";
  if (!w.late) {
    const subject = what === "both" ? "Forecasts and orders" : orders ? "Orders" : "Forecasts";
    return (
      <p role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid={testId}>
        {subject} for <strong>{formatMonth(w.calendarMonth)}</strong>: submit by <strong>{formatLondon(w.orderDeadline)}</strong>, the 5th Working Day before the
        last Working Day of the month.
        {orders ? (
          <>
            {" "}
            Orders submitted now are delivered in <strong>{formatMonth(w.deliveryMonth)}</strong>.
          </>
        ) : null}
      </p>
    );
  }
  return (
    <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={testId}>
      {formatMonth(w.calendarMonth)}&apos;s deadline passed at {formatLondon(w.closedDeadline!)}.
      {forecasts ? (
        <>
          {" "}
          Forecasts submitted now count for <strong>{formatMonth(w.submissionMonth)}</strong>: submit by <strong>{formatLondon(w.deadline)}</strong>.
        </>
      ) : null}
      {orders ? (
        <span data-testid="late-window">
          {" "}
          Orders submitted now are late (F5.14): still {formatMonth(w.orderMonth)}&apos;s, delivered in <strong>{formatMonth(w.deliveryMonth)}</strong>, but recorded as{" "}
          <strong>not compliant</strong>, and the DCC decides on them by <strong>{formatLondon(w.lateDecisionDue)}</strong>.
        </span>
      ) : null}
    </p>
  );
}
