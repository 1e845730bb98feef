import type { Metadata } from "next";
import Link from "next/link";
import { CompliantBadge, OrderStatusBadge } from "@/components/orders/badges";
import { ConsignmentsToWork, DeliveriesToConfirm } from "@/components/orders/consignment-panels";
import { ForecastChart } from "@/components/orders/forecast-chart";
import { WindowNote } from "@/components/orders/window-note";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Field, FilterBar, Input, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, type Column } from "@/components/ui/table";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { formatCount, formatMonth, plural } from "@/lib/format";
import { toPage } from "@/lib/lists";
import { forecastOrderChart } from "@/lib/orders/chart";
import { REGION_LABELS, hubCount } from "@/lib/orders/catalog";
import { listConsignments } from "@/lib/orders/consignments";
import { submissionWindow } from "@/lib/orders/forecast-grid";
import { ORDERS_LIST_LIMIT, ORDER_STATUS_LABELS, countOrdersToAnswer, dccAnswerDue, listOrders, pageOrderFilters } from "@/lib/orders/orders";

export const metadata: Metadata = { title: "CH orders" };

type OrderRow = Awaited<ReturnType<typeof listOrders>>[number];
type Params = { view?: string; region?: string; status?: string; deliveryMonth?: string };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requireActor("ch.view");
  const params = await searchParams;
  const filters = pageOrderFilters(params);
  const filtered = Object.values(filters).some(Boolean);
  const allParties = seesAllParties(actor, "ch.view");
  const ordering = can(actor, "ch.order");
  const confirming = !allParties && can(actor, "ch.delivery");
  const deciding = can(actor, "ch.decide");
  const showToAnswer = allParties && params.view === "to-answer";
  const [rows, toAnswer, chart, toConfirm, scheduled, rejected] = await Promise.all([
    orPageError(() => listOrders(actor, { ...filters, toAnswer: showToAnswer })),
    allParties ? orPageError(() => countOrdersToAnswer(actor)) : 0,
    orPageError(() => forecastOrderChart(actor)),
    confirming ? orPageError(() => listConsignments(actor, "DELIVERED")) : null,
    deciding ? orPageError(() => listConsignments(actor, "SCHEDULED")) : null,
    deciding ? orPageError(() => listConsignments(actor, "REJECTED")) : null,
  ]);
  const exportQuery = new URLSearchParams(Object.entries({ ...filters, view: showToAnswer ? "to-answer" : undefined }).filter((e): e is [string, string] => !!e[1]));
  const omsWindow = submissionWindow();

  const columns: Column<OrderRow>[] = [
    {
      header: "Reference",
      cell: (o) => (
        <Link href={`/orders/${o.ref}`} className="font-mono font-medium text-brand-700 hover:underline" data-testid="order-ref">
          {o.ref}
        </Link>
      ),
    },
    ...(allParties ? [{ header: "Party", cell: (o: OrderRow) => o.party.name }] : []),
    { header: "Region", cell: (o) => REGION_LABELS[o.region] },
    { header: "Delivery Month", cell: (o) => formatMonth(o.deliveryMonth) },
    { header: "CHs", cell: (o) => formatCount(hubCount(o.lines)), className: "text-right tabular-nums" },
    { header: "Forecasts", cell: (o) => <CompliantBadge compliant={o.compliant} late={o.late} /> },
    { header: "Status", cell: (o) => <OrderStatusBadge status={o.status} /> },
    { header: "Submitted", cell: (o) => formatLondon(o.submittedAt) },
    {
      header: "DCC answer due",
      cell: (o) => {
        const owed = dccAnswerDue(o);
        if (!owed) return <span className="text-slate-500">Answered</span>;
        const overdue = owed.due < now();
        return (
          <span title={owed.what} className={overdue ? "font-medium text-red-700" : undefined} data-testid="answer-due-cell">
            {formatLondon(owed.due)}
            {overdue ? " (overdue)" : ""}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="CH orders"
        description={allParties ? "Communications Hub orders from every party, with the DCC's answers." : `Communications Hub orders of ${actor.partyName}.`}
        actions={
          <>
            {ordering ? <ButtonLink href="/orders/new">New order</ButtonLink> : null}
            <ButtonLink variant="secondary" href="/orders/forecasts">
              Forecasts
            </ButtonLink>
            <ButtonLink variant="secondary" href="/orders/locations">
              Delivery Locations
            </ButtonLink>
          </>
        }
      />

      {ordering ? (
        <div className="mb-4">
          <WindowNote window={omsWindow} what="both" testId="order-window" />
        </div>
      ) : null}

      {toConfirm ? (
        <div className="mb-4">
          <DeliveriesToConfirm rows={toConfirm} />
        </div>
      ) : null}
      {scheduled && rejected ? (
        <div className="mb-4">
          <ConsignmentsToWork scheduled={scheduled} rejected={rejected} />
        </div>
      ) : null}

      <Card className="mb-6" title={allParties ? "Forecast, ordered and delivered: all parties" : "Forecast, ordered and delivered"}>
        <ForecastChart chart={chart} />
      </Card>

      {allParties ? (
        <nav aria-label="Order views" className="mb-3 flex gap-4 text-sm">
          <Link href="/orders" aria-current={showToAnswer ? undefined : "page"} className="text-brand-700 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline">
            All orders
          </Link>
          <Link
            href="/orders?view=to-answer"
            aria-current={showToAnswer ? "page" : undefined}
            className="text-brand-700 hover:underline aria-[current=page]:font-semibold aria-[current=page]:underline"
            data-testid="to-answer-link"
          >
            To answer ({toAnswer})
          </Link>
        </nav>
      ) : null}

      <FilterBar action="/orders">
        {showToAnswer ? <input type="hidden" name="view" value="to-answer" /> : null}
        <Field label="Region" name="region">
          <OptionsSelect name="region" value={filters.region} options={REGION_LABELS} anyLabel="Any Region" />
        </Field>
        <Field label="Status" name="status">
          <OptionsSelect name="status" value={filters.status} options={ORDER_STATUS_LABELS} anyLabel="Any status" />
        </Field>
        <Field label="Delivery Month" name="deliveryMonth">
          <Input name="deliveryMonth" type="month" defaultValue={filters.deliveryMonth ?? ""} className="w-44" />
        </Field>
      </FilterBar>

      <section aria-label="Orders" className="mb-6">
        <div className="mb-2 flex items-baseline justify-between text-sm text-slate-600">
          <span data-testid="orders-count">
            {rows.length === ORDERS_LIST_LIMIT ? `The latest ${ORDERS_LIST_LIMIT} orders` : plural(rows.length, "order")}
            {filtered ? " matching the filters" : ""}
          </span>
          {rows.length ? (
            <a href={`/orders/export?${exportQuery}`} className="text-brand-700 underline" data-testid="orders-export" download>
              Export CSV
            </a>
          ) : null}
        </div>
        {rows.length === 0 ? (
          <EmptyState title={filtered ? "No order matches these filters." : showToAnswer ? "No order is waiting for the DCC's answer." : "No CH orders yet."}>
            {filtered ? (
              <Link href={showToAnswer ? "/orders?view=to-answer" : "/orders"} className="underline">
                Clear the filters
              </Link>
            ) : ordering ? (
              <>
                Forecast first, add your{" "}
                <Link href="/orders/locations" className="underline">
                  Delivery Locations
                </Link>
                , then{" "}
                <Link href="/orders/new" className="underline">
                  place an order
                </Link>
                .
              </>
            ) : null}
          </EmptyState>
        ) : (
          <DataTable page={toPage(rows, rows.length, 1, Math.max(rows.length, 1))} columns={columns} rowKey={(o) => o.id} caption={`CH orders: ${rows.length}`} />
        )}
      </section>
    </>
  );
}
