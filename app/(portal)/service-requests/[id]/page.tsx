import type { Metadata } from "next";
import Link from "next/link";
import { CheckResultBadge, ResponseCode } from "@/components/service-requests/badges";
import { SignAndSendForm, UploadSignedForm } from "@/components/service-requests/forms";
import { AnswerData } from "@/components/simulator/answer-data";
import { LiveStatusBadge } from "@/components/service-requests/live";
import { CopyButton, DownloadButton, XmlBlock } from "@/components/service-requests/xml";
import { Banner } from "@/components/smi/badges";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timeline, type TimelineEntry } from "@/components/ui/timeline";
import { orPageError, requireActor } from "@/lib/auth/session";
import { formatLondon } from "@/lib/clock";
import { srvEntry } from "@/lib/duis/catalogue";
import { CHECK_LABELS, type CheckName } from "@/lib/duis/checks";
import { RESPONSE_CODES } from "@/lib/duis/codes";
import { MESSAGE_KIND_LABELS } from "@/lib/duis/delivery";
import { decodeCommand, GBCS_VERSION } from "@/lib/duis/gbcs";
import { readServiceRequest, type EventKind, type ServiceRequestDetail } from "@/lib/duis/read-service-requests";
import { signsForParty } from "@/lib/duis/send-service-request";
import { KIND_LABELS } from "@/lib/duis/service-request-labels";
import { formatEui64 } from "@/lib/identifiers";
import { can } from "@/lib/auth/policy";

export const metadata: Metadata = { title: "Service request" };

const dash = <span className="text-slate-500">—</span>;
const when = (at: Date | null) => (at ? <time dateTime={at.toISOString()}>{formatLondon(at, "d MMM yyyy, HH:mm:ss")}</time> : dash);
const MODE_LABELS = { ON_DEMAND: "On demand", FUTURE_DATED_DEVICE: "Future dated (Device)", FUTURE_DATED_DSP: "Future dated (DSP)", DCC_SCHEDULED: "DCC Scheduled" } as const;

const EVENT_TONES: Partial<Record<EventKind, TimelineEntry["tone"]>> = {
  received: "blue",
  rejected: "red",
  "pre-command": "amber",
  "spc-received": "blue",
  "command-sent": "blue",
  answered: "green",
  "service-response": "green",
  "device-alert": "amber",
  "dcc-alert": "red",
};

const codeTitle = (code: string) => RESPONSE_CODES[code as keyof typeof RESPONSE_CODES];

/** Who did it: the sender for what arrived, the DCC for everything it did. */
const SENDER_EVENTS: EventKind[] = ["received", "spc-received"];

function timeline(sr: ServiceRequestDetail): TimelineEntry[] {
  const sender = sr.account?.name ? `${sr.account.name} (${sr.party.name})` : sr.party.name;
  return sr.events.map((e) => ({
    id: e.id,
    at: e.at,
    actorName: SENDER_EVENTS.includes(e.kind) ? sender : "DCC",
    label: e.kind === "check" ? "Check" : e.label,
    tone: e.kind === "check" ? (e.result === "fail" ? "red" : e.result === "pass" ? "green" : "slate") : (EVENT_TONES[e.kind] ?? "slate"),
    muted: e.kind === "check",
    data: { kind: e.kind, result: e.result },
    aside: e.code ? (
      <span title={codeTitle(e.code)}>
        <ResponseCode code={e.code} />
      </span>
    ) : null,
    body: (
      <p className="mt-0.5 text-slate-700">
        {e.kind === "check" ? (
          <>
            {e.label} <CheckResultBadge result={e.result!} />
          </>
        ) : null}
        {e.detail ? <span className="block text-slate-600">{e.detail}</span> : null}
        {e.messageId ? (
          <a href={`#message-${e.messageId}`} className="text-brand-700 underline">
            XML
          </a>
        ) : null}
      </p>
    ),
  }));
}

function PreCommandCard({ sr, signs, mayAct }: { sr: ServiceRequestDetail; signs: { xml: boolean; digital: boolean }; mayAct: boolean }) {
  const payload = sr.preCommandPayload!;
  const decoded = decodeCommand(Buffer.from(payload, "base64"));
  return (
    <Card title="Pre-Command" className="space-y-3">
      <div data-testid="pre-command" className="space-y-3">
        <DefinitionList
          items={[
            ["GBCS version", GBCS_VERSION],
            [
              "GBCS payload (base64)",
              <span key="payload" className="flex flex-wrap items-center gap-2">
                <code className="break-all font-mono text-xs" data-testid="pre-command-payload">
                  {payload}
                </code>
                <CopyButton text={payload} />
              </span>,
            ],
          ]}
        />
        {decoded ? (
          <div>
            <h3 className="text-sm font-semibold">Decoded payload</h3>
            <pre tabIndex={0} className="mt-1 overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs" data-testid="pre-command-decoded">
              {Object.entries(decoded)
                .map(([key, value]) => `${key}=${value}`)
                .join("\n")}
            </pre>
          </div>
        ) : null}
        {sr.status !== "PRE_COMMAND_ISSUED" || !mayAct ? null : signs.xml && signs.digital ? (
          <div className="space-y-1">
            <p className="text-sm text-slate-700">Check that the Pre-Command is what you asked for. The portal signs it with your organisation&apos;s Digital Signing key (demo keys) and sends the Signed Pre-Command.</p>
            <SignAndSendForm id={sr.id} />
          </div>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              Sign the payload with your organisation&apos;s Digital Signing key, put it in a Signed Pre-Command (same RequestID, Command Variant 5, body SignedPreCommand/GBCSPayload), sign that with your
              XML-signing key and upload it.
            </p>
            <DownloadButton content={payload} base64 filename={`${sr.requestId.replaceAll(":", "_")}.pre-command.bin`} type="application/octet-stream" label="Download payload" />
            <UploadSignedForm title="Upload the Signed Pre-Command" />
          </div>
        )}
      </div>
    </Card>
  );
}

