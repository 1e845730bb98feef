// Incident Management Log demo data (issue 4): incidents over the last six months raised by the demo suppliers and
// network operators, in every status, with consistent timelines (raised -> responded -> resolved -> closed), due
// times from the category targets, Service Desk assignees, Interested Parties, Problems and Major Incidents.
//
// Each incident is planned as a list of the Service Desk's and the parties' actions, then replayed up to "now" the way
// lib/incidents applies them (same fields set, same timeline events), so what is in the future is simply not there
// yet: open incidents are relative to the clock and the queue mixes on-track, at-risk and breached ones. Rows go in
// bulk (INSERT ... SELECT FROM unnest(...), one statement per batch). The fixed demo incidents (DEMO_INCIDENTS) take
// numbers 1-9 and the generated ones follow in order of logging; the sequences are then moved past them.
import type { PrismaClient } from "@/generated/prisma/client";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { actorLabel } from "@/lib/auth/actor";
import { addWorkingDays, now } from "@/lib/clock";
import { isReferenceUser } from "@/lib/duis/reference-users";
import {
  DISPUTE_WORKING_DAYS,
  MAJOR_REVIEW_WORKING_DAYS,
  MAJOR_SUMMARY_WORKING_DAYS,
  dueTimes,
  type Category,
} from "@/lib/incidents/categories";
import { majorReportDueDates } from "@/lib/incidents/manage-incident";
import { incidentRefFor } from "@/lib/incidents/raise-incident";
import type { RESOLVER_GROUPS } from "@/lib/incidents/status-machine";
import { DEMO_INCIDENTS } from "./demo-incidents";
import { DEMO_INVENTORY } from "./inventory";
import { seededFaker } from "./random";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back the generated incidents go. */
const HISTORY_DAYS = 182;

// ─── Fixed demo records (README and e2e tests rely on these) ──────────────────────────────────────────────────────

export const problemRefFor = (number: number) => `PRB${String(number).padStart(7, "0")}`;

const DEMO_COUNT = 9;
const PROBLEM_COUNT = 20;

// ─── Working Days and due times: lib/clock and lib/incidents, in epoch ms (the plan works in ms) ───────────────────

const addWd = (at: number, n: number) => addWorkingDays(new Date(at), n).getTime();

/** lib/incidents dueTimes, in epoch ms. */
function dueTimesMs(loggedAt: number, category: Category) {
  const due = dueTimes(new Date(loggedAt), category);
  return { responseDueAt: due.responseDueAt.getTime(), resolutionDueAt: due.resolutionDueAt.getTime() };
}

// ─── Texts ────────────────────────────────────────────────────────────────────────────────────────────────────────

type Group = (typeof RESOLVER_GROUPS)[number];
/** [resolver group, summary, about one device/MPxN?] */
type Topic = [Group, string, boolean];

const TOPICS: Record<Category, Topic[]> = {
  1: [
    ["DSP Operations", "DSP not processing Service Requests for any User", false],
    ["SM WAN", "WAN outage: Communications Hubs across the North region unreachable", false],
    ["SMKI and Security", "SMKI repository unavailable: certificates cannot be retrieved", false],
    ["DSP Operations", "DCC User Interface refusing connections from every User", false],
    ["SMKI and Security", "Suspected compromise of a DCC Gateway Connection", false],
  ],
  2: [
    ["SM WAN", "Communications Hubs across a whole postcode district not responding", false],
    ["DSP Operations", "Service Requests from our adapter rejected with E3 (authentication failure)", false],
    ["DSP Operations", "Prepayment top-ups (SR 2.2) not reaching meters for many customers", false],
    ["DSP Operations", "Service Responses delayed by more than two hours", false],
    ["SM WAN", "Cellular WAN degraded in the Central region: most reads failing", false],
    ["SMKI and Security", "Organisation Certificate rejected: all our Service Requests refused", false],
    ["Registration Data", "No Registration Data update received from the registration service today", false],
  ],
  3: [
    ["SM WAN", "Communications Hub intermittently losing WAN connectivity", true],
    ["Communications Hubs", "Communications Hub not responding after a firmware update", true],
    ["DSP Operations", "Read Instantaneous Values (SR 4.1.1) timing out for one premises", true],
    ["DSP Operations", "Alerts from the device not delivered to our DCC User Interface", true],
    ["Registration Data", "MPxN missing from the Registration Data held by the DCC", true],
    ["DSP Operations", "Tariff update (SR 1.1.1) not applied on the ESME", true],
    ["Communications Hubs", "GSME cannot join the Gas Proxy Function", true],
    ["SMKI and Security", "Update Security Credentials (SR 6.15.1) fails for a device", true],
    ["SM WAN", "Several Communications Hubs in one street unreachable", false],
  ],
  4: [
    ["DSP Operations", "Daily consumption log (SR 4.8) missing for one meter", true],
    ["Communications Hubs", "Communications Hub delivered with a damaged casing", false],
    ["Registration Data", "Registration Data shows the previous supplier after a change of supplier", true],
    ["Communications Hubs", "IHD not displaying gas consumption", true],
    ["DSP Operations", "Firmware update (SR 11.1) stuck at pending for one device", true],
    ["Service Desk", "SSI report download fails for long date ranges", false],
    ["DSP Operations", "Device status in the SMI does not match the installation", true],
    ["SM WAN", "Weak WAN signal at one premises: reads succeed only on retry", true],
  ],
  5: [
    ["Service Desk", "Question about the category given to one of our incidents", false],
    ["Service Desk", "Typo on the SSI help page for Device pre-notification", false],
    ["Service Desk", "Request for the Communications Hub order forecast template", false],
    ["Service Desk", "CSV export column order differs from the documentation", false],
    ["Registration Data", "Query about when Registration Data is refreshed each day", false],
    ["Service Desk", "Password reset email took an hour to arrive", false],
    ["DSP Operations", "Query about the meaning of a Response Code", false],
  ],
};

const IMPACT: Record<Category, string[]> = {
  1: [
    "Every User is affected: no Service Requests are being processed for any consumer.",
    "Hundreds of thousands of consumers affected, including prepayment customers who cannot top up.",
  ],
  2: [
    "Several thousand of our consumers are affected and there is no workaround.",
    "Prepayment customers cannot top up; vulnerable customers at risk of self-disconnection.",
    "All our scheduled reads are failing; billing will be estimated for the affected customers.",
  ],
  3: [
    "One consumer affected; our field visit is on hold until this is understood.",
    "A few hundred devices affected, reads can be retried manually in the meantime.",
    "The consumer cannot see their consumption; complaint received.",
  ],
  4: [
    "One premises affected; a workaround (manual read) is in place.",
    "Minor: one business process delayed, no effect on the consumer's supply.",
  ],
  5: ["No effect on the service to consumers.", "None; asking for information."],
};

const TRIAGE: Record<Group, string[]> = {
  "Service Desk": ["Checked the SSI help pages and the User Guide; the question is not answered there.", "Reproduced in two browsers."],
  "SM WAN": [
    "Three Service Requests sent, all timed out after 10 minutes. The Communications Hub LED is flashing (no WAN).",
    "Checked the CSP coverage checker: the premises should have coverage. Neighbouring hubs respond.",
  ],
  "DSP Operations": [
    "Service Requests acknowledged by the DSP but no Service Response received. Request IDs in our reference.",
    "Resent the request after 30 minutes with the same result; our adapter logs show no errors.",
  ],
  "SMKI and Security": ["Certificate chain checked against the SMKI repository; the signature verifies locally.", "Error returned: security check failed."],
  "Communications Hubs": [
    "Installer reports the hub powered and the ZigBee network formed, but no WAN connection.",
    "Hub reboot tried on site; no change. Photos available on request.",
  ],
  "Registration Data": [
    "Checked our own registration system: the MPxN is registered to us since the start of the month.",
    "The SSI shows a different supplier from the registration service's file.",
  ],
};

