import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, Input, OptionsSelect } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabel, auditEntityLabel } from "@/lib/audit-actions";
import { listAuditEvents } from "@/lib/audit-trail/read-audit-events";
import { seesAllParties } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";

export const metadata: Metadata = { title: "Audit trail" };

type Search = { action?: string; entityType?: string; entityId?: string; requestId?: string; from?: string; to?: string; page?: string };

const clean = (params: Search) => Object.fromEntries(Object.entries(params).filter(([, v]) => v)) as Search;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("audit.view");
  const params = clean(await searchParams);
  const page = await orPageError(() => listAuditEvents(actor, params));
  const all = seesAllParties(actor, "audit.view");
  const exportQuery = new URLSearchParams(Object.entries(params).filter(([k]) => k !== "page") as [string, string][]).toString();
  return (
    <>
      <PageHeader
        title="Audit trail"
        description={all ? "Every recorded change, for every party." : `Recorded changes for ${actor.partyName}.`}
        actions={<ButtonLink variant="secondary" href={`/audit/export${exportQuery ? `?${exportQuery}` : ""}`} prefetch={false}>Export CSV</ButtonLink>}
      />
      <FilterBar action="/audit" problems={page.problems}>
        <div>
          <label htmlFor="action" className="block text-xs font-medium text-slate-600">
            Action
          </label>
          <OptionsSelect name="action" value={params.action} options={AUDIT_ACTIONS} />
        </div>
        <div>
          <label htmlFor="entityType" className="block text-xs font-medium text-slate-600">
            Record type
          </label>
          <OptionsSelect name="entityType" value={params.entityType} options={AUDIT_ENTITY_TYPES} />
        </div>
        {(
          [
            ["entityId", "Record id", "text"],
            ["requestId", "Request id", "text"],
            ["from", "From", "date"],
            ["to", "To", "date"],
          ] as const
        ).map(([name, label, type]) => (
          <div key={name}>
            <label htmlFor={name} className="block text-xs font-medium text-slate-600">
              {label}
            </label>
            <Input name={name} type={type} defaultValue={params[name]} />
          </div>
        ))}
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title="No audit entries match these filters." />
      ) : (
        <>
          <DataTable
            caption="Audit entries"
            page={page}
            rowKey={(e) => e.id}
            columns={[
              { header: "Time (UK)", cell: (e) => <Link href={`/audit/${e.id}`} className="text-brand-700 hover:underline">{formatLondon(e.at, "d MMM yyyy, HH:mm:ss")}</Link> },
              { header: "Action", cell: (e) => <span title={e.action} data-action={e.action}>{auditActionLabel(e.action)}</span> },
              { header: "Record", cell: (e) => `${auditEntityLabel(e.entityType)} ${e.entityId}` },
              { header: "Actor", cell: (e) => e.actor?.name ?? "System" },
              ...(all ? [{ header: "Party", cell: (e: (typeof page.data)[number]) => e.party?.name ?? "DCC internal" }] : []),
            ]}
          />
          <Pagination page={page} basePath="/audit" params={params} />
        </>
      )}
    </>
  );
}
