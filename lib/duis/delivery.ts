// POSTs asynchronous Service Responses and alerts (DuisMessage rows) to the party's Receive Response URLs, as DCC
// Boxed does (issue 11 item 2). Only APPROVED URLs are posted to (the allow-list), redirects are never followed, and a
// message nobody accepted stays undelivered, visible in the portal and still there to poll (GET /api/v1/responses).
import type { DuisMessageKind } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";
import type { WorkQueue } from "@/lib/jobs/queue";
import { pageWindow, toPage } from "@/lib/lists";
import { responseEndpointScope } from "./endpoints";

export const MESSAGE_KIND_LABELS: Record<DuisMessageKind, string> = {
  SERVICE_RESPONSE: "Service Response",
  DEVICE_ALERT: "Device Alert",
  DCC_ALERT: "DCC Alert",
};

const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ERROR_LENGTH = 500;

/** Why one POST was not accepted; null when it was (a 2xx answer). */
async function post(url: string, xml: string): Promise<string | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      body: xml,
      headers: { "Content-Type": "application/xml" },
      // A redirect could lead anywhere, past the approved address: it is a failure, never followed.
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return null;
    if (response.status >= 300 && response.status < 400) return `HTTP ${response.status}: redirect not followed`;
    return `HTTP ${response.status}`;
  } catch (error) {
    if ((error as Error).name === "TimeoutError") return `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s`;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? (error as Error).message;
  }
}

/**
 * The party's approved URLs are alternatives, tried in the order they were registered: the first to accept delivers
 * the message. Null when one did; else what each answered.
 */
async function deliverTo(urls: string[], xml: string): Promise<string | null> {
  const failures: string[] = [];
  for (const url of urls) {
    const failure = await post(url, xml);
    if (failure === null) return null;
    failures.push(`${url}: ${failure}`);
  }
  return failures.join("; ").slice(0, MAX_ERROR_LENGTH);
}

/**
 * POSTs each undelivered message of `messageIds` to its party's approved URLs and records the outcome: deliveredAt on
 * success, else one more attempt and the error. A party without an approved URL polls: its messages are left as they
 * are, counted neither way. Messages are posted concurrently, so a slow URL holds up no other party.
 */
export async function deliverMessages(messageIds: string[]): Promise<{ delivered: number; failed: number }> {
  const messages = await db().duisMessage.findMany({
    where: { id: { in: messageIds }, deliveredAt: null },
    select: { id: true, partyId: true, xml: true },
    orderBy: { createdAt: "asc" },
  });
  const endpoints = await db().responseEndpoint.findMany({
    where: { partyId: { in: [...new Set(messages.map((m) => m.partyId))] }, status: "APPROVED" },
    select: { partyId: true, url: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const urlsOf = new Map<string, string[]>();
  for (const endpoint of endpoints) urlsOf.set(endpoint.partyId, [...(urlsOf.get(endpoint.partyId) ?? []), endpoint.url]);

  const outcomes = await Promise.all(
    messages.filter((m) => urlsOf.has(m.partyId)).map(async (m) => ({ id: m.id, error: await deliverTo(urlsOf.get(m.partyId)!, m.xml) })),
  );
  const delivered = outcomes.filter((o) => o.error === null).map((o) => o.id);
  const failed = outcomes.filter((o): o is { id: string; error: string } => o.error !== null);
  if (!outcomes.length) return { delivered: 0, failed: 0 };
  const at = now();
  // `deliveredAt: null` in each guard: a message another worker delivered meanwhile keeps that delivery.
  await db().$transaction([
    db().duisMessage.updateMany({ where: { id: { in: delivered }, deliveredAt: null }, data: { deliveredAt: at, deliveryAttempts: { increment: 1 }, deliveryError: null } }),
    ...failed.map((f) => db().duisMessage.updateMany({ where: { id: f.id, deliveredAt: null }, data: { deliveryAttempts: { increment: 1 }, deliveryError: f.error } })),
  ]);
  return { delivered: delivered.length, failed: failed.length };
}

/**
 * One job per message, enqueued with it. A batch with any failure throws after recording its attempts, so pg-boss
 * retries it with back-off (delivered messages are skipped then); after the last retry a message stays undelivered.
 */
export const RESPONSE_DELIVERY_QUEUE: WorkQueue<{ messageId: string }> = {
  name: "duis-response-delivery",
  batchSize: 20,
  // Up to 5 approved URLs of 10 s each per message, the messages of a batch at once: about 50 s at worst.
  timeoutSeconds: 120,
  retryDelaySeconds: 30,
  run: async (items) => {
    const result = await deliverMessages(items.map((item) => item.messageId));
    if (result.failed > 0) throw new Error(`${result.failed} of ${items.length} messages not accepted by their Receive Response URLs; retried later`);
    return result;
  },
};

/**
 * Messages POSTed without success so far (at least one attempt, none accepted), newest first: the party's own, or for
 * a DCC admin every party's. Messages of a party that only polls are never attempted and are not listed.
 */
export async function undeliveredMessages(actor: Actor, page = 1) {
  const where = { ...responseEndpointScope(actor), deliveredAt: null, deliveryAttempts: { gt: 0 } };
  const [data, count] = await Promise.all([
    db().duisMessage.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageWindow(page),
      select: { id: true, requestId: true, kind: true, code: true, createdAt: true, deliveryAttempts: true, deliveryError: true, party: { select: { id: true, name: true } } },
    }),
    db().duisMessage.count({ where }),
  ]);
  return toPage(data, count, page);
}