const RESOLUTION: Record<Group, string[]> = {
  "Service Desk": ["Answered by the Service Desk; the help page has been corrected.", "Explained the process and sent the template by email."],
  "SM WAN": [
    "The CSP reset the Communications Hub remotely; WAN connectivity restored and a read succeeded.",
    "A faulty cell site in the area was repaired by the CSP; hubs reconnected and reads are succeeding.",
  ],
  "DSP Operations": [
    "A stuck queue in the DSP was cleared; the outstanding Service Requests were processed.",
    "A DSP configuration error was corrected; Service Responses are now returned as expected.",
  ],
  "SMKI and Security": ["Certificates re-issued and placed on the device; Service Requests now accepted.", "The SMKI repository was restored."],
  "Communications Hubs": [
    "Replacement Communications Hub installed and commissioned.",
    "Firmware re-applied to the Communications Hub; the device joined again and responds.",
  ],
  "Registration Data": ["The Registration Data was corrected after a resend from the registration service.", "Missing MPxN added by the registration service."],
};

const WORKAROUND: Record<Group, string> = {
  "Service Desk": "Workaround: use the CSV export for shorter periods until the fix is released.",
  "SM WAN": "Workaround: the CSP resets the hub when reads fail; a permanent fix is being developed.",
  "DSP Operations": "Workaround: resend the Service Request after a Communications Hub reboot.",
  "SMKI and Security": "Workaround: certificates replaced manually; the root cause is with the Problem team.",
  "Communications Hubs": "Workaround: power-cycle the Communications Hub on site, then resend the request.",
  "Registration Data": "Workaround: the Service Desk overrides the registration until the next daily file.",
};

const NOT_AN_INCIDENT = [
  "Not an Incident: the Service Request was sent with the wrong Device ID; resend it with the right one.",
  "Not an Incident: this is the specified behaviour (see the DCC User Interface Specification).",
  "Not an Incident: duplicate of an incident already logged for the same Communications Hub.",
  "Not an Incident: the fault lies in the User's own systems, outside the DCC Total System.",
  "Not an Incident: a request for change, not a fault; please raise it through the change process.",
];

const DESK_NOTES = [
  "Asked the CSP for a WAN diagnostic of the Communications Hub.",
  "Escalated to the resolver group; next update by the end of the day.",
  "DSP logs checked: the requests reached the DSP and timed out at the Communications Hub.",
  "Reproduced in the test environment; fix being prepared.",
  "Fix in testing; we will update you tomorrow.",
];
const PARTY_NOTES = [
  "Any update? Our customer has called again.",
  "Service Request IDs from our logs attached to our reference.",
  "Our field engineer confirmed the Communications Hub has power and the WAN LED is off.",
  "The same issue is now seen at a neighbouring premises.",
];
const CONFIRMATIONS = ["Confirmed resolved on our side, thank you.", "Our customer confirms everything works again; please close."];
const DISPUTES = [
  "Still failing: the last three Service Requests to this device timed out after the resolution.",
  "The issue came back the next morning; see our reference for the request IDs.",
];
const REOPENS = [
  "The workaround stopped working: the tariff was lost again after the latest Communications Hub reboot.",
  "The workaround no longer helps: reads fail again after the reset.",
];
const RAISER_PENDING = [
  "Pending with you: please send the Service Request IDs and the times they were sent.",
  "Pending with you: please confirm the Communications Hub has power and the state of its LEDs.",
];
const OTHER_PENDING = ["awaiting a site visit report", "awaiting confirmation of their registration update", "awaiting their network diagnostics"];
const PENDING_ANSWERS = ["Information sent as requested.", "Site visit done: report attached to our reference."];
const RECATEGORISE_UP = "Impact is wider than reported: more consumers are affected.";
const RECATEGORISE_DOWN = "Only one premises is affected and a workaround exists.";

/** Problems: [title, resolver group, summary of the incidents linked to it]. The first is the demo Known Error. */
const PROBLEM_TOPICS: [string, Group, string][] = [
  [DEMO_INCIDENTS.problem.title, "DSP Operations", "Tariff update not kept on the ESME after a Communications Hub reboot"],
  ["Intermittent WAN loss on THS-C200 hubs with firmware 1.8.0", "Communications Hubs", "Communications Hub drops off the WAN every few days"],
  ["Long range radio coverage gap north of Leeds", "SM WAN", "Communications Hub in a known coverage gap unreachable"],
  ["DSP queue stalls when Service Responses exceed 1 MB", "DSP Operations", "Large profile data reads (SR 4.6.1) never return"],
  ["KM-GAS-U6 meters fail to join after a GPF reset", "Communications Hubs", "GSME drops off the Gas Proxy Function after a hub reset"],
  ["Registration Data file rejected on malformed MPRNs", "Registration Data", "Change of supplier not reflected in the Registration Data"],
  ["Certificate update fails for devices with GBCS v3.2", "SMKI and Security", "Update Security Credentials (SR 6.15.1) fails for a device"],
  ["Alerts lost when the DCC User Interface reconnects", "DSP Operations", "Device Alerts missing for a period"],
  ["Firmware distribution stuck for AM-G120 meters", "DSP Operations", "Firmware update (SR 11.1) stuck at pending for a meter"],
  ["Cellular dual band hubs drop to 2.4 GHz only", "Communications Hubs", "IHD loses connection to the Communications Hub"],
  ["SSI export times out for more than 50 000 rows", "Service Desk", "SSI report download fails for long date ranges"],
  ["Clock drift on OT-MESH 4 hubs", "Communications Hubs", "Meter readings timestamped minutes out"],
  ["Duplicate Service Responses after DSP failover", "DSP Operations", "Duplicate Service Responses received"],
  ["Prepayment top-up credit applied twice on PGI-U6 meters", "DSP Operations", "Top-up (SR 2.2) credit applied twice"],
  ["Mesh hubs lose neighbours after a power cut", "SM WAN", "Several Communications Hubs unreachable after a power cut"],
  ["SMKI Organisation Certificate renewal leaves old certificate active", "SMKI and Security", "Service Requests signed with the renewed certificate refused"],
  ["MPAN check digit validation rejects valid MPANs with distributor 23", "Registration Data", "Valid MPAN refused by the SSI"],
  ["HAN interference from solar inverters", "Communications Hubs", "ESME drops off the HAN during the day"],
  ["Daily consumption logs missing after the clock change", "DSP Operations", "Daily consumption log (SR 4.8) missing after the clock change"],
  ["Power outage alerts not sent for twin element meters", "DSP Operations", "No power outage alert from a twin element ESME"],
];

// ─── Plans and replay ─────────────────────────────────────────────────────────────────────────────────────────────

interface ActorRef {
  accountId: string | null;
  name: string;
  partyName: string;
}

interface DeviceRef {
  deviceId: string;
  mpxn: string;
  networkOperatorId: string;
  /** When the device was commissioned and the raiser registered (an incident about it comes later). */
  from: number;
}

interface PartyRef {
  id: string;
  name: string;
  domain: string;
  user: ActorRef & { accountId: string; email: string };
  devices: DeviceRef[];
}

interface Context {
  raisers: PartyRef[];
  byName: Map<string, PartyRef>;
  byId: Map<string, PartyRef>;
  desk: ActorRef[];
}

interface ProblemPlan {
  id: string;
  number: number;
  ref: string;
  title: string;
  group: Group;
  incidentSummary: string;
  knownError: boolean;
  createdAt: number;
  closedAt: number | null;
}

