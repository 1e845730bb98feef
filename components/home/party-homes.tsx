// The party personas' homes (issue 14): each answers "what needs me now" with its own work, the first few records of
// each kind with their exact counts, and a link to the full list.
import Link from "next/link";
import { CategoryBadge, IncidentStatusBadge } from "@/components/incidents/badges";
import { OrderStatusBadge } from "@/components/orders/badges";
import { Deadline, ReturnStatusBadge } from "@/components/returns/badges";
import { Countdown } from "@/components/tad/quarantine";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { DCC_ALERT_NAMES } from "@/lib/alerts/dcc-alerts";
import { formatLondon, now } from "@/lib/clock";
import { formatCount, formatMonth, plural } from "@/lib/format";
import { omsHome } from "@/lib/home/oms";
import { partyUserHome } from "@/lib/home/party-user";
import { sroHome } from "@/lib/home/sro";
import { formatEui64 } from "@/lib/identifiers";
import { SLA_LABELS, slaOf, type SlaState } from "@/lib/incidents/sla";
import { REGIONS, REGION_LABELS } from "@/lib/orders/catalog";
import { HomePanel, PanelRow, RefLink } from "./panel";
import { WorkLinks } from "./work-links";

type PartyUserData = Awaited<ReturnType<typeof partyUserHome>>;
type IncidentRow = PartyUserData["open"]["rows"][number] | PartyUserData["awaiting"]["rows"][number];

/** The resolution timer's state as text: one quiet word per row rather than a second badge. */
const SLA_TEXT: Record<SlaState, string> = {
  ON_TRACK: "whitespace-nowrap text-slate-700",
  AT_RISK: "whitespace-nowrap font-medium text-amber-800",
  BREACHED: "whitespace-nowrap font-semibold text-red-700",
  MET: "whitespace-nowrap text-slate-700",
  PAUSED: "whitespace-nowrap text-slate-500",
};

function IncidentRows({ rows, at }: { rows: IncidentRow[]; at: Date }) {
  return rows.map((incident) => {
    const sla = slaOf(incident, at);
    return (
      <PanelRow
        key={incident.ref}
        testId="home-incident"
        main={
          <>
            <RefLink href={`/incidents/${incident.ref}`}>{incident.ref}</RefLink>
            <CategoryBadge category={incident.category} />
            <IncidentStatusBadge status={incident.status} />
          </>
        }
        aside={
          <span className={SLA_TEXT[sla.resolution]} data-testid="sla-state" title={`Target Resolution Time ${formatLondon(sla.resolutionDueAt)}`}>
            {SLA_LABELS[sla.resolution]}
            {sla.resolution === "PAUSED" ? "" : ` · ${formatLondon(sla.resolutionDueAt, "d MMM HH:mm")}`}
          </span>
        }
        detail={<span title={incident.summary}>{incident.summary}</span>}
      />
    );
  });
}

/** The SMI search as a GET form: the search lands on /smi?q= like the inventory's own form. */
function SmiSearch() {
  return (
    <form action="/smi" method="get" role="search" aria-label="Search the SMI" className="flex flex-wrap items-end gap-2">
      <label className="min-w-0 flex-1 basis-64 text-sm font-medium">
        Device ID, MPAN, MPRN, postcode or UPRN
        <input
          name="q"
          autoComplete="off"
          placeholder="e.g. 0A-1C-4D-DE-00-00-01-01 or CV4 8DE"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-normal shadow-sm focus:border-brand-600"
        />
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        Search
      </button>
    </form>
  );
}

export async function PartyUserHome({ actor }: { actor: Actor }) {
  const o = await partyUserHome(actor);
  const at = now();
  return (
    <div className="space-y-4" data-testid="home-party-user">
      <Card title="Smart Metering Inventory">
        <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
          <div className="min-w-0 flex-1 basis-80">
            <SmiSearch />
          </div>
          <div className="flex flex-wrap gap-2">
            <ButtonLink variant="secondary" href="/incidents/new">
              Raise an incident
            </ButtonLink>
            <ButtonLink variant="secondary" href="/smi/pre-notify">
              Pre-notify a device
            </ButtonLink>
            <ButtonLink variant="secondary" href="/service-requests">
              Service requests
            </ButtonLink>
          </div>
        </div>
      </Card>
      <div className="grid gap-4 lg:grid-cols-3">
        <HomePanel
          title="Awaiting your reply"
          count={o.awaiting.count}
          testId="home-awaiting"
          empty="No incident is Pending with your organisation."
          more={{ href: "/incidents?status=PENDING", label: "Pending incidents" }}
        >
          <IncidentRows rows={o.awaiting.rows} at={at} />
        </HomePanel>
        <HomePanel
          title="Open incidents"
          count={o.open.count}
          testId="home-open-incidents"
          empty={`${actor.partyName} has no open incident.`}
          more={{ href: "/incidents?status=open", label: `All ${plural(o.open.count, "open incident")}` }}
        >
          <IncidentRows rows={o.open.rows} at={at} />
        </HomePanel>
        <HomePanel title="Recent DCC Alerts" count={o.alerts.count} testId="home-alerts" empty="The DCC has sent no alert." more={{ href: "/alerts", label: `All ${plural(o.alerts.count, "alert")}` }}>
          {o.alerts.rows.map((a) => (
            <PanelRow
              key={a.id}
              testId="home-alert"
              main={
                <>
                  <Badge tone="amber">{a.code}</Badge>
                  <span>{DCC_ALERT_NAMES[a.code as keyof typeof DCC_ALERT_NAMES] ?? a.code}</span>
                </>
              }
              aside={<span className="whitespace-nowrap">{formatLondon(a.createdAt)}</span>}
              detail={
                a.deviceId ? (
                  <Link href={`/smi/devices/${a.deviceId}`} className="font-mono text-brand-700 hover:underline">
                    {formatEui64(a.deviceId)}
                  </Link>
                ) : (
                  <span title={a.message}>{a.message}</span>
                )
              }
            />
          ))}
        </HomePanel>
      </div>
    </div>
  );
}

