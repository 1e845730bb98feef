// The order page's consignments (F6): one delivery per Delivery Location, with its lines, what the party said about
// it, replacements, deadlines and the actions the viewer may take (server component; the forms are client ones).
import type { ChConsignmentStatus } from "@/generated/prisma/enums";
import { Badge, DefinitionList, EmptyState } from "@/components/ui/card";
import { formatLondon, londonDate, now } from "@/lib/clock";
import { formatCount } from "@/lib/format";
import { variantByCode } from "@/lib/orders/catalog";
import {
  CONSIGNMENT_CANCELLATION_HOURS,
  DELIVERY_GROUNDS,
  DELIVERY_WINDOWS,
  hubsDelivered,
  itemName,
} from "@/lib/orders/consignments";
import type { readOrder } from "@/lib/orders/orders";
import { ConsignmentStatusBadge } from "./badges";
import { CancelConsignmentForm, ConsignmentButtonForm, OfferReplacementDatesForm, PickReplacementDateForm, ReportNonCompliantForm } from "./consignment-forms";
import { RaiseConsignmentForm } from "./consignment-raise-form";

type Order = Awaited<ReturnType<typeof readOrder>>;
type Consignment = Order["consignments"][number];

/** What the viewer may do here: the DCC decides; the ordering party's accounts confirm deliveries and cancel. */
export interface ConsignmentViewer {
  dcc: boolean;
  delivery: boolean;
  ordering: boolean;
}

const DAY_MS = 86_400_000;
const longDate = (at: Date) => formatLondon(at, "EEEE d MMMM yyyy");
const tomorrow = () => londonDate(new Date(now().getTime() + DAY_MS));

