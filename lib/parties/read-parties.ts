import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { authorize, authorizeResource, seesAllParties, type Action } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { parseEui64 } from "@/lib/identifiers";
import { pageWindow, toPage } from "@/lib/lists";
import { partyListSchema } from "./schemas";

/** DCC admin: every party with its account count; filter by name / Party ID text and User Role. */
export async function listParties(actor: Actor, filters: unknown) {
  authorize(actor, "party.manage");
  const { q, role, page } = partyListSchema.parse(filters);
  const eui = q ? parseEui64(q) : null;
  const where: Prisma.PartyWhereInput = {
    ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, ...(eui ? [{ eui64: eui }] : [])] } : {}),
    ...(role ? { roles: { has: role } } : {}),
  };
  const [data, count] = await Promise.all([
    db().party.findMany({
      where,
      orderBy: [{ isDcc: "desc" }, { name: "asc" }],
      include: { _count: { select: { accounts: true } } },
      ...pageWindow(page),
    }),
    db().party.count({ where }),
  ]);
  return toPage(data, count, page);
}

/** A party's profile and accounts: DCC admins see any party, everyone else only their own (another's is 404). */
export async function getParty(actor: Actor, id: string) {
  const party = await db().party.findUnique({
    where: { id },
    include: { accounts: { orderBy: { name: "asc" }, omit: { passwordHash: true } } },
  });
  return authorizeResource(actor, "party.view", party && { ...party, partyId: party.id }, "That party");
}

/**
 * Every party but the DCC, by name: the picker of DCC staff who act for a party (the Service Desk raising an
 * incident or recording a return for it). Only for those who see every party's records for `action`.
 */
export async function otherPartyOptions(actor: Actor, action: Action): Promise<{ id: string; name: string }[]> {
  authorize(actor, action);
  if (!seesAllParties(actor, action)) throw forbidden();
  return db().party.findMany({ where: { isDcc: false }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** Options for pickers (account creation). */
export async function partyOptions(actor: Actor) {
  authorize(actor, "party.manage");
  return db().party.findMany({ select: { id: true, name: true, isDcc: true }, orderBy: [{ isDcc: "desc" }, { name: "asc" }] });
}
