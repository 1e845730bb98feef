import type { Metadata } from "next";
import Link from "next/link";
import { ReturnStatusBadge, RmaStatusBadge } from "@/components/returns/badges";
import { DecideRmaForm, ReceiptForm } from "@/components/returns/rma-actions";
import { Banner } from "@/components/smi/badges";
import { ButtonLink } from "@/components/ui/button";
import { Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timeline } from "@/components/ui/timeline";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { REGION_LABELS } from "@/lib/orders/catalog";
import { returnsLocation } from "@/lib/returns/catalog";
import { readRma } from "@/lib/returns/rma";

type Params = { params: Promise<{ ref: string }>; searchParams: Promise<{ requested?: string }> };
type Rma = Awaited<ReturnType<typeof readRma>>;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { ref } = await params;
  return { title: `RMA ${ref.toUpperCase()}` };
}

const dash = <span className="text-slate-400">—</span>;

const EVENT_LABELS: { [kind: string]: string } = { requested: "Requested", authorised: "Authorised", rejected: "Rejected", received: "Received" };

/** Every CHF ID the request listed, with the return record still on this RMA (a CH that left it has none here). */
function ChfTable({ rma }: { rma: Rma }) {
  const onRma = new Map(rma.returns.map((r) => [r.deviceId, r]));
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="rma-chfs">
        <caption className="sr-only">CHs on RMA {rma.ref}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              CHF ID
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Return record
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rma.chfIds.map((id) => {
            const record = onRma.get(id);
            return (
              <tr key={id} data-testid="rma-chf">
                <td className="px-3 py-2 font-mono text-xs">{formatEui64(id)}</td>
                <td className="px-3 py-2">
                  {record ? (
                    <Link href={`/returns/${record.ref}`} className="font-mono text-brand-700 hover:underline">
                      {record.ref}
                    </Link>
                  ) : (
                    <Link href={`/returns?q=${id}`} className="text-xs text-brand-700 underline">
                      Find its return record
                    </Link>
                  )}
                </td>
                <td className="px-3 py-2">
                  {record ? (
                    <ReturnStatusBadge status={record.status} />
                  ) : (
                    <span className="text-xs text-slate-600">{rma.status === "REJECTED" ? "Released by the rejection: needs a new RMA" : "Not in the delivery: needs a new RMA"}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export default async function RmaPage({ params, searchParams }: Params) {
  const actor = await requireActor("ch.view");
  const { ref } = await params;
  const { requested } = await searchParams;
  const rma = await orPageError(() => readRma(actor, ref));
  const location = returnsLocation(rma.returnsLocation);
  const dcc = can(actor, "ch.decide");
  const labelReady = rma.status === "AUTHORISED" || rma.status === "RECEIVED";
  const returnDate = formatLondon(rma.preferredReturnDate, "EEEE d MMM yyyy");

  return (
    <>
      <PageHeader
        title={`RMA ${rma.ref}`}
        description={
          <>
            {rma.party.name} · {plural(rma.chfIds.length, "CH")} to {location?.name ?? rma.returnsLocation}
          </>
        }
        actions={
          <>
            {labelReady ? (
              <ButtonLink href={`/returns/rma/${rma.ref}/label`} data-testid="label-link">
                Print the RMA label
              </ButtonLink>
            ) : null}
            <Link href="/returns" className="self-center text-sm text-brand-700 underline">
              All returns
            </Link>
          </>
        }
      />
      {requested ? (
        <Banner testId="requested-banner">
          RMA {rma.ref} requested. The DCC answers with a booking reference and timeslot, or a reason if it rejects it; you can then print the RMA label.
        </Banner>
      ) : null}
      {rma.status === "REJECTED" ? (
        <Banner tone="red" testId="rejected-banner">
          Rejected: {rma.decisionReason}. The CHs are back to &quot;Notified: RMA needed&quot;: request a new RMA for them.
        </Banner>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="RMA">
            <DefinitionList
              items={[
                ["RMA reference", <span key="ref" className="font-mono" data-testid="rma-ref">{rma.ref}</span>],
                ["Status", <RmaStatusBadge key="status" status={rma.status} />],
                ["Party", rma.party.name],
                ["Booking reference", rma.bookingReference ? <span key="booking" className="font-mono font-semibold" data-testid="booking-reference">{rma.bookingReference}</span> : dash],
                ["Return date", <span key="date" data-testid="return-date">{returnDate}{rma.status === "REQUESTED" ? " (preferred)" : ""}</span>],
                ["Timeslot", rma.timeslot ? <span key="slot" data-testid="rma-timeslot">{rma.timeslot}</span> : dash],
                [
                  "DCC Returns Location",
                  location ? (
                    <span key="loc">
                      <strong>{location.name}</strong> ({REGION_LABELS[location.region]} Region)
                      <br />
                      {location.address}
                      <br />
                      <span className="text-xs text-slate-600">{location.operatingHours}</span>
                    </span>
                  ) : (
                    rma.returnsLocation
                  ),
                ],
                ["Contact", `${rma.contactName} · ${rma.contactEmail} · ${rma.contactPhone}`],
                ["Requested", formatLondon(rma.requestedAt)],
                ["Decided", rma.decidedAt ? formatLondon(rma.decidedAt) : dash],
                ["Rejection reason", rma.decisionReason ? <span key="reason" className="whitespace-pre-wrap" data-testid="rma-reason">{rma.decisionReason}</span> : dash],
                ["Received", rma.receivedAt ? formatLondon(rma.receivedAt) : dash],
                ["Discrepancies", rma.discrepancies ? <span key="disc" className="whitespace-pre-wrap" data-testid="rma-discrepancies">{rma.discrepancies}</span> : dash],
              ]}
            />
          </Card>
          <Card title={`CHF IDs (${rma.chfIds.length})`}>
            <ChfTable rma={rma} />
          </Card>
        </div>

        <div className="space-y-4">
          {labelReady ? (
            <Card title="RMA label">
              <p className="text-sm text-slate-700">
                Print the label and fix it to every pallet, each loose carton and each loose CH (CHIMSM 10.13). It doubles as the Return Delivery Note.
              </p>
              <Link href={`/returns/rma/${rma.ref}/label`} className="mt-2 inline-block text-sm text-brand-700 underline">
                Open the printable label
              </Link>
            </Card>
          ) : null}
          {dcc ? (
            <>
              <Card title="DCC answer">
                {rma.status === "REQUESTED" ? null : <p className="text-sm text-slate-600">The RMA is answered.</p>}
                <DecideRmaForm rmaRef={rma.ref} available={rma.status === "REQUESTED"} preferredDate={returnDate} />
              </Card>
              {rma.status === "AUTHORISED" || rma.status === "RECEIVED" ? (
                <Card title="Receipt">
                  {rma.status === "RECEIVED" ? <p className="text-sm text-slate-600">The delivery is recorded.</p> : null}
                  <ReceiptForm rmaRef={rma.ref} available={rma.status === "AUTHORISED"} chfs={rma.returns.map((r) => ({ deviceId: r.deviceId, ref: r.ref }))} />
                </Card>
              ) : null}
            </>
          ) : null}
          <Card title="Events">
            <Timeline
              testId="rma-events"
              entries={rma.events.map((e) => ({
        ...e, label: EVENT_LABELS[e.kind] ?? e.kind, body: <p className="whitespace-pre-wrap text-slate-600">{e.text}</p> }))}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