/** The first and last calendar dates of a "YYYY-MM" month. */
function monthBounds(month: string) {
  const [y, m] = month.split("-").map(Number);
  return { first: `${month}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

const GROUND_OPTIONS = Object.entries(DELIVERY_GROUNDS).map(([value, g]) => ({ value, label: g.label, affected: g.affected }));

/** Items first by CHs, then auxiliary equipment, as on the order. */
const sortLines = <L extends { itemCode: string }>(lines: L[]) => [...lines.filter((l) => variantByCode(l.itemCode)), ...lines.filter((l) => !variantByCode(l.itemCode))];

/** A location has its consignment unless it has none, or only cancelled ones and replacements (as the lib counts). */
const hasConsignment = (order: Order, locationId: string) => order.consignments.some((c) => c.locationId === locationId && !c.replacementOfId && c.status !== "CANCELLED");

function Lines({ c }: { c: Consignment }) {
  const ground = c.ground ? DELIVERY_GROUNDS[c.ground] : null;
  const lines = sortLines(c.lines);
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Items in {c.ref}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">
              Item
            </th>
            <th scope="col" className="py-1 pr-3 text-right font-semibold">
              Quantity
            </th>
            {ground ? (
              <th scope="col" className="py-1 text-right font-semibold">
                {ground.affected}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.itemCode} data-testid="consignment-line" data-item={l.itemCode}>
              <td className="py-1 pr-3">
                {itemName(l.itemCode)} <span className="font-mono text-xs text-slate-500">{l.itemCode}</span>
              </td>
              <td className="py-1 pr-3 text-right tabular-nums">{formatCount(l.quantity)}</td>
              {ground ? (
                <td className="py-1 text-right tabular-nums" data-testid="affected-quantity">
                  {l.affectedQuantity ? <strong>{formatCount(l.affectedQuantity)}</strong> : <span className="text-slate-400">0</span>}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ARRIVED: readonly ChConsignmentStatus[] = ["CONFIRMED_COMPLIANT", "DEEMED_COMPLIANT", "NON_COMPLIANT_SHORT", "REJECTED", "COLLECTED"];

function ConsignmentItem({ order, c, viewer }: { order: Order; c: Consignment; viewer: ConsignmentViewer }) {
  const at = now();
  const today = londonDate(at);
  const ground = c.ground ? DELIVERY_GROUNDS[c.ground] : null;
  const target = { orderRef: order.ref, consignmentRef: c.ref };
  const replaceable = !!ground?.replaced && !c.replacement;
  const futureOffers = c.replacementDates.filter((d) => londonDate(d) > today);
  const deliverable = c.status === "SCHEDULED" && today >= londonDate(c.deliveryDate);
  const cancellable = c.status === "SCHEDULED" && c.deliveryDate.getTime() - at.getTime() >= CONSIGNMENT_CANCELLATION_HOURS * 3_600_000;
  const confirmable = c.status === "DELIVERED" && (!c.confirmDueAt || at <= c.confirmDueAt);
  const lines = sortLines(c.lines).map((l) => ({ code: l.itemCode, name: itemName(l.itemCode), quantity: l.quantity }));

  const facts: [string, React.ReactNode][] = [
    [
      "Delivery Date",
      <span key="date" data-testid="consignment-date">
        {longDate(c.deliveryDate)}, {c.deliveryWindow}
      </span>,
    ],
    ["Delivery Location", `${c.location.name}, ${c.location.town} ${c.location.postcode}`],
  ];
  if (c.replacementOf) facts.push(["Replaces", <a key="of" href={`#${c.replacementOf.ref}`} className="font-mono text-brand-700 underline" data-testid="replacement-of">{c.replacementOf.ref}</a>]);
  if (c.replacement) facts.push(["Replaced by", <a key="by" href={`#${c.replacement.ref}`} className="font-mono text-brand-700 underline" data-testid="replaced-by">{c.replacement.ref}</a>]);
  if (c.deliveredAt) facts.push(["Delivered", formatLondon(c.deliveredAt)]);
  if (c.confirmDueAt && c.status === "DELIVERED") {
    facts.push([
      "Confirm by",
      <span key="due" data-testid="confirm-due" className={confirmable ? "font-medium text-amber-900" : undefined}>
        {formatLondon(c.confirmDueAt)} {confirmable ? "(otherwise deemed compliant, F6.8)" : "(passed: deemed compliant shortly)"}
      </span>,
    ]);
  }
  if (c.confirmedAt) facts.push([ground ? "Reported" : "Confirmed", formatLondon(c.confirmedAt)]);
  if (ground) facts.push(["Ground", <span key="ground" data-testid="consignment-ground">{ground.label}</span>]);
  if (c.groundNote) facts.push(["Note", <span key="note" className="whitespace-pre-wrap" data-testid="consignment-note">{c.groundNote}</span>]);
  if (ARRIVED.includes(c.status)) facts.push(["CHs kept", formatCount(hubsDelivered(c))]);
  if (c.replacementDates.length && !c.replacement) {
    facts.push([
      "Replacement dates offered",
      <ul key="offers" data-testid="offered-dates" className="list-inside list-disc">
        {c.replacementDates.map((d) => (
          <li key={d.toISOString()} className={londonDate(d) > today ? undefined : "text-slate-400 line-through"}>
            {longDate(d)}, {c.deliveryWindow}
          </li>
        ))}
      </ul>,
    ]);
  } else if (replaceable && !viewer.dcc && !c.replacementDates.length) {
    facts.push(["Replacement", <span key="awaiting" className="text-slate-600">The DCC will offer dates here.</span>]);
  }

  // Always mounted for a viewer who may act, so a form's confirmation stays in view after its action is gone; hidden
  // while empty.
  const actor = viewer.dcc || viewer.delivery || viewer.ordering;

  return (
    <article id={c.ref} className="scroll-mt-4 space-y-3 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0" data-testid="consignment" data-ref={c.ref} data-status={c.status}>
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="font-mono text-sm font-semibold">{c.ref}</h3>
        <span className="text-sm text-slate-600">{c.location.name}</span>
        <ConsignmentStatusBadge status={c.status} />
        {c.replacementOf ? <Badge tone="blue">Replacement</Badge> : null}
      </header>
      <DefinitionList items={facts} />
      <Lines c={c} />
      {actor ? (
        <div className="space-y-3 rounded-md bg-slate-50 p-3 empty:hidden" data-testid="consignment-actions">
          {viewer.dcc ? (
            <>
              <ConsignmentButtonForm
                {...target}
                action="recordDelivery"
                label="Record delivery"
                pendingLabel="Recording…"
                testId="record-delivery"
                available={deliverable}
                description="Record the delivery once the goods are off the vehicle (F6.4): the party then has 5 Working Days to confirm or reject them."
              />
              {c.status === "SCHEDULED" && !deliverable ? (
                <p className="text-sm text-slate-600" data-testid="delivery-not-due">
                  The delivery can be recorded from {longDate(c.deliveryDate)}.
                </p>
              ) : null}
              <OfferReplacementDatesForm {...target} available={replaceable} offeredBefore={c.replacementDates.length > 0} min={tomorrow()} />
              <ConsignmentButtonForm
                {...target}
                action="recordCollection"
                label="Record collection"
                pendingLabel="Recording…"
                testId="record-collection"
                available={c.status === "REJECTED"}
                description="Record the collection once the DCC has taken back the rejected or surplus units (F6.10-F6.11)."
              />
            </>
          ) : null}
          {viewer.delivery ? (
            <>
              {confirmable ? <p className="text-sm text-slate-700">Did this delivery comply? Tell the DCC by {formatLondon(c.confirmDueAt!)}; otherwise it is deemed compliant.</p> : null}
              <ConsignmentButtonForm {...target} action="confirmCompliant" label="Confirm compliant" pendingLabel="Confirming…" testId="confirm-compliant" available={confirmable} />
              <ReportNonCompliantForm {...target} grounds={GROUND_OPTIONS} lines={lines} available={confirmable} />
              <PickReplacementDateForm
                {...target}
                window={c.deliveryWindow}
                available={replaceable && futureOffers.length > 0}
                dates={futureOffers.map((d) => ({ value: londonDate(d), label: longDate(d) }))}
              />
            </>
          ) : null}
          {viewer.ordering ? (
            <>
              <CancelConsignmentForm {...target} available={cancellable} noticeHours={CONSIGNMENT_CANCELLATION_HOURS} />
              {c.status === "SCHEDULED" && !cancellable ? (
                <p className="text-xs text-slate-600" data-testid="cancel-too-late">
                  Less than {CONSIGNMENT_CANCELLATION_HOURS} hours to the delivery: it can no longer be cancelled.
                </p>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

export function ConsignmentList({ order, viewer }: { order: Order; viewer: ConsignmentViewer }) {
  const accepted = order.status === "ACCEPTED" || order.status === "ACCEPTED_IN_PART";
  const byLocation = new Map<string, Order["lines"]>();
  for (const line of order.lines) byLocation.set(line.locationId, [...(byLocation.get(line.locationId) ?? []), line]);
  const { first, last } = monthBounds(order.deliveryMonth);
  const min = tomorrow() > first ? tomorrow() : first;
  const raisable = viewer.dcc && accepted ? [...byLocation.values()] : [];
  const waiting = accepted && [...byLocation.keys()].some((id) => !hasConsignment(order, id));

  return (
    <div className="space-y-4" data-testid="consignments">
      {order.consignments.length === 0 ? (
        <EmptyState title="No consignments yet.">
          {accepted ? "The DCC raises one delivery per Delivery Location of the order, with its Delivery Date and Window." : "Consignments are raised once the DCC accepts the order."}
        </EmptyState>
      ) : (
        order.consignments.map((c) => <ConsignmentItem key={c.id} order={order} c={c} viewer={viewer} />)
      )}
      {!viewer.dcc && waiting && order.consignments.length > 0 ? <p className="text-sm text-slate-600">The DCC has still to schedule the delivery to some of the order&apos;s locations.</p> : null}
      {raisable.map((lines) => {
        const { location, preferredDate } = lines[0];
        const date = londonDate(preferredDate);
        return (
          <RaiseConsignmentForm
            key={location.id}
            orderRef={order.ref}
            location={{ id: location.id, name: location.name }}
            defaultDate={date < min ? min : date}
            dateMin={min}
            dateMax={last}
            windows={DELIVERY_WINDOWS}
            available={!hasConsignment(order, location.id)}
            items={order.status === "ACCEPTED_IN_PART" ? sortLines(lines).map((l) => ({ code: l.itemCode, name: itemName(l.itemCode), ordered: l.quantity })) : undefined}
          />
        );
      })}
    </div>
  );
}
