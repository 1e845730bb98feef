import type { Metadata } from "next";
import Link from "next/link";
import { CompliantBadge, OrderStatusBadge } from "@/components/orders/badges";
import { DeemedOrderForm } from "@/components/orders/consignment-deemed-form";
import { ConsignmentList } from "@/components/orders/consignment-list";
import { CancelOrderForm, DecideForm } from "@/components/orders/order-actions";
import { Banner } from "@/components/smi/badges";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timeline } from "@/components/ui/timeline";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, londonDate, now } from "@/lib/clock";
import { formatCount, formatMonth } from "@/lib/format";
import { monthEnd, shiftMonth } from "@/lib/orders/calendar";
import { HAN_VARIANTS, HAN_VARIANT_LABELS, MESH_SHARE_LIMIT, REGION_LABELS, auxiliaryByCode, hubCount, variantByCode } from "@/lib/orders/catalog";
import { CONSIGNMENT_STATUS_LABELS } from "@/lib/orders/consignments";
import { DEEMED_CONFIRMATION_DAYS, DEEMED_DETAILS_WORKING_DAYS } from "@/lib/orders/deemed-orders";
import { listDeliveryLocations } from "@/lib/orders/locations";
import { CANCELLATION_NOTICE_HOURS, DECISIONS, ORDER_STATUS_LABELS, dccAnswerDue, readOrder } from "@/lib/orders/orders";

type Params = { params: Promise<{ ref: string }>; searchParams: Promise<{ submitted?: string }> };
type Order = Awaited<ReturnType<typeof readOrder>>;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { ref } = await params;
  return { title: `Order ${ref.toUpperCase()}` };
}

const dash = <span className="text-slate-400">—</span>;
const figure = (n: number | null) => (n === null ? <span className="text-slate-500">no forecast (0)</span> : formatCount(n));

