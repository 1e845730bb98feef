// API keys for the DUIS HTTP endpoints (issue 11 item 2): a party creates, scopes and revokes them in the portal. The
// key is shown once; only its SHA-256 is stored, so a database dump does not hand out working keys.
import crypto from "node:crypto";
import { z } from "zod";
import type { ApiKeyScope } from "@/generated/prisma/enums";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { authorizeResource, partyScope } from "@/lib/auth/policy";
import { now } from "@/lib/clock";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { reference, requiredText } from "@/lib/validation";

export const API_KEY_SCOPES: Record<ApiKeyScope, string> = {
  SEND: "Send DUIS requests",
  READ: "Read responses and alerts",
};

const KEY_PREFIX = "ssi_";
// Shown in lists to tell keys apart: the "ssi_" marker and the first characters of the random part.
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 8;
// lastUsedAt is a hint for people, not an audit: written at most once a minute per key, so polling costs no writes.
const LAST_USED_RESOLUTION_MS = 60_000;

const hashOf = (key: string) => crypto.createHash("sha256").update(key).digest("hex");

const createSchema = z.object({
  name: requiredText("Name", 80),
  scopes: z.array(z.enum(["SEND", "READ"], "Choose what the key may do.")).min(1, "Choose what the key may do.").max(2),
});

async function insertKey(tx: Tx, partyId: string, createdById: string | null, name: string, scopes: ApiKeyScope[]) {
  const key = KEY_PREFIX + crypto.randomBytes(32).toString("base64url");
  const record = await tx.apiKey.create({
    data: { partyId, name, scopes: [...new Set(scopes)], prefix: key.slice(0, SHOWN_PREFIX_LENGTH), hash: hashOf(key), createdById, createdAt: now() },
  });
  return { key, record };
}

/** A new key of the actor's party; the key itself is returned once and never stored. */
export async function createApiKey(actor: Actor, input: z.input<typeof createSchema>) {
  const partyId = partyScope(actor, "api-key.manage").partyId ?? actor.partyId;
  const data = createSchema.parse(input);
  return db().$transaction(async (tx) => {
    const created = await insertKey(tx, partyId, actor.accountId, data.name, data.scopes);
    await audit(tx, actor, { action: "api-key.create", entityType: "ApiKey", entityId: created.record.id, partyId, after: { name: data.name, scopes: data.scopes, prefix: created.record.prefix } });
    return created;
  });
}

/** The demo key the seed writes into `<data dir>/keys/<EUI>.api-key`: both scopes. */
export async function issueDemoApiKey(tx: Tx, partyId: string): Promise<string> {
  return (await insertKey(tx, partyId, null, "Demo key (seed)", ["SEND", "READ"])).key;
}

export async function revokeApiKey(actor: Actor, input: { id: unknown }) {
  const id = reference("Which key?").parse(input.id);
  return db().$transaction(async (tx) => {
    const key = authorizeResource(actor, "api-key.manage", await tx.apiKey.findUnique({ where: { id } }), "That API key");
    if (key.revokedAt) throw new AppError("CONFLICT", `API key ${key.prefix}… is already revoked.`);
    const [revoked] = await tx.apiKey.updateManyAndReturn({ where: { id, revokedAt: null }, data: { revokedAt: now() } });
    if (!revoked) throw new AppError("CONFLICT", `API key ${key.prefix}… changed meanwhile: reload and try again.`);
    await audit(tx, actor, { action: "api-key.revoke", entityType: "ApiKey", entityId: id, partyId: key.partyId, before: { revokedAt: null }, after: { revokedAt: revoked.revokedAt } });
    return revoked;
  });
}

export async function listApiKeys(actor: Actor) {
  return db().apiKey.findMany({
    where: partyScope(actor, "api-key.manage"),
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
}

/** The party a bearer key belongs to when it is live and holds `scope`; null otherwise (the caller answers 401). */
export async function authenticateApiKey(authorization: string | null, scope: ApiKeyScope): Promise<{ partyId: string; keyId: string } | null> {
  const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization?.trim() ?? "");
  if (!match?.[1].startsWith(KEY_PREFIX)) return null;
  const key = await db().apiKey.findUnique({ where: { hash: hashOf(match[1]) } });
  if (!key || key.revokedAt || !key.scopes.includes(scope)) return null;
  const at = now();
  if (!key.lastUsedAt || at.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiKey.updateMany({ where: { id: key.id }, data: { lastUsedAt: at } });
  }
  return { partyId: key.partyId, keyId: key.id };
}
