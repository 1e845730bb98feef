import type { Metadata } from "next";
import Link from "next/link";
import { CertificateStatusBadge } from "@/components/smki/certificate-details";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { listCertificates } from "@/lib/smki/read-certificates";
import { STATUS_LABELS, USAGE_LABELS } from "@/lib/smki/schemas";

export const metadata: Metadata = { title: "Certificates" };

type Search = { usage?: string; status?: string; page?: string };

const clean = (params: Search) => Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v.trim())) as Search;

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("smki.view");
  const params = clean(await searchParams);
  const page = await orPageError(() => listCertificates(actor, "smki.view", params));
  return (
    <>
      <PageHeader
        title="Certificates"
        description={`${actor.partyName}'s SMKI Organisation Certificates: XML signing for DUIS requests, Digital Signing for Signed Pre-Commands, File Signing for ADT and QCA files. Certificates are public; private keys are never downloadable from the portal.`}
      />
      <FilterBar action="/certificates">
        <div>
          <label htmlFor="usage" className="block text-xs font-medium text-slate-600">
            Usage
          </label>
          <OptionsSelect name="usage" value={params.usage} options={USAGE_LABELS} />
        </div>
        <div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <OptionsSelect name="status" value={params.status} options={STATUS_LABELS} />
        </div>
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title={params.usage || params.status ? "No certificates match these filters." : "Your party holds no certificates yet."}>
          The DCC issues Organisation Certificates; ask the Service Desk if one is missing.
        </EmptyState>
      ) : (
        <>
          <DataTable
            caption={`Organisation Certificates of ${actor.partyName}`}
            page={page}
            rowKey={(c) => c.id}
            columns={[
              {
                header: "Usage",
                cell: (c) => (
                  <Link href={`/certificates/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {USAGE_LABELS[c.usage]}
                  </Link>
                ),
              },
              { header: "EUI-64", cell: (c) => <span className="whitespace-nowrap font-mono text-xs">{formatEui64(c.eui64)}</span> },
              { header: "Serial", cell: (c) => <span className="break-all font-mono text-xs">{c.serial}</span> },
              { header: "Valid from", cell: (c) => <span className="whitespace-nowrap">{formatLondon(c.notBefore, "d MMM yyyy")}</span> },
              { header: "Valid to", cell: (c) => <span className="whitespace-nowrap">{formatLondon(c.notAfter, "d MMM yyyy")}</span> },
              { header: "Status", cell: (c) => <CertificateStatusBadge status={c.status} /> },
              {
                header: "Certificate",
                cell: (c) => (
                  <a href={`/certificates/${c.id}/download`} className="text-brand-700 underline" aria-label={`Download the ${USAGE_LABELS[c.usage]} certificate ${c.serial}`}>
                    Download
                  </a>
                ),
              },
            ]}
          />
          <Pagination page={page} basePath="/certificates" params={params} />
        </>
      )}
    </>
  );
}