export default async function ServiceRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ sent?: string; signed?: string }> }) {
  const actor = await requireActor("service-request.view");
  const { id } = await params;
  const flags = await searchParams;
  const sr = await orPageError(() => readServiceRequest(actor, id));
  const entry = srvEntry(sr.srv);
  const mayAct = can(actor, "service-request.send") && sr.partyId === actor.partyId;
  const signs = sr.preCommandPayload && mayAct ? await signsForParty(actor) : { xml: false, digital: false };

  return (
    <>
      <PageHeader
        title={`SRV ${sr.srv} ${entry?.name ?? ""}`}
        description={
          <span className="font-mono text-xs" data-testid="sr-request-id">
            {sr.requestId}
          </span>
        }
        actions={<LiveStatusBadge id={sr.id} status={sr.status} responseCode={sr.responseCode} />}
      />
      {flags.sent ? <Banner testId="sent-banner">Request sent: {sr.responseCode} {codeTitle(sr.responseCode ?? "") ?? ""}</Banner> : null}
      {flags.signed ? <Banner testId="signed-banner">Signed Pre-Command sent.</Banner> : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Request">
          <DefinitionList
            items={[
              ["Received", when(sr.receivedAt)],
              ["Party", `${sr.party.name} (${formatEui64(sr.party.eui64)})`],
              ["Composed by", sr.account?.name ?? dash],
              ["SRV", `${sr.srv} ${entry?.name ?? ""}`],
              ["Kind", KIND_LABELS[sr.kind]],
              ["Command Variant", sr.commandVariant],
              ["Mode", MODE_LABELS[sr.mode]],
              ["Device", sr.deviceId ? <span className="font-mono">{formatEui64(sr.deviceId)}</span> : "Non-Device"],
              ["Execute at", when(sr.executeAt)],
              ["Response code", sr.responseCode ? <span title={codeTitle(sr.responseCode)}><ResponseCode code={sr.responseCode} /></span> : dash],
              ["Command sent", when(sr.commandSentAt)],
              ...(sr.kind === "NON_DEVICE" ? [] : ([["Attempts", <span key="attempts" data-testid="sr-attempts">{sr.attempts}</span>]] as [string, React.ReactNode][])),
              ["Responded", when(sr.respondedAt)],
            ]}
          />
        </Card>
        <Card title="Events">
          <Timeline entries={timeline(sr)} testId="sr-events" />
        </Card>
      </div>

      {sr.responseData ? (
        <div className="mt-4">
          <Card title="Device's answer">
            <AnswerData data={sr.responseData} testId="sr-answer-data" />
          </Card>
        </div>
      ) : null}

      {sr.preCommandPayload ? (
        <div className="mt-4">
          <PreCommandCard sr={sr} signs={signs} mayAct={mayAct} />
        </div>
      ) : null}

      <div className="mt-4">
        <Card title="Checks">
          {sr.checkResults.length === 0 ? (
            <p className="text-sm text-slate-600">No checks recorded.</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="sr-checks">
                <caption className="sr-only">Checks run on the request, in order</caption>
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-2 py-1.5">Stage</th>
                    <th scope="col" className="px-2 py-1.5">Check</th>
                    <th scope="col" className="px-2 py-1.5">Result</th>
                    <th scope="col" className="px-2 py-1.5">Code</th>
                    <th scope="col" className="px-2 py-1.5">Reason</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {sr.checkResults.map((c, i) => (
                    <tr key={i} data-testid="sr-check" data-check={c.check} data-result={c.result}>
                      <td className="px-2 py-1.5">{c.stage === "SPC" ? "Signed Pre-Command" : "Request"}</td>
                      <td className="px-2 py-1.5">{CHECK_LABELS[c.check as CheckName] ?? c.check}</td>
                      <td className="px-2 py-1.5">
                        <CheckResultBadge result={c.result} />
                      </td>
                      <td className="px-2 py-1.5">{c.code ? <ResponseCode code={c.code} /> : dash}</td>
                      <td className="px-2 py-1.5 text-slate-700">{c.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>

      <div className="mt-4">
        <Card title="XML in and out" className="space-y-4">
          <XmlBlock title="Request (in)" xml={sr.requestXml} testId="xml-request" />
          {sr.answerXml ? <XmlBlock title="Answer (out, synchronous)" xml={sr.answerXml} testId="xml-answer" /> : null}
          {sr.spcXml ? <XmlBlock title="Signed Pre-Command (in)" xml={sr.spcXml} testId="xml-spc" /> : null}
          {sr.messages.map((m) => (
            <div key={m.id} id={`message-${m.id}`} className="space-y-1">
              <p className="flex items-center gap-2 text-xs text-slate-600">
                <Badge>{MESSAGE_KIND_LABELS[m.kind]}</Badge>
                {when(m.createdAt)}
                {m.deliveredAt ? "delivered to a Receive Response URL" : "not delivered to a Receive Response URL (it can be polled)"}
              </p>
              <XmlBlock title={`${MESSAGE_KIND_LABELS[m.kind]} ${m.code ?? ""} (out)`} xml={m.xml} testId="xml-message" />
            </div>
          ))}
        </Card>
      </div>

      <p className="mt-4 text-sm">
        <Link href="/service-requests" className="text-brand-700 underline">
          ← All Service Requests
        </Link>
      </p>
    </>
  );
}
