// What a party does on an incident it can see: add a note, dispute a resolution within 3 Working Days (AG 2.12.6),
// and, as the raiser only, re-open one closed with a failing workaround (AG 2.13).
import type { z } from "zod";
import type { Incident, Problem } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/policy";
import { addWorkingDays, formatLondon, now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError, forbidden } from "@/lib/errors";
import { guardedUpdate } from "@/lib/state/transition";
import { DISPUTE_WORKING_DAYS } from "./categories";
import { loadVisibleIncident } from "./access";
import { emailIncidentParties, logIncidentChange } from "./incident-log";
import { disputeSchema, noteSchema, reopenSchema } from "./schemas";

export async function addIncidentNote(actor: Actor, input: z.input<typeof noteSchema>) {
  const data = noteSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadVisibleIncident(tx, actor, data.ref);
    // Guarded like any change: a note racing a close is refused rather than landing unseen on the closed incident.
    await guardedUpdate(tx, "incident", incident.ref, incident, { updatedAt: now() });
    await logIncidentChange(tx, actor, incident, "incident.note", { kind: "note", text: data.text });
  });
}

/** What the actor may do on an incident it sees: for each party action, null when allowed, else the refusal. */
export interface PartyActionOptions {
  dispute: AppError | null;
  /** When the 3 Working Days to dispute end (a Resolved incident only). */
  disputeDeadline: Date | null;
  reopen: AppError | null;
}

/**
 * The dispute and re-open rules, in one place: the incident page offers the forms these allow, and the actions
 * refuse with the same reasons. `problem` is the incident's linked Problem, if any.
 */
export function partyActionOptions(
  actor: Actor,
  incident: Pick<Incident, "ref" | "status" | "resolvedAt" | "raisedByPartyId" | "resolvedWithWorkaround">,
  problem: Pick<Problem, "ref" | "status"> | null,
  at: Date = now(),
): PartyActionOptions {
  const disputeDeadline = incident.status === "RESOLVED" && incident.resolvedAt ? addWorkingDays(incident.resolvedAt, DISPUTE_WORKING_DAYS) : null;
  const dispute = !can(actor, "incident.dispute")
    ? forbidden("A resolution is disputed by the Incident Party or an Interested Party, not by the DCC.")
    : !disputeDeadline
      ? new AppError("CONFLICT", `${incident.ref} is not Resolved, so there is no resolution to dispute.`)
      : at > disputeDeadline
        ? new AppError("CONFLICT", `The 3 Working Days to dispute ${incident.ref} ended at ${formatLondon(disputeDeadline)}. Raise a new incident instead.`)
        : null;
  const reopen =
    !can(actor, "incident.reopen") || incident.raisedByPartyId !== actor.partyId
      ? forbidden(`Only the party that raised ${incident.ref} may re-open it.`)
      : incident.status !== "CLOSED"
        ? new AppError("CONFLICT", `${incident.ref} is not Closed.`)
        : !incident.resolvedWithWorkaround
          ? new AppError("CONFLICT", `${incident.ref} was not closed with a workaround, so it cannot be re-opened: raise a new incident if the issue recurs.`)
          : problem?.status === "CLOSED"
            ? new AppError("CONFLICT", `Problem ${problem.ref} linked to ${incident.ref} is closed: raise a new incident.`)
            : null;
  return { dispute, disputeDeadline, reopen };
}

const linkedProblem = (tx: Tx, incident: Pick<Incident, "problemId">) => (incident.problemId ? tx.problem.findUnique({ where: { id: incident.problemId } }) : null);

export async function disputeResolution(actor: Actor, input: z.input<typeof disputeSchema>) {
  const data = disputeSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadVisibleIncident(tx, actor, data.ref);
    const refusal = partyActionOptions(actor, incident, await linkedProblem(tx, incident)).dispute;
    if (refusal) throw refusal;
    // The dispute is upheld on receipt: the incident leaves Resolved and goes back to its resolver (AG 2.12.6).
    await guardedUpdate(tx, "incident", incident.ref, incident, { status: "ASSIGNED", disputedAt: now(), resolvedAt: null, resolvedWithWorkaround: false });
    await logIncidentChange(tx, actor, incident, "incident.dispute", {
      kind: "dispute",
      changes: [{ field: "status", from: "RESOLVED", to: "ASSIGNED" }],
      text: data.reason,
    });
    await emailIncidentParties(tx, incident.id, "incident.disputed", () => "resolution disputed", `${actor.partyName} disputed the resolution: ${data.reason}`);
  });
}

export async function reopenIncident(actor: Actor, input: z.input<typeof reopenSchema>) {
  const data = reopenSchema.parse(input);
  return db().$transaction(async (tx) => {
    const incident = await loadVisibleIncident(tx, actor, data.ref);
    const refusal = partyActionOptions(actor, incident, await linkedProblem(tx, incident)).reopen;
    if (refusal) throw refusal;
    await guardedUpdate(tx, "incident", incident.ref, incident, { status: "REOPENED", closedAt: null, resolvedAt: null, closureReason: null, resolvedWithWorkaround: false });
    await logIncidentChange(tx, actor, incident, "incident.reopen", { kind: "reopen", changes: [{ field: "status", from: "CLOSED", to: "REOPENED" }], text: data.reason });
    await emailIncidentParties(tx, incident.id, "incident.reopened", () => "re-opened", `${actor.partyName} re-opened the incident: ${data.reason}`);
  });
}
