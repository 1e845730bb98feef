"use server";

// Thin server actions for raising an incident and for the operations on one incident: parse the form, get the actor
// from the session, call one lib function, revalidate the incident's page.
import { TZDate } from "@date-fns/tz";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import { LONDON } from "@/lib/clock";
import type { ActionResult } from "@/lib/errors";
import { CATEGORY_DEFINITIONS, type Category } from "@/lib/incidents/categories";
import {
  addInterestedParty,
  assignIncident,
  changeIncidentCategory,
  flagMajorIncident,
  linkProblem,
  recordMajorReport,
  setIncidentStatus,
} from "@/lib/incidents/manage-incident";
import { addIncidentNote, disputeResolution, reopenIncident } from "@/lib/incidents/party-actions";
import { raiseIncident, recordPhonedIncident } from "@/lib/incidents/raise-incident";
import { STATUS_LABELS } from "@/lib/incidents/status-machine";

/**
 * A form result that echoes what was submitted when refused (so the form keeps the user's input) and carries a
 * sequence number, so each result remounts its form afresh.
 */
export type FormResult = ActionResult & { values?: Record<string, string>; seq?: number };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;
const checked = (form: FormData, name: string) => form.get(name) === "on";
const seq = () => Date.now() + Math.random();

const incidentPath = (ref: string) => `/incidents/${encodeURIComponent(ref.trim().toUpperCase())}`;

function revalidateIncident(ref: string) {
  revalidatePath(incidentPath(ref));
  revalidatePath("/incidents");
}

/** `datetime-local` gives a wall-clock time with no zone; the portal's times are London time. */
function londonToIso(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local.trim());
  if (!m) return local.trim();
  const at = new TZDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), LONDON);
  // TZDate rolls an impossible date over (31 February becomes 3 March): leave it for the schema to refuse.
  if (at.getDate() !== Number(m[3]) || at.getMonth() !== Number(m[2]) - 1) return local.trim();
  return new Date(at.getTime()).toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Raising

const RAISE_FIELDS = ["category", "contactName", "contactOrganisation", "contactDetails", "ownReference", "occurredAt", "mpxn", "deviceId", "summary", "businessImpact", "triageResults"];
/** AG 2.1.3 (a)-(d): the raiser confirms each before raising (the checkbox names of components/incidents/raise-form.tsx). */
const PRE_RAISE_CHECKS = ["checkDevices", "checkSystems", "checkSelfHelp", "checkSsi"] as const;

function raiseInput(values: Record<string, string>) {
  return {
    category: values.category,
    contactName: values.contactName,
    contactOrganisation: values.contactOrganisation,
    contactDetails: values.contactDetails,
    ownReference: values.ownReference,
    occurredAt: londonToIso(values.occurredAt),
    mpxn: values.mpxn,
    deviceId: values.deviceId,
    summary: values.summary,
    businessImpact: values.businessImpact,
    triageResults: values.triageResults,
  };
}

/** A party raises a Category 2-5 incident in the portal; on success, its page. */
export async function raiseIncidentAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values: Record<string, string> = Object.fromEntries(RAISE_FIELDS.map((f) => [f, text(form, f)]));
  for (const check of PRE_RAISE_CHECKS) values[check] = checked(form, check) ? "on" : "";
  if (PRE_RAISE_CHECKS.some((c) => !values[c])) {
    return {
      ok: false,
      message: "Confirm each of the checks before raising: an issue in your own devices or systems, or one self-help or a Service Request can fix, is not an incident for the DCC.",
      fieldErrors: { checks: "Tick all four checks." },
      values,
      seq: seq(),
    };
  }
  const result = await withActor(async (actor) => {
    const incident = await raiseIncident(actor, { ...raiseInput(values), formKey: optional(form, "formKey") });
    return { ok: true, data: { ref: incident.ref } };
  });
  if (result.ok) {
    revalidatePath("/incidents");
    redirect(`${incidentPath((result.data as { ref: string }).ref)}?raised=1`);
  }
  return { ...result, values, seq: seq() };
}

/** The Service Desk records an incident phoned in by a party (any category, including Category 1). */
export async function recordPhonedIncidentAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values: Record<string, string> = Object.fromEntries([...RAISE_FIELDS, "partyId"].map((f) => [f, text(form, f)]));
  const result = await withActor(async (actor) => {
    const incident = await recordPhonedIncident(actor, { ...raiseInput(values), partyId: values.partyId, formKey: optional(form, "formKey") });
    return { ok: true, data: { ref: incident.ref } };
  });
  if (result.ok) {
    revalidatePath("/incidents");
    redirect(`${incidentPath((result.data as { ref: string }).ref)}?raised=1`);
  }
  return { ...result, values, seq: seq() };
}

