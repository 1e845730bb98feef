import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Badge, EmptyState } from "@/components/ui/card";
import { FilterBar, Input, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { listAccounts } from "@/lib/accounts/read-accounts";
import { PERMISSION_NAMES } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";

export const metadata: Metadata = { title: "Accounts" };

type Search = { q?: string; permission?: string; status?: string; page?: string };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("account.manage");
  const params = await searchParams;
  const page = await orPageError(() =>
    listAccounts(actor, { ...params, q: params.q || undefined, permission: params.permission || undefined, status: params.status || undefined }),
  );
  const current = now();
  return (
    <>
      <PageHeader title="Accounts" description="Staff accounts of every party and the portal permissions they hold." actions={<ButtonLink href="/admin/accounts/new">New account</ButtonLink>} />
      <FilterBar action="/admin/accounts">
        <div>
          <label htmlFor="q" className="block text-xs font-medium text-slate-600">
            Name, email or party
          </label>
          <Input name="q" defaultValue={params.q} />
        </div>
        <div>
          <label htmlFor="permission" className="block text-xs font-medium text-slate-600">
            Permission
          </label>
          <Select name="permission" defaultValue={params.permission ?? ""}>
            <option value="">Any</option>
            {Object.entries(PERMISSION_NAMES).map(([p, name]) => (
              <option key={p} value={p}>
                {name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="disabled">Disabled</option>
            <option value="locked">Locked out</option>
          </Select>
        </div>
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title="No accounts match these filters." />
      ) : (
        <>
          <DataTable
            caption="Accounts"
            page={page}
            rowKey={(a) => a.id}
            columns={[
              { header: "Name", cell: (a) => <Link className="font-medium text-brand-700 hover:underline" href={`/accounts/${a.id}`}>{a.name}</Link> },
              { header: "Email", cell: (a) => a.email },
              { header: "Party", cell: (a) => <Link className="hover:underline" href={`/parties/${a.party.id}`}>{a.party.name}</Link> },
              { header: "Permissions", cell: (a) => a.permissions.map((p) => <Badge key={p}>{PERMISSION_NAMES[p]}</Badge>) },
              {
                header: "Status",
                cell: (a) =>
                  a.disabled ? <Badge tone="red">disabled</Badge> : a.lockedUntil && a.lockedUntil > current ? <Badge tone="amber">locked</Badge> : <Badge tone="green">active</Badge>,
              },
              { header: "Last sign-in", cell: (a) => (a.lastSignInAt ? formatLondon(a.lastSignInAt) : "never") },
            ]}
          />
          <Pagination page={page} basePath="/admin/accounts" params={params} />
        </>
      )}
    </>
  );
}
