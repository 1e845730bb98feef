"use client";

// A live countdown of the time left to an incident's Target Resolution (or Response) Time, ticking every second. Every countdown on a
// page shares one timer. Time is the server's clock (which demos and tests may move, D5): the first render uses the
// server's "now" exactly, so hydration matches, and later ticks keep the same offset from the browser's clock.
import { useEffect, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let skewMs = 0;
let current = 0;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      current = Date.now() + skewMs;
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = () => current;
const getServerSnapshot = () => 0;

/** The server's "now" (ms), ticking every second once hydrated. */
export function useServerClock(serverNow: number): number {
  useEffect(() => {
    skewMs = serverNow - Date.now();
  }, [serverNow]);
  const tick = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  return tick && tick >= serverNow ? tick : serverNow;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2d 03:04:05" or "03:04:05". */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hms = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return days ? `${days}d ${hms}` : hms;
}

export interface CountdownProps {
  /** Resolution due time (ms since epoch); while paused, the remaining time at serverNow. */
  dueAt: number;
  remainingMs: number;
  serverNow: number;
  /** Below this much time left the countdown shows amber ("at risk"). */
  atRiskMs: number;
  paused?: boolean;
  /** Resolved or closed: no clock runs. */
  stopped?: boolean;
  /** The due time as people read it (London), for the tooltip. */
  dueLabel?: string;
  /** Which target the countdown runs to (the resolution unless said otherwise). */
  timer?: "Response" | "Resolution";
}

export function Countdown({ dueAt, remainingMs, serverNow, atRiskMs, paused, stopped, dueLabel, timer = "Resolution" }: CountdownProps) {
  const at = useServerClock(serverNow);
  if (stopped) return <span className="text-slate-500" data-testid="countdown">—</span>;
  if (paused) {
    return (
      <span className="whitespace-nowrap text-slate-600" data-testid="countdown" data-state="paused" title="The resolution clock is paused while the incident is pending with a party.">
        Paused · {formatDuration(remainingMs)} left
      </span>
    );
  }
  const left = dueAt - at;
  const state = left < 0 ? "breached" : left < atRiskMs ? "at-risk" : "on-track";
  const tone = state === "breached" ? "text-red-700 font-semibold" : state === "at-risk" ? "text-amber-800 font-medium" : "text-slate-700";
  return (
    <span className={`whitespace-nowrap font-mono text-xs tabular-nums ${tone}`} data-testid="countdown" data-state={state} title={dueLabel ? `${timer} due ${dueLabel}` : undefined}>
      {left < 0 ? `${formatDuration(left)} overdue` : `${formatDuration(left)} left`}
    </span>
  );
}
