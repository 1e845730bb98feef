import type { Metadata } from "next";
import Link from "next/link";
import { EndServiceAlertButton, PublishServiceAlertForm } from "@/components/incidents/service-alerts";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { listServiceAlerts } from "@/lib/incidents/service-alerts";

export const metadata: Metadata = { title: "Service Alerts" };

type Alert = Awaited<ReturnType<typeof listServiceAlerts>>[number];

const when = (at: Date) => <time dateTime={at.toISOString()}>{formatLondon(at)}</time>;

function AlertItem({ alert, manage }: { alert: Alert; manage: boolean }) {
  const incidentRef = alert.incidentRef;
  const details: [string, React.ReactNode][] = [["Service", alert.service]];
  if (alert.deviceId) details.push(["Device ID", <span key="device" className="font-mono">{formatEui64(alert.deviceId)}</span>]);
  if (alert.mpxn) details.push(["MPxN", <span key="mpxn" className="font-mono">{alert.mpxn}</span>]);
  details.push(["Since", when(alert.activeFrom)]);
  if (alert.endedAt) details.push(["Ended", when(alert.endedAt)]);
  if (incidentRef) {
    details.push([
      "Incident",
      <Link key="incident" href={`/incidents/${incidentRef}`} className="font-mono text-brand-700 underline">
        {incidentRef}
      </Link>,
    ]);
  }
  return (
    <li className="space-y-2 py-3 first:pt-0 last:pb-0" data-testid="service-alert" aria-labelledby={`alert-${alert.id}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`alert-${alert.id}-title`} className="font-semibold">
          {alert.title} {alert.endedAt ? <Badge>Ended</Badge> : <Badge tone="amber">Active</Badge>}
        </h3>
        {manage && !alert.endedAt ? <EndServiceAlertButton id={alert.id} title={alert.title} /> : null}
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        {details.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-600">{term}</dt>
            <dd data-testid={`service-alert-${term.toLowerCase().replace(/\W+/g, "-")}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="whitespace-pre-line text-sm text-slate-800">{alert.description}</p>
    </li>
  );
}

export default async function ServiceAlertsPage() {
  const actor = await requireActor("incident.view");
  const manage = can(actor, "service-alert.manage");
  const alerts = await orPageError(() => listServiceAlerts(actor, { includeEnded: manage }));
  const active = alerts.filter((a) => !a.endedAt);
  const ended = alerts.filter((a) => a.endedAt);

  return (
    <>
      <PageHeader
        title="Service Alerts"
        description={
          <>
            Notices from the DCC about current issues that may affect Services. If one covers your issue, ask the Service Desk to add you as an Interested Party
            instead of raising another incident.{" "}
            <Link href="/incidents" className="text-brand-700 underline">
              Back to incidents
            </Link>
          </>
        }
      />
      <div className={manage ? "grid gap-4 lg:grid-cols-3" : "space-y-4"}>
        <div className="space-y-4 lg:col-span-2">
          <Card title={`Active Service Alerts (${active.length})`}>
            {active.length ? (
              <ul className="divide-y divide-slate-100" data-testid="active-service-alerts">
                {active.map((a) => (
                  <AlertItem key={a.id} alert={a} manage={manage} />
                ))}
              </ul>
            ) : (
              <EmptyState title="No active Service Alerts.">The DCC has no current issue to report.</EmptyState>
            )}
          </Card>
          {manage ? (
            <Card title={`Ended Service Alerts (${ended.length})`}>
              {ended.length ? (
                <ul className="divide-y divide-slate-100" data-testid="ended-service-alerts">
                  {ended.map((a) => (
                    <AlertItem key={a.id} alert={a} manage={manage} />
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600">None yet.</p>
              )}
            </Card>
          ) : null}
        </div>
        {manage ? (
          <Card title="Publish a Service Alert">
            <PublishServiceAlertForm />
          </Card>
        ) : null}
      </div>
    </>
  );
}
