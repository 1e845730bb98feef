import type { Metadata } from "next";
import Link from "next/link";
import { RegistrationUploadForm } from "@/components/registration/upload-form";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { FilterBar, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { RegistrationFileType } from "@/generated/prisma/enums";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatCount } from "@/lib/format";
import { listRegistrationImports } from "@/lib/registration/read-registration-imports";
import {
  MAX_REGISTRATION_FILE_BYTES,
  REGISTRATION_COLUMNS,
  REGISTRATION_FILE_TYPE_HINTS,
  REGISTRATION_FILE_TYPE_LABELS,
} from "@/lib/registration/schemas";

export const metadata: Metadata = { title: "Registration data" };

type Search = { status?: string; fileType?: string; page?: string };

const STATUS_TONE = { APPLIED: "green", REJECTED: "red", APPLYING: "blue" } as const;
const TYPE_SHORT: Record<RegistrationFileType, string> = { FULL: "Full", REFRESH: "Refresh", UPDATE: "Update" };

const COLUMN_HELP: Record<(typeof REGISTRATION_COLUMNS)[number], string> = {
  mpxn: "13-digit MPAN core or 6-10 digit MPRN, with a correct check digit",
  effective_from: "date the registration starts, YYYY-MM-DD (UK time)",
  supplier_party_id: "EUI-64 Party ID; Import Supplier for an MPAN, Gas Supplier for an MPRN",
  network_operator_party_id: "Electricity Distributor for an MPAN, Gas Transporter for an MPRN",
  agent_party_id: "optional; a Registered Supplier Agent (MOP or MAM)",
  address_line: "first line of the address",
  town: "post town",
  postcode: "full UK postcode",
  uprn: "optional; 1 to 12 digits",
};

export default async function RegistrationPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("registration.import");
  const params = await searchParams;
  const filtered = !!(params.status || params.fileType);
  const page = await orPageError(() =>
    listRegistrationImports(actor, { page: params.page, status: params.status || undefined, fileType: params.fileType || undefined }),
  );
  const fileTypes = Object.values(RegistrationFileType).map((value) => ({
    value,
    label: REGISTRATION_FILE_TYPE_LABELS[value],
    hint: REGISTRATION_FILE_TYPE_HINTS[value],
  }));

  return (
    <>
      <PageHeader
        title="Registration data"
        description="Import Registration Data files as a Registration Data Provider would send them. A file with any error is rejected as a whole."
        actions={
          <a
            href="/admin/registration/template"
            download
            className="inline-flex items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
          >
            Download CSV template
          </a>
        }
      />
      <div className="mb-6 grid gap-4 lg:grid-cols-3">
        <Card title="Upload a file" className="lg:col-span-2">
          <RegistrationUploadForm fileTypes={fileTypes} maxBytes={MAX_REGISTRATION_FILE_BYTES} />
        </Card>
        <Card title="File format">
          <p className="mb-2 text-sm text-slate-600">One line per Metering Point, after this header row:</p>
          <dl className="space-y-1 text-xs">
            {REGISTRATION_COLUMNS.map((c) => (
              <div key={c}>
                <dt className="inline font-mono font-semibold">{c}</dt> <dd className="inline text-slate-600">— {COLUMN_HELP[c]}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>

      <h2 className="mb-3 text-lg font-semibold">Past imports</h2>
      <FilterBar action="/admin/registration">
        <div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="APPLIED">Applied</option>
            <option value="REJECTED">Rejected</option>
            <option value="APPLYING">Applying</option>
          </Select>
        </div>
        <div>
          <label htmlFor="fileType" className="block text-xs font-medium text-slate-600">
            File type
          </label>
          <Select name="fileType" defaultValue={params.fileType ?? ""}>
            <option value="">Any</option>
            {fileTypes.map((t) => (
              <option key={t.value} value={t.value}>
                {TYPE_SHORT[t.value]}
              </option>
            ))}
          </Select>
        </div>
      </FilterBar>
      {page.count === 0 ? (
        filtered ? (
          <EmptyState title="No imports match these filters." />
        ) : (
          <EmptyState title="No Registration Data files have been imported yet.">
            Download the template, fill in one line per MPAN or MPRN and upload it above.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            caption="Registration Data imports"
            page={page}
            rowKey={(i) => i.id}
            columns={[
              {
                header: "Imported (UK)",
                cell: (i) => (
                  <Link className="font-medium text-brand-700 hover:underline" href={`/admin/registration/${i.id}`}>
                    {formatLondon(i.createdAt, "d MMM yyyy, HH:mm:ss")}
                  </Link>
                ),
              },
              { header: "File", cell: (i) => <span className="break-all">{i.fileName}</span> },
              { header: "Type", cell: (i) => <Badge>{TYPE_SHORT[i.fileType]}</Badge> },
              { header: "Status", cell: (i) => <Badge tone={STATUS_TONE[i.status]}>{i.status.toLowerCase()}</Badge> },
              { header: "Lines", cell: (i) => formatCount(i.lineCount), className: "text-right tabular-nums" },
              { header: "Applied", cell: (i) => formatCount(i.appliedCount), className: "text-right tabular-nums" },
              { header: "Errors", cell: (i) => (i.errorCount ? <span className="text-red-700">{formatCount(i.errorCount)}</span> : "—"), className: "text-right tabular-nums" },
              { header: "Imported by", cell: (i) => i.importedBy.name },
            ]}
          />
          <Pagination page={page} basePath="/admin/registration" params={params} />
        </>
      )}
    </>
  );
}
