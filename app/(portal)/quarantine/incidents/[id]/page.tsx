import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, EmptyState } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { AdviceForms, QcaUploadForm, QueueForm } from "@/components/tad/quarantine";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";
import { ADVICE_LABELS } from "@/lib/tad/dcc-advice";
import { QUARANTINE_LABELS } from "@/lib/tad/quarantine-status";
import { quarantineIncidentView, quarantineQueue } from "@/lib/tad/read-quarantine";

export const metadata: Metadata = { title: "Quarantine incident" };

export default async function QuarantineIncidentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor("tad.view");
  const { id } = await params;
  const incident = await orPageError(() => quarantineIncidentView(actor, id));
  const { groups, page } = await quarantineQueue(actor, { incidentId: incident.id, page: Number((await searchParams).page) || 1 });
  const own = incident.raisedByPartyId === actor.partyId;
  const qca = own && can(actor, "tad.qca.upload");
  const fileName = `qca-${incident.ref}.csv`;
  const keyFile = `${formatEui64(incident.raisedByParty.eui64)}.file-signing.key.pem`;
  return (
    <>
      <PageHeader
        title={`${incident.ref}: quarantine`}
        description={
          <>
            {incident.summary} · <Badge>{STATUS_LABELS[incident.status]}</Badge> · {incident.raisedByParty.name}
            {can(actor, "incident.view") ? (
              <>
                {" "}
                · <Link href={`/incidents/${incident.ref}`} className="text-brand-700 hover:underline">Incident record</Link>
              </>
            ) : null}
          </>
        }
      />
      <div className="space-y-4">
        <QueueForm
          groups={groups}
          decide={own && can(actor, "tad.quarantine.decide")}
          serverNow={now().getTime()}
          labels={{ status: QUARANTINE_LABELS, advice: ADVICE_LABELS }}
          showParty={!own}
          empty={<EmptyState title="No command of this incident awaits a decision." />}
        />
        {qca ? (
          <Card title="Decide by QCA File">
            <ol className="mb-4 list-decimal space-y-2 pl-5 text-sm">
              <li>
                <a href={`/quarantine/incidents/${incident.id}/qca`} className="text-brand-700 underline" download={fileName}>
                  Download the QCA File
                </a>{" "}
                ({plural(page.count, "row")}) and write <code>Release</code> or <code>Delete</code> in the Action column of every row.
              </li>
              <li>
                Have your ARO sign it with your File Signing key:
                <pre tabIndex={0} className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="openssl-command">
                  openssl dgst -sha256 -sign {keyFile} -out {fileName}.sig {fileName}
                </pre>
              </li>
              <li>Upload the file and its signature. The whole file is refused if any row is wrong (nothing changes), with every reason.</li>
            </ol>
            <QcaUploadForm incidentId={incident.id} />
          </Card>
        ) : null}
        {can(actor, "tad.dcc.manage") ? (
          <Card title="DCC advice (DCC-threshold and packet-inspection quarantines)">
            <AdviceForms incidentId={incident.id} labels={ADVICE_LABELS} />
          </Card>
        ) : null}
        {incident.qcaUploads.length ? (
          <Card title="QCA Files received">
            <ul className="space-y-2 text-sm" data-testid="qca-uploads">
              {incident.qcaUploads.map((u) => (
                <li key={u.id}>
                  {formatLondon(u.receivedAt)} · {u.fileName} · {u.uploadedBy.name} · {u.accepted ? <Badge tone="green">Accepted</Badge> : <Badge tone="red">Refused</Badge>}
                  {Array.isArray(u.reasons) ? (
                    <ul className="list-disc pl-5 text-xs text-red-800">
                      {(u.reasons as string[]).map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
