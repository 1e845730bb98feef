import Link from "next/link";
import { CategoryBadge, CurrentSla, IncidentStatusBadge } from "@/components/incidents/badges";
import { Chart, type ChartSeries } from "@/components/charts/chart";
import { Card, Stat } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { formatLondon, londonAt, now } from "@/lib/clock";
import { formatCount, formatDay, plural } from "@/lib/format";
import { serviceDeskOverview } from "@/lib/home/service-desk";
import { CATEGORY_DEFINITIONS } from "@/lib/incidents/categories";
import type { TrendPoint } from "@/lib/home/incident-trend";
import type { IncidentListRow } from "@/lib/incidents/read-incidents";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";
import { WorkLinks } from "./work-links";

const TREND_SERIES: ChartSeries[] = [
  { key: "open", label: "Open", colour: "brand", kind: "line" },
  { key: "breached", label: "Past the resolution target", colour: "red", kind: "line" },
];

function IncidentTrend({ trend }: { trend: TrendPoint[] }) {
  const first = trend[0];
  const last = trend.at(-1)!;
  return (
    <Chart
      caption={`Open incidents and those past their Target Resolution Time, each day from ${formatDay(first.day)} to ${formatDay(last.day)}`}
      summary={`${plural(first.open, "incident")} open on the first day (${formatCount(first.breached)} past target), ${formatCount(last.open)} now (${formatCount(last.breached)} past target).`}
      header="Day"
      rows={trend.map((p) => ({ label: formatDay(p.day), tick: formatLondon(londonAt(p.day), "d MMM"), values: { open: p.open, breached: p.breached } }))}
      series={TREND_SERIES}
      height={180}
      testId="home-trend"
      tableNote="Each day's figures are at its end (London time); today's are now."
    />
  );
}

function IncidentList({ rows, at, empty, testId }: { rows: IncidentListRow[]; at: Date; empty: string; testId: string }) {
  if (!rows.length) {
    return (
      <p className="text-sm text-slate-600" data-testid={`${testId}-empty`}>
        {empty}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {rows.map((incident) => {
        return (
          <li key={incident.ref} className="space-y-1 py-2" data-testid="home-incident">
            <div className="flex flex-wrap items-center gap-2">
              <Link href={`/incidents/${incident.ref}`} className="font-mono text-xs font-medium text-brand-700 hover:underline">
                {incident.ref}
              </Link>
              <CategoryBadge category={incident.category} />
              <IncidentStatusBadge status={incident.status} />
              <span className="ml-auto">
                <CurrentSla incident={incident} at={at} />
              </span>
            </div>
            <p className="truncate text-slate-800" title={incident.summary}>
              {incident.summary} <span className="text-slate-500">· {incident.raisedByParty.name}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

export async function ServiceDeskHome({ actor }: { actor: Actor }) {
  const o = await serviceDeskOverview(actor);
  const at = now();
  const more = (href: string, label: string) => (
    <Link href={href} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
      {label} →
    </Link>
  );
  return (
    <div className="space-y-4" data-testid="home-service-desk">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Open incidents" value={formatCount(o.open)} href="/incidents?status=open" />
        <Stat label="Assigned to me" value={formatCount(o.mine.count)} href="/incidents?status=open&assignee=me" />
        <Stat label="Breaching soon" value={formatCount(o.atRisk.count)} href="/incidents?status=open&sla=at-risk" />
        <Stat label="Breached" value={formatCount(o.breached.count)} href="/incidents?status=open&sla=breached" />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title="My open incidents">
          <IncidentList rows={o.mine.rows} at={at} testId="home-mine" empty="Nothing is assigned to you." />
          {more("/incidents?status=open&assignee=me", "All my open incidents")}
        </Card>
        <Card title="Breaching soon">
          <IncidentList rows={o.atRisk.rows} at={at} testId="home-at-risk" empty="No open incident is close to its Target Resolution Time." />
          {more("/incidents?status=open&sla=at-risk", "All breaching soon")}
        </Card>
        <Card title="Breached">
          <IncidentList rows={o.breached.rows} at={at} testId="home-breached" empty="No open incident is past its Target Resolution Time." />
          {more("/incidents?status=open&sla=breached", "All breached")}
        </Card>
      </div>
      <Card title="Open and breached incidents, last 30 days">
        <IncidentTrend trend={o.trend} />
      </Card>
      <Card title="Incidents by category and status">
        <p className="mb-2 text-sm text-slate-600">
          Every incident not yet closed.{" "}
          <Link href="/incidents?status=CLOSED" className="text-brand-700 underline">
            Closed incidents
          </Link>{" "}
          are in the incident list.
        </p>
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="home-counts">
            <caption className="sr-only">Number of incidents not closed, by category and status</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">
                  Category
                </th>
                {o.statuses.map((s) => (
                  <th key={s} scope="col" className="px-3 py-2 text-right font-semibold">
                    {STATUS_LABELS[s]}
                  </th>
                ))}
                <th scope="col" className="px-3 py-2 text-right font-semibold">
                  Total
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {o.matrix.map((row) => (
                <tr key={row.category}>
                  <th scope="row" className="px-3 py-1.5 font-medium">
                    <Link href={`/incidents?status=all&category=${row.category}`} className="hover:underline">
                      {row.category} — {CATEGORY_DEFINITIONS[row.category].name}
                    </Link>
                  </th>
                  {o.statuses.map((s) => (
                    <td key={s} className="px-3 py-1.5 text-right tabular-nums">
                      {row.byStatus[s] ? (
                        <Link href={`/incidents?status=${s}&category=${row.category}`} className="text-brand-700 hover:underline">
                          {formatCount(row.byStatus[s])}
                        </Link>
                      ) : (
                        <span className="text-slate-400">0</span>
                      )}
                    </td>
                  ))}
                  <td className="px-3 py-1.5 text-right font-medium tabular-nums">{formatCount(row.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200">
              <tr>
                <th scope="row" className="px-3 py-1.5 font-medium">
                  All categories
                </th>
                {o.statuses.map((s) => (
                  <td key={s} className="px-3 py-1.5 text-right font-medium tabular-nums">
                    {formatCount(o.statusTotals[s])}
                  </td>
                ))}
                <td className="px-3 py-1.5 text-right font-semibold tabular-nums">{formatCount(o.total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>
      <Card title="Service desk">
        <WorkLinks
          links={[
            ["/incidents", "Incident queue", "open incidents by category and time left to the Target Resolution Time"],
            ["/incidents/phoned", "Record a phoned incident", "log an incident a party reported by phone (Category 1 is always phoned in)"],
            ["/incidents/sla-report", "SLA report", "monthly share resolved within target, per category (CPM 4 and 5)"],
            ["/smi", "Inventory", "look up any device in the Smart Metering Inventory"],
            ["/audit", "Audit trail", "changes made by DCC staff accounts"],
          ]}
        />
      </Card>
    </div>
  );
}
