import type { Metadata } from "next";
import Link from "next/link";
import { Deadline, ReturnStatusBadge, RmaStatusBadge } from "@/components/returns/badges";
import { DccReturnActions, PartyReturnActions } from "@/components/returns/record-actions";
import { Banner, REGION_LABELS, SmiStatusBadge } from "@/components/smi/badges";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timeline } from "@/components/ui/timeline";
import { can } from "@/lib/auth/policy";
import { orPageError, requireActor } from "@/lib/auth/session";
import { addWorkingDays, endOfLondonDay, formatLondon, now } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { RETURN_KIND_LABELS, RETURN_RULES, reasonLabel, returnsLocation } from "@/lib/returns/catalog";
import { readReturn } from "@/lib/returns/returns";
import { OUTSTANDING_RETURN_STATUSES, RETURN_TRANSITIONS } from "@/lib/returns/status";

type Params = { params: Promise<{ ref: string }>; searchParams: Promise<{ notified?: string }> };
type ReturnRecord = Awaited<ReturnType<typeof readReturn>>;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { ref } = await params;
  return { title: `Return ${ref.toUpperCase()}` };
}

const dash = <span className="text-slate-400">—</span>;

const KIND_LABELS: { [kind: string]: string } = {
  notified: "Notified",
  rma_requested: "RMA requested",
  rma_authorised: "RMA authorised",
  received: "Received",
  under_analysis: "Further analysis",
  report_issued: "Fault Analysis Report",
  objected: "Objection",
  closed: "Closed",
  lost: "Lost",
};
/** The events of the RMA the record is on. */
const RMA_KIND_LABELS: { [kind: string]: string } = { requested: "Requested", authorised: "Authorised", rejected: "Rejected", received: "Received" };

function ReturnTimeline({ record }: { record: ReturnRecord }) {
  return (
    <Timeline
      testId="return-timeline"
      entries={record.timeline.map((e) => ({
        ...e,
        label: e.rmaId ? `RMA: ${RMA_KIND_LABELS[e.kind] ?? e.kind}` : (KIND_LABELS[e.kind] ?? e.kind),
        tone: e.rmaId ? "blue" : "slate",
        body: <p className="whitespace-pre-wrap text-slate-600">{e.text}</p>,
      }))}
    />
  );
}

