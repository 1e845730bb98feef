// What a forecast or order submitted now counts for, and by when (server-safe).
import type { submissionWindow } from "@/lib/orders/forecast-grid";
import { formatLondon } from "@/lib/clock";
import { monthLabel } from "./fields";

type Window = ReturnType<typeof submissionWindow>;

/** "Submit by …", and after this month's deadline, that submissions now count for the next month. */
export function WindowNote({ window: w, what, testId }: { window: Window; what: "orders" | "forecasts" | "both"; testId?: string }) {
  const subject = what === "both" ? "Orders and forecasts" : what === "orders" ? "Orders" : "Forecasts";
  const delivery = what === "forecasts" ? null : (
    <>
      {" "}
      Orders submitted now are delivered in <strong>{monthLabel(w.deliveryMonth)}</strong>.
    </>
  );
  return (
    <p role="note" className={`rounded-md px-3 py-2 text-sm ${w.late ? "bg-amber-50 text-amber-900" : "bg-slate-100 text-slate-800"}`} data-testid={testId}>
      {w.late ? (
        <>
          {monthLabel(w.calendarMonth)}&apos;s deadline passed at {formatLondon(w.closedDeadline!)}: {subject.toLowerCase()} submitted now count for{" "}
          <strong>{monthLabel(w.submissionMonth)}</strong>. Submit by <strong>{formatLondon(w.deadline)}</strong>.
        </>
      ) : (
        <>
          {subject} for <strong>{monthLabel(w.submissionMonth)}</strong>: submit by <strong>{formatLondon(w.deadline)}</strong>, the 5th Working Day before the
          last Working Day of the month.
        </>
      )}
      {delivery}
    </p>
  );
}
