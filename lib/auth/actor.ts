import type { Account, Party } from "@/generated/prisma/client";
import type { Permission, UserRole } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";

/** The signed-in person as every business function sees them; built on the server from the database. */
export interface Actor {
  accountId: string;
  email: string;
  name: string;
  /** Party.id (database key) of the account's organisation. */
  partyId: string;
  partyName: string;
  /** EUI-64 party identifier. */
  partyEui64: string;
  isDcc: boolean;
  roles: UserRole[];
  permissions: Permission[];
}

/** Ends every session of the account (sign-out): their tokens carry the old session version. */
export async function endSessions(accountId: string): Promise<void> {
  const actor = await loadActor(accountId);
  await db().$transaction(async (tx) => {
    const [account] = await tx.account.updateManyAndReturn({ where: { id: accountId }, data: { sessionVersion: { increment: 1 } }, select: { partyId: true, sessionVersion: true } });
    if (!account) return;
    await audit(tx, actor, { action: "account.sign-out", entityType: "Account", entityId: accountId, partyId: account.partyId, after: { sessionVersion: account.sessionVersion } });
  });
}

/** How timelines name who did something: "Name (Party)", or the DCC's automatic processing. */
export const actorLabel = (actor: Pick<Actor, "name" | "partyName"> | null) => (actor ? `${actor.name} (${actor.partyName})` : "DCC (automatic)");

/**
 * Build the actor from the database; null when the account is missing or disabled, or, given the session version a
 * session token carries, when the account's has moved on since (signed out, password reset or disabled): a copied
 * cookie dies with the session it was copied from.
 */
export async function loadActor(accountId: string, session?: { sessionVersion: number | undefined }): Promise<Actor | null> {
  // One statement with its party (an include would be two): every page and action of every request starts here.
  const [account] = await db().$queryRaw<(Omit<Actor, "accountId"> & { disabled: boolean; sessionVersion: number })[]>`
    SELECT a.email, a.name, a."partyId", a.disabled, a."sessionVersion", a.permissions::text[] AS permissions,
      p.name AS "partyName", p.eui64 AS "partyEui64", p."isDcc", p.roles::text[] AS roles
    FROM "Account" a JOIN "Party" p ON p.id = a."partyId" WHERE a.id = ${accountId}`;
  if (!account || account.disabled) return null;
  if (session && session.sessionVersion !== account.sessionVersion) return null;
  const { disabled, sessionVersion, ...actor } = account;
  return { accountId, ...actor };
}

/** The actor an account (read with its party) acts as. */
export function actorOf(account: Account & { party: Party }): Actor {
  return {
    accountId: account.id,
    email: account.email,
    name: account.name,
    partyId: account.partyId,
    partyName: account.party.name,
    partyEui64: account.party.eui64,
    isDcc: account.party.isDcc,
    roles: account.party.roles,
    permissions: account.permissions,
  };
}
