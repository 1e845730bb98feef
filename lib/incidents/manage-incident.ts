// Service Desk operations on one incident: assign, set status, change category, add Interested Parties, link a
// Problem, flag a Major Incident. Each is one transaction with its timeline events, audit row and emails.
import type { Incident, Prisma } from "@/generated/prisma/client";
import type { IncidentStatus } from "@/generated/prisma/enums";
import type { AuditAction } from "@/lib/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { addWorkingDays, now } from "@/lib/clock";
import { db, nextNumber, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { guardedUpdate } from "@/lib/state/transition";
import { MAJOR_REVIEW_WORKING_DAYS, MAJOR_SUMMARY_WORKING_DAYS, dueTimes, type Category } from "./categories";
import { loadIncidentForDesk } from "./access";
import { emailIncidentParties, logIncidentChange, type FieldChange } from "./incident-log";
import { assignSchema, changeCategorySchema, partyRefSchema, problemSchema, setStatusSchema, type SetStatusInput } from "./schemas";
import { RESOLVER_GROUPS, STATUS_LABELS, canMove } from "./status-machine";
import { z } from "zod";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function diff(before: Incident, after: Partial<Incident>, fields: (keyof Incident)[]): FieldChange[] {
  return fields
    .filter((f) => f in after && String(before[f] ?? "") !== String(after[f] ?? ""))
    .map((f) => ({ field: f, from: before[f] == null ? null : String(before[f] instanceof Date ? iso(before[f] as Date) : before[f]), to: after[f] == null ? null : String(after[f] instanceof Date ? iso(after[f] as Date) : after[f]) }));
}

/** Leaving a paused Pending: the resolution due time moves on by the time spent paused. */
function resumeClock(incident: Incident, at: Date): Partial<Incident> {
  return incident.pausedSince
    ? { pausedSince: null, resolutionDueAt: new Date(incident.resolutionDueAt.getTime() + (at.getTime() - incident.pausedSince.getTime())) }
    : {};
}

/** The first assignment to a resolver is the initial response (L7159). */
const responded = (incident: Incident, at: Date): Partial<Incident> => (incident.respondedAt ? {} : { respondedAt: at });

async function addInterestedPartyRow(tx: Tx, incidentId: string, partyId: string) {
  await tx.incidentInterestedParty.upsert({ where: { incidentId_partyId: { incidentId, partyId } }, create: { incidentId, partyId, addedAt: now() }, update: {} });
}

/** Writes the changes guarded by the status and version read (a concurrent change wins, this one is refused), then logs them. */
async function applyChange(tx: Tx, actor: Actor, incident: Incident, changes: Partial<Incident>, action: AuditAction, text?: string | null) {
  const updated = await guardedUpdate(tx, "incident", incident.ref, incident, changes as Prisma.IncidentUncheckedUpdateManyInput);
  const fields = diff(incident, changes, Object.keys(changes) as (keyof Incident)[]);
  await logIncidentChange(tx, actor, incident, action, { kind: "field", changes: fields, text });
  return updated;
}

export async function assignIncident(actor: Actor, input: z.input<typeof assignSchema>) {
  const data = assignSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, data.ref);
    if (!data.resolverGroup && !data.assigneeId) throw new AppError("INVALID", "Choose a resolver group or a person.", { resolverGroup: "Choose a group or a person." });
    if (incident.status === "RESOLVED" || incident.status === "CLOSED") {
      throw new AppError("CONFLICT", `${incident.ref} is ${STATUS_LABELS[incident.status]}: it cannot be assigned.`);
    }
    if (data.resolverGroup && !(RESOLVER_GROUPS as readonly string[]).includes(data.resolverGroup)) {
      throw new AppError("INVALID", `"${data.resolverGroup}" is not a resolver group.`, { resolverGroup: "Unknown resolver group." });
    }
    if (data.assigneeId) {
      const assignee = await tx.account.findUnique({ where: { id: data.assigneeId }, include: { party: true } });
      if (!assignee || !assignee.party.isDcc || assignee.disabled || !assignee.permissions.includes("SERVICE_DESK")) {
        throw new AppError("INVALID", "Incidents are assigned to Service Desk staff of the DCC.", { assigneeId: "Choose a Service Desk agent." });
      }
    }
    const at = now();
    const changes: Partial<Incident> = {
      ...(data.resolverGroup ? { resolverGroup: data.resolverGroup } : {}),
      ...(data.assigneeId ? { assigneeId: data.assigneeId } : {}),
      ...(incident.status === "NEW" || incident.status === "REOPENED" || incident.status === "PENDING" ? { status: "ASSIGNED" as const, pendingWithPartyId: null } : {}),
      ...(incident.status === "PENDING" ? resumeClock(incident, at) : {}),
      ...responded(incident, at),
    };
    if (!diff(incident, changes, Object.keys(changes) as (keyof Incident)[]).length) return { incident, changed: false };
    const updated = await applyChange(tx, actor, incident, changes, "incident.assign");
    await emailIncidentParties(tx, incident.id, "incident.assigned", () => "assigned", `Your incident has been assigned to ${data.resolverGroup ?? "a Service Desk agent"}.`);
    return { incident: updated, changed: true };
  });
}

