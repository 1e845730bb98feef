"use client";

// The dashboard's charts (recharts), each with its figures as a screen-reader table: the chart is the picture, the
// table the accessible form of the same numbers. The picture is aria-hidden, so recharts' keyboard layer is off (a
// focusable element inside aria-hidden is an axe violation).
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatLondon } from "@/lib/format";

const BRAND = "#1d5fbf";
const GREEN = "#15803d";
const AMBER = "#b45309";
const RED = "#b91c1c";
const SLATE = "#64748b";
const HEIGHT = 180;
const AXIS = { fontSize: 11, fill: "#475569" };

function FiguresTable({ caption, headers, rows }: { caption: string; headers: [string, string]; rows: [string, string | number][] }) {
  // The wrapper is what hides it: a table does not shrink to sr-only's 1px, and would widen the page on a phone.
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{headers[0]}</th>
            <th scope="col">{headers[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <td>{label}</td>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RateChart({ buckets }: { buckets: { at: string; perSecond: number }[] }) {
  const data = buckets.map((b) => ({ time: formatLondon(b.at, "HH:mm:ss"), perSecond: Math.round(b.perSecond * 10) / 10 }));
  return (
    <figure data-testid="rate-chart">
      <div aria-hidden style={{ height: HEIGHT }}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="time" tick={AXIS} interval="preserveStartEnd" minTickGap={24} />
            <YAxis tick={AXIS} allowDecimals={false} />
            <Tooltip formatter={(v) => [`${v}/s`, "Requests"]} />
            <Area type="monotone" dataKey="perSecond" stroke={BRAND} fill={BRAND} fillOpacity={0.15} isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable caption="Service Requests received per second, per 5-second interval" headers={["Interval starting (UK)", "Requests per second"]} rows={data.map((d) => [d.time, d.perSecond])} />
    </figure>
  );
}

/** I codes green, W amber, E/N red, unanswered grey: as the Service Request pages colour them. */
export const codeColour = (code: string) => (!code ? SLATE : code.startsWith("I") ? GREEN : code.startsWith("W") ? AMBER : RED);

export function CountBarChart({ testId, caption, bars, colour }: { testId: string; caption: string; bars: { label: string; count: number }[]; colour: (label: string) => string }) {
  return (
    <figure data-testid={testId}>
      <div aria-hidden style={{ height: HEIGHT }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={bars} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={AXIS} interval={0} />
            <YAxis tick={AXIS} allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name="Count" isAnimationActive={false}>
              {bars.map((b) => (
                <Cell key={b.label} fill={colour(b.label)} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable caption={caption} headers={["", "Count"]} rows={bars.map((b) => [b.label, b.count])} />
    </figure>
  );
}

export function LatencyChart({ p50, p95, p99 }: { p50: number | null; p95: number | null; p99: number | null }) {
  const bars = [
    { label: "p50", ms: p50 ?? 0 },
    { label: "p95", ms: p95 ?? 0 },
    { label: "p99", ms: p99 ?? 0 },
  ];
  return (
    <figure data-testid="latency-chart">
      <div aria-hidden style={{ height: HEIGHT }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
            <XAxis type="number" tick={AXIS} unit=" ms" />
            <YAxis type="category" dataKey="label" tick={AXIS} />
            <Tooltip formatter={(v) => [`${v} ms`, "Latency"]} />
            <Bar dataKey="ms" fill={BRAND} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <FiguresTable caption="Command latency percentiles, milliseconds" headers={["Percentile", "Milliseconds"]} rows={bars.map((b) => [b.label, b.ms])} />
    </figure>
  );
}
