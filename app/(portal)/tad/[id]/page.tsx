import type { Metadata } from "next";
import Link from "next/link";
import { SmsrStatus } from "@/components/tad/smsr-status";
import { SroDecisionForms, UploadAdtForm } from "@/components/tad/adt-forms";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { plural } from "@/lib/format";
import { formatEui64 } from "@/lib/identifiers";
import { ADT_HEADER } from "@/lib/tad/adt-file-format";
import { readAdtSubmission } from "@/lib/tad/adt-files";

export const metadata: Metadata = { title: "ADT SMSR" };

const when = (at: Date | null) => (at ? formatLondon(at) : "—");

export default async function AdtSubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor("tad.view");
  const { id } = await params;
  const smsr = await orPageError(() => readAdtSubmission(actor, id));
  const eui = formatEui64(smsr.party.eui64);
  const late = smsr.deadline && (smsr.appliedAt ? smsr.appliedAt > smsr.deadline : smsr.status === "AWAITING_SRO_CONFIRMATION" && now() > smsr.deadline);
  const guidance = smsr.guidanceIssues;

  return (
    <>
      <PageHeader
        title={smsr.reference}
        description={`ADT submission of ${smsr.party.name} (${eui}), raised ${when(smsr.raisedAt)} by ${smsr.raisedBy.name}`}
        actions={
          <ButtonLink variant="secondary" href="/tad">
            All SMSRs
          </ButtonLink>
        }
      />
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <Card title="SMSR">
          <DefinitionList
            items={[
              ["Status", <SmsrStatus key="s" status={smsr.status} />],
              ["Kind", smsr.fastTrack ? "Fast-Track (24 hours)" : "Standard (72 hours)"],
              ...(smsr.fastTrack ? ([["Justification", smsr.justification]] as [string, string][]) : []),
              ["Change", smsr.temporary ? "Temporary: can be restored to the previous version" : "Enduring"],
              ["File", smsr.fileName ?? "Not uploaded yet"],
              ["Received", when(smsr.receivedAt)],
              ["Deadline", <span key="d">{when(smsr.deadline)} {late ? <Badge tone="red">missed</Badge> : null}</span>],
              ["Applied", when(smsr.appliedAt)],
              ...(smsr.certificateSerial ? ([["Signed with", `File Signing certificate ${smsr.certificateSerial}`]] as [string, string][]) : []),
              ...(smsr.decidedBy ? ([["SRO decision", `${smsr.decidedBy.name}, ${when(smsr.decidedAt)}`]] as [string, string][]) : []),
              ...(smsr.reason ? ([["Reason", <span key="r" className="text-red-800">{smsr.reason}</span>]] as [string, React.ReactNode][]) : []),
              ...(smsr.thresholdSets.length
                ? ([["Thresholds", <Link key="t" href="/tad/thresholds" className="text-brand-700 underline">{smsr.thresholdSets.map((s) => `${s.userRole} version ${s.version}${s.active ? " (in force)" : ""}`).join(", ")}</Link>]] as [string, React.ReactNode][])
                : []),
            ]}
          />
        </Card>
        {smsr.status === "OPEN" ? (
          <Card title="Sign and upload the ADT File">
            <p className="mb-2 text-sm text-slate-700">
              One file per User Role, header <code className="font-mono text-xs">{ADT_HEADER}</code>, UserId <code className="font-mono text-xs">{eui}</code>, ThresholdKind ADT or WARNING.
              Your ARO signs it with the File Signing key:
            </p>
            <pre tabIndex={0} className="mb-4 overflow-x-auto rounded-md bg-slate-900 p-2 font-mono text-xs text-slate-100" data-testid="openssl-command">
              openssl dgst -sha256 -sign {eui}.file-signing.key.pem -out adt.csv.sig adt.csv
            </pre>
            {can(actor, "tad.adt.submit") ? <UploadAdtForm submissionId={smsr.id} /> : <p className="text-sm text-slate-600">Your ARO uploads the file.</p>}
          </Card>
        ) : null}
        {smsr.status === "AWAITING_SRO_CONFIRMATION" && can(actor, "tad.adt.confirm") ? (
          <Card title="Your decision as SRO">
            <SroDecisionForms submissionId={smsr.id} />
          </Card>
        ) : null}
      </div>

      {guidance ? (
        <Card title="Outside DCC guidance" className="mb-4">
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="guidance-issues">
            {guidance.missingSrvs.length ? (
              <li>
                No ADT for {plural(guidance.missingSrvs.length, "mandatory SRV")} (Critical, or with an encrypted response):{" "}
                <span className="font-mono text-xs">{guidance.missingSrvs.join(", ")}</span>
              </li>
            ) : null}
            {guidance.warningNotBelowAdt.map((w) => (
              <li key={w.srv}>
                SRV {w.srv}: the Warning Threshold ({w.warning}) is not below the ADT ({w.adt}).
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {smsr.lineErrors.length ? (
        <Card title={`Format errors (${smsr.lineErrors.length})`}>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="line-errors">
              <caption className="sr-only">Format errors by line</caption>
              <thead className="text-xs uppercase text-slate-600">
                <tr>
                  <th scope="col" className="w-16 py-1 text-right">Line</th>
                  <th scope="col" className="py-1 pl-4">Error</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {smsr.lineErrors.map((e) => (
                  <tr key={e.line}>
                    <td className="py-1 text-right tabular-nums">{e.line}</td>
                    <td className="py-1 pl-4">{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </>
  );
}
