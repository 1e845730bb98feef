// What a forecast or order submitted now counts for, and by when (server-safe).
import type { submissionWindow } from "@/lib/orders/forecast-grid";
import { formatLondon } from "@/lib/clock";
import { monthLabel } from "./fields";

type Window = ReturnType<typeof submissionWindow>;

/** Forecasts: "submit by …", and after this month's deadline, that forecasts now count for the next month. */
function ForecastWindow({ window: w }: { window: Window }) {
  return w.late ? (
    <>
      {monthLabel(w.calendarMonth)}&apos;s deadline passed at {formatLondon(w.closedDeadline!)}: forecasts submitted now count for{" "}
      <strong>{monthLabel(w.submissionMonth)}</strong>. Submit by <strong>{formatLondon(w.deadline)}</strong>.
    </>
  ) : (
    <>
      Forecasts for <strong>{monthLabel(w.submissionMonth)}</strong>: submit by <strong>{formatLondon(w.deadline)}</strong>, the 5th Working Day before the last
      Working Day of the month.
    </>
  );
}

/** Orders stay in the calendar month: after its deadline one is late, so not compliant, and the DCC decides (F5.14). */
function OrderWindow({ window: w }: { window: Window }) {
  return w.late ? (
    <span data-testid="late-window">
      Orders submitted now are late: {monthLabel(w.orderMonth)}&apos;s deadline passed at {formatLondon(w.orderDeadline)} (F5.14). A late order is still{" "}
      {monthLabel(w.orderMonth)}&apos;s, delivered in <strong>{monthLabel(w.deliveryMonth)}</strong>, but it is recorded as <strong>not compliant</strong> and the DCC
      decides on it by <strong>{formatLondon(w.lateDecisionDue)}</strong>.
    </span>
  ) : (
    <>
      Orders for <strong>{monthLabel(w.orderMonth)}</strong>: submit by <strong>{formatLondon(w.orderDeadline)}</strong>, the 5th Working Day before the last Working
      Day of the month. Orders submitted now are delivered in <strong>{monthLabel(w.deliveryMonth)}</strong>.
    </>
  );
}

export function WindowNote({ window: w, what, testId }: { window: Window; what: "orders" | "forecasts" | "both"; testId?: string }) {
  return (
    <p role="note" className={`rounded-md px-3 py-2 text-sm ${w.late ? "bg-amber-50 text-amber-900" : "bg-slate-100 text-slate-800"}`} data-testid={testId}>
      {what !== "orders" && <ForecastWindow window={w} />}
      {what === "both" && " "}
      {what !== "forecasts" && <OrderWindow window={w} />}
    </p>
  );
}
