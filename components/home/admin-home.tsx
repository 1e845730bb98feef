// The DCC admin's home (issue 14): the queue of things the DCC has to decide, the last day's service requests by
// outcome and the quarantine, with the account and outbox numbers in one line.
import Link from "next/link";
import { OrderStatusBadge } from "@/components/orders/badges";
import { Badge, Card } from "@/components/ui/card";
import type { Actor } from "@/lib/auth/actor";
import { formatLondon, londonDate } from "@/lib/clock";
import { STATUS_LABELS as SERVICE_REQUEST_STATUS_LABELS } from "@/lib/duis/service-request-labels";
import { formatCount, formatMonth, plural } from "@/lib/format";
import { QUARANTINE_EXPIRING_HOURS, SERVICE_REQUEST_WINDOW_HOURS, dccAdminHome } from "@/lib/home/dcc-admin";
import { REGION_LABELS } from "@/lib/orders/catalog";
import { REGISTRATION_FILE_TYPE_LABELS } from "@/lib/registration/schemas";
import { returnsLocation } from "@/lib/returns/catalog";
import { FigureStrip, HomePanel, PanelRow, RefLink } from "./panel";

const IMPORT_STATUS = { APPLIED: { label: "Applied", tone: "green" }, REJECTED: { label: "Rejected", tone: "red" }, APPLYING: { label: "Applying", tone: "blue" } } as const;

