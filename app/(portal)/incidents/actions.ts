"use server";

// Thin server actions of the incident list: bulk changes (each through the single-incident operation) and saved views.
import { revalidatePath } from "next/cache";
import type { IncidentStatus } from "@/generated/prisma/enums";
import { withActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/errors";
import { plural } from "@/lib/format";
import { BULK_LIMIT, bulkUpdateIncidents, type BulkResult } from "@/lib/incidents/bulk-update-incidents";
import { listIncidents } from "@/lib/incidents/read-incidents";
import { deleteSavedSearch, saveSearch } from "@/lib/saved-searches/saved-searches";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");
const optional = (form: FormData, name: string) => text(form, name).trim() || undefined;

/** The selection: the refs ticked, or every incident matching the list's filters ("select all matching"). */
async function selectedRefs(actor: Parameters<typeof listIncidents>[0], form: FormData): Promise<string[]> {
  if (text(form, "scope") !== "all") return form.getAll("refs").map(String).filter(Boolean);
  const params = Object.fromEntries(new URLSearchParams(text(form, "query")));
  delete params.page;
  // One more than the limit, so a selection that is too large is refused by bulkUpdateIncidents with its own message.
  const { page } = await listIncidents(actor, params, BULK_LIMIT + 1);
  return page.data.map((row) => row.ref);
}

function summarise(result: BulkResult): string {
  const parts = [`${plural(result.updated.length, "incident")} updated`];
  if (result.skipped.length) parts.push(`${result.skipped.length} skipped`);
  if (result.failed.length) parts.push(`${result.failed.length} failed`);
  return `${parts.join(", ")}.`;
}

export async function bulkUpdateAction(_: ActionResult<BulkResult> | null, form: FormData): Promise<ActionResult<BulkResult>> {
  return withActor(async (actor) => {
    const refs = await selectedRefs(actor, form);
    const kind = text(form, "kind");
    const operation =
      kind === "assign"
        ? { kind: "assign" as const, resolverGroup: optional(form, "resolverGroup"), assigneeId: optional(form, "assigneeId") }
        : kind === "status"
          ? { kind: "status" as const, status: text(form, "status") as IncidentStatus, note: optional(form, "note") }
          : { kind: "note" as const, text: text(form, "text") };
    const result = await bulkUpdateIncidents(actor, { refs, operation });
    revalidatePath("/incidents");
    return { ok: true, data: result, message: summarise(result) };
  });
}

export async function saveIncidentViewAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    const saved = await saveSearch(actor, { area: "incidents", name: text(form, "name"), query: text(form, "query") });
    revalidatePath("/incidents");
    return { ok: true, message: `View saved as "${saved.name}".` };
  });
}

export async function deleteIncidentViewAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return withActor(async (actor) => {
    await deleteSavedSearch(actor, { id: text(form, "id") });
    revalidatePath("/incidents");
    return { ok: true, message: "Saved view deleted." };
  });
}
