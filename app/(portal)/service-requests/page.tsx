import type { Metadata } from "next";
import Link from "next/link";
import { ServiceRequestTable, type ServiceRequestRow } from "@/components/service-requests/live";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, Input, OptionsSelect, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { can, seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { SRV_CATALOGUE, srvEntry } from "@/lib/duis/catalogue";
import { listServiceRequests, RETENTION_MONTHS, serviceRequestParties, type ServiceRequestListRow } from "@/lib/duis/read-service-requests";
import { KIND_LABELS, STATUS_LABELS } from "@/lib/duis/service-request-labels";
import { plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";

export const metadata: Metadata = { title: "Service requests" };

const FIELDS = ["srv", "device", "status", "code", "kind", "from", "to", "party"] as const;
type Search = Partial<Record<(typeof FIELDS)[number] | "page", string | string[]>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

function Label({ htmlFor, children }: { htmlFor: string; children: React.ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-600">
      {children}
    </label>
  );
}

const SRV_OPTIONS = Object.fromEntries([...SRV_CATALOGUE.values()].map((e) => [e.srv, `${e.srv} ${e.name}`]));

function toRow(r: ServiceRequestListRow): ServiceRequestRow {
  return {
    id: r.id,
    requestId: r.requestId,
    receivedIso: r.receivedAt.toISOString(),
    receivedLabel: formatLondon(r.receivedAt, "d MMM yyyy, HH:mm:ss"),
    srv: r.srv,
    srvName: srvEntry(r.srv)?.name ?? "",
    device: r.deviceId ? formatEui64(r.deviceId) : null,
    commandVariant: r.commandVariant,
    status: r.status,
    responseCode: r.responseCode,
    party: r.party.name,
  };
}

export default async function ServiceRequestsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("service-request.view");
  const raw = await searchParams;
  // The filters live in the URL: a filtered list is a link to keep or share.
  const params = Object.fromEntries([...FIELDS, "page"].map((f) => [f, first(raw[f as keyof Search])]).filter(([, v]) => v)) as Record<string, string>;
  const allParties = seesAllParties(actor, "service-request.view");
  const [page, parties] = await Promise.all([orPageError(() => listServiceRequests(actor, params)), orPageError(() => serviceRequestParties(actor))]);
  const listQuery = new URLSearchParams(Object.entries(params).filter(([k]) => k !== "page")).toString();
  const filtered = FIELDS.some((f) => params[f]);

  return (
    <>
      <PageHeader
        title="Service requests"
        description={
          allParties
            ? `Every party's Service Requests of the last ${RETENTION_MONTHS} months, with their checks, Pre-Commands, Service Responses and alerts.`
            : `${actor.partyName}'s Service Requests of the last ${RETENTION_MONTHS} months, with their checks, Pre-Commands, Service Responses and alerts.`
        }
        actions={
          <>
            {can(actor, "service-request.send") ? <ButtonLink href="/service-requests/new">Compose a request</ButtonLink> : null}
            {can(actor, "duis.silent-rejects.view") ? (
              <ButtonLink variant="secondary" href="/service-requests/silent-rejects">
                Silent rejects
              </ButtonLink>
            ) : null}
          </>
        }
      />

      <FilterBar action="/service-requests" problems={page.problems}>
        <div className="max-w-xs">
          <Label htmlFor="srv">SRV</Label>
          <OptionsSelect name="srv" value={params.srv} options={SRV_OPTIONS} anyLabel="Any SRV" />
        </div>
        <div>
          <Label htmlFor="device">Device ID</Label>
          <Input name="device" defaultValue={params.device} placeholder="00-DB-12-34-56-78-90-A0" autoComplete="off" className="font-mono" />
        </div>
        <div>
          <Label htmlFor="status">Status</Label>
          <OptionsSelect name="status" value={params.status} options={STATUS_LABELS} anyLabel="Any status" />
        </div>
        <div className="w-28">
          <Label htmlFor="code">Response code</Label>
          <Input name="code" defaultValue={params.code} placeholder="E4" autoComplete="off" />
        </div>
        <div>
          <Label htmlFor="kind">Kind</Label>
          <OptionsSelect name="kind" value={params.kind} options={KIND_LABELS} anyLabel="Any kind" />
        </div>
        <div>
          <Label htmlFor="from">Received from</Label>
          <Input name="from" type="date" defaultValue={params.from} />
        </div>
        <div>
          <Label htmlFor="to">Received to</Label>
          <Input name="to" type="date" defaultValue={params.to} />
        </div>
        {allParties ? (
          <div className="max-w-xs">
            <Label htmlFor="party">Party</Label>
            <Select name="party" defaultValue={params.party ?? ""}>
              <option value="">Any party</option>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </div>
        ) : null}
      </FilterBar>

      <section aria-labelledby="results-heading">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 id="results-heading" className="text-base font-semibold" data-testid="sr-count">
            {plural(page.count, "request")}
          </h2>
          {page.count > 0 ? (
            <ButtonLink variant="secondary" href={`/service-requests/export${listQuery ? `?${listQuery}` : ""}`} prefetch={false}>
              Export CSV
            </ButtonLink>
          ) : null}
        </div>
        {page.count === 0 ? (
          <EmptyState title={filtered ? "No Service Requests match these filters." : `No Service Requests in the last ${RETENTION_MONTHS} months.`}>
            {filtered ? (
              <>
                Try fewer filters, or{" "}
                <Link href="/service-requests" className="underline">
                  clear them
                </Link>
                .
              </>
            ) : can(actor, "service-request.send") ? (
              <>
                Requests your systems send to the DUIS endpoints appear here.{" "}
                <Link href="/service-requests/new" className="underline">
                  Compose one in the portal
                </Link>
                .
              </>
            ) : null}
          </EmptyState>
        ) : (
          <>
            <ServiceRequestTable key={`${listQuery}&page=${page.page}`} rows={page.data.map(toRow)} showParty={allParties} caption={`Service requests: ${page.count}`} />
            <Pagination page={page} basePath="/service-requests" params={params} />
          </>
        )}
      </section>
    </>
  );
}