type Step =
  | { at: number; kind: "assign"; actor: ActorRef; group: string; assignee: ActorRef }
  | {
      at: number;
      kind: "status";
      actor: ActorRef;
      to: IncidentStatus;
      note?: string;
      pendingWith?: PartyRef;
      pause?: boolean;
      workaround?: boolean;
    }
  | { at: number; kind: "note"; actor: ActorRef; text: string }
  | { at: number; kind: "interested"; actor: ActorRef; party: PartyRef }
  | { at: number; kind: "problem"; actor: ActorRef; problem: ProblemPlan }
  | { at: number; kind: "category"; actor: ActorRef; to: Category; reason: string }
  | { at: number; kind: "major"; actor: ActorRef }
  | { at: number; kind: "major-report"; actor: ActorRef; report: "summary" | "review" }
  | { at: number; kind: "dispute"; actor: ActorRef; reason: string }
  | { at: number; kind: "reopen"; actor: ActorRef; reason: string }
  | { at: number; kind: "auto-close" };

interface Plan {
  number: number;
  /** The category now; `raisedCategory` differs when the desk changed it. */
  category: Category;
  raisedCategory: Category;
  channel: "SSI" | "PHONE";
  party: PartyRef;
  /** Who raised it: the party's user (portal) or the Service Desk agent who took the call. */
  raisedBy: ActorRef;
  createdAt: number;
  occurredAt: number;
  ownReference: string | null;
  contactName: string;
  contactDetails: string;
  device: { deviceId: string | null; mpxn: string | null };
  summary: string;
  businessImpact: string;
  triageResults: string;
  steps: Step[];
}

interface State {
  status: IncidentStatus;
  category: number;
  responseDueAt: number;
  resolutionDueAt: number;
  resolverGroup: string | null;
  assigneeId: string | null;
  pendingWithPartyId: string | null;
  pauseWhilePending: boolean;
  pausedSince: number | null;
  respondedAt: number | null;
  resolvedAt: number | null;
  resolutionNote: string | null;
  resolvedWithWorkaround: boolean;
  disputedAt: number | null;
  closedAt: number | null;
  closureReason: string | null;
  problemId: string | null;
  isMajor: boolean;
  majorSummaryDueAt: number | null;
  majorSummarySentAt: number | null;
  majorReviewDueAt: number | null;
  majorReviewSentAt: number | null;
}

const DATE_FIELDS = new Set<keyof State>([
  "responseDueAt",
  "resolutionDueAt",
  "pausedSince",
  "respondedAt",
  "resolvedAt",
  "disputedAt",
  "closedAt",
  "majorSummaryDueAt",
  "majorSummarySentAt",
  "majorReviewDueAt",
  "majorReviewSentAt",
]);

interface EventRow {
  at: number;
  actor: ActorRef | null;
  kind: string;
  field: string | null;
  fromValue: string | null;
  toValue: string | null;
  text: string | null;
}

interface Replayed {
  plan: Plan;
  state: State;
  events: EventRow[];
  interested: { partyId: string; addedAt: number }[];
  updatedAt: number;
}


function formatValue(field: keyof State, value: State[keyof State]): string | null {
  if (value === null) return null;
  return DATE_FIELDS.has(field) ? new Date(value as number).toISOString() : String(value);
}

/** Replays the steps up to `base` as lib/incidents applies them: the incident's fields, its timeline and its Interested Parties. */
export function replay(plan: Plan, base: number): Replayed {
  const due = dueTimesMs(plan.createdAt, plan.category);
  const raisedCategory = plan.raisedCategory;
  const initialDue = raisedCategory === plan.category ? due : dueTimesMs(plan.createdAt, raisedCategory);
  const state: State = {
    status: "NEW",
    category: raisedCategory,
    ...initialDue,
    resolverGroup: null,
    assigneeId: null,
    pendingWithPartyId: null,
    pauseWhilePending: false,
    pausedSince: null,
    respondedAt: null,
    resolvedAt: null,
    resolutionNote: null,
    resolvedWithWorkaround: false,
    disputedAt: null,
    closedAt: null,
    closureReason: null,
    problemId: null,
    isMajor: false,
    majorSummaryDueAt: null,
    majorSummarySentAt: null,
    majorReviewDueAt: null,
    majorReviewSentAt: null,
  };
  const events: EventRow[] = [
    {
      at: plan.createdAt,
      actor: plan.raisedBy,
      kind: "raised",
      field: null,
      fromValue: null,
      toValue: null,
      text:
        plan.channel === "PHONE"
          ? `Recorded by the Service Desk from a phone call (Category ${raisedCategory}).`
          : `Raised in the portal (Category ${raisedCategory}).`,
    },
  ];
  const interested = new Map<string, number>();
  let updatedAt = plan.createdAt;

  const log = (at: number, actor: ActorRef | null, kind: string, changes: Partial<State>, text: string | null = null) => {
    const rows: EventRow[] = [];
    for (const field of Object.keys(changes) as (keyof State)[]) {
      const before = state[field];
      const after = changes[field] as State[keyof State];
      if (String(before ?? "") !== String(after ?? "")) {
        rows.push({ at, actor, kind, field, fromValue: formatValue(field, before), toValue: formatValue(field, after), text: rows.length ? null : text });
      }
      (state as unknown as Record<string, unknown>)[field] = after;
    }
    events.push(...(rows.length ? rows : [{ at, actor, kind, field: null, fromValue: null, toValue: null, text }]));
    updatedAt = at;
  };
  const resumeClock = (at: number): Partial<State> =>
    state.pausedSince !== null ? { pausedSince: null, resolutionDueAt: state.resolutionDueAt + (at - state.pausedSince) } : {};
  const responded = (at: number): Partial<State> => (state.respondedAt === null ? { respondedAt: at } : {});
  const reportsDue = (resolvedAt: number) => {
    const due = majorReportDueDates(new Date(resolvedAt));
    return { majorSummaryDueAt: due.majorSummaryDueAt.getTime(), majorReviewDueAt: due.majorReviewDueAt.getTime() };
  };

  for (const step of plan.steps) {
    if (step.at > base) break;
    const at = step.at;
    switch (step.kind) {
      case "assign": {
        const wasPending = state.status === "PENDING";
        log(at, step.actor, "field", {
          resolverGroup: step.group,
          assigneeId: step.assignee.accountId,
          ...(state.status === "NEW" || state.status === "REOPENED" || wasPending ? { status: "ASSIGNED" as const, pendingWithPartyId: null } : {}),
          ...(wasPending ? resumeClock(at) : {}),
          ...responded(at),
        });
        break;
      }
      case "status": {
        const to = step.to;
        const from = state.status;
        let changes: Partial<State> = { status: to, ...(from === "PENDING" ? resumeClock(at) : {}) };
        if (to !== "PENDING") changes.pendingWithPartyId = null;
        if (to === "PENDING") {
          const pause = step.pause ?? false;
          changes = { ...changes, pendingWithPartyId: step.pendingWith!.id, pauseWhilePending: pause, pausedSince: pause ? at : null, ...responded(at) };
          if (!interested.has(step.pendingWith!.id) && step.pendingWith!.id !== plan.party.id) interested.set(step.pendingWith!.id, at);
        }
        if (to === "ASSIGNED" || to === "IN_PROGRESS") changes = { ...changes, ...responded(at) };
        if (to === "RESOLVED") {
          changes = { ...changes, ...responded(at), resolvedAt: at, resolutionNote: step.note!, resolvedWithWorkaround: step.workaround ?? false };
          if (state.isMajor) changes = { ...changes, ...reportsDue(at) };
        }
        if (to === "CLOSED") {
          if (from !== "RESOLVED") changes = { ...changes, closureReason: step.note! };
          changes = { ...changes, closedAt: at };
        }
        log(at, step.actor, "field", changes, step.note ?? null);
        break;
      }
      case "note":
        log(at, step.actor, "note", {}, step.text);
        break;
      case "interested":
        if (interested.has(step.party.id)) break;
        interested.set(step.party.id, at);
        log(at, step.actor, "interested-party", {}, `${step.party.name} added as an Interested Party.`);
        break;
      case "problem":
        log(at, step.actor, "field", { problemId: step.problem.id }, `Linked to ${step.problem.ref}: ${step.problem.title}`);
        break;
      case "category": {
        // Targets are recounted from when the incident was logged, keeping any time already spent paused.
        const paused = state.resolutionDueAt - dueTimesMs(plan.createdAt, state.category as Category).resolutionDueAt;
        const next = dueTimesMs(plan.createdAt, step.to);
        log(at, step.actor, "field", { category: step.to, responseDueAt: next.responseDueAt, resolutionDueAt: next.resolutionDueAt + Math.max(0, paused) }, step.reason);
        break;
      }
      case "major":
        log(at, step.actor, "field", { isMajor: true, ...(state.resolvedAt !== null ? reportsDue(state.resolvedAt) : {}) }, "Major Incident process invoked.");
        break;
      case "major-report":
        log(at, step.actor, "field", { [step.report === "summary" ? "majorSummarySentAt" : "majorReviewSentAt"]: at }, `Major Incident ${step.report} report sent to the Panel.`);
        break;
      case "dispute":
        state.status = "ASSIGNED";
        state.disputedAt = at;
        state.resolvedAt = null;
        events.push({ at, actor: step.actor, kind: "dispute", field: "status", fromValue: "RESOLVED", toValue: "ASSIGNED", text: step.reason });
        updatedAt = at;
        break;
      case "reopen":
        Object.assign(state, { status: "REOPENED", closedAt: null, resolvedAt: null, closureReason: null });
        events.push({ at, actor: step.actor, kind: "reopen", field: "status", fromValue: "CLOSED", toValue: "REOPENED", text: step.reason });
        updatedAt = at;
        break;
      case "auto-close":
        state.status = "CLOSED";
        state.closedAt = at;
        events.push({ at, actor: null, kind: "auto-close", field: "status", fromValue: "RESOLVED", toValue: "CLOSED", text: "No dispute within 3 Working Days of resolution." });
        updatedAt = at;
        break;
    }
  }
  return { plan, state, events, interested: [...interested].map(([partyId, addedAt]) => ({ partyId, addedAt })), updatedAt };
}

