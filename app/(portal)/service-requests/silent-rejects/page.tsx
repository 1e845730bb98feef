import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { listSilentRejects, RETENTION_MONTHS } from "@/lib/duis/read-service-requests";
import { formatCount } from "@/lib/format";

export const metadata: Metadata = { title: "Silent rejects" };

export default async function SilentRejectsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor("duis.silent-rejects.view");
  const params = await searchParams;
  const page = await orPageError(() => listSilentRejects(actor, params));
  return (
    <>
      <PageHeader
        title="Silent rejects"
        description={`Requests refused without an answer (AB 6.3, 7.3) in the last ${RETENTION_MONTHS} months: no signature, a certificate the DCC does not know, or a signature that does not verify. Their senders were told nothing.`}
      />
      {page.count === 0 ? (
        <EmptyState title="No silent rejects." />
      ) : (
        <>
          <DataTable
            caption="Silent rejects"
            page={page}
            rowKey={(r) => r.id}
            columns={[
              { header: "Received (UK)", cell: (r) => <time dateTime={r.receivedAt.toISOString()}>{formatLondon(r.receivedAt, "d MMM yyyy, HH:mm:ss")}</time>, className: "whitespace-nowrap" },
              { header: "Web service", cell: (r) => <code className="font-mono text-xs">{r.endpoint}</code> },
              { header: "RequestID (as written)", cell: (r) => <code className="break-all font-mono text-xs">{r.requestId ?? "—"}</code> },
              { header: "Reason", cell: (r) => r.reason },
              { header: "From", cell: (r) => r.remoteAddress ?? "—" },
              {
                header: "Body",
                cell: (r) => (
                  <details>
                    <summary className="cursor-pointer text-brand-700">{formatCount(r.requestXml.length)} characters</summary>
                    <pre tabIndex={0} className="mt-1 max-h-64 max-w-xl overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{r.requestXml}</pre>
                  </details>
                ),
              },
            ]}
          />
          <Pagination page={page} basePath="/service-requests/silent-rejects" params={params} />
        </>
      )}
    </>
  );
}
