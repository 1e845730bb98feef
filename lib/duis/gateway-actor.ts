// The actor of requests a party's own systems send over DUIS. SMI operations and audit rows need an account; a User's
// system is not a person, so each party gets one system account ("DUIS gateway") that never signs in.
import type { Permission } from "@/generated/prisma/enums";
import { actorOf, type Actor } from "@/lib/auth/actor";
import { db, type Db, type Tx } from "@/lib/db";

export const GATEWAY_ACCOUNT_NAME = "DUIS gateway";
/**
 * What a party's own systems may do over DUIS: send Service Requests, including the CH status updates (8.14.x) that
 * the portal's forms reserve to the CH Delivery and Returns profile.
 */
const GATEWAY_PERMISSIONS: Permission[] = ["PARTY_USER", "CH_DELIVERY_RETURNS"];
const gatewayEmail = (eui64: string) => `duis-gateway@${eui64.toLowerCase()}.system`;

/** The party's DUIS gateway actor, created on first use. */
export async function gatewayActor(party: { id: string; eui64: string; isDcc: boolean }, client: Tx | Db = db()): Promise<Actor> {
  // Read first: a write would lock the row, and every batch of every web process would queue on that one lock.
  const found = await client.account.findUnique({ where: { email: gatewayEmail(party.eui64) }, include: { party: true } });
  if (found) return actorOf(found);
  // A party's first requests can arrive together (several web processes): ON CONFLICT lets every one of them through.
  // No conflict target: the racing inserts collide on the id as well as the email, and a target covers only one.
  // The hash is no Argon2 hash: no password ever matches it, and sign-in refuses system accounts anyway.
  await client.$executeRaw`
    INSERT INTO "Account" (id, email, name, "partyId", "passwordHash", permissions, "isSystem", "createdAt", "updatedAt")
    VALUES (${`gw${party.id}`}, ${gatewayEmail(party.eui64)}, ${GATEWAY_ACCOUNT_NAME}, ${party.id}, '!', ${party.isDcc ? ["DCC_ADMIN"] : GATEWAY_PERMISSIONS}::"Permission"[], true, now(), now())
    ON CONFLICT DO NOTHING`;
  const account = await client.account.findUniqueOrThrow({ where: { email: gatewayEmail(party.eui64) }, include: { party: true } });
  return actorOf(account);
}
