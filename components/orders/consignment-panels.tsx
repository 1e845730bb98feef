// The /orders page's delivery panels (server component): the party's deliveries to confirm (F6.7), and the DCC's
// consignments awaiting delivery or collection (F6.4, F6.11).
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatLondon, now } from "@/lib/clock";
import { formatCount } from "@/lib/format";
import { hubCount } from "@/lib/orders/catalog";
import type { listConsignments } from "@/lib/orders/consignments";
import { ConsignmentStatusBadge } from "./badges";

type Row = Awaited<ReturnType<typeof listConsignments>>[number];


function RefCell({ c }: { c: Row }) {
  return (
    <td className="py-1.5 pr-3">
      <Link href={`/orders/${c.order.ref}#${c.ref}`} className="font-mono font-medium text-brand-700 hover:underline" data-testid="panel-consignment-ref">
        {c.ref}
      </Link>
      <span className="block text-xs text-slate-500">
        order{" "}
        <Link href={`/orders/${c.order.ref}`} className="font-mono hover:underline">
          {c.order.ref}
        </Link>
      </span>
    </td>
  );
}

const TH = "py-1 pr-3 font-semibold";

/** A titled, scrollable table of consignments, or its empty state. */
function ConsignmentPanel(props: {
  title: string;
  testId: string;
  empty: { text: string; testId: string };
  caption: string;
  headers: { label: string; numeric?: boolean }[];
  rows: number;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <Card title={`${props.title} (${props.rows})`}>
      <div data-testid={props.testId}>
        {props.rows === 0 ? (
          <p className="text-sm text-slate-600" data-testid={props.empty.testId}>
            {props.empty.text}
          </p>
        ) : (
          <div className="max-h-80 overflow-y-auto" tabIndex={0} role="region" aria-label={props.title}>
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{props.caption}</caption>
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    {props.headers.map((h) => (
                      <th key={h.label} scope="col" className={h.numeric ? `${TH} text-right` : TH}>
                        {h.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">{props.children}</tbody>
              </table>
            </div>
          </div>
        )}
        {props.footer}
      </div>
    </Card>
  );
}

/** Party: delivered consignments to confirm or reject before they are deemed compliant. */
export function DeliveriesToConfirm({ rows }: { rows: Row[] }) {
  const at = now();
  return (
    <ConsignmentPanel
      title="Deliveries to confirm"
      testId="deliveries-to-confirm"
      empty={{ text: "No delivery is waiting for your confirmation.", testId: "deliveries-empty" }}
      caption="Delivered consignments to confirm or reject"
      headers={[{ label: "Consignment" }, { label: "Delivery Location" }, { label: "CHs", numeric: true }, { label: "Delivered" }, { label: "Confirm by" }]}
      rows={rows.length}
      footer={<p className="mt-2 text-xs text-slate-500">Not confirmed or rejected by the deadline, a delivery is deemed compliant (F6.8).</p>}
    >
      {rows.map((c) => {
        const soon = c.confirmDueAt && c.confirmDueAt.getTime() - at.getTime() < 2 * 86_400_000;
        return (
          <tr key={c.id} data-testid="delivery-to-confirm" data-ref={c.ref}>
            <RefCell c={c} />
            <td className="py-1.5 pr-3">{c.location.name}</td>
            <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(hubCount(c.lines))}</td>
            <td className="py-1.5 pr-3">{c.deliveredAt ? formatLondon(c.deliveredAt, "d MMM yyyy") : "—"}</td>
            <td className={`py-1.5 pr-3 ${soon ? "font-medium text-amber-900" : ""}`} data-testid="confirm-by">
              {c.confirmDueAt ? formatLondon(c.confirmDueAt) : "—"}
            </td>
          </tr>
        );
      })}
    </ConsignmentPanel>
  );
}

/** DCC: scheduled consignments to deliver and rejected ones to collect, soonest first. */
export function ConsignmentsToWork({ scheduled, rejected }: { scheduled: Row[]; rejected: Row[] }) {
  const rows = [...scheduled, ...rejected];
  return (
    <ConsignmentPanel
      title="Consignments to deliver or collect"
      testId="consignments-to-work"
      empty={{ text: "No consignment is scheduled or awaiting collection.", testId: "consignments-empty" }}
      caption="Consignments awaiting delivery or collection"
      headers={[{ label: "Consignment" }, { label: "Party" }, { label: "Delivery Location" }, { label: "Delivery Date" }, { label: "Status" }]}
      rows={rows.length}
    >
      {rows.map((c) => (
        <tr key={c.id} data-testid="consignment-to-work" data-ref={c.ref}>
          <RefCell c={c} />
          <td className="py-1.5 pr-3">{c.order.party.name}</td>
          <td className="py-1.5 pr-3">{c.location.name}</td>
          <td className="py-1.5 pr-3">
            {formatLondon(c.deliveryDate, "EEE d MMM yyyy")}
            <span className="block text-xs text-slate-500">{c.deliveryWindow}</span>
          </td>
          <td className="py-1.5 pr-3">
            <ConsignmentStatusBadge status={c.status} />
          </td>
        </tr>
      ))}
    </ConsignmentPanel>
  );
}