// ─── Generation ───────────────────────────────────────────────────────────────────────────────────────────────────

/** mulberry32: a fast seeded PRNG (seeded from the seeded faker). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORY_SHARES: [Category, number][] = [
  [1, 0.01],
  [2, 0.09],
  [3, 0.35],
  [4, 0.35],
  [5, 0.2],
];
/** Share of each category's incidents resolved within the Target Resolution Time. */
const MET_SHARE: Record<Category, number> = { 1: 0.9, 2: 0.9, 3: 0.91, 4: 0.92, 5: 0.92 };
const PARTY_WEIGHT: Record<string, number> = {
  "Brightwater Energy": 3,
  "Harbour Energy Supply": 2,
  "Meridian Home Energy": 2,
  "Northgate Power": 1.5,
  "Oakfield Electricity": 1.5,
  "Fenland Gas": 1.5,
};

class IncidentGenerator {
  private readonly r: () => number;
  private readonly pickParty: () => PartyRef;
  private readonly pickCategory: () => Category;

  constructor(
    seed: number,
    private readonly ctx: Context,
    private readonly base: number,
    private readonly problems: ProblemPlan[],
  ) {
    const faker = seededFaker(seed + 11);
    this.r = prng(faker.number.int({ min: 0, max: 0xffffffff }));
    this.pickParty = this.weighted(ctx.raisers, (p) => PARTY_WEIGHT[p.name] ?? 0.8);
    const pick = this.weighted(CATEGORY_SHARES, ([, share]) => share);
    this.pickCategory = () => pick()[0];
  }

