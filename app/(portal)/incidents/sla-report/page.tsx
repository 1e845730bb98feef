import type { Metadata } from "next";
import Link from "next/link";
import { ZodError } from "zod";
import { Chart, type ChartSeries } from "@/components/charts/chart";
import { Badge, Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatMonth, formatMonthShort, plural } from "@/lib/format";
import { monthlySlaReport, slaTrend } from "@/lib/incidents/sla-report";
import { shiftMonth } from "@/lib/orders/calendar";

export const metadata: Metadata = { title: "Incident SLA report" };

type Report = Awaited<ReturnType<typeof monthlySlaReport>>;
type Verdict = Report["categories"][number]["verdict"];

const VERDICTS: Record<Verdict, { label: string; tone: "green" | "amber" | "red" | "slate" }> = {
  "target met": { label: "Target met", tone: "green" },
  "minimum met": { label: "Minimum met", tone: "amber" },
  "below minimum": { label: "Below minimum", tone: "red" },
  none: { label: "None resolved", tone: "slate" },
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

export default async function SlaReportPage({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  const actor = await requireActor("incident.manage");
  const asked = first((await searchParams).month);
  let error: string | null = null;
  let report: Report;
  try {
    report = await orPageError(() => monthlySlaReport(actor, asked));
  } catch (caught) {
    if (!(caught instanceof ZodError)) throw caught;
    error = caught.issues[0]?.message ?? "Choose a month as YYYY-MM.";
    report = await orPageError(() => monthlySlaReport(actor));
  }
  const trend = await orPageError(() => slaTrend(actor, report.month));
  const totals = report.categories.reduce((sum, c) => ({ resolved: sum.resolved + c.resolved, withinTarget: sum.withinTarget + c.withinTarget }), { resolved: 0, withinTarget: 0 });

  return (
    <>
      <PageHeader
        title="Incident SLA report"
        description="Of the incidents resolved in the month, the share resolved within the Target Resolution Time, per category, against the CPM 4 (Category 1-2) and CPM 5 (Category 3-5) target and minimum percentages."
        actions={
          <Link href="/incidents" className="text-sm text-brand-700 underline">
            Back to the queue
          </Link>
        }
      />
      <form action="/incidents/sla-report" method="get" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm" aria-label="Choose the month">
        <div>
          <label htmlFor="month" className="block text-xs font-medium text-slate-600">
            Month
          </label>
          <input
            id="month"
            name="month"
            type="month"
            defaultValue={report.month}
            aria-invalid={!!error}
            aria-describedby={error ? "month-error" : undefined}
            className="block rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm"
          />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
          Show
        </button>
        <span className="flex gap-3 py-1.5 text-sm">
          <Link href={`/incidents/sla-report?month=${shiftMonth(report.month, -1)}`} className="text-brand-700 underline">
            ← {formatMonth(shiftMonth(report.month, -1))}
          </Link>
          <Link href={`/incidents/sla-report?month=${shiftMonth(report.month, 1)}`} className="text-brand-700 underline">
            {formatMonth(shiftMonth(report.month, 1))} →
          </Link>
        </span>
        {error ? (
          <p id="month-error" role="alert" className="w-full rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="month-error">
            {error} Showing the current month.
          </p>
        ) : null}
      </form>

      <Card className="mb-4" title={`Within target, month by month: ${formatMonth(trend.measures[0].points[0].month)} to ${formatMonth(trend.month)}`}>
        <div className="grid gap-6 lg:grid-cols-2" data-testid="sla-trend">
          {trend.measures.map((measure) => {
            const categories = `Category ${measure.categories[0]}-${measure.categories.at(-1)}`;
            const latest = measure.points.at(-1)!;
            const series: ChartSeries[] = [
              { key: "percent", label: "Within target", colour: "brand", kind: "line" },
              { key: "target", label: `Target ${measure.targetPercent}%`, colour: "green", kind: "line", dashed: true },
              { key: "minimum", label: `Minimum ${measure.minimumPercent}%`, colour: "red", kind: "line", dashed: true },
            ];
            return (
              <figure key={measure.name} className="min-w-0">
                <figcaption className="mb-2 text-sm font-semibold">
                  {measure.name}: {categories}
                </figcaption>
                <Chart
                  caption={`${measure.name} (${categories}): share of resolved incidents within the Target Resolution Time, per month`}
                  summary={
                    latest.percent === null
                      ? `None resolved in ${formatMonth(latest.month)}.`
                      : `${formatMonth(latest.month)}: ${latest.percent}% of ${plural(latest.resolved, "incident")}, against a target of ${measure.targetPercent}% and a minimum of ${measure.minimumPercent}%.`
                  }
                  header="Month"
                  rows={measure.points.map((p) => ({
                    label: formatMonth(p.month),
                    tick: formatMonthShort(p.month),
                    values: { percent: p.percent, target: measure.targetPercent, minimum: measure.minimumPercent },
                  }))}
                  series={series}
                  unit="percent"
                  height={200}
                  testId={`sla-trend-${measure.name.replace(" ", "-").toLowerCase()}`}
                  tableNote="—: none resolved that month."
                />
              </figure>
            );
          })}
        </div>
      </Card>

      <Card title={`Resolved in ${formatMonth(report.month)}`}>
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="sla-report">
            <caption className="sr-only">Incidents resolved in {formatMonth(report.month)} within the Target Resolution Time, by category</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                {["Category", "Resolved", "Within target", "%", "Target %", "Minimum %", "Verdict"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.categories.map((c) => (
                <tr key={c.category} data-testid="sla-report-row">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {c.category} — {c.name}
                  </th>
                  <td className="px-3 py-2 tabular-nums">{c.resolved}</td>
                  <td className="px-3 py-2 tabular-nums">{c.withinTarget}</td>
                  <td className="px-3 py-2 tabular-nums">{c.percent === null ? "—" : `${c.percent}%`}</td>
                  <td className="px-3 py-2 tabular-nums">{c.targetPercent}%</td>
                  <td className="px-3 py-2 tabular-nums">{c.minimumPercent}%</td>
                  <td className="px-3 py-2" data-testid="sla-verdict">
                    <Badge tone={VERDICTS[c.verdict].tone}>{VERDICTS[c.verdict].label}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200 text-slate-700">
              <tr>
                <th scope="row" className="px-3 py-2 font-medium">
                  All categories
                </th>
                <td className="px-3 py-2 tabular-nums">{totals.resolved}</td>
                <td className="px-3 py-2 tabular-nums">{totals.withinTarget}</td>
                <td className="px-3 py-2 tabular-nums">{totals.resolved ? `${Math.round((totals.withinTarget / totals.resolved) * 1000) / 10}%` : "—"}</td>
                <td colSpan={3} />
              </tr>
            </tfoot>
          </table>
        </div>
        <p className="mt-3 text-xs text-slate-500">
          Months are London calendar months. An incident counts in the month it was resolved; a paused clock moves its due time on, so time spent pending
          with a party (when paused) is not counted against the target.
        </p>
      </Card>
    </>
  );
}
