// Saved SMI searches belong to one account: nobody else can list, run or delete them.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation, notFound } from "@/lib/errors";

const SEARCH_FIELDS = ["q", "by", "property", "type", "status", "model", "region"];

const saveSchema = z.object({
  name: z.string().trim().min(1, "Give the search a name.").max(60, "At most 60 characters."),
  query: z.string().max(500),
});

/** Keep only the search's own fields (never the page), so a saved search opens at its first page. */
export function canonicalSearchQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  return new URLSearchParams(SEARCH_FIELDS.flatMap((f) => (params.get(f) ? [[f, params.get(f)!]] : []))).toString();
}

export async function saveSearch(actor: Actor, input: z.input<typeof saveSchema>) {
  authorize(actor, "smi.search");
  const data = saveSchema.parse(input);
  const query = canonicalSearchQuery(data.query);
  if (!query) throw new AppError("INVALID", "Search for something before saving the search.");
  try {
    return await db().savedSearch.create({ data: { accountId: actor.accountId, name: data.name, query } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("CONFLICT", `You already have a saved search called "${data.name}".`, { name: "Name already used." });
    throw error;
  }
}

export async function listSavedSearches(actor: Actor) {
  authorize(actor, "smi.search");
  return db().savedSearch.findMany({ where: { accountId: actor.accountId }, orderBy: { name: "asc" } });
}

export async function deleteSavedSearch(actor: Actor, input: { id: string }) {
  authorize(actor, "smi.search");
  const { count } = await db().savedSearch.deleteMany({ where: { id: String(input.id), accountId: actor.accountId } });
  if (!count) throw notFound("That saved search");
}
