// Delivers the outbox. The transport is pluggable: the default writes each email to the server log; an SMTP
// transport can be registered later without touching the code that queues emails.
import { addMinutes } from "date-fns";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";

export interface EmailTransport {
  name: string;
  send(email: { to: string; subject: string; body: string }): Promise<void>;
}

export const logTransport: EmailTransport = {
  name: "log",
  async send(email) {
    console.log(`[email] to=${email.to} subject=${JSON.stringify(email.subject)}`);
  },
};

let transport: EmailTransport = logTransport;
export function setEmailTransport(next: EmailTransport) {
  transport = next;
}

export const MAX_ATTEMPTS = 5;
const BATCH = 50;

/** Send what is due; failures are retried with a growing delay and marked FAILED after MAX_ATTEMPTS. */
export async function deliverDueEmails(): Promise<{ sent: number; failed: number }> {
  const due = await db().outboxEmail.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now() } },
    orderBy: { createdAt: "asc" },
    take: BATCH,
  });
  let sent = 0;
  let failed = 0;
  for (const email of due) {
    try {
      await transport.send({ to: email.toAddress, subject: email.subject, body: email.body });
      await db().outboxEmail.update({
        where: { id: email.id },
        data: { status: "SENT", sentAt: now(), attempts: { increment: 1 }, lastError: null },
      });
      sent++;
    } catch (error) {
      const attempts = email.attempts + 1;
      await db().outboxEmail.update({
        where: { id: email.id },
        data: {
          attempts,
          lastError: String((error as Error).message ?? error),
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          nextAttemptAt: addMinutes(now(), 2 ** attempts),
        },
      });
      failed++;
    }
  }
  return { sent, failed };
}
