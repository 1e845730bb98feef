"use server";

// Thin server actions for Service Alerts (publish, end) and for a party's request to be added as an Interested Party
// to an issue already covered (AG 2.1.4, service.md §7 scenario 30): parse, get the actor, call one lib function.
import { revalidatePath } from "next/cache";
import type { FormResult } from "@/app/(portal)/incidents/[ref]/actions";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { endServiceAlert, publishServiceAlert, requestInterestedParty } from "@/lib/incidents/service-alerts";

const PUBLISH_FIELDS = ["title", "description", "service", "deviceId", "mpxn", "incidentRef"] as const;

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const seq = () => Date.now() + Math.random();

function revalidateAlerts() {
  revalidatePath("/incidents/service-alerts");
  revalidatePath("/incidents");
}

/** The Service Desk (or a DCC admin) publishes a Service Alert; refused forms keep what was typed. */
export async function publishServiceAlertAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = Object.fromEntries(PUBLISH_FIELDS.map((f) => [f, text(form, f)])) as Record<(typeof PUBLISH_FIELDS)[number], string>;
  const result = await withActor<undefined>(async (actor) => {
    const alert = await publishServiceAlert(actor, values);
    return { ok: true, message: `Service Alert published: ${alert.title}.` };
  });
  if (result.ok) revalidateAlerts();
  return result.ok ? { ...result, seq: seq() } : { ...result, values, seq: seq() };
}

/** Ends an active Service Alert: it leaves the banners and the related checks. */
export async function endServiceAlertAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const result = await withActor<undefined>(async (actor) => {
    const alert = await endServiceAlert(actor, { id: text(form, "id") });
    return { ok: true, message: `Service Alert ended: ${alert.title}.` };
  });
  if (result.ok) revalidateAlerts();
  return { ...result, seq: seq() };
}

/**
 * "Our issue is already covered": the Service Desk is emailed to add the actor's party as an Interested Party.
 * Called from the raise form's related panel (a button inside the raise form, so not a form of its own).
 */
export async function requestInterestAction(input: { subject: string; message?: string }): Promise<ActionResult> {
  return withActor(async (actor) => {
    await requestInterestedParty(actor, { subject: String(input?.subject ?? ""), message: input?.message ? String(input.message) : undefined });
    return { ok: true, message: `The Service Desk has been asked to add ${actor.partyName} as an Interested Party.` };
  });
}
