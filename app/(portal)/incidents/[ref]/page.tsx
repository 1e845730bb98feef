import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CategoryBadge, IncidentStatusBadge, SlaBadge } from "@/components/incidents/badges";
import { SlaCountdown } from "@/components/incidents/detail-countdown";
import {
  AssignForm,
  ChangeCategoryForm,
  DisputeForm,
  FlagMajorForm,
  InterestedPartyForm,
  LinkProblemForm,
  MajorReportForm,
  NoteForm,
  ReopenForm,
  SetStatusForm,
} from "@/components/incidents/detail-forms";
import { Banner } from "@/components/smi/badges";
import { Badge, Card, DefinitionList } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Timeline } from "@/components/ui/timeline";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { requireActor } from "@/lib/auth/session";
import { formatLondon, now } from "@/lib/clock";
import { formatEui64 } from "@/lib/identifiers";
import { CATEGORIES, CATEGORY_DEFINITIONS, type Category } from "@/lib/incidents/categories";
import { partyActionOptions } from "@/lib/incidents/party-actions";
import { readIncident, type IncidentDetail } from "@/lib/incidents/read-incidents";
import { listIncidentParties, listServiceDeskAgents, type AgentOption, type PartyOption } from "@/lib/incidents/service-desk-agents";
import { slaOf, type SlaState } from "@/lib/incidents/sla";
import { DESK_TRANSITIONS, OPEN_STATUSES, RESOLVER_GROUPS, STATUS_LABELS } from "@/lib/incidents/status-machine";
import type { IncidentStatus } from "@/generated/prisma/enums";

export async function generateMetadata({ params }: { params: Promise<{ ref: string }> }): Promise<Metadata> {
  const { ref } = await params;
  return { title: ref.toUpperCase() };
}

const dash = <span className="text-slate-500">—</span>;
const when = (at: Date | null) => (at ? <time dateTime={at.toISOString()}>{formatLondon(at)}</time> : dash);
const CHANNEL_LABELS = { SSI: "Portal (SSI)", PHONE: "Phone, recorded by the Service Desk" } as const;

