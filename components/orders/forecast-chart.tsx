// Forecast, ordered and delivered CHs per month, one chart per Region on a common scale, each with its figures as a
// table (the shared chart component's accessible form).
import { Chart, type ChartSeries } from "@/components/charts/chart";
import { formatCount, formatMonth, formatMonthShort, plural } from "@/lib/format";
import type { ForecastOrderChart } from "@/lib/orders/chart";
import { REGION_LABELS } from "@/lib/orders/catalog";

const SERIES: ChartSeries[] = [
  { key: "forecast", label: "Forecast", colour: "slate", kind: "line" },
  { key: "ordered", label: "Ordered", colour: "brand", kind: "bar" },
  { key: "delivered", label: "Delivered", colour: "green", kind: "bar" },
];

export function ForecastChart({ chart }: { chart: ForecastOrderChart }) {
  return (
    <div className="space-y-3" data-testid="forecast-chart">
      <p className="text-xs text-slate-600">
        {formatMonth(chart.months[0])} to {formatMonth(chart.months.at(-1)!)}, in CHs; the scale is the same for every Region.
      </p>
      <div className="grid gap-4 xl:grid-cols-3">
        {chart.regions.map(({ region, points }) => {
          const forecast = points.reduce((t, p) => t + (p.forecast ?? 0), 0);
          const ordered = points.reduce((t, p) => t + p.ordered, 0);
          const delivered = points.reduce((t, p) => t + p.delivered, 0);
          return (
            <figure key={region} className="min-w-0 rounded-md border border-slate-200 p-3" data-testid={`chart-${region}`}>
              <figcaption className="mb-2 text-sm font-semibold">{REGION_LABELS[region]}</figcaption>
              <Chart
                caption={`Forecast, ordered and delivered CHs per month, ${REGION_LABELS[region]} Region`}
                summary={`Over the ${points.length} months: ${plural(forecast, "CH")} forecast, ${formatCount(ordered)} ordered and ${formatCount(delivered)} delivered.`}
                header="Month"
                rows={points.map((p) => ({ label: formatMonth(p.month), tick: formatMonthShort(p.month), values: { forecast: p.forecast, ordered: p.ordered, delivered: p.delivered } }))}
                series={SERIES}
                highlight={{ label: formatMonth(chart.currentMonth), name: "This month" }}
                yMax={chart.max || undefined}
                height={180}
                tableNote="—: no forecast covers that month."
              />
            </figure>
          );
        })}
      </div>
    </div>
  );
}
