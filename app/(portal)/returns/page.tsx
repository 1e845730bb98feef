import type { Metadata } from "next";
import Link from "next/link";
import type { ChReturnStatus } from "@/generated/prisma/enums";
import { Deadline, ReturnStatusBadge, RmaStatusBadge } from "@/components/returns/badges";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Field, FilterBar, Input, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, type Column } from "@/components/ui/table";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { toPage } from "@/lib/lists";
import { RETURN_RULES, SRV_OF_KIND, reasonLabel, returnsLocation } from "@/lib/returns/catalog";
import { RETURNS_LIST_LIMIT, listReturns, type ReturnFilters } from "@/lib/returns/returns";
import { listRmas } from "@/lib/returns/rma";
import { OUTSTANDING_RETURN_STATUSES, RETURN_STATUS_LABELS } from "@/lib/returns/status";

export const metadata: Metadata = { title: "CH returns" };

type ReturnRow = Awaited<ReturnType<typeof listReturns>>[number];
type RmaRow = Awaited<ReturnType<typeof listRmas>>[number];

const STATUS_OPTIONS: Record<string, string> = { OUTSTANDING: "Outstanding (not yet returned)", ...RETURN_STATUS_LABELS };

function statusFilter(raw: string | undefined): ReturnFilters["status"] {
  return raw && raw in STATUS_OPTIONS ? (raw as ChReturnStatus | "OUTSTANDING") : undefined;
}

