// Every DUIS response the DCC sends is signed with its XML-signing key (duis.md §3): synchronous answers, Service
// Responses and alerts alike.
import { now } from "@/lib/clock";
import { db, type Db, type Tx } from "@/lib/db";
import { dccSigningKey, type SigningKey } from "@/lib/smki/keys";
import { buildDuisResponse, responseIdFor, type ResponseBody } from "./response-xml";
import { signOwnResponse } from "./signature";

export type { ResponseBody };

/**
 * The header ResponseCode of an alert (Device or DCC): the schema's ResponseCode enumerates no alert codes, which
 * travel in DeviceAlertCode / DCCAlertCode instead.
 */
export const ALERT_RESPONSE_CODE = "I0";

/** The DCC's key, read once per transaction: a batch signs hundreds of answers. */
const keyPerTransaction = new WeakMap<Tx | Db, ReturnType<typeof dccSigningKey>>();

function keyWithin(client: Tx | Db) {
  if (client === db()) return dccSigningKey(client);
  let key = keyPerTransaction.get(client);
  if (!key) keyPerTransaction.set(client, (key = dccSigningKey(client)));
  return key;
}

/**
 * Hands a transaction the DCC's key its caller read just before opening it, beside its other reads: a device batch
 * then makes one round trip fewer while it holds its locks.
 */
export function signWithin(tx: Tx, key: SigningKey | null) {
  keyPerTransaction.set(tx, Promise.resolve(key));
}

/**
 * A signed sr:Response. `requestId` is the request's (absent for alerts not tied to one). `client`: the caller's
 * transaction when there is one (the embedded database has one connection: a read beside it would wait for it).
 */
export async function signedAnswer(r: { requestId?: string; code: string; at?: Date; body: ResponseBody }, client: Tx | Db = db()): Promise<string> {
  const key = await keyWithin(client);
  if (!key) throw new Error("the DCC has no XML-signing certificate with a key: seed the SMKI first");
  const xml = buildDuisResponse({ requestId: r.requestId, responseId: r.requestId ? responseIdFor(r.requestId) : undefined, code: r.code, at: r.at ?? now(), body: r.body });
  return signOwnResponse(xml, key);
}
