import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/returns/print-button";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { REGION_LABELS } from "@/lib/orders/catalog";
import { returnsLocation } from "@/lib/returns/catalog";
import { readRma } from "@/lib/returns/rma";
import { RMA_STATUS_LABELS } from "@/lib/returns/status";

type Params = { params: Promise<{ ref: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { ref } = await params;
  return { title: `RMA label ${ref.toUpperCase()}` };
}

/** Empty rows for the pallet identifiers the party writes in by hand. */
const PALLET_ROWS = 6;

// The portal shell (header and navigation) is not part of the label: hide it, and this page's own controls, on paper.
const PRINT_CSS = `@media print {
  header, nav[aria-label="Main"], a[href="#main"] { display: none !important; }
  main#main { max-width: none; padding: 0; }
  @page { margin: 12mm; }
}`;

function Row({ term, children, testId }: { term: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[11rem_minmax(0,1fr)] gap-3 border-b border-slate-300 py-2 last:border-b-0">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-600">{term}</dt>
      <dd className="break-words text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export default async function RmaLabelPage({ params }: Params) {
  const actor = await requireActor("ch.view");
  const { ref } = await params;
  const rma = await orPageError(() => readRma(actor, ref));
  const location = returnsLocation(rma.returnsLocation);
  const ready = rma.status === "AUTHORISED" || rma.status === "RECEIVED";

  if (!ready) {
    return (
      <>
        <PageHeader title={`RMA label ${rma.ref}`} />
        <div className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900" role="status" data-testid="label-not-ready">
          {rma.status === "REJECTED" ? (
            <>RMA {rma.ref} was rejected: there is no label. Request a new RMA for its CHs.</>
          ) : (
            <>
              RMA {rma.ref} is not authorised yet ({RMA_STATUS_LABELS[rma.status]}). The label can be printed once the DCC authorises it with a booking reference
              and a timeslot.
            </>
          )}
        </div>
        <Link href={`/returns/rma/${rma.ref}`} className="mt-4 inline-block text-sm text-brand-700 underline">
          Back to RMA {rma.ref}
        </Link>
      </>
    );
  }

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={`/returns/rma/${rma.ref}`} className="text-sm text-brand-700 underline">
          Back to RMA {rma.ref}
        </Link>
        <PrintButton label="Print the label" />
      </div>
      <p className="mb-4 text-sm text-slate-600 print:hidden">
        Fix a copy to every pallet, each loose carton and each loose CH (CHIMSM 10.13), and hand one to the DCC at the Returns Location as the Return
        Delivery Note (10.12); the DCC signs and keeps a copy on request.
      </p>

      <article className="mx-auto max-w-3xl rounded-lg border-2 border-slate-900 bg-white p-6 print:max-w-none print:rounded-none print:border-2" data-testid="rma-label" aria-label={`RMA label ${rma.ref}`}>
        <div className="mb-4 flex flex-wrap items-start justify-between gap-4 border-b-2 border-slate-900 pb-4">
          <div>
            <p className="text-xs font-semibold uppercase tracking-widest text-slate-600">Communications Hub return · Return Delivery Note</p>
            <h1 className="mt-1 text-3xl font-bold tracking-tight">
              RMA <span className="font-mono" data-testid="label-rma-ref">{rma.ref}</span>
            </h1>
          </div>
          <div className="text-right">
            <p className="text-xs font-semibold uppercase tracking-widest text-slate-600">Booking reference</p>
            <p className="font-mono text-2xl font-bold" data-testid="booking-reference">
              {rma.bookingReference}
            </p>
          </div>
        </div>

        <dl>
          <Row term="Return date" testId="label-return-date">
            <strong>{formatLondon(rma.preferredReturnDate, "EEEE d MMMM yyyy")}</strong>
          </Row>
          <Row term="Delivery timeslot" testId="label-timeslot">
            <strong>{rma.timeslot}</strong>
          </Row>
          <Row term="Party Signifier" testId="label-party">
            <span className="font-mono">{formatEui64(rma.party.eui64)}</span> · {rma.party.name}
          </Row>
          <Row term="DCC Returns Location" testId="label-location">
            {location ? (
              <>
                <strong>{location.name}</strong> ({REGION_LABELS[location.region]} Region)
                <br />
                {location.address}
                <br />
                <span className="text-xs text-slate-600">Operating hours: {location.operatingHours}</span>
              </>
            ) : (
              rma.returnsLocation
            )}
          </Row>
          <Row term="Party contact">
            {rma.contactName} · {rma.contactPhone} · {rma.contactEmail}
          </Row>
        </dl>

        <section className="mt-4 break-inside-avoid" aria-labelledby="label-chfs">
          <h2 id="label-chfs" className="mb-2 text-sm font-semibold uppercase tracking-wide">
            CHF Identifiers ({rma.chfIds.length})
          </h2>
          <ol className="grid list-decimal grid-cols-2 gap-x-8 gap-y-1 pl-6 font-mono text-sm sm:grid-cols-3" data-testid="label-chf-ids">
            {rma.chfIds.map((id) => (
              <li key={id}>{formatEui64(id)}</li>
            ))}
          </ol>
        </section>

        <section className="mt-6 break-inside-avoid" aria-labelledby="label-pallets">
          <h2 id="label-pallets" className="mb-2 text-sm font-semibold uppercase tracking-wide">
            Pallet identifiers (when pallets are used)
          </h2>
          <table className="w-full border-collapse text-sm" data-testid="label-pallets">
            <thead>
              <tr>
                <th scope="col" className="w-12 border border-slate-400 px-2 py-1 text-left">
                  #
                </th>
                <th scope="col" className="border border-slate-400 px-2 py-1 text-left">
                  Pallet identifier
                </th>
                <th scope="col" className="border border-slate-400 px-2 py-1 text-left">
                  CHs on the pallet
                </th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: PALLET_ROWS }, (_, i) => (
                <tr key={i}>
                  <td className="border border-slate-400 px-2 py-3 text-slate-500">{i + 1}</td>
                  <td className="border border-slate-400 px-2 py-3" />
                  <td className="border border-slate-400 px-2 py-3" />
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="mt-6 grid break-inside-avoid grid-cols-2 gap-8 text-sm" aria-label="Signatures">
          <div>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Delivered by (name, signature)</p>
            <div className="mt-8 border-b border-slate-500" />
          </div>
          <div>
            <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Received for the DCC (name, signature, date)</p>
            <div className="mt-8 border-b border-slate-500" />
          </div>
        </section>
      </article>
    </>
  );
}
