import type { Metadata } from "next";
import Link from "next/link";
import { CertificateStatusBadge } from "@/components/smki/certificate-details";
import { ImportCertificateForm } from "@/components/smki/forms";
import { Card, EmptyState } from "@/components/ui/card";
import { FilterBar, OptionsSelect, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { partyOptions } from "@/lib/parties/read-parties";
import { listCertificates } from "@/lib/smki/read-certificates";
import { STATUS_LABELS, USAGE_LABELS } from "@/lib/smki/schemas";

export const metadata: Metadata = { title: "SMKI certificates" };

type Search = { partyId?: string; usage?: string; status?: string; page?: string };

const clean = (params: Search) => Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v.trim())) as Search;

export default async function SmkiAdminPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("smki.manage");
  const params = clean(await searchParams);
  const [page, parties] = await orPageError(() => Promise.all([listCertificates(actor, "smki.manage", params), partyOptions(actor)]));
  const filtered = !!(params.partyId || params.usage || params.status);
  return (
    <>
      <PageHeader
        title="SMKI certificates"
        description="Every party's Organisation Certificates, issued by the DCC test CA or imported. Revoke one, rotate one (a new certificate valid beside it), or import a party's own."
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <FilterBar action="/admin/certificates">
            <div>
              <label htmlFor="partyId" className="block text-xs font-medium text-slate-600">
                Party
              </label>
              <Select name="partyId" defaultValue={params.partyId ?? ""}>
                <option value="">Any</option>
                {parties.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
            </div>
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
            <EmptyState title={filtered ? "No certificates match these filters." : "No certificates yet."} />
          ) : (
            <>
              <DataTable
                caption="Organisation Certificates of every party"
                page={page}
                rowKey={(c) => c.id}
                columns={[
                  { header: "Party", cell: (c) => c.party?.name ?? <span className="text-slate-500">No party</span> },
                  {
                    header: "Usage",
                    cell: (c) => (
                      <Link href={`/admin/certificates/${c.id}`} className="font-medium text-brand-700 hover:underline">
                        {USAGE_LABELS[c.usage]}
                      </Link>
                    ),
                  },
                  { header: "EUI-64", cell: (c) => <span className="whitespace-nowrap font-mono text-xs">{formatEui64(c.eui64)}</span> },
                  { header: "OU", cell: (c) => c.roleCode ?? "—" },
                  { header: "Serial", cell: (c) => <span className="font-mono text-xs">{c.serial.length > 14 ? `${c.serial.slice(0, 6)}…${c.serial.slice(-6)}` : c.serial}</span> },
                  { header: "Valid to", cell: (c) => <span className="whitespace-nowrap">{formatLondon(c.notAfter, "d MMM yyyy")}</span> },
                  { header: "Status", cell: (c) => <CertificateStatusBadge status={c.status} /> },
                ]}
              />
              <Pagination page={page} basePath="/admin/certificates" params={params} />
            </>
          )}
        </div>
        <Card title="Import a certificate">
          <ImportCertificateForm parties={parties} />
        </Card>
      </div>
    </>
  );
}
