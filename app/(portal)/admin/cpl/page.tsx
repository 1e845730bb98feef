import type { Metadata } from "next";
import Link from "next/link";
import { CpaExpiryCell, CplStatusBadge } from "@/components/smi/badges";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, Select, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatCount, plural } from "@/lib/format";
import { toPage } from "@/lib/lists";
import { listCplModels } from "@/lib/smi/read-cpl";

export const metadata: Metadata = { title: "Certified Products List" };

type Search = { type?: string; status?: string };

const CPL_TYPES = { ESME: "ESME", GSME: "GSME", CH: "Communications Hub", PPMID: "PPMID", HCALCS: "HCALCS" } as const;

export default async function CplPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("cpl.manage");
  const params = await searchParams;
  const models = await orPageError(() => listCplModels(actor, { type: params.type || undefined, status: params.status || undefined }));
  const page = toPage(models, models.length, 1, Math.max(1, models.length));
  return (
    <>
      <PageHeader
        title="Certified Products List"
        description="Device Models on the CPL. Marking a model removed suspends every device of it; marking it current again restores them."
      />
      <FilterBar action="/admin/cpl">
        <div>
          <label htmlFor="type" className="block text-xs font-medium text-slate-600">
            Device type
          </label>
          <OptionsSelect name="type" value={params.type} options={CPL_TYPES} />
        </div>
        <div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-600">
            CPL status
          </label>
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="CURRENT">Current</option>
            <option value="REMOVED">Removed</option>
          </Select>
        </div>
      </FilterBar>
      {models.length === 0 ? (
        <EmptyState title="No CPL entries match these filters." />
      ) : (
        <>
          <DataTable
            caption="Device Models on the Certified Products List"
            page={page}
            rowKey={(m) => m.id}
            columns={[
              { header: "Type", cell: (m) => CPL_TYPES[m.deviceType] },
              { header: "Manufacturer", cell: (m) => m.manufacturer },
              {
                header: "Model",
                cell: (m) => (
                  <Link href={`/admin/cpl/${m.id}`} className="font-medium text-brand-700 hover:underline">
                    {m.model}
                  </Link>
                ),
              },
              { header: "Hardware", cell: (m) => <span className="font-mono text-xs">{m.hardwareVersion}</span> },
              { header: "Firmware", cell: (m) => <span className="font-mono text-xs">{m.firmwareVersion}</span> },
              { header: "SMETS / CHTS", cell: (m) => m.technicalSpecVersion },
              { header: "GBCS", cell: (m) => m.gbcsVersion },
              { header: "CPA expiry", cell: (m) => <CpaExpiryCell expiresOn={m.cpaExpiresOn} expiry={m.cpaExpiry} /> },
              { header: "Status", cell: (m) => <CplStatusBadge status={m.status} /> },
              {
                header: "Devices",
                className: "text-right tabular-nums",
                cell: (m) =>
                  m.deviceCount ? (
                    <Link href={`/smi?model=${m.id}`} className="text-brand-700 hover:underline" aria-label={`${plural(m.deviceCount, "device")} of ${m.manufacturer} ${m.model}`}>
                      {formatCount(m.deviceCount)}
                    </Link>
                  ) : (
                    0
                  ),
              },
            ]}
          />
          <p className="mt-3 text-sm text-slate-600" data-testid="result-count">
            {plural(models.length, "CPL entry", "CPL entries")}
          </p>
        </>
      )}
    </>
  );
}