function Deliveries({ order }: { order: Order }) {
  const byLocation = new Map<string, Order["lines"]>();
  for (const line of order.lines) byLocation.set(line.locationId, [...(byLocation.get(line.locationId) ?? []), line]);
  return (
    <div className="space-y-4">
      {[...byLocation.values()].map((lines, i) => {
        const { location, preferredDate } = lines[0];
        const hubs = lines.filter((l) => variantByCode(l.itemCode));
        const aux = lines.filter((l) => !variantByCode(l.itemCode));
        return (
          <section key={location.id} className="space-y-2 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0" data-testid="order-delivery">
            <h3 className="text-sm font-semibold">
              Delivery {i + 1}: {location.name}
            </h3>
            <DefinitionList
              items={[
                ["Address", `${location.addressLine}, ${location.town}, ${location.postcode}`],
                ["Operating hours", location.operatingHours],
                ["Site contact", `${location.contactName} · ${location.contactEmail} · ${location.contactPhone}`],
                ["Preferred date", <span key="date" data-testid="preferred-date">{formatLondon(preferredDate, "EEEE d MMMM yyyy")}</span>],
              ]}
            />
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Items for {location.name}</caption>
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Item
                    </th>
                    <th scope="col" className="py-1 pr-3 font-semibold">
                      Code
                    </th>
                    <th scope="col" className="py-1 text-right font-semibold">
                      Quantity
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {[...hubs, ...aux].map((l) => {
                    const variant = variantByCode(l.itemCode);
                    return (
                      <tr key={l.id}>
                        <td className="py-1 pr-3">
                          {variant?.name ?? auxiliaryByCode(l.itemCode)?.name ?? l.itemCode}
                          {variant ? <span className="text-xs text-slate-500"> · {HAN_VARIANT_LABELS[variant.hanVariant]}{variant.mesh ? " · Mesh" : ""}</span> : <span className="text-xs text-slate-500"> · auxiliary</span>}
                        </td>
                        <td className="py-1 pr-3 font-mono text-xs">{l.itemCode}</td>
                        <td className="py-1 text-right tabular-nums">{formatCount(l.quantity)}</td>
                      </tr>
                    );
                  })}
                </tbody>
                <tfoot className="border-t border-slate-200">
                  <tr>
                    <th scope="row" colSpan={2} className="py-1 pr-3 text-left font-medium">
                      CHs in this delivery
                    </th>
                    <td className="py-1 text-right font-semibold tabular-nums">{formatCount(hubs.reduce((sum, l) => sum + l.quantity, 0))}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}

function ToleranceChecks({ order }: { order: Order }) {
  const checks = HAN_VARIANTS.map((v) => order.checks.find((c) => c.hanVariant === v)).filter((c) => !!c);
  return (
    <div className="space-y-2">
      <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="tolerance-checks">
            <caption className="sr-only">Tolerance check per HAN Variant</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1 font-semibold">
                  HAN Variant
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  F10
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  F7
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  MIN
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  MAX
                </th>
                <th scope="col" className="px-2 py-1 text-right font-semibold">
                  Ordered
                </th>
                <th scope="col" className="px-2 py-1 font-semibold">
                  Compliant
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {checks.map((c) => (
                <tr key={c.hanVariant} data-testid={`check-${c.hanVariant}`}>
                  <th scope="row" className="px-2 py-1 font-medium">
                    {HAN_VARIANT_LABELS[c.hanVariant as (typeof HAN_VARIANTS)[number]] ?? c.hanVariant}
                  </th>
                  <td className="px-2 py-1 text-right tabular-nums">{figure(c.f10)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{figure(c.f7)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatCount(c.minimum)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatCount(c.maximum)}</td>
                  <td className="px-2 py-1 text-right font-semibold tabular-nums">{formatCount(c.ordered)}</td>
                  <td className="px-2 py-1">{c.compliant ? <Badge tone="green">Yes</Badge> : <Badge tone="amber">No</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
      </div>
      <p className="text-xs text-slate-600">
        Per HAN Variant, the CHs ordered for the Delivery Month must lie between MIN = max(50% of F10, 80% of F7) rounded down and MAX = min(120% of F7,
        150% of F10) rounded up. F10 is the {formatMonth(order.deliveryMonth)} figure of the party&apos;s forecast submitted in {formatMonth(shiftMonth(order.deliveryMonth, -10))};
        F7 the figure of its forecast submitted in {formatMonth(shiftMonth(order.deliveryMonth, -7))}. A missing forecast counts as 0. An order outside the
        tolerance is allowed; the DCC decides whether to accept it.
      </p>
    </div>
  );
}

const KIND_LABELS: Record<string, string> = {
  // Every status move of a consignment is logged as consignment.<status>; the labels below (raising one is logged as
  // consignment.scheduled too) take precedence.
  ...Object.fromEntries(Object.entries(CONSIGNMENT_STATUS_LABELS).map(([status, label]) => [`consignment.${status.toLowerCase()}`, label.split(":")[0]])),
  submitted: "Submitted",
  decision: "DCC answer",
  cancelled: "Cancelled",
  deemed: "Deemed order",
  details: "Delivery details",
  "consignment.scheduled": "Consignment scheduled",
  "consignment.replacement-offered": "Replacement dates offered",
  "consignment.replacement": "Replacement scheduled",
};

/**
 * Consignment events start with their ref ("CON0000001: delivered to …", "CON0000004 to Leeds Field Stores on …"):
 * the ref is shown as a link instead.
 */
function eventText(text: string, ref: string | undefined) {
  const prefix = ref && [`${ref}: `, `${ref} `].find((p) => text.startsWith(p));
  if (!prefix) return text;
  const rest = text.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function OrderTimeline({ order }: { order: Order }) {
  return (
    <Timeline
      testId="order-timeline"
      entries={order.events.map((e) => ({
        ...e,
        label: KIND_LABELS[e.kind] ?? e.kind,
        tone: e.consignment ? "slate" : "blue",
        muted: !!e.consignment,
        data: { kind: e.kind, consignment: e.consignment?.ref },
        aside: e.consignment ? (
          <a href={`#${e.consignment.ref}`} className="font-mono text-xs text-brand-700 underline" aria-label={`Consignment ${e.consignment.ref}`}>
            {e.consignment.ref}
          </a>
        ) : null,
        body: <p className="whitespace-pre-wrap text-slate-600">{eventText(e.text, e.consignment?.ref)}</p>,
      }))}
    />
  );
}

/** A deemed order (F5.13(c)): its deadlines, and for the party the form to give its delivery details (CHHSM 3.7-3.9). */
async function DeemedOrder({ order, party }: { order: Order; party: { actor: Awaited<ReturnType<typeof requireActor>>; confirms: boolean } }) {
  const at = now();
  const open = order.status === "ACCEPTED" && !order.detailsConfirmedAt && (!order.confirmDueAt || at <= order.confirmDueAt);
  const locations = party.confirms && open ? await listDeliveryLocations(party.actor) : [];
  const line = order.lines[0];
  const [y, m] = order.deliveryMonth.split("-").map(Number);
  return (
    <Card title="Deemed order">
      <div className="space-y-3 text-sm" data-testid="deemed-notice">
        <p>
          No order came for the {REGION_LABELS[order.region]} Region by the deadline and the forecasts make one mandatory, so the DCC deemed this order at the
          compliant minimum (F5.13(c)).
        </p>
        <DefinitionList
          items={[
            [
              "Details due",
              order.detailsDueAt ? (
                <span key="details" data-testid="details-due">
                  {formatLondon(order.detailsDueAt)} ({DEEMED_DETAILS_WORKING_DAYS} Working Days; until then the DCC uses the last Delivery Location)
                </span>
              ) : (
                dash
              ),
            ],
            [
              "Confirm by",
              order.confirmDueAt ? (
                <span key="confirm" data-testid="deemed-confirm-due">
                  {formatLondon(order.confirmDueAt)} ({DEEMED_CONFIRMATION_DAYS} days; otherwise the order is treated as cancelled and the DCC&apos;s costs are billed)
                </span>
              ) : (
                dash
              ),
            ],
            [
              "Details confirmed",
              order.detailsConfirmedAt ? (
                <span key="confirmed" data-testid="details-confirmed">
                  {formatLondon(order.detailsConfirmedAt)}
                </span>
              ) : (
                <span key="pending" className="font-medium text-amber-900">
                  Not yet
                </span>
              ),
            ],
          ]}
        />
        {party.confirms ? (
          <DeemedOrderForm
            orderRef={order.ref}
            available={open}
            locations={locations.map((l) => ({ id: l.id, name: l.name, town: l.town, postcode: l.postcode }))}
            defaults={{
              locationId: line?.locationId ?? "",
              preferredDate: line ? londonDate(line.preferredDate) : "",
              contactPhone: order.contactPhone,
              contactEmail: order.contactEmail || party.actor.email,
            }}
            dateMin={`${order.deliveryMonth}-01`}
            dateMax={new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)}
          />
        ) : null}
      </div>
    </Card>
  );
}

export default async function OrderPage({ params, searchParams }: Params) {
  const actor = await requireActor("ch.view");
  const { ref } = await params;
  const { submitted } = await searchParams;
  const order = await orPageError(() => readOrder(actor, ref));
  const hubs = hubCount(order.lines);
  const answers = DECISIONS[order.status];
  const owed = dccAnswerDue(order);
  const cancellable = order.status === "ACCEPTED" || order.status === "ACCEPTED_IN_PART";
  const own = order.partyId === actor.partyId;
  const viewer = { dcc: can(actor, "ch.decide"), delivery: own && can(actor, "ch.delivery"), ordering: own && can(actor, "ch.order") };

  return (
    <>
      <PageHeader
        title={`Order ${order.ref}`}
        description={
          <>
            {order.party.name} · {REGION_LABELS[order.region]} Region · Delivery Month {formatMonth(order.deliveryMonth)}
          </>
        }
        actions={
          <Link href="/orders" className="text-sm text-brand-700 underline">
            All orders
          </Link>
        }
      />
      {submitted ? (
        <Banner testId="submitted-banner">
          {order.late ? (
            <>Order {order.ref} received after the month&apos;s deadline: it is late (F5.14), so not compliant. The DCC decides on it by {formatLondon(monthEnd(order.submissionMonth))}.</>
          ) : (
            <>Order {order.ref} received: it is {order.compliant ? "compliant" : "not compliant"} with your forecasts. The DCC answers by {formatLondon(order.answerDueAt)}.</>
          )}{" "}
          An email to every OMS account of {order.party.name} has been queued.
        </Banner>
      ) : null}
      {order.late ? (
        <Banner tone="amber" testId="late-order">
          Submitted after the deadline of {formatMonth(order.submissionMonth)} (the 5th Working Day before its last Working Day): a late order is not compliant,
          and the DCC decides whether to accept it (F5.14, F5.17).
        </Banner>
      ) : null}
      {order.meshShareFlagged ? (
        <Banner tone="red" testId="mesh-flag">
          Mesh CHs are over {MESH_SHARE_LIMIT * 100}% of this {REGION_LABELS[order.region]} order: the DCC may ask why.
        </Banner>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Order">
            <DefinitionList
              items={[
                ["Reference", <span key="ref" className="font-mono">{order.ref}</span>],
                ["Status", <OrderStatusBadge key="status" status={order.status} />],
                ["Compliance", <CompliantBadge key="compliant" compliant={order.compliant} late={order.late} />],
                ["Party", order.party.name],
                ["Region", REGION_LABELS[order.region]],
                ["Delivery Month", formatMonth(order.deliveryMonth)],
                ["CHs ordered", <span key="total" data-testid="order-total">{formatCount(hubs)}</span>],
                ["Submitted", `${formatLondon(order.submittedAt)}${order.submittedBy ? ` by ${order.submittedBy.name}` : ""}`],
                owed
                  ? ["DCC answer due", <span key="due" data-testid="answer-due" className={owed.due < now() ? "font-medium text-red-700" : undefined}>{formatLondon(owed.due)}: {owed.what.toLowerCase()}{owed.due < now() ? ", overdue" : ""}</span>]
                  : ["Answer was due", formatLondon(order.answerDueAt)],
                ["Decided", order.decidedAt ? formatLondon(order.decidedAt) : dash],
                ["Reason", order.decisionReason ? <span key="reason" className="whitespace-pre-wrap" data-testid="decision-reason">{order.decisionReason}</span> : dash],
                ["Order contact", `${order.contactPhone} · ${order.contactEmail}`],
              ]}
            />
          </Card>
          {order.deemed ? <DeemedOrder order={order} party={{ actor, confirms: viewer.ordering }} /> : null}
          <Card title="Deliveries">
            <Deliveries order={order} />
          </Card>
          <Card title={`Consignments${order.consignments.length ? ` (${order.consignments.length})` : ""}`}>
            <ConsignmentList order={order} viewer={viewer} />
          </Card>
          <Card title="Tolerance check">
            <ToleranceChecks order={order} />
          </Card>
        </div>
        <div className="space-y-4">
          {can(actor, "ch.decide") ? (
            <Card title="DCC answer">
              <DecideForm
                orderRef={order.ref}
                compliant={order.compliant}
                statusLabel={ORDER_STATUS_LABELS[order.status]}
                options={answers.map((s) => ({ value: s, label: ORDER_STATUS_LABELS[s] }))}
              />
            </Card>
          ) : null}
          {viewer.ordering ? <CancelOrderForm orderRef={order.ref} noticeHours={CANCELLATION_NOTICE_HOURS} available={cancellable} /> : null}
          <Card title="Timeline">
            <OrderTimeline order={order} />
          </Card>
        </div>
      </div>
    </>
  );
}
