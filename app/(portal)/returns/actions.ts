"use server";

// Thin server actions of the CH returns pages: parse the form, get the actor from the session, call one lib function.
// A refused form comes back with what was typed and the lib's field errors; each result carries a sequence number
// so the form that sent it remounts afresh.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ChReturnKind } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/errors";
import type { FAULT_TYPES, RETURN_TIMESLOTS } from "@/lib/returns/catalog";
import { acceptReturnReason, issueFaultAnalysisReport, objectToReport, settleObjection, startDiagnosis } from "@/lib/returns/diagnosis";
import { notifyReturn, reportReturnLost } from "@/lib/returns/returns";
import { decideRma, recordRmaReceipt, requestRma } from "@/lib/returns/rma";

export type FormResult = ActionResult & { values?: Record<string, string>; seq?: number };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;
const seq = () => Date.now() + Math.random();
const valuesOf = (form: FormData, fields: readonly string[]) => Object.fromEntries(fields.map((f) => [f, text(form, f)]));

const returnPath = (ref: string) => `/returns/${encodeURIComponent(ref.trim().toUpperCase())}`;
const rmaPath = (ref: string) => `/returns/rma/${encodeURIComponent(ref.trim().toUpperCase())}`;

/** CHF IDs typed one per line (commas and semicolons also separate them). */
const splitChfIds = (raw: string): string[] =>
  raw
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

// ---------------------------------------------------------------------------------------------------------------
// Return notifications (SRV 8.14.3 / 8.14.4, or the Service Desk's record of one)

const NOTIFY_FIELDS = ["deviceId", "removedOn", "kind", "faultType", "reason", "note", "partyId"] as const;

export async function notifyReturnAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = valuesOf(form, NOTIFY_FIELDS);
  const result = await withActor(async (actor) => {
    const record = await notifyReturn(actor, {
      deviceId: values.deviceId,
      removedOn: values.removedOn,
      kind: values.kind as ChReturnKind,
      reason: values.reason,
      // Only SRV 8.14.3 carries a fault type; the select is hidden (and ignored) for a no-fault return.
      faultType: values.kind === "FAULT" ? ((values.faultType || undefined) as (typeof FAULT_TYPES)[number] | undefined) : undefined,
      note: values.note.trim() || undefined,
      partyId: values.partyId || undefined,
      formKey: text(form, "formKey") || undefined,
    });
    return { ok: true, data: record.ref };
  });
  if (result.ok) {
    revalidatePath("/returns");
    redirect(`${returnPath(result.data!)}?notified=1`);
  }
  return { ...result, values, seq: seq() };
}

// ---------------------------------------------------------------------------------------------------------------
// One return record

async function onReturn(form: FormData, fields: readonly string[], work: Parameters<typeof withActor<undefined>>[0]): Promise<FormResult> {
  const ref = text(form, "ref");
  const values = valuesOf(form, fields);
  const result = await withActor(work);
  if (result.ok) {
    revalidatePath(returnPath(ref));
    revalidatePath("/returns");
  }
  return result.ok ? { ...result, seq: seq() } : { ...result, values, seq: seq() };
}

export async function reportLostAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onReturn(form, ["note"], async (actor) => {
    await reportReturnLost(actor, { ref: text(form, "ref"), note: text(form, "note") });
    return { ok: true, message: "Reported lost: the CH is blocked from the SM WAN." };
  });
}

export async function objectToReportAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onReturn(form, ["text"], async (actor) => {
    await objectToReport(actor, { ref: text(form, "ref"), text: text(form, "text") });
    return { ok: true, message: "Objection sent to the Service Desk." };
  });
}

export async function startDiagnosisAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onReturn(form, [], async (actor) => {
    await startDiagnosis(actor, { ref: text(form, "ref") });
    return { ok: true, message: "Further analysis required: the party has been told." };
  });
}

export async function acceptReasonAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onReturn(form, [], async (actor) => {
    await acceptReturnReason(actor, { ref: text(form, "ref") });
    return { ok: true, message: "The party's reason is final: the record is closed." };
  });
}

export async function issueReportAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onReturn(form, ["dccReason", "finding"], async (actor) => {
    await issueFaultAnalysisReport(actor, { ref: text(form, "ref"), dccReason: text(form, "dccReason"), finding: text(form, "finding") });
    return { ok: true, message: "Fault Analysis Report issued: the party has been told." };
  });
}

export async function settleObjectionAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onReturn(form, ["finalReason", "note"], async (actor) => {
    await settleObjection(actor, { ref: text(form, "ref"), finalReason: text(form, "finalReason"), note: text(form, "note") });
    return { ok: true, message: "Objection settled: the record is closed." };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// RMAs

const RMA_FIELDS = ["chfIds", "returnsLocation", "contactName", "contactEmail", "contactPhone", "preferredReturnDate"] as const;

export async function requestRmaAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = valuesOf(form, RMA_FIELDS);
  const result = await withActor(async (actor) => {
    const rma = await requestRma(actor, {
      chfIds: splitChfIds(values.chfIds),
      returnsLocation: values.returnsLocation,
      contactName: values.contactName,
      contactEmail: values.contactEmail.trim(),
      contactPhone: values.contactPhone,
      preferredReturnDate: values.preferredReturnDate,
      formKey: text(form, "formKey") || undefined,
    });
    return { ok: true, data: rma.ref };
  });
  if (result.ok) {
    revalidatePath("/returns");
    redirect(`${rmaPath(result.data!)}?requested=1`);
  }
  // "chfIds.2" from the schema belongs on the list.
  const fieldErrors: Record<string, string> = {};
  for (const [key, message] of Object.entries(result.fieldErrors ?? {})) fieldErrors[key.startsWith("chfIds") ? "chfIds" : key] ??= message;
  return { ...result, fieldErrors, values, seq: seq() };
}

async function onRma(form: FormData, fields: readonly string[], work: Parameters<typeof withActor<undefined>>[0]): Promise<FormResult> {
  const ref = text(form, "ref");
  const values = valuesOf(form, fields);
  const result = await withActor(work);
  if (result.ok) {
    revalidatePath(rmaPath(ref));
    revalidatePath("/returns");
  }
  return result.ok ? { ...result, seq: seq() } : { ...result, values, seq: seq() };
}

export async function decideRmaAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  return onRma(form, ["decision", "timeslot", "reason"], async (actor) => {
    const ref = text(form, "ref");
    const decision = text(form, "decision");
    if (decision === "AUTHORISED") {
      await decideRma(actor, { ref, decision, timeslot: text(form, "timeslot") as (typeof RETURN_TIMESLOTS)[number] });
      return { ok: true, message: "RMA authorised: the party can print the RMA label." };
    }
    if (decision === "REJECTED") {
      await decideRma(actor, { ref, decision, reason: text(form, "reason") });
      return { ok: true, message: "RMA rejected: the party has been told why." };
    }
    throw new AppError("INVALID", "Choose to authorise or reject the RMA.", { decision: "Choose the answer." });
  });
}

export async function recordReceiptAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const received = form.getAll("received").map(String);
  const result = await onRma(form, ["discrepancies"], async (actor) => {
    const outcome = await recordRmaReceipt(actor, { ref: text(form, "ref"), receivedChfIds: received, discrepancies: optional(form, "discrepancies") });
    return { ok: true, message: `Receipt recorded: ${outcome.received} received${outcome.missing ? `, ${outcome.missing} missing (back to "Notified: RMA needed")` : ""}.` };
  });
  return result.ok ? result : { ...result, values: { ...result.values, received: received.join("\n") } };
}