  private weighted<T>(items: readonly T[], weightOf: (item: T) => number): () => T {
    const total = items.reduce((sum, item) => sum + weightOf(item), 0);
    const cumulative: number[] = [];
    let running = 0;
    for (const item of items) cumulative.push((running += weightOf(item) / total));
    return () => {
      const x = this.r();
      for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]) return items[i];
      return items[items.length - 1];
    };
  }

  private one<T>(items: readonly T[]): T {
    return items[Math.floor(this.r() * items.length)];
  }

  private between(min: number, max: number): number {
    return min + this.r() * (max - min);
  }

  /** When incidents were logged: the last six months, mostly in working hours, fewer at weekends; sorted. */
  loggedTimes(count: number): number[] {
    const today = this.base - (this.base % DAY);
    const times: number[] = [];
    while (times.length < count) {
      const dayStart = today - Math.floor(this.r() * HISTORY_DAYS) * DAY;
      const weekday = new Date(dayStart).getUTCDay();
      if ((weekday === 0 || weekday === 6) && this.r() > 0.3) continue;
      const at = dayStart + (this.r() < 0.8 ? this.between(7.5 * HOUR, 18.5 * HOUR) : this.r() * DAY);
      if (at < this.base - MINUTE) times.push(Math.floor(at));
    }
    return times.sort((a, b) => a - b);
  }

  private deskAgent(): ActorRef {
    return this.one(this.ctx.desk);
  }

  private otherParty(not: PartyRef): PartyRef {
    const others = this.ctx.raisers.filter((p) => p.id !== not.id);
    return this.one(others);
  }

  private contact(party: PartyRef) {
    const phone = `07${String(700_000_000 + Math.floor(this.r() * 99_999_999)).slice(0, 9)}`;
    return { contactName: party.user.name, contactDetails: `${party.user.email}, ${phone}` };
  }

  private ownReference(party: PartyRef): string | null {
    return this.r() < 0.5 ? `${party.domain.slice(0, 3).toUpperCase()}-${100_000 + Math.floor(this.r() * 900_000)}` : null;
  }

  /** One generated incident: its topic, then the desk's work on it as timed steps (some in the future, cut by the replay). */
  incident(number: number, createdAt: number): Plan {
    const r = this.r;
    const category = this.pickCategory();
    const party = this.pickParty();
    const channel = category === 1 || r() < 0.05 ? "PHONE" : "SSI";
    const desk = this.deskAgent();
    const raisedBy = channel === "PHONE" ? desk : party.user;
    const active = category === 3 || category === 4 ? this.problems.filter((p) => p.createdAt < createdAt && (p.closedAt === null || p.closedAt > createdAt + DAY)) : [];
    const problem = active.length && r() < 0.08 ? this.one(active) : null;
    const [group, summary, aboutDevice] = problem ? [problem.group, problem.incidentSummary, true] : this.one(TOPICS[category]);
    let device: Plan["device"] = { deviceId: null, mpxn: null };
    if (aboutDevice && r() < 0.7 && party.devices.length) {
      for (let tries = 0; tries < 3; tries++) {
        const d = this.one(party.devices);
        if (d.from < createdAt - DAY) {
          device = r() < 0.85 ? { deviceId: d.deviceId, mpxn: d.mpxn } : { deviceId: null, mpxn: d.mpxn };
          break;
        }
      }
    }
    // A few are raised in one category and moved by the desk (up or down one) when it responds.
    const recategorised = category !== 1 && r() < 0.03;
    const raisedCategory = (recategorised ? (category === 5 || (category > 2 && r() < 0.5) ? category - 1 : category + 1) : category) as Category;
    const plan: Plan = {
      number,
      category,
      raisedCategory,
      channel,
      party,
      raisedBy,
      createdAt,
      occurredAt: createdAt - Math.floor(this.between(5 * MINUTE, category <= 2 ? 2 * HOUR : 2 * DAY)),
      ownReference: this.ownReference(party),
      ...this.contact(party),
      device,
      summary,
      businessImpact: this.one(IMPACT[category]),
      triageResults: this.one(TRIAGE[group]),
      steps: [],
    };
    const steps = plan.steps;
    const due = dueTimesMs(createdAt, category);
    const responseWindow = due.responseDueAt - createdAt;
    const resolutionWindow = due.resolutionDueAt - createdAt;
    let t = createdAt;
    const at = (when: number) => (t = Math.max(Math.floor(when), t + MINUTE));

    // Response: the first assignment (93% within target).
    const assignee = this.deskAgent();
    at(createdAt + responseWindow * (r() < 0.93 ? this.between(0.05, 0.95) : this.between(1.05, 2.5)));
    steps.push({ at: t, kind: "assign", actor: desk, group, assignee });
    if (recategorised) steps.push({ at: at(t + 2 * MINUTE), kind: "category", actor: assignee, to: category, reason: category < raisedCategory ? RECATEGORISE_UP : RECATEGORISE_DOWN });
    if (category === 1) steps.push({ at: at(t + 3 * MINUTE), kind: "major", actor: assignee });

    // Not an Incident (AG 2.5.8): closed with the reason soon after the response.
    if (category >= 3 && !problem && r() < 0.04) {
      steps.push({ at: at(t + this.between(10 * MINUTE, 4 * HOUR)), kind: "status", actor: assignee, to: "CLOSED", note: this.one(NOT_AN_INCIDENT) });
      return plan;
    }

    // Resolution time as a share of the window: most within target, the rest late, a few very late.
    const met = r() < MET_SHARE[category];
    const share = met ? 0.1 + 0.87 * Math.pow(r(), 1.4) : r() < 0.85 ? this.between(1.03, 2.5) : this.between(2.5, 8);
    let resolveAt = createdAt + share * resolutionWindow;
    // Work starts soon after the assignment, or (half of them) once the resolver group gets to it.
    const startIn = r() < 0.5 ? this.between(5 * MINUTE, 2 * HOUR) : (resolveAt - t) * this.between(0.05, 0.3);
    steps.push({ at: at(t + Math.min(startIn, (resolveAt - t) * 0.3)), kind: "status", actor: assignee, to: "IN_PROGRESS" });
    if (problem) steps.push({ at: at(t + this.between(10 * MINUTE, HOUR)), kind: "problem", actor: assignee, problem });
    if (r() < 0.08) {
      const party2 = device.mpxn && r() < 0.6 ? (this.ctx.byId.get(party.devices.find((d) => d.mpxn === device.mpxn)!.networkOperatorId) ?? this.otherParty(party)) : this.otherParty(party);
      if (party2.id !== party.id) steps.push({ at: at(t + this.between(10 * MINUTE, 2 * HOUR)), kind: "interested", actor: assignee, party: party2 });
    }

    // Some wait on a party (the raiser for information, or another party), 40% of them with the clock paused.
    if (r() < 0.2 && resolveAt - t > 2 * HOUR) {
      const pendingAt = at(t + (resolveAt - t) * this.between(0.1, 0.5));
      const withRaiser = r() < 0.6;
      const pendingWith = withRaiser ? party : this.otherParty(party);
      const pause = r() < 0.4;
      const length = Math.max(30 * MINUTE, resolutionWindow * this.between(0.05, 0.4));
      const note = withRaiser ? this.one(RAISER_PENDING) : `Pending with ${pendingWith.name}: ${this.one(OTHER_PENDING)}.`;
      steps.push({ at: pendingAt, kind: "status", actor: assignee, to: "PENDING", pendingWith, pause, note });
      steps.push({ at: at(pendingAt + length * this.between(0.7, 0.95)), kind: "note", actor: pendingWith.user, text: this.one(PENDING_ANSWERS) });
      steps.push({ at: at(pendingAt + length), kind: "status", actor: assignee, to: "IN_PROGRESS" });
      if (pause) resolveAt += length;
    }

    // Notes on the way, from either side.
    const notes = Math.floor(r() * 3);
    for (let i = 0; i < notes && resolveAt - t > 20 * MINUTE; i++) {
      const fromParty = r() < 0.45;
      steps.push({ at: at(t + (resolveAt - t) * this.between(0.1, 0.6)), kind: "note", actor: fromParty ? party.user : assignee, text: this.one(fromParty ? PARTY_NOTES : DESK_NOTES) });
    }

    const resolve = (when: number, first: boolean) => {
      const workaround = problem?.knownError && problem.closedAt === null ? r() < 0.7 : r() < 0.12;
      const note = workaround
        ? `${problem?.knownError ? `Known Error ${problem.ref}. ` : ""}${WORKAROUND[group]}`
        : problem?.closedAt
          ? `Fixed by the permanent fix for ${problem.ref}.`
          : `${first ? "" : "Second fix: "}${this.one(RESOLUTION[group])}`;
      steps.push({ at: at(when), kind: "status", actor: assignee, to: "RESOLVED", note, workaround });
      return { resolvedAt: t, workaround };
    };
    let resolved = resolve(resolveAt, true);

    // A few resolutions are disputed within the 3 Working Days and resolved again.
    if (r() < 0.03) {
      const deadline = addWd(resolved.resolvedAt, DISPUTE_WORKING_DAYS);
      steps.push({ at: at(resolved.resolvedAt + (deadline - resolved.resolvedAt) * this.between(0.05, 0.6)), kind: "dispute", actor: party.user, reason: this.one(DISPUTES) });
      steps.push({ at: at(t + this.between(20 * MINUTE, 3 * HOUR)), kind: "status", actor: assignee, to: "IN_PROGRESS" });
      resolved = resolve(t + resolutionWindow * this.between(0.1, 0.6), false);
    }

    if (category === 1) {
      const { resolvedAt } = resolved;
      const summaryDue = addWd(resolvedAt, MAJOR_SUMMARY_WORKING_DAYS);
      const reviewDue = addWd(resolvedAt, MAJOR_REVIEW_WORKING_DAYS);
      const summaryAt = resolvedAt + (summaryDue - resolvedAt) * (r() < 0.9 ? this.between(0.3, 0.95) : this.between(1.05, 1.5));
      const reviewAt = Math.max(summaryAt + HOUR, resolvedAt + (reviewDue - resolvedAt) * (r() < 0.9 ? this.between(0.4, 0.95) : this.between(1.02, 1.2)));
      steps.push({ at: Math.floor(summaryAt), kind: "major-report", actor: assignee, report: "summary" });
      steps.push({ at: Math.floor(reviewAt), kind: "major-report", actor: assignee, report: "review" });
    }

    // Closed by the desk once the raiser confirms, or automatically after 3 Working Days without a dispute.
    const deadline = addWd(resolved.resolvedAt, DISPUTE_WORKING_DAYS);
    const closeSteps: Step[] = [];
    let closedAt = Math.floor(deadline + r() * 5 * MINUTE);
    const confirmAt = Math.floor(resolved.resolvedAt + this.between(HOUR, 30 * HOUR));
    if (r() < 0.25 && confirmAt + 4 * HOUR < deadline) {
      closedAt = Math.floor(confirmAt + this.between(10 * MINUTE, 3 * HOUR));
      closeSteps.push({ at: confirmAt, kind: "note", actor: party.user, text: this.one(CONFIRMATIONS) });
      closeSteps.push({ at: closedAt, kind: "status", actor: assignee, to: "CLOSED" });
    } else {
      closeSteps.push({ at: closedAt, kind: "auto-close" });
    }
    for (const s of closeSteps) steps.push(s);

    // A failing workaround: the raiser re-opens it (unless its Problem is closed), the desk picks it up again.
    if (resolved.workaround && category !== 1 && r() < 0.12) {
      const reopenAt = Math.floor(closedAt + this.between(2 * HOUR, 20 * DAY));
      if (!problem?.closedAt || problem.closedAt > reopenAt) {
        steps.push({ at: reopenAt, kind: "reopen", actor: party.user, reason: this.one(REOPENS) });
        t = reopenAt;
        steps.push({ at: at(reopenAt + this.between(HOUR, 2 * DAY)), kind: "assign", actor: desk, group, assignee });
        steps.push({ at: at(t + this.between(10 * MINUTE, 2 * HOUR)), kind: "status", actor: assignee, to: "IN_PROGRESS" });
        const again = at(t + resolutionWindow * this.between(0.1, 0.8));
        steps.push({ at: again, kind: "status", actor: assignee, to: "RESOLVED", note: `Second fix: ${this.one(RESOLUTION[group])}`, workaround: false });
        steps.push({ at: Math.floor(addWd(again, DISPUTE_WORKING_DAYS) + r() * 5 * MINUTE), kind: "auto-close" });
      }
    }
    // In time order: the Major Incident reports may come before or after the close (the sort is stable).
    steps.sort((a, b) => a.at - b.at);
    return plan;
  }

  /** The fixed demo incidents (DEMO_INCIDENTS), numbers 1-9, relative to `base`. */
  demo(problem: ProblemPlan): Plan[] {
    const base = this.base;
    const d = DEMO_INVENTORY;
    const party = (name: string) => this.ctx.byName.get(name)!;
    const [desk1, desk2] = [this.ctx.desk[0], this.ctx.desk[1] ?? this.ctx.desk[0]];
    const bw = party("Brightwater Energy");
    const plan = (
      number: number,
      p: PartyRef,
      category: Category,
      createdAt: number,
      topic: { summary: string; group: Group; device?: { deviceId: string | null; mpxn: string | null } },
      steps: (t: (offset: number) => number) => Step[],
      channel: "SSI" | "PHONE" = "SSI",
    ): Plan => {
      createdAt = Math.floor(createdAt);
      return {
        number,
        category,
        raisedCategory: category,
        channel,
        party: p,
        raisedBy: channel === "PHONE" ? desk1 : p.user,
        createdAt,
        occurredAt: createdAt - 40 * MINUTE,
        ownReference: `${p.domain.slice(0, 3).toUpperCase()}-${String(200_000 + number)}`,
        contactName: p.user.name,
        contactDetails: `${p.user.email}, 07700 900${String(100 + number)}`,
        device: topic.device ?? { deviceId: null, mpxn: null },
        summary: topic.summary,
        businessImpact: IMPACT[category][0],
        triageResults: TRIAGE[topic.group][0],
        steps: steps((offset) => Math.floor(createdAt + offset)),
      };
    };
    const resolvedOneWdAgo = addWd(base, -1);
    const workaroundCreated = addWd(base, -20);
    const workaroundResolved = addWd(workaroundCreated, 2);
    const reopenedCreated = addWd(base, -15);
    const reopenedResolved = addWd(reopenedCreated, 3);
    const majorResolved = resolvedOneWdAgo - 2 * HOUR;
    return [
      plan(1, bw, 3, base - 25 * MINUTE, { summary: "GSME not responding to Service Requests since this morning", group: "SM WAN", device: { deviceId: d.dualFuel.gsme, mpxn: d.dualFuel.mprn } }, () => []),
      plan(2, bw, 2, base - 20 * HOUR, { summary: "Prepayment top-ups (SR 2.2) not reaching meters for many customers", group: "DSP Operations" }, (t) => [
        { at: t(15 * MINUTE), kind: "assign", actor: desk1, group: "DSP Operations", assignee: desk1 },
        { at: t(3 * HOUR), kind: "note", actor: desk1, text: DESK_NOTES[1] },
      ]),
      plan(3, bw, 4, addWd(base, -7), { summary: "Daily consumption log (SR 4.8) missing for one meter", group: "SM WAN", device: { deviceId: d.dualFuel.esme, mpxn: d.dualFuel.mpan } }, (t) => [
        { at: t(HOUR), kind: "assign", actor: desk1, group: "SM WAN", assignee: desk2 },
        { at: t(3 * HOUR), kind: "status", actor: desk2, to: "IN_PROGRESS" },
        { at: t(5 * HOUR), kind: "note", actor: desk2, text: DESK_NOTES[0] },
        { at: t(3 * DAY), kind: "note", actor: bw.user, text: PARTY_NOTES[0] },
      ]),
      plan(4, bw, 3, base - 30 * HOUR, { summary: "IHD not displaying gas consumption", group: "Communications Hubs", device: { deviceId: d.dualFuel.ihd, mpxn: null } }, (t) => [
        { at: t(30 * MINUTE), kind: "assign", actor: desk1, group: "Communications Hubs", assignee: desk1 },
        { at: t(HOUR), kind: "status", actor: desk1, to: "IN_PROGRESS" },
        { at: t(24 * HOUR), kind: "status", actor: desk1, to: "PENDING", pendingWith: party(d.dualFuel.agent), pause: true, note: `Pending with ${d.dualFuel.agent}: awaiting a site visit report.` },
      ]),
      plan(5, party("Northgate Power"), 3, base - 10 * HOUR, { summary: "Communications Hub intermittently losing WAN connectivity", group: "Communications Hubs", device: { deviceId: d.electricityOnly.esme, mpxn: d.electricityOnly.mpan } }, (t) => [
        { at: t(20 * MINUTE), kind: "assign", actor: desk1, group: "Communications Hubs", assignee: desk1 },
        { at: t(40 * MINUTE), kind: "interested", actor: desk1, party: party(d.electricityOnly.distributor) },
        { at: t(2 * HOUR), kind: "status", actor: desk1, to: "IN_PROGRESS" },
      ]),
      plan(6, bw, 3, resolvedOneWdAgo - 40 * HOUR, { summary: "Meter readings missing for one MPAN since the hub firmware update", group: "DSP Operations", device: { deviceId: null, mpxn: d.dualFuel.mpan } }, (t) => [
        { at: t(20 * MINUTE), kind: "assign", actor: desk1, group: "DSP Operations", assignee: desk2 },
        { at: t(HOUR), kind: "status", actor: desk2, to: "IN_PROGRESS" },
        { at: t(40 * HOUR), kind: "status", actor: desk2, to: "RESOLVED", note: RESOLUTION["DSP Operations"][0] },
      ]),
      plan(7, bw, 4, workaroundCreated, { summary: problem.incidentSummary, group: problem.group, device: { deviceId: d.dualFuel.esme, mpxn: d.dualFuel.mpan } }, (t) => [
        { at: t(HOUR), kind: "assign", actor: desk2, group: problem.group, assignee: desk2 },
        { at: t(2 * HOUR), kind: "status", actor: desk2, to: "IN_PROGRESS" },
        { at: t(3 * HOUR), kind: "problem", actor: desk2, problem },
        { at: workaroundResolved, kind: "status", actor: desk2, to: "RESOLVED", workaround: true, note: `Known Error ${problem.ref}. ${WORKAROUND[problem.group]}` },
        { at: addWd(workaroundResolved, DISPUTE_WORKING_DAYS) + MINUTE, kind: "auto-close" },
      ]),
      plan(8, party("Meridian Home Energy"), 4, reopenedCreated, { summary: problem.incidentSummary, group: problem.group }, (t) => [
        { at: t(2 * HOUR), kind: "assign", actor: desk1, group: problem.group, assignee: desk1 },
        { at: t(3 * HOUR), kind: "status", actor: desk1, to: "IN_PROGRESS" },
        { at: t(4 * HOUR), kind: "problem", actor: desk1, problem },
        { at: reopenedResolved, kind: "status", actor: desk1, to: "RESOLVED", workaround: true, note: `Known Error ${problem.ref}. ${WORKAROUND[problem.group]}` },
        { at: addWd(reopenedResolved, DISPUTE_WORKING_DAYS) + 2 * MINUTE, kind: "auto-close" },
        { at: base - 20 * HOUR, kind: "reopen", actor: party("Meridian Home Energy").user, reason: REOPENS[0] },
      ]),
      plan(
        9,
        party("Harbour Energy Supply"),
        1,
        majorResolved - 3 * HOUR,
        { summary: "DSP not processing Service Requests for any User", group: "DSP Operations" },
        (t) => [
          { at: t(6 * MINUTE), kind: "assign", actor: desk1, group: "DSP Operations", assignee: desk1 },
          { at: t(8 * MINUTE), kind: "major", actor: desk1 },
          { at: t(20 * MINUTE), kind: "status", actor: desk1, to: "IN_PROGRESS" },
          { at: majorResolved, kind: "status", actor: desk1, to: "RESOLVED", note: RESOLUTION["DSP Operations"][0] },
        ],
        "PHONE",
      ),
    ];
  }

  /** ~20 Problems over the six months: PRB0000001 is the demo Known Error; some Known Errors, some closed. */
  static problems(seed: number, base: number): ProblemPlan[] {
    const r = prng(seededFaker(seed + 13).number.int({ min: 0, max: 0xffffffff }));
    const created = Array.from({ length: PROBLEM_COUNT - 1 }, () => Math.floor(base - (10 + r() * (HISTORY_DAYS - 10)) * DAY)).sort((a, b) => a - b);
    const plans: ProblemPlan[] = [];
    const add = (number: number, createdAt: number, knownError: boolean, closedAt: number | null) => {
      const [title, group, incidentSummary] = PROBLEM_TOPICS[number - 1];
      plans.push({ id: `prb_${number}`, number, ref: problemRefFor(number), title, group, incidentSummary, knownError, createdAt, closedAt });
    };
    add(1, Math.floor(base - 60 * DAY), true, null);
    created.forEach((createdAt, i) => {
      const knownError = r() < 0.45;
      const closedAt = r() < 0.35 ? Math.floor(createdAt + (20 + r() * 70) * DAY) : null;
      add(i + 2, createdAt, knownError || closedAt !== null, closedAt !== null && closedAt < base - DAY ? closedAt : null);
    });
    return plans;
  }
}

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A column's SQL type; a capitalised name is one of the schema's enums. */
export type ColumnType = "text" | "int" | "boolean" | "timestamp(3)" | "jsonb" | "IncidentStatus" | "IncidentChannel" | "EmailStatus";
type Cell = string | number | boolean | null;

