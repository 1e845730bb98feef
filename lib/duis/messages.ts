// Polling for asynchronous responses and alerts (issue 11 item 2): GET /api/v1/responses?after=<cursor>. Cursors are
// assigned by one publisher at a time (an advisory lock) in the order messages committed, so a poller that has read
// up to cursor N never later finds a message below N: a sequence value taken at insert time would not promise that,
// since inserts commit out of order.
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

const PUBLISH_LOCK = 0x5d01_5e00;
const PUBLISH_BATCH = 10_000;
export const POLL_PAGE_SIZE = 100;

/** Gives every committed, unpublished message the next cursor, oldest first. */
export async function publishMessages(): Promise<number> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PUBLISH_LOCK})`;
    return tx.$executeRaw`
      UPDATE "DuisMessage" m SET seq = p.seq
      FROM (SELECT id, nextval('duis_message_seq') AS seq FROM (
        SELECT id FROM "DuisMessage" WHERE seq IS NULL ORDER BY "createdAt", id LIMIT ${PUBLISH_BATCH}
      ) unpublished) p
      WHERE m.id = p.id`;
  });
}

const cursorPattern = /^\d{1,19}$/;

/** The party's messages after `after` (from the oldest kept without it), in arrival order; `next` is always given. */
export async function pollMessages(partyId: string, after: string | null) {
  if (after !== null && !cursorPattern.test(after)) throw new AppError("INVALID", "after: a cursor is the decimal `next` value of an earlier answer.");
  await publishMessages();
  const rows = await db().duisMessage.findMany({
    where: { partyId, seq: after === null ? { not: null } : { gt: BigInt(after) } },
    orderBy: { seq: "asc" },
    take: POLL_PAGE_SIZE,
    select: { seq: true, requestId: true, xml: true },
  });
  const items = rows.map((r) => ({ cursor: r.seq!.toString(), requestId: r.requestId, xml: r.xml }));
  return { items, next: items.at(-1)?.cursor ?? after ?? "0" };
}