export default async function ReturnsPage({ searchParams }: { searchParams: Promise<{ status?: string; q?: string }> }) {
  const actor = await requireActor("ch.view");
  const params = await searchParams;
  const status = statusFilter(params.status);
  // A repeated key (?q=a&q=b) arrives as an array: no search rather than an error page.
  const q = (typeof params.q === "string" && params.q.trim()) || undefined;
  const allParties = seesAllParties(actor, "ch.view");
  const returning = can(actor, "ch.return");
  const notifying = returning || can(actor, "ch.return.record");
  const [returns, rmas] = await Promise.all([orPageError(() => listReturns(actor, { status, q })), orPageError(() => listRmas(actor))]);
  const at = now();
  const filtered = !!(status || q);

  const columns: Column<ReturnRow>[] = [
    {
      header: "Reference",
      cell: (r) => (
        <Link href={`/returns/${r.ref}`} className="font-mono font-medium text-brand-700 hover:underline" data-testid="return-ref">
          {r.ref}
        </Link>
      ),
    },
    ...(allParties ? [{ header: "Party", cell: (r: ReturnRow) => r.party.name }] : []),
    { header: "CHF ID", cell: (r) => <span className="whitespace-nowrap font-mono text-xs" data-testid="return-chf">{formatEui64(r.deviceId)}</span> },
    { header: "SR", cell: (r) => <span className="whitespace-nowrap">{r.notifiedVia === "Service Desk" ? `${SRV_OF_KIND[r.kind]} (Service Desk)` : SRV_OF_KIND[r.kind]}</span> },
    { header: "Reason", cell: (r) => reasonLabel(r.finalReason ?? r.reason) },
    { header: "Removed", cell: (r) => <span className="whitespace-nowrap">{formatLondon(r.removedAt, "d MMM yyyy")}</span> },
    {
      header: "Return by",
      cell: (r) =>
        r.returnDueAt ? (
          <Deadline due={r.returnDueAt} at={at} running={OUTSTANDING_RETURN_STATUSES.includes(r.status)} testId="return-due" />
        ) : (
          <span className="text-xs text-slate-500" title="The CHF was never installed: the 90-day rule does not apply (F8.6).">
            no 90-day rule
          </span>
        ),
    },
    { header: "Status", cell: (r) => <ReturnStatusBadge status={r.status} /> },
    {
      header: "RMA",
      cell: (r) =>
        r.rma ? (
          <Link href={`/returns/rma/${r.rma.ref}`} className="font-mono text-brand-700 hover:underline">
            {r.rma.ref}
          </Link>
        ) : r.status === "NOTIFIED" && returning ? (
          <Link href={`/returns/rma/new?chf=${r.deviceId}`} className="text-xs text-brand-700 underline">
            Request one
          </Link>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
  ];

  const rmaColumns: Column<RmaRow>[] = [
    {
      header: "RMA",
      cell: (r) => (
        <Link href={`/returns/rma/${r.ref}`} className="font-mono font-medium text-brand-700 hover:underline" data-testid="rma-ref">
          {r.ref}
        </Link>
      ),
    },
    ...(allParties ? [{ header: "Party", cell: (r: RmaRow) => r.party.name }] : []),
    { header: "CHs", cell: (r) => r.chfIds.length, className: "text-right tabular-nums" },
    { header: "Returns Location", cell: (r) => returnsLocation(r.returnsLocation)?.name ?? r.returnsLocation },
    { header: "Return date", cell: (r) => <span className="whitespace-nowrap">{formatLondon(r.preferredReturnDate, "EEE d MMM yyyy")}{r.timeslot ? `, ${r.timeslot}` : ""}</span> },
    { header: "Booking", cell: (r) => (r.bookingReference ? <span className="font-mono text-xs">{r.bookingReference}</span> : <span className="text-slate-400">—</span>) },
    { header: "Status", cell: (r) => <RmaStatusBadge status={r.status} /> },
    { header: "Requested", cell: (r) => <span className="whitespace-nowrap">{formatLondon(r.requestedAt)}</span> },
  ];

  return (
    <>
      <PageHeader
        title="CH returns"
        description={
          allParties
            ? "Communications Hubs notified for return by every party, their RMAs, and the DCC's fault diagnosis."
            : `Communications Hubs ${actor.partyName} has notified for return, and their RMAs.`
        }
        actions={
          <>
            {notifying ? <ButtonLink href="/returns/new">Notify a removed CH</ButtonLink> : null}
            {returning ? (
              <ButtonLink variant="secondary" href="/returns/rma/new">
                Request an RMA
              </ButtonLink>
            ) : null}
          </>
        }
      />

      <FilterBar action="/returns">
        <Field label="Status" name="status">
          <OptionsSelect name="status" value={status} options={STATUS_OPTIONS} anyLabel="Any status" />
        </Field>
        <Field label="Search" name="q">
          <Input name="q" type="search" defaultValue={q ?? ""} placeholder="Return ref, CHF ID or RMA ref" className="w-72" />
        </Field>
      </FilterBar>

      <section aria-labelledby="returns-heading" className="mb-8">
        <h2 id="returns-heading" className="mb-2 text-lg font-semibold">
          Return records {returns.length ? <span className="text-sm font-normal text-slate-500">({returns.length}{returns.length === RETURNS_LIST_LIMIT ? `, the latest ${RETURNS_LIST_LIMIT}` : ""})</span> : null}
        </h2>
        {returns.length === 0 ? (
          <EmptyState title={filtered ? "No return record matches these filters." : "No CH has been notified for return yet."}>
            {filtered ? (
              <Link href="/returns" className="underline">
                Clear the filters
              </Link>
            ) : notifying ? (
              <>
                A return starts with its notification:{" "}
                <Link href="/returns/new" className="underline">
                  notify a removed CH
                </Link>{" "}
                within {RETURN_RULES.notifyWorkingDays} Working Days of removal.
              </>
            ) : null}
          </EmptyState>
        ) : (
          <DataTable page={toPage(returns, returns.length, 1, Math.max(returns.length, 1))} columns={columns} rowKey={(r) => r.id} caption={`Return records: ${returns.length}`} />
        )}
      </section>

      <section aria-labelledby="rmas-heading">
        <h2 id="rmas-heading" className="mb-2 text-lg font-semibold">
          RMAs {rmas.length ? <span className="text-sm font-normal text-slate-500">({rmas.length})</span> : null}
        </h2>
        {rmas.length === 0 ? (
          <EmptyState title="No Return Material Authorisation requested yet.">
            {returning ? (
              <>
                Once a CH is notified,{" "}
                <Link href="/returns/rma/new" className="underline">
                  request an RMA
                </Link>{" "}
                to book its return to a DCC Returns Location.
              </>
            ) : null}
          </EmptyState>
        ) : (
          <DataTable page={toPage(rmas, rmas.length, 1, Math.max(rmas.length, 1))} columns={rmaColumns} rowKey={(r) => r.id} caption={`RMAs: ${rmas.length}`} />
        )}
      </section>
    </>
  );
}