export async function AdminHome({ actor }: { actor: Actor }) {
  const o = await dccAdminHome(actor);
  const since = londonDate(o.serviceRequests.since);
  return (
    <div className="space-y-4" data-testid="home-dcc-admin">
      <FigureStrip
        label="Accounts and email"
        figures={[
          { label: "Parties", value: o.accounts.parties, href: "/admin/parties" },
          { label: "Accounts", value: o.accounts.accounts, href: "/admin/accounts" },
          { label: "Locked", value: o.accounts.locked, href: "/admin/accounts?status=locked", tone: "alert" },
          { label: "Disabled", value: o.accounts.disabled, href: "/admin/accounts?status=disabled" },
          { label: "Emails waiting", value: o.accounts.pendingEmails, href: "/admin/outbox?status=PENDING" },
          { label: "Emails failed", value: o.accounts.failedEmails, href: "/admin/outbox?status=FAILED", tone: "alert" },
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-2 xl:grid-cols-4">
        <HomePanel
          title="Orders to answer"
          count={o.orders.count}
          testId="home-orders-to-answer"
          empty="Every CH order has its answer."
          more={{ href: "/orders?view=to-answer", label: `All ${plural(o.orders.count, "order")} to answer` }}
        >
          {o.orders.rows.map((order) => (
            <PanelRow
              key={order.ref}
              testId="home-order"
              main={
                <>
                  <RefLink href={`/orders/${order.ref}`}>{order.ref}</RefLink>
                  <OrderStatusBadge status={order.status} />
                </>
              }
              aside={
                <span className={`whitespace-nowrap ${order.owed.due < o.at ? "font-medium text-red-700" : ""}`} title={order.owed.what}>
                  by {formatLondon(order.owed.due)}
                  {order.owed.due < o.at ? " (overdue)" : ""}
                </span>
              }
              detail={`${order.party.name} · ${REGION_LABELS[order.region]} · ${formatMonth(order.deliveryMonth)}`}
            />
          ))}
        </HomePanel>
        <HomePanel
          title="Consignments to schedule"
          count={o.consignments.count}
          testId="home-to-schedule"
          empty="Every accepted order's delivery is scheduled."
          more={{ href: "/orders?status=ACCEPTED", label: "Accepted orders" }}
        >
          {o.consignments.rows.map((order) => (
            <PanelRow
              key={order.ref}
              testId="home-schedulable"
              main={<RefLink href={`/orders/${order.ref}`}>{order.ref}</RefLink>}
              aside={<span className="whitespace-nowrap">{formatMonth(order.deliveryMonth)}</span>}
              detail={`${order.partyName} · ${REGION_LABELS[order.region as keyof typeof REGION_LABELS]} · ${plural(order.locations, "location")} to schedule`}
            />
          ))}
        </HomePanel>
        <HomePanel title="RMAs to authorise" count={o.rmas.count} testId="home-rmas" empty="No RMA request is waiting." more={{ href: "/returns", label: "CH returns and RMAs" }}>
          {o.rmas.rows.map((rma) => (
            <PanelRow
              key={rma.ref}
              testId="home-rma"
              main={
                <>
                  <RefLink href={`/returns/rma/${rma.ref}`}>{rma.ref}</RefLink>
                  <span className="text-xs">{plural(rma._count.returns, "CH")}</span>
                </>
              }
              aside={<span className="whitespace-nowrap">return {formatLondon(rma.preferredReturnDate, "d MMM yyyy")}</span>}
              detail={`${rma.party.name} · ${returnsLocation(rma.returnsLocation)?.name ?? rma.returnsLocation}`}
            />
          ))}
        </HomePanel>
        <Card title="Registration Data imports" className="min-w-0">
          <div data-testid="home-imports">
            {o.imports.rows.length === 0 ? (
              <p className="text-sm text-slate-600">No Registration Data file has been imported.</p>
            ) : (
              <ul className="-my-1 divide-y divide-slate-100 text-sm">
                {o.imports.rows.map((i) => (
                  <PanelRow
                    key={i.id}
                    main={
                      <>
                        <Link href={`/admin/registration/${i.id}`} className="break-all text-xs font-medium text-brand-700 hover:underline">
                          {i.fileName}
                        </Link>
                        <Badge tone={IMPORT_STATUS[i.status].tone}>{IMPORT_STATUS[i.status].label}</Badge>
                      </>
                    }
                    aside={<span className="whitespace-nowrap">{formatLondon(i.createdAt)}</span>}
                    detail={`${REGISTRATION_FILE_TYPE_LABELS[i.fileType]}: ${formatCount(i.appliedCount)} of ${plural(i.lineCount, "line")} applied${i.errorCount ? `, ${plural(i.errorCount, "error")}` : ""}`}
                  />
                ))}
              </ul>
            )}
            <Link href="/admin/registration" className="mt-2 inline-block text-sm text-brand-700 hover:underline">
              {o.imports.count ? `All ${plural(o.imports.count, "import")}` : "Import a file"} →
            </Link>
          </div>
        </Card>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={`Service requests, last ${SERVICE_REQUEST_WINDOW_HOURS} hours`} className="min-w-0 lg:col-span-2">
          <div data-testid="home-service-requests">
            <p className="mb-2 text-sm text-slate-600">
              <span className="text-lg font-semibold tabular-nums text-slate-900" data-testid="home-service-requests-total">
                {formatCount(o.serviceRequests.total)}
              </span>{" "}
              received since {formatLondon(o.serviceRequests.since)}
            </p>
            <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3 xl:grid-cols-5">
              {o.serviceRequests.byStatus.map((s) => (
                <div key={s.status} className="flex items-baseline justify-between gap-2 border-b border-slate-100 py-0.5">
                  <dt className={s.count ? "text-slate-700" : "text-slate-500"}>{SERVICE_REQUEST_STATUS_LABELS[s.status]}</dt>
                  <dd className="tabular-nums">
                    {s.count ? (
                      <Link href={`/service-requests?status=${s.status}&from=${since}`} className="font-medium text-brand-700 hover:underline" data-testid={`home-sr-${s.status}`}>
                        {formatCount(s.count)}
                      </Link>
                    ) : (
                      <span className="text-slate-500">0</span>
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        </Card>
        <Card title="Quarantine" className="min-w-0">
          <dl className="space-y-1 text-sm" data-testid="home-quarantine-figures">
            {[
              { label: "Commands held", value: o.quarantine.open, testId: "home-quarantine-open" },
              { label: "Awaiting the DCC's advice", value: o.quarantine.awaitingAdvice, testId: "home-quarantine-advice" },
              { label: `Less than ${QUARANTINE_EXPIRING_HOURS} hours left`, value: o.quarantine.expiringSoon, testId: "home-quarantine-expiring" },
            ].map((f) => (
              <div key={f.label} className="flex items-baseline justify-between gap-2 border-b border-slate-100 py-0.5">
                <dt className="text-slate-700">{f.label}</dt>
                <dd className="font-medium tabular-nums" data-testid={f.testId}>
                  {formatCount(f.value)}
                </dd>
              </div>
            ))}
          </dl>
          <Link href="/quarantine" className="mt-2 inline-block text-sm text-brand-700 hover:underline">
            Quarantine queue →
          </Link>
        </Card>
      </div>
    </div>
  );
}
