import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState } from "@/components/ui/card";
import { FilterBar, Input, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatEui64 } from "@/lib/identifiers";
import { listParties } from "@/lib/parties/read-parties";
import { USER_ROLE_LABELS } from "@/lib/parties/schemas";

export const metadata: Metadata = { title: "Parties" };

type Search = { q?: string; role?: string; page?: string };

export default async function PartiesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("party.manage");
  const params = await searchParams;
  const page = await orPageError(() => listParties(actor, { ...params, role: params.role || undefined, q: params.q || undefined }));
  return (
    <>
      <PageHeader title="Parties" description="Organisations that use the DCC's services, with their User Roles." actions={<ButtonLink href="/admin/parties/new">New party</ButtonLink>} />
      <FilterBar action="/admin/parties">
        <div>
          <label htmlFor="q" className="block text-xs font-medium text-slate-600">
            Name or Party ID
          </label>
          <Input name="q" defaultValue={params.q} />
        </div>
        <div>
          <label htmlFor="role" className="block text-xs font-medium text-slate-600">
            User Role
          </label>
          <Select name="role" defaultValue={params.role ?? ""}>
            <option value="">Any</option>
            {Object.entries(USER_ROLE_LABELS).map(([code, label]) => (
              <option key={code} value={code}>
                {code} · {label}
              </option>
            ))}
          </Select>
        </div>
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title="No parties match these filters." />
      ) : (
        <>
          <DataTable
            caption="Parties"
            page={page}
            rowKey={(p) => p.id}
            columns={[
              { header: "Name", cell: (p) => <Link className="font-medium text-brand-700 hover:underline" href={`/parties/${p.id}`}>{p.name}</Link> },
              { header: "Party ID", cell: (p) => <span className="font-mono text-xs">{formatEui64(p.eui64)}</span> },
              { header: "User Roles", cell: (p) => (p.isDcc ? <Badge tone="blue">DCC</Badge> : p.roles.map((r) => <Badge key={r}>{r}</Badge>)) },
              { header: "Accounts", cell: (p) => p._count.accounts, className: "text-right tabular-nums" },
            ]}
          />
          <Pagination page={page} basePath="/admin/parties" params={params} />
        </>
      )}
    </>
  );
}
