"use server";

// Thin server actions for a party's integration settings: API keys and Receive Response URLs.
import { revalidatePath } from "next/cache";
import type { ApiKeyScope } from "@/generated/prisma/enums";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { withActor } from "@/lib/auth/session";
import { registerResponseEndpoint, revokeResponseEndpoint } from "@/lib/duis/endpoints";
import type { ActionResult } from "@/lib/errors";

/** A form result that echoes what was submitted when refused (the form keeps it) and remounts the form each time. */
export type FormResult = ActionResult & { values?: Record<string, string>; seq?: number };
/** The key just created: in this answer only, so the page shows it once and nothing stores it. */
export type CreateKeyResult = FormResult & { created?: { key: string; name: string } };

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const seq = () => Date.now() + Math.random();

function revalidateEndpoints() {
  revalidatePath("/integration");
  revalidatePath("/admin/response-endpoints");
}

export async function createApiKeyAction(_: CreateKeyResult | null, form: FormData): Promise<CreateKeyResult> {
  const scopes = form.getAll("scopes").map(String);
  const values = { name: text(form, "name"), scopes: scopes.join(",") };
  const result = await withActor<{ key: string; name: string }>(async (actor) => {
    const { key, record } = await createApiKey(actor, { name: values.name, scopes: scopes as ApiKeyScope[] });
    revalidatePath("/integration");
    return { ok: true, data: { key, name: record.name } };
  });
  return result.ok ? { ok: true, created: result.data, seq: seq() } : { ...result, values, seq: seq() };
}

export async function revokeApiKeyAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const key = await revokeApiKey(actor, { id: text(form, "id") });
    revalidatePath("/integration");
    return { ok: true, message: `API key ${key.prefix}… revoked.` };
  });
}

export async function registerResponseEndpointAction(_: FormResult | null, form: FormData): Promise<FormResult> {
  const values = { url: text(form, "url") };
  const result: ActionResult = await withActor(async (actor) => {
    const endpoint = await registerResponseEndpoint(actor, values);
    revalidateEndpoints();
    return { ok: true, message: `${endpoint.url} registered. The DCC approves it before responses are sent there.` };
  });
  return { ...result, values, seq: seq() };
}

/** For the party and for DCC admins alike (/admin/response-endpoints posts it too). */
export async function revokeResponseEndpointAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const endpoint = await revokeResponseEndpoint(actor, { id: text(form, "id") });
    revalidateEndpoints();
    return { ok: true, message: `${endpoint.url} revoked: nothing more is sent there.` };
  });
}
