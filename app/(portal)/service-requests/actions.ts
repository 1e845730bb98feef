"use server";

// Thin server actions of the composer and a request's page: read the form, get the actor from the session, call one
// lib/duis function; a sent request lands on its page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { COMPOSE_FIELDS } from "@/lib/duis/composer";
import { sendComposedRequest, sendSignedRequest, signAndSendPreCommand } from "@/lib/duis/send-service-request";

/** The unsigned request of a party whose keys the portal does not hold, to sign with its own tools. */
export interface UnsignedRequest {
  xml: string;
  requestId: string;
  endpoint: string;
}

/** A refused form keeps what was sent; `seq` remounts the form with each answer. */
export type ComposeResult = ActionResult<UnsignedRequest> & { values?: Record<string, string>; seq?: number };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const seq = () => Date.now() + Math.random();
const requestPath = (id: string) => `/service-requests/${encodeURIComponent(id)}`;

function landOn(result: ActionResult<{ serviceRequestId: string }>, flag: string): void {
  if (!result.ok) return;
  revalidatePath("/service-requests");
  redirect(`${requestPath(result.data!.serviceRequestId)}?${flag}=1`);
}

export async function composeServiceRequestAction(_: ComposeResult | null, form: FormData): Promise<ComposeResult> {
  const values = Object.fromEntries(COMPOSE_FIELDS.map((f) => [f, text(form, f)]));
  const result = await withActor(async (actor) => ({ ok: true, data: await sendComposedRequest(actor, values) }));
  if (!result.ok) return { ...result, values, seq: seq() };
  const outcome = result.data!;
  if (outcome.sent) {
    revalidatePath("/service-requests");
    redirect(`${requestPath(outcome.serviceRequestId)}?sent=1`);
  }
  const { xml, requestId, endpoint } = outcome.request;
  return {
    ok: true,
    data: { xml, requestId, endpoint },
    message: `Request ${requestId} built. Sign it with your organisation's XML-signing key, then upload the signed file.`,
    values,
    seq: seq(),
  };
}

export async function signAndSendAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await withActor(async (actor) => ({ ok: true, data: await signAndSendPreCommand(actor, { id: text(form, "id") }) }));
  landOn(result, "signed");
  return result.ok ? { ok: true } : result;
}

/** The signed document: an uploaded file, or the text pasted into the form. */
async function signedXml(form: FormData): Promise<string> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) return file.text();
  return text(form, "xml");
}

export async function uploadSignedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const xml = await signedXml(form);
  const result = await withActor(async (actor) => ({ ok: true, data: await sendSignedRequest(actor, { xml }) }));
  landOn(result, "sent");
  return result.ok ? { ok: true } : result;
}