/** Rows gathered column by column, written in one INSERT ... SELECT FROM unnest(...) (prisma/seed/history.ts uses it too). */
export class Table {
  readonly data: Cell[][];

  constructor(
    readonly name: string,
    readonly columns: [string, ColumnType][],
  ) {
    this.data = columns.map(() => []);
  }

  push(values: Cell[]) {
    for (let i = 0; i < values.length; i++) this.data[i].push(values[i]);
  }

  get size() {
    return this.data[0].length;
  }

  /** Every column as text[] (timestamps as UTC ISO strings), cast in SQL. */
  params(): (string | null)[][] {
    return this.data.map((column, i) => {
      const type = this.columns[i][1];
      if (type === "timestamp(3)") return column.map((v) => (v === null ? null : new Date(v as number).toISOString()));
      return column.map((v) => (v === null ? null : String(v)));
    });
  }

  sql(firstParam: number): string {
    const casts = this.columns.map(([, type], i) => `$${firstParam + i}::text[]${type === "text" ? "" : /^[A-Z]/.test(type) ? `::"${type}"[]` : `::${type}[]`}`);
    return `INSERT INTO "${this.name}" (${this.columns.map(([c]) => `"${c}"`).join(", ")}) SELECT * FROM unnest(${casts.join(", ")})`;
  }
}

