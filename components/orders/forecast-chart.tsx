// Forecast, ordered and delivered CHs per month, one small bar chart per Region, with the figures as a table
// (the accessible form of the chart). Plain CSS bars: no chart library in the project. Server-rendered.
import { formatCount, formatMonth } from "@/lib/format";
import type { ForecastOrderChart } from "@/lib/orders/chart";
import { REGION_LABELS } from "@/lib/orders/catalog";
import { shortMonthLabel } from "./fields";

const SERIES = [
  { key: "forecast", label: "Forecast", swatch: "bg-slate-300" },
  { key: "ordered", label: "Ordered", swatch: "bg-brand-600" },
  { key: "delivered", label: "Delivered", swatch: "bg-green-600" },
] as const;

const CHART_HEIGHT = 140;

function Legend() {
  return (
    <ul className="flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden>
      {SERIES.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <span className={`inline-block h-3 w-3 rounded-sm ${s.swatch}`} />
          {s.label}
        </li>
      ))}
      <li className="flex items-center gap-1.5">
        <span className="inline-block h-3 w-3 rounded-sm border border-amber-200 bg-amber-50" />
        This month
      </li>
    </ul>
  );
}

export function ForecastChart({ chart }: { chart: ForecastOrderChart }) {
  const scale = chart.max || 1;
  const height = (n: number | null) => (n ? Math.max(2, Math.round((n / scale) * CHART_HEIGHT)) : 0);
  return (
    <div className="space-y-4" data-testid="forecast-chart">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Legend />
        <p className="text-xs text-slate-500">
          {formatMonth(chart.months[0])} to {formatMonth(chart.months.at(-1)!)}; the scale is the same for every Region (largest {formatCount(chart.max)}).
        </p>
      </div>
      <div className="grid gap-4 xl:grid-cols-3">
        {chart.regions.map(({ region, points }) => {
          const totals = points.reduce((t, p) => ({ forecast: t.forecast + (p.forecast ?? 0), ordered: t.ordered + p.ordered }), { forecast: 0, ordered: 0 });
          return (
            <figure key={region} className="rounded-md border border-slate-200 p-3" data-testid={`chart-${region}`}>
              <figcaption className="mb-2 text-sm font-semibold">{REGION_LABELS[region]}</figcaption>
              <div
                role="img"
                aria-label={`${REGION_LABELS[region]}: ${formatCount(totals.forecast)} CHs forecast and ${formatCount(totals.ordered)} ordered over the ${points.length} months. The figures are in the table below.`}
                className="flex items-end gap-0.5 border-b border-slate-300"
                style={{ height: CHART_HEIGHT }}
              >
                {points.map((p) => (
                  <div
                    key={p.month}
                    className={`flex h-full flex-1 items-end justify-center gap-px ${p.month === chart.currentMonth ? "bg-amber-50" : ""}`}
                    title={`${formatMonth(p.month)}: forecast ${p.forecast === null ? "none" : formatCount(p.forecast)}, ordered ${formatCount(p.ordered)}, delivered ${formatCount(p.delivered)}`}
                  >
                    <span className="w-1/3 rounded-t-sm bg-slate-300" style={{ height: height(p.forecast) }} />
                    <span className="w-1/3 rounded-t-sm bg-brand-600" style={{ height: height(p.ordered) }} />
                    <span className="w-1/3 rounded-t-sm bg-green-600" style={{ height: height(p.delivered) }} />
                  </div>
                ))}
              </div>
              <div className="mt-1 flex gap-0.5 text-[10px] text-slate-500" aria-hidden>
                {points.map((p, i) => (
                  <span key={p.month} className="flex flex-1 justify-center overflow-visible whitespace-nowrap">
                    {i % 3 === 0 ? shortMonthLabel(p.month) : ""}
                  </span>
                ))}
              </div>
            </figure>
          );
        })}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Show the figures as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="chart-table">
            <caption className="sr-only">Forecast, ordered and delivered CHs per month and Region</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" rowSpan={2} className="px-2 py-1 font-semibold">
                  Month
                </th>
                {chart.regions.map(({ region }) => (
                  <th key={region} scope="colgroup" colSpan={SERIES.length} className="border-l border-slate-200 px-2 py-1 text-center font-semibold uppercase">
                    {REGION_LABELS[region]}
                  </th>
                ))}
              </tr>
              <tr>
                {chart.regions.flatMap(({ region }) =>
                  SERIES.map((s, i) => (
                    <th key={`${region}-${s.key}`} scope="col" className={`px-2 py-1 text-right font-medium ${i === 0 ? "border-l border-slate-200" : ""}`}>
                      {s.label}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {chart.months.map((month, m) => (
                <tr key={month} className={month === chart.currentMonth ? "bg-amber-50" : undefined}>
                  <th scope="row" className="whitespace-nowrap px-2 py-1 font-medium">
                    {formatMonth(month)}
                    {month === chart.currentMonth ? <span className="ml-1 text-xs text-slate-500">(this month)</span> : null}
                  </th>
                  {chart.regions.flatMap(({ region, points }) =>
                    SERIES.map((s, i) => {
                      const value = points[m][s.key];
                      return (
                        <td key={`${region}-${s.key}`} className={`px-2 py-1 text-right tabular-nums ${i === 0 ? "border-l border-slate-200" : ""}`}>
                          {value === null ? <span className="text-slate-400">—</span> : formatCount(value)}
                        </td>
                      );
                    }),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-500">— : no forecast covers that month.</p>
        </div>
      </details>
    </div>
  );
}
