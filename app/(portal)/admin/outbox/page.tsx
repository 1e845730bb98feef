import type { Metadata } from "next";
import { Badge, EmptyState } from "@/components/ui/card";
import { FilterBar, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { listOutbox } from "@/lib/notifications/read-outbox";

export const metadata: Metadata = { title: "Email outbox" };

const TONE = { PENDING: "amber", SENT: "green", FAILED: "red" } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const actor = await requireActor("outbox.view");
  const params = await searchParams;
  const page = await orPageError(() => listOutbox(actor, { ...params, status: params.status || undefined }));
  return (
    <>
      <PageHeader title="Email outbox" description="Notifications queued with the events that caused them; a background sender delivers them." />
      <FilterBar action="/admin/outbox">
        <div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="PENDING">Pending</option>
            <option value="SENT">Sent</option>
            <option value="FAILED">Failed</option>
          </Select>
        </div>
      </FilterBar>
      {page.count === 0 ? (
        <EmptyState title="No emails match these filters." />
      ) : (
        <>
          <DataTable
            caption="Outgoing emails"
            page={page}
            rowKey={(e) => e.id}
            columns={[
              { header: "Queued (UK)", cell: (e) => formatLondon(e.createdAt, "d MMM HH:mm:ss") },
              { header: "To", cell: (e) => e.toAddress },
              { header: "Subject", cell: (e) => <details><summary className="cursor-pointer">{e.subject}</summary><pre className="mt-2 whitespace-pre-wrap text-xs">{e.body}</pre></details> },
              { header: "Event", cell: (e) => <span className="font-mono text-xs">{e.eventType}</span> },
              { header: "Status", cell: (e) => <Badge tone={TONE[e.status]}>{e.status.toLowerCase()}</Badge> },
              { header: "Attempts", cell: (e) => (e.lastError ? `${e.attempts} · ${e.lastError}` : e.attempts), className: "tabular-nums" },
              { header: "Sent", cell: (e) => (e.sentAt ? formatLondon(e.sentAt, "d MMM HH:mm:ss") : "—") },
            ]}
          />
          <Pagination page={page} basePath="/admin/outbox" params={params} />
        </>
      )}
    </>
  );
}
