// Saved searches (SMI searches, incident views) belong to one account: nobody else can list, run or delete them.
import { z } from "zod";
import type { SavedSearch } from "@/generated/prisma/client";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize, type Action } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";
import { requiredText } from "@/lib/validation";

/** Each list that can be saved: who may use it and the URL fields that make up its search. */
export const SAVED_SEARCH_AREAS = {
  smi: { action: "smi.search", fields: ["q", "by", "property", "type", "status", "model", "region"] },
  incidents: { action: "incident.view", fields: ["q", "status", "category", "sla", "assignee", "group", "mine", "party"] },
} as const satisfies Record<string, { action: Action; fields: readonly string[] }>;

export type SavedSearchArea = keyof typeof SAVED_SEARCH_AREAS;

const saveSchema = z.object({
  area: z.enum(Object.keys(SAVED_SEARCH_AREAS) as [SavedSearchArea]).default("smi"),
  name: requiredText("The name", 60, { missing: "Give the search a name." }),
  query: z.string().max(500, "The search is too long to save."),
});

/** Keep only the search's own fields (never the page), so a saved search opens at its first page. */
export function canonicalSearchQuery(query: string, area: SavedSearchArea = "smi"): string {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const fields: readonly string[] = SAVED_SEARCH_AREAS[area].fields;
  return new URLSearchParams(fields.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))).toString();
}

export async function saveSearch(actor: Actor, input: z.input<typeof saveSchema>) {
  const data = saveSchema.parse(input);
  authorize(actor, SAVED_SEARCH_AREAS[data.area].action);
  const query = canonicalSearchQuery(data.query, data.area);
  if (!query) throw new AppError("INVALID", "Search for something before saving the search.");
  try {
    return await db().$transaction(async (tx) => {
      const saved = await tx.savedSearch.create({ data: { accountId: actor.accountId, area: data.area, name: data.name, query } });
      await audit(tx, actor, { action: "saved-search.create", entityType: "SavedSearch", entityId: saved.id, partyId: actor.partyId, after: saved });
      return saved;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `You already have a saved search called "${data.name}".`, { name: "Name already used." });
    throw error;
  }
}

export async function listSavedSearches(actor: Actor, area: SavedSearchArea = "smi") {
  authorize(actor, SAVED_SEARCH_AREAS[area].action);
  // Raw: the SMI search and incident queues read it on every request, and a model query costs more to compile than to run.
  return db().$queryRaw<SavedSearch[]>`
    SELECT id, "accountId", area, name, query, "createdAt" FROM "SavedSearch" WHERE "accountId" = ${actor.accountId} AND area = ${area} ORDER BY name`;
}

export async function deleteSavedSearch(actor: Actor, input: { id: string }) {
  await db().$transaction(async (tx) => {
    const saved = await tx.savedSearch.findFirst({ where: { id: String(input.id), accountId: actor.accountId } });
    if (!saved) throw notFound("That saved search");
    await tx.savedSearch.delete({ where: { id: saved.id } });
    await audit(tx, actor, { action: "saved-search.delete", entityType: "SavedSearch", entityId: saved.id, partyId: actor.partyId, before: saved });
  });
}
