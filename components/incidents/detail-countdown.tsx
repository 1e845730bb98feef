"use client";

// A live SLA countdown: time left to a due time, or how long it is overdue, ticking every second. It counts from the
// server's clock (the portal's clock can be moved for demos), corrected once for the browser's own clock.
import { useEffect, useState } from "react";

function span(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(hours)}h ${pad(minutes)}m ${pad(seconds)}s`;
  return days > 0 ? `${days}d ${clock}` : clock;
}

export function describeRemaining(ms: number): string {
  return ms >= 0 ? `${span(ms)} left` : `Overdue by ${span(ms)}`;
}

export function SlaCountdown({ dueAt, serverNow, testId }: { dueAt: string; serverNow: string; testId?: string }) {
  const due = new Date(dueAt).getTime();
  const [remaining, setRemaining] = useState(() => due - new Date(serverNow).getTime());

  useEffect(() => {
    // The difference between the server's "now" and this browser's, taken when the page arrives.
    const skew = new Date(serverNow).getTime() - Date.now();
    const tick = () => setRemaining(due - (Date.now() + skew));
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, [due, serverNow]);

  const overdue = remaining < 0;
  return (
    <span role="timer" aria-live="off" data-testid={testId} className={`font-mono text-sm tabular-nums ${overdue ? "font-semibold text-red-700" : "text-slate-700"}`}>
      {describeRemaining(remaining)}
    </span>
  );
}