// ---------------------------------------------------------------------------------------------------------------
// One incident: what a party that sees it may do

/** Runs one operation on one incident; refused forms keep their values, successes revalidate the page. */
async function onIncident(form: FormData, fields: string[], work: Parameters<typeof withActor<undefined>>[0]): Promise<FormResult> {
  const ref = text(form, "ref");
  const values = Object.fromEntries(fields.map((f) => [f, text(form, f)]));
  const result = await withActor(work);
  if (result.ok) revalidateIncident(ref);
  return result.ok ? { ...result, seq: seq() } : { ...result, values, seq: seq() };
}

export async function addNoteAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["text"], async (actor) => {
    await addIncidentNote(actor, { ref: text(form, "ref"), text: text(form, "text") });
    return { ok: true, message: "Note added to the timeline." };
  });
}

export async function disputeAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["reason"], async (actor) => {
    await disputeResolution(actor, { ref: text(form, "ref"), reason: text(form, "reason") });
    return { ok: true, message: "Resolution disputed: the incident is back with its resolver (Assigned)." };
  });
}

export async function reopenAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["reason"], async (actor) => {
    await reopenIncident(actor, { ref: text(form, "ref"), reason: text(form, "reason") });
    return { ok: true, message: "Incident re-opened: the Service Desk will re-assign it." };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One incident: Service Desk operations

export async function assignAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["resolverGroup", "assigneeId"], async (actor) => {
    const { incident, changed } = await assignIncident(actor, { ref: text(form, "ref"), resolverGroup: optional(form, "resolverGroup"), assigneeId: optional(form, "assigneeId") });
    return { ok: true, message: changed ? `${incident.ref} assigned; status ${STATUS_LABELS[incident.status]}.` : "Nothing changed: it is already assigned that way." };
  });
}

export async function setStatusAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["status", "pendingWithPartyId", "pauseWhilePending", "note", "workaround"], async (actor) => {
    const status = text(form, "status") as IncidentStatus;
    const { incident, changed } = await setIncidentStatus(actor, {
      ref: text(form, "ref"),
      status,
      pendingWithPartyId: optional(form, "pendingWithPartyId"),
      pauseWhilePending: checked(form, "pauseWhilePending"),
      note: optional(form, "note"),
      workaround: checked(form, "workaround"),
    });
    return { ok: true, message: changed ? `${incident.ref} is now ${STATUS_LABELS[incident.status]}.` : `${incident.ref} is already ${STATUS_LABELS[incident.status]}.` };
  });
}

export async function changeCategoryAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["category", "reason"], async (actor) => {
    const updated = await changeIncidentCategory(actor, { ref: text(form, "ref"), category: text(form, "category"), reason: text(form, "reason") });
    const definition = CATEGORY_DEFINITIONS[updated.category as Category];
    return { ok: true, message: `${updated.ref} is now Category ${updated.category} (${definition.name}); its targets were recounted from when it was logged.` };
  });
}

export async function addInterestedPartyAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["partyId"], async (actor) => {
    await addInterestedParty(actor, { ref: text(form, "ref"), partyId: text(form, "partyId") });
    return { ok: true, message: "Interested Party added; an email to its users has been queued." };
  });
}

export async function linkProblemAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["problemRef", "title"], async (actor) => {
    const problem = await linkProblem(actor, { ref: text(form, "ref"), problemRef: optional(form, "problemRef"), title: optional(form, "title") });
    return { ok: true, message: `Linked to Problem ${problem.ref}: ${problem.title}.` };
  });
}

export async function flagMajorAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, [], async (actor) => {
    await flagMajorIncident(actor, { ref: text(form, "ref") });
    return { ok: true, message: "Flagged as a Major Incident: the summary and review reports fall due from its resolution." };
  });
}

export async function recordMajorReportAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onIncident(form, ["report"], async (actor) => {
    const report = text(form, "report") === "review" ? "review" : "summary";
    await recordMajorReport(actor, { ref: text(form, "ref"), report });
    return { ok: true, message: `Major Incident ${report} report recorded as sent to the Panel.` };
  });
}