export default async function IncidentPage({ params, searchParams }: { params: Promise<{ ref: string }>; searchParams: Promise<{ raised?: string }> }) {
  const actor = await requireActor("incident.view");
  const { ref } = await params;
  const { raised } = await searchParams;
  const incident = await readIncident(actor, ref);
  if (!incident) notFound();

  const desk = can(actor, "incident.manage");
  const [agents, parties] = desk ? await Promise.all([listServiceDeskAgents(actor), listIncidentParties(actor)]) : [[], []];
  const at = now();
  const definition = CATEGORY_DEFINITIONS[incident.category as Category];

  return (
    <>
      <PageHeader
        title={incident.ref}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <CategoryBadge category={incident.category} />
            <IncidentStatusBadge status={incident.status} />
            {incident.isMajor ? <Badge tone="red">Major Incident</Badge> : null}
            <span data-testid="incident-summary" className="text-slate-800">
              {incident.summary}
            </span>
          </span>
        }
        actions={
          <Link href="/incidents" className="text-sm text-brand-700 underline">
            All incidents
          </Link>
        }
      />
      {raised ? (
        <Banner testId="raised-banner">
          Incident {incident.ref} {incident.channel === "PHONE" ? "recorded from the phone call" : "raised"} as Category {incident.category} ({definition?.name}). The Service Desk
          responds within {definition?.response.label}.{incident.channel === "SSI" ? " A confirmation email to the raiser has been queued." : ""}
        </Banner>
      ) : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <SlaCard incident={incident} at={at} />
          <Card title="Details">
            <Details incident={incident} />
          </Card>
          <Card title="Interested Parties">
            <InterestedParties incident={incident} />
          </Card>
          <Card title="Activity">
            <IncidentTimeline incident={incident} agents={agents} parties={parties} />
          </Card>
        </div>
        <div className="space-y-4">
          <PartyActions incident={incident} actor={actor} at={at} />
          {desk ? <DeskActions incident={incident} agents={agents} parties={parties} /> : null}
        </div>
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// SLA timers

function SlaTimer({ label, state, dueAt, doneLabel, doneAt, running, note, at, testId }: {
  label: string;
  state: SlaState;
  dueAt: Date;
  doneLabel: string;
  doneAt: Date | null;
  running: boolean;
  note?: React.ReactNode;
  at: Date;
  testId: string;
}) {
  return (
    <div className="space-y-1 rounded-md border border-slate-200 p-3" data-testid={`${testId}-timer`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">{label}</h3>
        <SlaBadge state={state} label={label} />
      </div>
      <p className="text-sm text-slate-700">
        Due <span data-testid={`${testId}-due`}>{when(dueAt)}</span>
      </p>
      {running ? <SlaCountdown dueAt={dueAt.toISOString()} serverNow={at.toISOString()} testId={`${testId}-countdown`} /> : null}
      {doneAt ? (
        <p className="text-sm text-slate-700">
          {doneLabel} {when(doneAt)}
        </p>
      ) : null}
      {note ? <p className="text-xs text-slate-600">{note}</p> : null}
    </div>
  );
}

function SlaCard({ incident, at }: { incident: IncidentDetail; at: Date }) {
  const sla = slaOf(incident, at);
  const open = OPEN_STATUSES.includes(incident.status);
  const definition = CATEGORY_DEFINITIONS[incident.category as Category];
  const notAnIncident = incident.status === "CLOSED" && !incident.resolvedAt;
  return (
    <Card title="Service levels">
      <div className="grid gap-3 sm:grid-cols-2">
        <SlaTimer
          label="Response"
          testId="response"
          state={sla.response}
          dueAt={incident.responseDueAt}
          doneLabel="Responded"
          doneAt={incident.respondedAt}
          running={open && !incident.respondedAt}
          note={`Category ${incident.category} target: ${definition?.response.label}, from logging to assignment to a resolver.`}
          at={at}
        />
        <SlaTimer
          label="Resolution"
          testId="resolution"
          state={sla.resolution}
          dueAt={sla.resolutionDueAt}
          doneLabel="Resolved"
          doneAt={incident.resolvedAt}
          running={open && !incident.pausedSince}
          note={
            incident.pausedSince
              ? `Clock paused since ${formatLondon(incident.pausedSince)} while pending with ${incident.pendingWithParty?.name ?? "a party"}: the due time moves on until it resumes.`
              : notAnIncident
                ? "Closed as not an Incident: no resolution target applies."
                : `Category ${incident.category} target: ${definition?.resolution.label}.`
          }
          at={at}
        />
      </div>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Fields

const multiline = (text: string) => <span className="whitespace-pre-wrap">{text}</span>;

function Details({ incident }: { incident: IncidentDetail }) {
  const items: [string, React.ReactNode][] = [
    ["Contact name", incident.contactName],
    ["Contact organisation", incident.contactOrganisation],
    ["Contact details", incident.contactDetails],
    ["Own reference", incident.ownReference ?? dash],
    ["Occurred", when(incident.occurredAt)],
    ["Logged", when(incident.createdAt)],
    [
      "MPxN",
      incident.mpxn ? (
        <Link href={`/smi?q=${incident.mpxn}`} className="font-mono text-brand-700 underline" data-testid="incident-mpxn">
          {incident.mpxn}
        </Link>
      ) : (
        dash
      ),
    ],
    [
      "Device ID",
      incident.deviceId ? (
        <Link href={`/smi/devices/${incident.deviceId}`} className="font-mono text-brand-700 underline" data-testid="incident-device">
          {formatEui64(incident.deviceId)}
        </Link>
      ) : (
        dash
      ),
    ],
    ["Summary", incident.summary],
    ["Business impact", multiline(incident.businessImpact)],
    ["Results of initial triage and diagnosis", multiline(incident.triageResults)],
    [
      "Raised by",
      <span key="raised" data-testid="incident-raised-by">
        {incident.raisedByParty.name}
        {incident.raisedBy ? ` · ${incident.raisedBy.name} (${incident.raisedBy.email})` : ""}
      </span>,
    ],
    ["Channel", CHANNEL_LABELS[incident.channel]],
    ["Resolver group", <span key="group" data-testid="incident-resolver-group">{incident.resolverGroup ?? "Not assigned"}</span>],
    ["Assignee", <span key="assignee" data-testid="incident-assignee">{incident.assignee?.name ?? "Not assigned"}</span>],
  ];
  if (incident.pendingWithParty || incident.status === "PENDING") {
    items.push([
      "Pending with",
      <span key="pending" data-testid="incident-pending-with">
        {incident.pendingWithParty?.name ?? dash}
        {incident.pauseWhilePending ? " · resolution clock paused" : " · resolution clock running"}
      </span>,
    ]);
  }
  if (incident.resolutionNote) items.push(["Resolution note", <span key="note" data-testid="incident-resolution-note" className="whitespace-pre-wrap">{incident.resolutionNote}</span>]);
  if (incident.resolvedAt || incident.resolvedWithWorkaround) items.push(["Workaround", incident.resolvedWithWorkaround ? "Resolved with a workaround" : "No"]);
  if (incident.disputedAt) items.push(["Last disputed", when(incident.disputedAt)]);
  if (incident.closedAt) items.push(["Closed", when(incident.closedAt)]);
  if (incident.closureReason) items.push(["Closure reason", multiline(incident.closureReason)]);
  items.push([
    "Problem",
    incident.problem ? (
      <span data-testid="incident-problem">
        <span className="font-mono">{incident.problem.ref}</span> {incident.problem.title}
        {incident.problem.knownError ? " · Known Error" : ""}
        {incident.problem.status === "CLOSED" ? " · closed" : ""}
      </span>
    ) : (
      dash
    ),
  ]);
  if (incident.isMajor) {
    items.push(["Major summary report", <MajorReport key="summary" due={incident.majorSummaryDueAt} sent={incident.majorSummarySentAt} />]);
    items.push(["Major review report", <MajorReport key="review" due={incident.majorReviewDueAt} sent={incident.majorReviewSentAt} />]);
  }
  return <DefinitionList items={items} />;
}

function MajorReport({ due, sent }: { due: Date | null; sent: Date | null }) {
  if (!due) return <span className="text-slate-600">Due once the incident is resolved</span>;
  return (
    <span>
      Due {formatLondon(due)} · {sent ? `sent ${formatLondon(sent)}` : "not sent yet"}
    </span>
  );
}

function InterestedParties({ incident }: { incident: IncidentDetail }) {
  if (!incident.interestedParties.length) return <p className="text-sm text-slate-600">No Interested Parties.</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="interested-parties">
      {incident.interestedParties.map((p) => (
        <li key={p.partyId}>
          {p.party.name} <span className="text-slate-500">· added {formatLondon(p.addedAt)}</span>
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Timeline

const FIELD_LABELS: Record<string, string> = {
  status: "Status",
  category: "Category",
  resolverGroup: "Resolver group",
  assigneeId: "Assignee",
  pendingWithPartyId: "Pending with",
  pauseWhilePending: "Pause while pending",
  pausedSince: "Paused since",
  respondedAt: "Responded",
  responseDueAt: "Response due",
  resolutionDueAt: "Resolution due",
  resolvedAt: "Resolved",
  resolutionNote: "Resolution note",
  resolvedWithWorkaround: "Workaround",
  closedAt: "Closed",
  closureReason: "Closure reason",
  problemId: "Problem",
  isMajor: "Major Incident",
  majorSummaryDueAt: "Summary report due",
  majorReviewDueAt: "Review report due",
  majorSummarySentAt: "Summary report sent",
  majorReviewSentAt: "Review report sent",
  disputedAt: "Disputed",
};

/** Changes of one entry are listed in FIELD_LABELS order: status and category first. */
const fieldOrder = (field: string) => {
  const i = Object.keys(FIELD_LABELS).indexOf(field);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

const KIND_LABELS: Record<string, string> = {
  raised: "Raised",
  note: "Note",
  field: "Change",
  dispute: "Dispute",
  reopen: "Re-open",
  "interested-party": "Interested Party",
  problem: "Problem",
  major: "Major Incident",
  "auto-close": "Auto-close",
};

type Event = IncidentDetail["events"][number];

function valueLabel(field: string, value: string | null, names: Map<string, string>): string {
  if (value === null || value === "") return "none";
  if (field === "status") return STATUS_LABELS[value as IncidentStatus] ?? value;
  if (field === "assigneeId" || field === "pendingWithPartyId" || field === "problemId") return names.get(value) ?? "another";
  if (value === "true") return "yes";
  if (value === "false") return "no";
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return formatLondon(value);
  return value;
}

/** One change writes a row per field at the same instant: show them as one entry. */
function groupEvents(events: Event[]): Event[][] {
  const groups: Event[][] = [];
  for (const e of events) {
    const last = groups.at(-1)?.[0];
    if (last && last.at.getTime() === e.at.getTime() && last.actorName === e.actorName && last.kind === e.kind) groups.at(-1)!.push(e);
    else groups.push([e]);
  }
  return groups;
}

function IncidentTimeline({ incident, agents, parties }: { incident: IncidentDetail; agents: AgentOption[]; parties: PartyOption[] }) {
  const names = new Map<string, string>([
    ...agents.map((a) => [a.id, a.name] as const),
    ...parties.map((p) => [p.id, p.name] as const),
    ...incident.interestedParties.map((p) => [p.partyId, p.party.name] as const),
    [incident.raisedByParty.id, incident.raisedByParty.name],
  ]);
  if (incident.assignee) names.set(incident.assignee.id, incident.assignee.name);
  if (incident.pendingWithParty) names.set(incident.pendingWithParty.id, incident.pendingWithParty.name);
  if (incident.problem) names.set(incident.problem.id, `${incident.problem.ref} ${incident.problem.title}`);
  return (
    <Timeline
      testId="incident-timeline"
      entries={groupEvents(incident.events).map((group) => {
        const first = group[0];
        const text = group.find((e) => e.text)?.text;
        const changes = group.filter((e) => e.field).sort((a, b) => fieldOrder(a.field!) - fieldOrder(b.field!));
        return {
          id: first.id,
          at: first.at,
          actorName: first.actorName,
          label: KIND_LABELS[first.kind] ?? first.kind,
          body: (
            <>
              {changes.length ? (
                <ul className="text-slate-700">
                  {changes.map((c) => (
                    <li key={c.id}>
                      {FIELD_LABELS[c.field!] ?? c.field}{" "}
                      {c.toValue && c.toValue === text && !c.fromValue ? "recorded" : `${valueLabel(c.field!, c.fromValue, names)} → ${valueLabel(c.field!, c.toValue, names)}`}
                    </li>
                  ))}
                </ul>
              ) : null}
              {text ? <p className="whitespace-pre-wrap text-slate-600">{text}</p> : null}
            </>
          ),
        };
      })}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Actions

function PartyActions({ incident, actor, at }: { incident: IncidentDetail; actor: Actor; at: Date }) {
  const options = partyActionOptions(actor, incident, incident.problem, at);
  const deadline = options.disputeDeadline;
  const canDispute = !options.dispute;
  const canReopen = !options.reopen;
  return (
    <Card title="Update">
      <div className="space-y-4" data-testid="party-actions">
        <DisputeForm incidentRef={incident.ref} deadline={deadline ? formatLondon(deadline) : null} available={canDispute} />
        <ReopenForm incidentRef={incident.ref} available={canReopen} />
        <NoteForm incidentRef={incident.ref} />
      </div>
    </Card>
  );
}

function DeskActions({ incident, agents, parties }: { incident: IncidentDetail; agents: AgentOption[]; parties: PartyOption[] }) {
  const open = OPEN_STATUSES.includes(incident.status);
  const interested = new Set([incident.raisedByPartyId, ...incident.interestedParties.map((p) => p.partyId)]);
  const majorReports = [
    ...(incident.majorSummarySentAt ? [] : [{ value: "summary" as const, label: `Summary report${incident.majorSummaryDueAt ? ` (due ${formatLondon(incident.majorSummaryDueAt)})` : ""}` }]),
    ...(incident.majorReviewSentAt ? [] : [{ value: "review" as const, label: `Review report${incident.majorReviewDueAt ? ` (due ${formatLondon(incident.majorReviewDueAt)})` : ""}` }]),
  ];
  return (
    <Card title="Service Desk">
      <div className="space-y-4" data-testid="desk-actions">
        <AssignForm
          incidentRef={incident.ref}
          groups={RESOLVER_GROUPS}
          agents={agents}
          current={{ resolverGroup: incident.resolverGroup, assigneeId: incident.assignee?.id ?? null }}
          available={open}
        />
        <SetStatusForm
          incidentRef={incident.ref}
          status={incident.status}
          targets={DESK_TRANSITIONS[incident.status]}
          parties={parties}
          available={DESK_TRANSITIONS[incident.status].length > 0}
        />
        <ChangeCategoryForm
          incidentRef={incident.ref}
          current={incident.category}
          categories={CATEGORIES.map((c) => ({ category: c, name: CATEGORY_DEFINITIONS[c].name, resolution: CATEGORY_DEFINITIONS[c].resolution.label }))}
          available={incident.status !== "CLOSED"}
        />
        <InterestedPartyForm incidentRef={incident.ref} parties={parties.filter((p) => !interested.has(p.id))} available />
        <LinkProblemForm incidentRef={incident.ref} currentProblem={incident.problem ? incident.problem.ref : null} available />
        <FlagMajorForm incidentRef={incident.ref} available={incident.category === 1 && !incident.isMajor} />
        <MajorReportForm incidentRef={incident.ref} reports={majorReports} available={incident.isMajor && !!incident.resolvedAt && majorReports.length > 0} />
      </div>
    </Card>
  );
}
