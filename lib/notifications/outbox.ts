import { now } from "@/lib/clock";
import type { Tx } from "@/lib/db";

export interface OutgoingEmail {
  eventType: string;
  to: { address: string; accountId?: string | null };
  partyId: string | null;
  subject: string;
  body: string;
}

/** Queue emails inside the transaction of the event that causes them; the sender delivers them afterwards. */
export async function enqueueEmails(tx: Tx, emails: OutgoingEmail[]) {
  if (emails.length === 0) return;
  const at = now();
  await tx.outboxEmail.createMany({
    data: emails.map((e) => ({
      createdAt: at,
      nextAttemptAt: at,
      eventType: e.eventType,
      toAddress: e.to.address,
      toAccountId: e.to.accountId ?? null,
      partyId: e.partyId,
      subject: e.subject,
      body: e.body,
    })),
  });
}
