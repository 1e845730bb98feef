import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, DefinitionList, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable, Pagination } from "@/components/ui/table";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { formatCount, plural } from "@/lib/format";
import { getRegistrationImport } from "@/lib/registration/read-registration-imports";
import { REGISTRATION_FILE_TYPE_LABELS } from "@/lib/registration/schemas";

export const metadata: Metadata = { title: "Registration import" };

const n = (value: number | undefined) => (value === undefined ? "—" : formatCount(value));

export default async function RegistrationImportPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor("registration.import");
  const { id } = await params;
  const search = await searchParams;
  const item = await orPageError(() => getRegistrationImport(actor, id, { page: Number(search.page) || 1 }));
  const rejected = item.status === "REJECTED";
  const s = item.summary;

  return (
    <>
      <PageHeader
        title={item.fileName}
        description={`${REGISTRATION_FILE_TYPE_LABELS[item.fileType]}, imported ${formatLondon(item.createdAt, "d MMM yyyy, HH:mm:ss")} by ${item.importedBy.name}`}
        actions={
          <ButtonLink variant="secondary" href="/admin/registration">
            All imports
          </ButtonLink>
        }
      />
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <Card title="Import">
          <DefinitionList
            items={[
              ["Status", <Badge key="status" tone={rejected ? "red" : item.status === "APPLYING" ? "blue" : "green"}>{item.status.toLowerCase()}</Badge>],
              ["File type", REGISTRATION_FILE_TYPE_LABELS[item.fileType]],
              ["Data lines", n(item.lineCount)],
              ["Lines applied", n(item.appliedCount)],
              ["Errors", rejected ? `${n(item.errors.count)} on ${plural(item.linesWithErrors, "line")}` : "None"],
              ["Imported by", `${item.importedBy.name} (${item.importedBy.email})`],
            ]}
          />
        </Card>
        <Card title={rejected ? "Outcome" : "Changes"}>
          {rejected ? (
            <p className="text-sm text-slate-700">
              The file was rejected as a whole: no registration or meter point was changed. Correct the lines below and upload the whole file again.
            </p>
          ) : (
            <DefinitionList
              items={[
                ["Meter points created", n(s?.meterPointsCreated)],
                ["Meter points updated", n(s?.meterPointsUpdated)],
                ["Registrations added", n(s?.recordsInserted)],
                ["Registrations ended", n(s?.recordsEnded)],
                ["Registrations replaced", n(s?.recordsReplaced)],
                ...(item.fileType === "UPDATE" ? ([["Address-only lines", n(s?.addressOnly)]] as [string, string][]) : []),
              ]}
            />
          )}
        </Card>
      </div>

      <h2 className="mb-3 text-lg font-semibold">Line errors</h2>
      {item.errors.count === 0 ? (
        <EmptyState title="No errors: every line was applied." />
      ) : (
        <>
          <DataTable
            caption="Errors by line"
            page={item.errors}
            rowKey={(e) => `${e.line}:${e.message}`}
            columns={[
              { header: "Line", cell: (e) => e.line, className: "w-20 text-right tabular-nums" },
              { header: "Error", cell: (e) => e.message.replace(/^line \d+: /, "") },
            ]}
          />
          <Pagination page={item.errors} basePath={`/admin/registration/${item.id}`} params={{ page: search.page }} />
        </>
      )}
    </>
  );
}