const INCIDENT_COLUMNS: [string, ColumnType][] = [
  ["id", "text"],
  ["number", "int"],
  ["ref", "text"],
  ["category", "int"],
  ["status", "IncidentStatus"],
  ["channel", "IncidentChannel"],
  ["raisedByPartyId", "text"],
  ["raisedById", "text"],
  ["contactName", "text"],
  ["contactOrganisation", "text"],
  ["contactDetails", "text"],
  ["ownReference", "text"],
  ["occurredAt", "timestamp(3)"],
  ["mpxn", "text"],
  ["deviceId", "text"],
  ["summary", "text"],
  ["businessImpact", "text"],
  ["triageResults", "text"],
  ["resolverGroup", "text"],
  ["assigneeId", "text"],
  ["pendingWithPartyId", "text"],
  ["pauseWhilePending", "boolean"],
  ["pausedSince", "timestamp(3)"],
  ["responseDueAt", "timestamp(3)"],
  ["resolutionDueAt", "timestamp(3)"],
  ["respondedAt", "timestamp(3)"],
  ["resolvedAt", "timestamp(3)"],
  ["resolutionNote", "text"],
  ["resolvedWithWorkaround", "boolean"],
  ["disputedAt", "timestamp(3)"],
  ["closedAt", "timestamp(3)"],
  ["closureReason", "text"],
  ["problemId", "text"],
  ["isMajor", "boolean"],
  ["majorSummaryDueAt", "timestamp(3)"],
  ["majorSummarySentAt", "timestamp(3)"],
  ["majorReviewDueAt", "timestamp(3)"],
  ["majorReviewSentAt", "timestamp(3)"],
  ["createdAt", "timestamp(3)"],
  ["updatedAt", "timestamp(3)"],
];
const INTERESTED_COLUMNS: [string, ColumnType][] = [
  ["incidentId", "text"],
  ["partyId", "text"],
  ["addedAt", "timestamp(3)"],
];
const EVENT_COLUMNS: [string, ColumnType][] = [
  ["id", "text"],
  ["incidentId", "text"],
  ["at", "timestamp(3)"],
  ["actorId", "text"],
  ["actorName", "text"],
  ["kind", "text"],
  ["field", "text"],
  ["fromValue", "text"],
  ["toValue", "text"],
  ["text", "text"],
];

class IncidentBatch {
  incident = new Table("Incident", INCIDENT_COLUMNS);
  interested = new Table("IncidentInterestedParty", INTERESTED_COLUMNS);
  event = new Table("IncidentEvent", EVENT_COLUMNS);
}

/** One statement per batch: the incidents, their Interested Parties and events in data-modifying CTEs. */
const BATCH_SQL = (() => {
  const tables = new IncidentBatch();
  const incident = tables.incident.sql(1);
  const interested = tables.interested.sql(1 + INCIDENT_COLUMNS.length);
  const event = tables.event.sql(1 + INCIDENT_COLUMNS.length + INTERESTED_COLUMNS.length);
  return `WITH i AS (${incident}), p AS (${interested})\n${event}`;
})();

function addRows(batch: IncidentBatch, done: Replayed) {
  const { plan, state } = done;
  const id = `inc_${plan.number}`;
  batch.incident.push([
    id,
    plan.number,
    incidentRefFor(plan.number),
    state.category,
    state.status,
    plan.channel,
    plan.party.id,
    plan.channel === "SSI" ? plan.party.user.accountId : null,
    plan.contactName,
    plan.party.name,
    plan.contactDetails,
    plan.ownReference,
    plan.occurredAt,
    plan.device.mpxn,
    plan.device.deviceId,
    plan.summary,
    plan.businessImpact,
    plan.triageResults,
    state.resolverGroup,
    state.assigneeId,
    state.pendingWithPartyId,
    state.pauseWhilePending,
    state.pausedSince,
    state.responseDueAt,
    state.resolutionDueAt,
    state.respondedAt,
    state.resolvedAt,
    state.resolutionNote,
    state.resolvedWithWorkaround,
    state.disputedAt,
    state.closedAt,
    state.closureReason,
    state.problemId,
    state.isMajor,
    state.majorSummaryDueAt,
    state.majorSummarySentAt,
    state.majorReviewDueAt,
    state.majorReviewSentAt,
    plan.createdAt,
    done.updatedAt,
  ]);
  for (const p of done.interested) batch.interested.push([id, p.partyId, p.addedAt]);
  for (const [i, e] of done.events.entries()) {
    batch.event.push([`ie_${plan.number.toString(36)}_${i.toString(36).padStart(2, "0")}`, id, e.at, e.actor?.accountId ?? null, actorLabel(e.actor), e.kind, e.field, e.fromValue, e.toValue, e.text]);
  }
}