export default async function ReturnPage({ params, searchParams }: Params) {
  const actor = await requireActor("ch.view");
  const { ref } = await params;
  const { notified } = await searchParams;
  const record = await orPageError(() => readReturn(actor, ref));
  const at = now();
  const outstanding = OUTSTANDING_RETURN_STATUSES.includes(record.status);
  const owner = can(actor, "ch.return") && record.partyId === actor.partyId;
  const dcc = can(actor, "ch.decide");
  const notifyBy = endOfLondonDay(addWorkingDays(record.removedAt, RETURN_RULES.notifyWorkingDays));
  const late = record.notifiedAt > notifyBy;
  const objectionOpen = record.status === "REPORT_ISSUED" && (!record.objectionDueAt || at <= record.objectionDueAt);
  const chf = formatEui64(record.deviceId);

  return (
    <>
      <PageHeader
        title={`Return ${record.ref}`}
        description={
          <>
            CH <span className="font-mono">{chf}</span> · {record.party.name}
          </>
        }
        actions={
          <>
            {owner && record.status === "NOTIFIED" ? <ButtonLink href={`/returns/rma/new?chf=${record.deviceId}`}>Request an RMA</ButtonLink> : null}
            <Link href="/returns" className="self-center text-sm text-brand-700 underline">
              All returns
            </Link>
          </>
        }
      />
      {notified ? (
        <Banner testId="notified-banner">
          Return {record.ref} recorded ({record.notifiedVia}).{" "}
          {record.returnDueAt ? <>Return the CH by {formatLondon(record.returnDueAt, "d MMM yyyy")}. </> : null}
          Next, request an RMA to book it in. An email to every OMS account of {record.party.name} has been queued.
        </Banner>
      ) : null}
      {record.device.wanBlockedAt ? (
        <Banner tone="red" testId="wan-blocked">
          CH {chf} is blocked from the SM WAN (lost or stolen) since {formatLondon(record.device.wanBlockedAt)}.
        </Banner>
      ) : null}

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="Return record">
            <DefinitionList
              items={[
                ["Reference", <span key="ref" className="font-mono" data-testid="return-ref">{record.ref}</span>],
                ["Status", <ReturnStatusBadge key="status" status={record.status} />],
                ["Party", record.party.name],
                [
                  "CHF ID",
                  <Link key="chf" href={`/smi/devices/${record.deviceId}`} className="font-mono text-brand-700 hover:underline" data-testid="return-chf">
                    {chf}
                  </Link>,
                ],
                [
                  "Device",
                  <span key="device" className="flex flex-wrap items-center gap-2">
                    <SmiStatusBadge status={record.device.status} />
                    {record.device.manufacturer ? <span>{record.device.manufacturer}</span> : null}
                    {record.device.cspRegion ? <span>{REGION_LABELS[record.device.cspRegion]} Region</span> : null}
                  </span>,
                ],
                ["Notification", <span key="kind" data-testid="return-kind">{RETURN_KIND_LABELS[record.kind]}</span>],
                ["Notified via", record.notifiedVia],
                ["Reason (party)", <span key="reason" data-testid="return-reason">{reasonLabel(record.reason)}</span>],
                ["Fault type", record.faultType ?? dash],
                ["Note", record.note ? <span key="note" className="whitespace-pre-wrap">{record.note}</span> : dash],
                ["Removed", formatLondon(record.removedAt, "EEEE d MMM yyyy")],
                [
                  "Notified",
                  <span key="notified">
                    {formatLondon(record.notifiedAt)}{" "}
                    {late ? (
                      <Badge tone="amber">after the {RETURN_RULES.notifyWorkingDays} Working Day limit ({formatLondon(notifyBy, "d MMM yyyy")})</Badge>
                    ) : (
                      <span className="text-xs text-slate-500">(within {RETURN_RULES.notifyWorkingDays} Working Days)</span>
                    )}
                  </span>,
                ],
                [
                  "RMA",
                  record.rma ? (
                    <span key="rma" className="flex flex-wrap items-center gap-2">
                      <Link href={`/returns/rma/${record.rma.ref}`} className="font-mono text-brand-700 hover:underline" data-testid="return-rma">
                        {record.rma.ref}
                      </Link>
                      <RmaStatusBadge status={record.rma.status} />
                      <span className="text-xs text-slate-600">
                        {returnsLocation(record.rma.returnsLocation)?.name}, {formatLondon(record.rma.preferredReturnDate, "d MMM yyyy")}
                        {record.rma.timeslot ? ` ${record.rma.timeslot}` : ""}
                      </span>
                    </span>
                  ) : (
                    dash
                  ),
                ],
                ["Received", record.receivedAt ? formatLondon(record.receivedAt) : dash],
                ["Lost", record.lostAt ? formatLondon(record.lostAt) : dash],
              ]}
            />
          </Card>

          <Card title="Deadlines">
            <DefinitionList
              items={[
                [
                  "Return by (90 days)",
                  record.returnDueAt ? (
                    <Deadline key="return" due={record.returnDueAt} at={at} running={outstanding} testId="return-due" />
                  ) : (
                    <span key="return" className="text-slate-600">
                      The CHF was never installed: the 90-day rule does not apply (F8.6).
                    </span>
                  ),
                ],
                ["Diagnosis notice due", <Deadline key="notice" due={record.diagnosisNoticeDueAt} at={at} running={record.status === "RECEIVED"} testId="notice-due" />],
                ["Diagnosis notice given", record.diagnosisNoticeAt ? formatLondon(record.diagnosisNoticeAt) : dash],
                ["Fault Analysis Report due", <Deadline key="report" due={record.reportDueAt} at={at} running={record.status === "UNDER_ANALYSIS"} testId="report-due" />],
                ["Objection due", <Deadline key="objection" due={record.objectionDueAt} at={at} running={record.status === "REPORT_ISSUED"} testId="objection-due" />],
              ]}
            />
            <p className="mt-3 text-xs text-slate-600">
              After receipt the DCC has {RETURN_RULES.diagnosisNoticeDays} days to say it will diagnose the CH, then {RETURN_RULES.reportDays} days to issue a
              Fault Analysis Report if it disputes the reason; otherwise the party&apos;s reason is deemed correct. The party has {RETURN_RULES.objectionDays} days to
              object to a report, or the DCC&apos;s analysis stands (F9.9-F9.13).
            </p>
          </Card>

          <Card title="Fault diagnosis">
            <DefinitionList
              items={[
                ["Reason (party)", reasonLabel(record.reason)],
                ["Reason (DCC report)", record.dccReason ? <span key="dcc" data-testid="dcc-reason">{reasonLabel(record.dccReason)}</span> : dash],
                ["Report issued", record.reportAt ? formatLondon(record.reportAt) : dash],
                ["Finding", record.reportFinding ? <span key="finding" className="whitespace-pre-wrap" data-testid="report-finding">{record.reportFinding}</span> : dash],
                ["Objected", record.objectedAt ? formatLondon(record.objectedAt) : dash],
                [
                  "Final reason",
                  record.finalReason ? (
                    <strong key="final" data-testid="final-reason">
                      {reasonLabel(record.finalReason)}
                    </strong>
                  ) : (
                    <span key="final" className="text-slate-600">
                      Not final yet
                    </span>
                  ),
                ],
                ["Closed", record.closedAt ? formatLondon(record.closedAt) : dash],
              ]}
            />
          </Card>
        </div>

        <div className="space-y-4">
          {owner ? (
            <Card title="Your actions">
              <PartyReturnActions
                recordRef={record.ref}
                canReportLost={RETURN_TRANSITIONS[record.status].includes("LOST")}
                canObject={objectionOpen}
                objectionDue={record.objectionDueAt ? formatLondon(record.objectionDueAt, "d MMM yyyy") : undefined}
              />
            </Card>
          ) : null}
          {dcc ? (
            <Card title="DCC actions">
              <DccReturnActions recordRef={record.ref} status={record.status} partyReason={record.reason} dccReason={record.dccReason} />
            </Card>
          ) : null}
          <Card title="Timeline">
            <ReturnTimeline record={record} />
          </Card>
        </div>
      </div>
    </>
  );
}