export async function setIncidentStatus(actor: Actor, input: SetStatusInput) {
  const data = setStatusSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, data.ref);
    const to: IncidentStatus = data.status;
    if (incident.status === to && to !== "PENDING") return { incident, changed: false };
    if (!canMove(incident.status, to)) {
      throw new AppError("CONFLICT", `${incident.ref} cannot move from ${STATUS_LABELS[incident.status]} to ${STATUS_LABELS[to]}.`, { status: "Not allowed from the current status." });
    }
    const at = now();
    let changes: Partial<Incident> = { status: to, ...(incident.status === "PENDING" ? resumeClock(incident, at) : {}) };
    if (to !== "PENDING") changes.pendingWithPartyId = null;
    if (to === "PENDING") {
      if (!data.pendingWithPartyId) throw new AppError("INVALID", "Pending needs the party it is pending with.", { pendingWithPartyId: "Choose the party." });
      const party = await tx.party.findUnique({ where: { id: data.pendingWithPartyId } });
      if (!party || party.isDcc) throw new AppError("INVALID", "Choose the Incident Party it is pending with.", { pendingWithPartyId: "Choose a party." });
      const pause = data.pauseWhilePending ?? false;
      changes = { ...changes, pendingWithPartyId: party.id, pauseWhilePending: pause, pausedSince: pause ? at : null, ...responded(incident, at) };
    }
    if (to === "ASSIGNED" || to === "IN_PROGRESS") changes = { ...changes, ...responded(incident, at) };
    if (to === "RESOLVED") {
      if (!data.note) throw new AppError("INVALID", "Resolving needs a resolution note.", { note: "Say how it was resolved." });
      changes = { ...changes, ...responded(incident, at), resolvedAt: at, resolutionNote: data.note, resolvedWithWorkaround: data.workaround ?? false };
      if (incident.isMajor) changes = { ...changes, ...majorReportDueDates(at) };
      // A resolved Major Incident, or one resolved with a workaround, gets a Problem for its Root Cause (AG 2.10.5, 2.12.5).
      if ((incident.category === 1 || data.workaround) && !incident.problemId) {
        const problem = await createProblem(tx, `Root cause of ${incident.ref}: ${incident.summary}`.slice(0, 200));
        changes = { ...changes, problemId: problem.id };
      }
    }
    if (to === "CLOSED") {
      if (incident.status !== "RESOLVED") {
        // Closing an open incident means it is not an Incident (AG 2.5.8): the reason goes to the raiser.
        if (!data.note) throw new AppError("INVALID", "Closing an open incident needs the reason it is not an Incident.", { note: "Give the reason." });
        changes = { ...changes, closureReason: data.note, resolvedWithWorkaround: false };
      }
      changes = { ...changes, closedAt: at };
    }
    if (incident.status === "RESOLVED" && to === "IN_PROGRESS") changes = { ...changes, resolvedAt: null };
    const updated = await applyChange(tx, actor, incident, changes, "incident.set-status", data.note);
    if (updated.pendingWithPartyId) await addInterestedPartyRow(tx, incident.id, updated.pendingWithPartyId);
    await emailIncidentParties(
      tx,
      incident.id,
      to === "RESOLVED" ? "incident.resolved" : "incident.status",
      () => (to === "RESOLVED" ? "resolved" : `status ${STATUS_LABELS[to]}`),
      to === "RESOLVED"
        ? `Your incident has been resolved: ${data.note}\nIf it is not resolved, dispute it within 3 Working Days in the portal.`
        : `Your incident is now ${STATUS_LABELS[to]}.${data.note ? `\n${data.note}` : ""}`,
    );
    return { incident: updated, changed: true };
  });
}

export function majorReportDueDates(resolvedAt: Date) {
  return {
    majorSummaryDueAt: addWorkingDays(resolvedAt, MAJOR_SUMMARY_WORKING_DAYS),
    majorReviewDueAt: addWorkingDays(resolvedAt, MAJOR_REVIEW_WORKING_DAYS),
  };
}