type OmsData = Awaited<ReturnType<typeof omsHome>>;

/** This month's forecast and orders: what each counts for, its deadline with the days left, and what is done. */
function Deadlines({ deadlines, at }: { deadlines: NonNullable<OmsData["deadlines"]>; at: Date }) {
  const { window: w, forecast, orders } = deadlines;
  const ordered = new Map(orders.map((o) => [o.region, o]));
  return (
    <Card title="Deadlines">
      <ul className="divide-y divide-slate-100 text-sm" data-testid="home-deadlines">
        <li className="py-2" data-testid="home-forecast-deadline">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <span className="font-medium">Forecast for {formatMonth(w.submissionMonth)}</span>
            <Deadline due={w.deadline} at={at} running={!forecast} />
          </div>
          <p className="text-xs text-slate-600">
            {forecast ? (
              <>
                {forecast.deemed ? "Deemed" : "Submitted"}: <RefLink href={`/orders/forecasts/${forecast.ref}`}>{forecast.ref}</RefLink>, {formatLondon(forecast.submittedAt)}.
              </>
            ) : (
              <>
                Not submitted yet: 24 months from {formatMonth(w.forecastMonths[0])}.{" "}
                <Link href="/orders/forecasts" className="text-brand-700 underline">
                  Fill in the forecast
                </Link>
              </>
            )}
          </p>
        </li>
        <li className="py-2" data-testid="home-order-deadline">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
            <span className="font-medium">
              Orders for {formatMonth(w.orderMonth)}, delivered in {formatMonth(w.deliveryMonth)}
            </span>
            {w.late ? <Badge tone="amber">Late: not compliant</Badge> : <Deadline due={w.orderDeadline} at={at} running={ordered.size < REGIONS.length} />}
          </div>
          {w.late ? <p className="text-xs text-slate-600">The deadline passed at {formatLondon(w.closedDeadline!)}; the DCC decides on late orders by {formatLondon(w.lateDecisionDue)}.</p> : null}
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {REGIONS.map((region) => {
              const order = ordered.get(region);
              return (
                <li key={region} className="inline-flex items-baseline gap-1" data-testid="home-region-order">
                  <span className="text-slate-600">{REGION_LABELS[region]}:</span>
                  {order ? (
                    <>
                      <RefLink href={`/orders/${order.ref}`}>{order.ref}</RefLink>
                      <OrderStatusBadge status={order.status} />
                    </>
                  ) : (
                    <span className="text-slate-500">no order</span>
                  )}
                </li>
              );
            })}
          </ul>
        </li>
      </ul>
    </Card>
  );
}

