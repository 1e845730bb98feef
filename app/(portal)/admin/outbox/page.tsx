import type { Metadata } from "next";
import Link from "next/link";
import { DeliveryBadge, deliveryNote, EmailStatusBadge } from "@/components/notifications/delivery";
import { EmptyState } from "@/components/ui/card";
import { FilterBar, Select } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { listOutbox } from "@/lib/notifications/read-outbox";

export const metadata: Metadata = { title: "Email outbox" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const actor = await requireActor("outbox.view");
  const params = await searchParams;
  const page = await orPageError(() => listOutbox(actor, { ...params, status: params.status || undefined }));
  return (
    <>
      <PageHeader title="Email outbox" description={`Notifications queued with the events that caused them. ${deliveryNote()}`} />
      <FilterBar action="/admin/outbox">
        <div>
          <label htmlFor="status" className="block text-xs font-medium text-slate-600">
            Status
          </label>
          <Select name="status" defaultValue={params.status ?? ""}>
            <option value="">Any</option>
            <option value="PENDING">Pending</option>
            <option value="SENT">Delivered</option>
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
              { header: "Queued (UK)", cell: (e) => formatLondon(e.createdAt, "d MMM, HH:mm:ss") },
              { header: "To", cell: (e) => e.toAddress },
              {
                header: "Subject",
                cell: (e) => (
                  <Link href={`/admin/outbox/${e.id}`} className="font-medium text-brand-700 hover:underline">
                    {e.subject}
                  </Link>
                ),
              },
              { header: "Event", cell: (e) => <span className="font-mono text-xs">{e.eventType}</span> },
              { header: "Status", cell: (e) => <EmailStatusBadge status={e.status} /> },
              { header: "Attempts", cell: (e) => (e.lastError ? `${e.attempts} · ${e.lastError}` : e.attempts), className: "tabular-nums" },
              {
                header: "Delivered",
                cell: (e) =>
                  e.sentAt ? (
                    <span className="flex flex-wrap items-center gap-1">
                      {formatLondon(e.sentAt, "d MMM, HH:mm:ss")} <DeliveryBadge transport={e.transport} />
                    </span>
                  ) : (
                    "—"
                  ),
              },
            ]}
          />
          <Pagination page={page} basePath="/admin/outbox" params={params} />
        </>
      )}
    </>
  );
}
