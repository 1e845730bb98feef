import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { FilterBar, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { parseListFilters } from "@/lib/lists";
import { adtSubmissionListSchema, listAdtSubmissions, STATUS_LABELS } from "@/lib/tad/adt-files";
import { SmsrStatus } from "@/components/tad/smsr-status";

export const metadata: Metadata = { title: "ADT submissions" };

export default async function AdtSubmissionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor("tad.view");
  const search = await searchParams;
  const { filters, problems } = parseListFilters(adtSubmissionListSchema, search);
  const page = await listAdtSubmissions(actor, filters);
  return (
    <>
      <PageHeader
        title="ADT submissions"
        description={
          <>
            Anomaly Detection Thresholds are set by signed ADT File against an SMSR.{" "}
            <Link href="/tad/thresholds" className="text-brand-700 underline">
              Thresholds in force
            </Link>
            {can(actor, "tad.dcc.manage") ? (
              <>
                {" · "}
                <Link href="/tad/dcc" className="text-brand-700 underline">
                  DCC thresholds
                </Link>
              </>
            ) : null}
          </>
        }
        actions={can(actor, "tad.adt.submit") ? <ButtonLink href="/tad/new">Raise SMSR</ButtonLink> : undefined}
      />
      <FilterBar action="/tad" problems={problems}>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Status</span>
          <OptionsSelect name="status" value={filters.status} options={STATUS_LABELS} />
        </label>
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title="No SMSRs yet.">{can(actor, "tad.adt.submit") ? "Raise one to submit your ADT File." : "Your ARO raises them."}</EmptyState>
      ) : (
        <>
          <DataTable
            caption="ADT submissions (SMSRs)"
            page={page}
            rowKey={(s) => s.id}
            columns={[
              { header: "SMSR", cell: (s) => <Link href={`/tad/${s.id}`} className="font-mono text-brand-700 underline">{s.reference}</Link> },
              ...(actor.isDcc ? [{ header: "Party", cell: (s: (typeof page.data)[number]) => `${s.party.name} (${formatEui64(s.party.eui64)})` }] : []),
              { header: "Status", cell: (s) => <SmsrStatus status={s.status} /> },
              { header: "Kind", cell: (s) => (s.fastTrack ? <Badge tone="amber">Fast-Track</Badge> : "Standard") },
              { header: "File", cell: (s) => s.fileName ?? "—" },
              { header: "Raised", cell: (s) => `${formatLondon(s.raisedAt)} by ${s.raisedBy.name}`, className: "whitespace-nowrap" },
              { header: "Deadline", cell: (s) => (s.deadline ? formatLondon(s.deadline) : "—"), className: "whitespace-nowrap tabular-nums" },
              { header: "Applied", cell: (s) => (s.appliedAt ? formatLondon(s.appliedAt) : "—"), className: "whitespace-nowrap tabular-nums" },
            ]}
          />
          <Pagination page={page} basePath="/tad" params={search} />
        </>
      )}
    </>
  );
}