async function insertBatch(db: PrismaClient, batch: IncidentBatch) {
  await db.$executeRawUnsafe(BATCH_SQL, ...batch.incident.params(), ...batch.interested.params(), ...batch.event.params());
}

// ─── The seed module ──────────────────────────────────────────────────────────────────────────────────────────────

async function loadContext(db: PrismaClient): Promise<Context> {
  const parties = await db.party.findMany({ include: { accounts: { orderBy: { email: "asc" } } }, orderBy: { name: "asc" } });
  const dcc = parties.find((p) => p.isDcc);
  if (!dcc) throw new Error("seedIncidents: the DCC party is missing (seed parties first)");
  const desk = dcc.accounts.filter((a) => a.permissions.includes("SERVICE_DESK") && !a.disabled).map((a) => ({ accountId: a.id, name: a.name, partyName: dcc.name }));
  if (!desk.length) throw new Error("seedIncidents: no Service Desk accounts (seed parties first)");
  // The raiser's devices: commissioned meters with their MPxN, registered to the party as supplier or network operator.
  const devices = await db.$queryRawUnsafe<{ deviceId: string; mpxn: string; supplierId: string; networkOperatorId: string; from: Date }[]>(`
    SELECT dmp."deviceId", dmp.mpxn, r."supplierId", r."networkOperatorId", greatest(d."commissionedAt", r."effectiveFrom") AS "from"
    FROM "DeviceMeterPoint" dmp
    JOIN "Device" d ON d.id = dmp."deviceId" AND d.status = 'COMMISSIONED' AND d."commissionedAt" IS NOT NULL
    JOIN "RegistrationRecord" r ON r.mpxn = dmp.mpxn AND r."effectiveTo" IS NULL
    ORDER BY md5(dmp."deviceId"), dmp.mpxn
    LIMIT 8000`);
  const byName = new Map<string, PartyRef>();
  const byId = new Map<string, PartyRef>();
  const raisers: PartyRef[] = [];
  for (const party of parties) {
    if (party.isDcc) continue;
    const user = party.accounts.find((a) => a.email.startsWith("user@") && a.permissions.includes("PARTY_USER"));
    if (!user) continue;
    const ref: PartyRef = {
      id: party.id,
      name: party.name,
      domain: user.email.split("@")[1],
      user: { accountId: user.id, name: user.name, partyName: party.name, email: user.email },
      devices: devices
        .filter((d) => d.supplierId === party.id || d.networkOperatorId === party.id)
        .map((d) => ({ deviceId: d.deviceId, mpxn: d.mpxn, networkOperatorId: d.networkOperatorId, from: new Date(d.from).getTime() })),
    };
    byName.set(party.name, ref);
    byId.set(party.id, ref);
    // The DUIS reference test Users raise no demo incidents: they exist for the reference test suite.
    if (party.roles.some((role) => ["IS", "GS", "ES", "ED", "GT"].includes(role)) && !isReferenceUser(party.eui64)) raisers.push(ref);
  }
  for (const name of ["Brightwater Energy", "Northgate Power", "Meridian Home Energy", "Harbour Energy Supply", DEMO_INVENTORY.dualFuel.agent, DEMO_INVENTORY.electricityOnly.distributor]) {
    if (!byName.has(name)) throw new Error(`seedIncidents: demo party "${name}" is missing (seed parties first)`);
  }
  return { raisers, byName, byId, desk };
}

export interface IncidentSeedOptions {
  seed: number;
  /** Incidents in all, the DEMO_INCIDENTS included (at least those, unless 0: then no incidents or Problems at all). */
  incidents: number;
  log?: (line: string) => void;
  onProgress?: (done: number, total: number, label?: string) => void;
  /** Incidents per insert batch (default 2 000). */
  batchSize?: number;
  /** "Now" for the replay (default: the clock). */
  base?: number;
}

/**
 * Every incident the seed would write, demo ones first, replayed up to `base`: pure and deterministic (same seed, same
 * base, same parties and devices, same incidents). seedIncidents writes exactly these.
 */
export function* incidentRecords(ctx: Context, opts: { seed: number; incidents: number; base: number; problems: ProblemPlan[] }): Generator<Replayed> {
  if (opts.incidents <= 0) return;
  const generator = new IncidentGenerator(opts.seed, ctx, opts.base, opts.problems);
  for (const plan of generator.demo(opts.problems[0])) yield replay(plan, opts.base);
  const times = generator.loggedTimes(Math.max(0, opts.incidents - DEMO_COUNT));
  for (let i = 0; i < times.length; i++) yield replay(generator.incident(DEMO_COUNT + 1 + i, times[i]), opts.base);
}

export async function seedIncidents(db: PrismaClient, opts: IncidentSeedOptions): Promise<Record<string, number>> {
  const total = opts.incidents > 0 ? Math.max(opts.incidents, DEMO_COUNT) : 0;
  if (!total) return { incidents: 0, problems: 0, events: 0, "interested parties": 0 };
  const base = opts.base ?? now().getTime();
  const ctx = await loadContext(db);
  const problems = IncidentGenerator.problems(opts.seed, base);
  await db.problem.createMany({
    data: problems.map((p) => ({
      id: p.id,
      number: p.number,
      ref: p.ref,
      title: p.title,
      knownError: p.knownError,
      status: p.closedAt === null ? "OPEN" : "CLOSED",
      createdAt: new Date(p.createdAt),
      closedAt: p.closedAt === null ? null : new Date(p.closedAt),
    })),
  });

  const batchSize = opts.batchSize ?? 2_000;
  const counts = { incidents: 0, events: 0, interested: 0 };
  let batch = new IncidentBatch();
  let inflight: Promise<void> | null = null;
  // Build the next batch while the database writes the previous one (one write in flight at a time).
  const write = async (full: IncidentBatch) => {
    await inflight;
    const rows = full.incident.size;
    const pending = insertBatch(db, full).then(() => {
      counts.incidents += rows;
      opts.onProgress?.(counts.incidents, total, "incidents");
    });
    pending.catch(() => undefined);
    inflight = pending;
  };
  for (const done of incidentRecords(ctx, { seed: opts.seed, incidents: total, base, problems })) {
    addRows(batch, done);
    counts.events += done.events.length;
    counts.interested += done.interested.length;
    if (batch.incident.size >= batchSize) {
      await write(batch);
      batch = new IncidentBatch();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (batch.incident.size) await write(batch);
  await inflight;
  // Later incidents and Problems continue the numbering.
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Incident"', 'number'), (SELECT max(number) FROM "Incident"))`);
  await db.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"Problem"', 'number'), (SELECT max(number) FROM "Problem"))`);
  for (const table of ["Problem", "Incident", "IncidentInterestedParty", "IncidentEvent"]) await db.$executeRawUnsafe(`ANALYZE "${table}"`);
  return { incidents: counts.incidents, problems: problems.length, events: counts.events, "interested parties": counts.interested };
}

/** Exposed for tests: the plans' context from the database (parties, Service Desk agents, devices). */
export const loadIncidentContext = loadContext;
export const problemPlans = (seed: number, base: number) => IncidentGenerator.problems(seed, base);
export type { Context as IncidentContext, Replayed as ReplayedIncident };

export { DEMO_INCIDENTS };