export async function changeIncidentCategory(actor: Actor, input: z.input<typeof changeCategorySchema>) {
  const data = changeCategorySchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, data.ref);
    if (incident.category === data.category) throw new AppError("INVALID", `${incident.ref} is already Category ${data.category}.`, { category: "Same category." });
    if (incident.status === "CLOSED") throw new AppError("CONFLICT", `${incident.ref} is Closed: its category can no longer change.`);
    // Targets are recounted from when the incident was logged (AG 2.4.6), keeping any time already spent paused.
    const due = dueTimes(incident.createdAt, data.category as Category);
    const paused = incident.resolutionDueAt.getTime() - dueTimes(incident.createdAt, incident.category as Category).resolutionDueAt.getTime();
    const updated = await applyChange(
      tx,
      actor,
      incident,
      { category: data.category, responseDueAt: due.responseDueAt, resolutionDueAt: new Date(due.resolutionDueAt.getTime() + Math.max(0, paused)) },
      "incident.change-category",
      data.reason,
    );
    await emailIncidentParties(tx, incident.id, "incident.category", () => `now Category ${data.category}`, `The DCC changed the category from ${incident.category} to ${data.category}: ${data.reason}`);
    return updated;
  });
}

export async function addInterestedParty(actor: Actor, input: z.input<typeof partyRefSchema>) {
  const data = partyRefSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, data.ref);
    const party = await tx.party.findUnique({ where: { id: data.partyId } });
    if (!party || party.isDcc) throw new AppError("INVALID", "Choose a party.", { partyId: "Choose a party." });
    if (party.id === incident.raisedByPartyId) throw new AppError("INVALID", `${party.name} raised this incident.`, { partyId: "That is the raising party." });
    // Already an Interested Party: nothing to add, so no second timeline entry or email.
    if (await tx.incidentInterestedParty.findUnique({ where: { incidentId_partyId: { incidentId: incident.id, partyId: party.id } } })) return;
    // The incident's version guards the row: of two agents adding the same party at once, one is refused.
    await guardedUpdate(tx, "incident", incident.ref, incident, {});
    await addInterestedPartyRow(tx, incident.id, party.id);
    await logIncidentChange(tx, actor, incident, "incident.add-interested-party", { kind: "interested-party", text: `${party.name} added as an Interested Party.` });
    await emailIncidentParties(tx, incident.id, "incident.interested-party", () => "you are an Interested Party", `${party.name} is now an Interested Party of this incident.`);
  });
}

async function createProblem(tx: Tx, title: string) {
  const number = await nextNumber(tx, "Problem");
  return tx.problem.create({ data: { number, ref: `PRB${String(number).padStart(7, "0")}`, title, createdAt: now() } });
}

export async function linkProblem(actor: Actor, input: z.input<typeof problemSchema>) {
  const data = problemSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, data.ref);
    let problem = data.problemRef ? await tx.problem.findUnique({ where: { ref: data.problemRef.toUpperCase() } }) : null;
    if (data.problemRef && !problem) throw new AppError("INVALID", `Problem ${data.problemRef} does not exist.`, { problemRef: "No such Problem." });
    if (!problem) {
      if (!data.title) throw new AppError("INVALID", "Give the new Problem a title, or the reference of an existing one.", { title: "Title required." });
      problem = await createProblem(tx, data.title);
    }
    await applyChange(tx, actor, incident, { problemId: problem.id }, "incident.link-problem", `Linked to ${problem.ref}: ${problem.title}`);
    return problem;
  });
}

export async function flagMajorIncident(actor: Actor, input: { ref: string }) {
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, input.ref);
    if (incident.category !== 1) throw new AppError("CONFLICT", `Only a Category 1 incident is a Major Incident; ${incident.ref} is Category ${incident.category}.`);
    if (incident.isMajor) throw new AppError("CONFLICT", `${incident.ref} is already flagged as a Major Incident.`);
    return applyChange(tx, actor, incident, { isMajor: true, ...(incident.resolvedAt ? majorReportDueDates(incident.resolvedAt) : {}) }, "incident.flag-major", "Major Incident process invoked.");
  });
}

export async function recordMajorReport(actor: Actor, input: { ref: string; report: "summary" | "review" }) {
  return db().$transaction(async (tx) => {
    const incident = await loadIncidentForDesk(tx, actor, input.ref);
    if (!incident.isMajor || !incident.resolvedAt) throw new AppError("CONFLICT", `${incident.ref} has no Major Incident reports due.`);
    const field = input.report === "summary" ? "majorSummarySentAt" : "majorReviewSentAt";
    if (incident[field]) throw new AppError("CONFLICT", `The ${input.report} report for ${incident.ref} is already recorded.`);
    return applyChange(tx, actor, incident, { [field]: now() }, "incident.major-report", `Major Incident ${input.report} report sent to the Panel.`);
  });
}