export async function OmsHome({ actor }: { actor: Actor }) {
  const o = await omsHome(actor);
  const ordering = can(actor, "ch.order");
  return (
    <div className="space-y-4" data-testid="home-oms">
      <div className="flex flex-wrap gap-2">
        {ordering ? <ButtonLink href="/orders/new">New order</ButtonLink> : null}
        <ButtonLink variant="secondary" href="/orders">
          CH orders
        </ButtonLink>
        <ButtonLink variant="secondary" href="/orders/forecasts">
          Forecasts
        </ButtonLink>
        <ButtonLink variant="secondary" href="/returns">
          Returns
        </ButtonLink>
        <ButtonLink variant="secondary" href="/orders/locations">
          Delivery Locations
        </ButtonLink>
      </div>
      <div className={`grid gap-4 ${o.deadlines ? "lg:grid-cols-3" : "lg:grid-cols-2"}`}>
        {o.deadlines ? <Deadlines deadlines={o.deadlines} at={o.at} /> : null}
        <HomePanel
          title="Deliveries to confirm"
          count={o.deliveries.count}
          testId="home-deliveries"
          empty="No delivery is waiting for your confirmation."
          more={{ href: "/orders", label: "CH orders and deliveries" }}
        >
          {o.deliveries.rows.map((c) => (
            <PanelRow
              key={c.ref}
              testId="home-delivery"
              main={
                <>
                  <RefLink href={`/orders/${c.order.ref}#${c.ref}`}>{c.ref}</RefLink>
                  <span className="text-xs text-slate-600">order {c.order.ref}</span>
                </>
              }
              aside={<Deadline due={c.confirmDueAt} at={o.at} running />}
              detail={`${c.location.name}${c.deliveredAt ? `, delivered ${formatLondon(c.deliveredAt)}` : ""}`}
            />
          ))}
        </HomePanel>
        <HomePanel
          title="Returns due"
          count={o.returns.count}
          testId="home-returns"
          empty="No CH is waiting to go back to the DCC."
          more={{ href: "/returns?status=OUTSTANDING", label: `All ${plural(o.returns.count, "outstanding return")}` }}
        >
          {o.returns.rows.map((r) => (
            <PanelRow
              key={r.ref}
              testId="home-return"
              main={
                <>
                  <RefLink href={`/returns/${r.ref}`}>{r.ref}</RefLink>
                  <ReturnStatusBadge status={r.status} />
                </>
              }
              aside={r.returnDueAt ? <Deadline due={r.returnDueAt} at={o.at} running /> : <span className="text-slate-500">no 90-day rule</span>}
              detail={
                <>
                  CHF <span className="font-mono">{formatEui64(r.deviceId)}</span>
                  {r.rma?.timeslot ? `; ${r.rma.ref}: deliver ${formatLondon(r.rma.preferredReturnDate, "EEE d MMM")}, ${r.rma.timeslot}` : r.rma ? `; ${r.rma.ref} requested` : "; no RMA yet"}
                </>
              }
            />
          ))}
        </HomePanel>
      </div>
    </div>
  );
}

export async function SroHome({ actor }: { actor: Actor }) {
  const o = await sroHome(actor);
  const serverNow = now().getTime();
  const held = o.quarantine;
  return (
    <div className="space-y-4" data-testid="home-sro">
      <div className="flex flex-wrap gap-2">
        <ButtonLink href="/quarantine">Quarantine queue</ButtonLink>
        <ButtonLink variant="secondary" href="/tad">
          ADT submissions
        </ButtonLink>
        <ButtonLink variant="secondary" href="/audit">
          Audit trail
        </ButtonLink>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <HomePanel
          className="lg:col-span-2"
          title="Held in quarantine"
          count={held.count}
          testId="home-quarantine"
          empty="No command of your organisation is held by Threshold Anomaly Detection."
          more={{ href: "/quarantine", label: held.moreThanCount ? `More than ${plural(held.count, "command")} in the quarantine queue` : `Decide in the quarantine queue (${formatCount(held.count)})` }}
        >
          {held.rows.map((item) => (
            <PanelRow
              key={item.id}
              testId="home-quarantine-item"
              main={
                <>
                  <Link href={`/quarantine/${item.id}`} className="break-all font-mono text-xs font-medium text-brand-700 hover:underline">
                    {item.requestId}
                  </Link>
                  <span className="text-xs">
                    SRV {item.srv} {item.srvName}
                  </span>
                </>
              }
              aside={<Countdown until={item.downloadUntil.toISOString()} serverNow={serverNow} />}
              detail={
                <>
                  {item.deviceId ? <span className="font-mono">{item.deviceId}</span> : "No device"} · {item.threshold} ·{" "}
                  <Link href={`/incidents/${item.incident.ref}`} className="text-brand-700 underline">
                    {item.incident.ref}
                  </Link>
                </>
              }
            />
          ))}
        </HomePanel>
        <HomePanel
          title="ADT Files to confirm"
          count={o.adt.count}
          testId="home-adt"
          empty="No ADT File outside DCC guidance is waiting for you."
          more={{ href: "/tad?status=AWAITING_SRO_CONFIRMATION", label: "All awaiting SRO confirmation" }}
        >
          {o.adt.rows.map((s) => (
            <PanelRow
              key={s.id}
              main={<RefLink href={`/tad/${s.id}`}>{s.reference}</RefLink>}
              aside={s.deadline ? <span className="whitespace-nowrap">apply by {formatLondon(s.deadline)}</span> : null}
              detail={s.fileName ?? undefined}
            />
          ))}
        </HomePanel>
      </div>
    </div>
  );
}

export function OrganisationHome({ actor }: { actor: Actor }) {
  return (
    <Card title="Your organisation">
      <div data-testid="home-organisation">
        <WorkLinks links={[[`/parties/${actor.partyId}`, actor.partyName, "User Roles and staff accounts of your party"]]} />
      </div>
    </Card>
  );
}
