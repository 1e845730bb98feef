import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { RmaRequestForm } from "@/components/returns/rma-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { formatEui64, parseEui64 } from "@/lib/identifiers";
import { RETURN_RULES } from "@/lib/returns/catalog";
import { listReturns } from "@/lib/returns/returns";
import { earliestReturnDate } from "@/lib/returns/rma";

export const metadata: Metadata = { title: "Request an RMA" };

export default async function RequestRmaPage({ searchParams }: { searchParams: Promise<{ chf?: string | string[] }> }) {
  const actor = await requireActor("ch.return");
  const { chf } = await searchParams;
  const notified = await orPageError(() => listReturns(actor, { status: "NOTIFIED" }));
  const earliest = earliestReturnDate(now());
  const prefill = (Array.isArray(chf) ? chf : chf ? [chf] : []).map((id) => parseEui64(id)).filter((id): id is string => !!id);

  return (
    <>
      <PageHeader
        title="Request an RMA"
        description="A Return Material Authorisation books the return of notified CHs to a DCC Returns Location (CHIMSM 10.5-10.7)."
        actions={
          <Link href="/returns" className="text-sm text-brand-700 underline">
            All returns
          </Link>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            <RmaRequestForm
              notified={notified.map((r) => ({
                ref: r.ref,
                deviceId: r.deviceId,
                removed: formatLondon(r.removedAt, "d MMM yyyy"),
                returnBy: r.returnDueAt ? formatLondon(r.returnDueAt, "d MMM yyyy") : null,
              }))}
              earliestDate={earliest}
              earliestLabel={formatLondon(new Date(`${earliest}T12:00:00Z`), "EEEE d MMM yyyy")}
              defaults={{ chfIds: prefill.map(formatEui64).join("\n"), contactName: actor.name, contactEmail: actor.email }}
              formKey={randomUUID()}
            />
          </Card>
        </div>
        <Card title="Before you request">
          <ul className="list-disc space-y-2 pl-5 text-sm text-slate-700">
            <li>Only CHs already notified for return can be listed (CHIMSM 10.5). Their return records are on the list beside the IDs.</li>
            <li>
              The preferred Return Date is a Working Day at least <strong>{RETURN_RULES.rmaLeadWorkingDays} Working Days</strong> after today: from{" "}
              <strong data-testid="earliest-return-date">{formatLondon(new Date(`${earliest}T12:00:00Z`), "EEEE d MMM yyyy")}</strong>.
            </li>
            <li>Choose a Returns Location of the CHs&apos; Region; returning to the wrong one incurs Charges.</li>
            <li>
              When the DCC authorises the RMA you get a booking reference and a timeslot, and can print the RMA label for every pallet, loose carton and loose
              CH.
            </li>
            <li>The DCC does not collect returns: you deliver them to the Returns Location.</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
