// Delivers the outbox. Each due email is claimed with FOR UPDATE SKIP LOCKED (so senders running at the same time
// never take the same one), rendered as an RFC 5322 message, and sent to the SMTP server in SMTP_URL or, when none is
// configured (the embedded demo), filed in the portal's local mailbox, which /admin/outbox shows. The rendered message
// is stored either way. A refused or dropped connection is retried with back-off for as long as it takes; only the
// server refusing the message itself (a 5xx answer to its envelope or content) counts toward FAILED.
import { addMinutes } from "date-fns";
import nodemailer from "nodemailer";
import { now } from "@/lib/clock";
import { db } from "@/lib/db";

export const MAX_ATTEMPTS = 5;
const BATCH = 50;
/** A claimed email is not due again for this long, so a sender that dies mid-send leaves it to the next one. */
const CLAIM_MINUTES = 10;
const MAX_BACKOFF_MINUTES = 60;

export type EmailTransport = "smtp" | "mailbox";

/** How emails leave: by SMTP when SMTP_URL is set, else into the local mailbox. */
export function emailTransport(): EmailTransport {
  return process.env.SMTP_URL ? "smtp" : "mailbox";
}

/** The SMTP server emails go to (host and port, never the credentials in SMTP_URL); null without one. */
export function smtpServer(): string | null {
  return process.env.SMTP_URL ? new URL(process.env.SMTP_URL).host : null;
}

const sender = () => process.env.SMTP_FROM ?? '"DCC Self-Service Interface" <no-reply@ssi.demo>';
/** The domain of a From address (`Name <local@domain>` or `local@domain`), for the Message-ID. */
const domainOf = (address: string) => /@([^>\s]+)/.exec(address)?.[1] ?? "localhost";

// Renders without sending: the same message is stored and, with SMTP, delivered byte for byte.
const renderer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });

interface Claimed {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Take up to BATCH due emails for this sender: rows another sender holds are skipped, not waited for. */
async function claimDue(): Promise<Claimed[]> {
  const at = now();
  const claimed = await db().$queryRaw<(Claimed & { createdAt: Date })[]>`
    UPDATE "OutboxEmail" SET "nextAttemptAt" = ${addMinutes(at, CLAIM_MINUTES)}
    WHERE id IN (
      SELECT id FROM "OutboxEmail" WHERE status = 'PENDING' AND "nextAttemptAt" <= ${at}
      ORDER BY "createdAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "toAddress", subject, body, attempts, "createdAt"`;
  return claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** The server refused this message (its sender, recipient or content) for good: retrying will not help. */
function isPermanent(error: unknown): boolean {
  const { code, responseCode } = error as { code?: string; responseCode?: number };
  return (code === "EENVELOPE" || code === "EMESSAGE") && !!responseCode && responseCode >= 500;
}

/** Send what is due; failures are retried with a growing delay (a refused message is FAILED after MAX_ATTEMPTS). */
export async function deliverDueEmails(): Promise<{ sent: number; failed: number }> {
  const transport = emailTransport();
  // Pooled: a batch reuses a few connections. Timeouts well inside the claim, so a stalled server cannot hold an
  // email past it.
  const smtp =
    transport === "smtp"
      ? nodemailer.createTransport({ url: process.env.SMTP_URL, pool: true, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 })
      : null;
  let sent = 0;
  let failed = 0;
  try {
    for (let batch = await claimDue(); batch.length > 0; batch = batch.length === BATCH ? await claimDue() : []) {
      for (const email of batch) {
        try {
          const from = sender();
          const rendered = await renderer.sendMail({
            from,
            to: email.toAddress,
            subject: email.subject,
            // RFC 5322 lines end in CRLF; nodemailer leaves a plain-text body's own line breaks as they are.
            text: email.body.replace(/\r?\n/g, "\r\n"),
            date: now(),
            // One Message-ID per outbox email: a message sent again after a crash is recognisably the same one.
            messageId: `<${email.id}@${domainOf(from)}>`,
          });
          const rawMessage = rendered.message.toString("utf8");
          if (smtp) await smtp.sendMail({ envelope: { from: rendered.envelope.from, to: rendered.envelope.to }, raw: rawMessage });
          await db().outboxEmail.update({
            where: { id: email.id },
            data: { status: "SENT", sentAt: now(), attempts: { increment: 1 }, lastError: null, transport, messageId: rendered.messageId, rawMessage },
          });
          sent++;
        } catch (error) {
          const attempts = email.attempts + 1;
          await db().outboxEmail.update({
            where: { id: email.id },
            data: {
              attempts,
              lastError: String((error as Error).message ?? error).slice(0, 1000),
              status: isPermanent(error) && attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
              nextAttemptAt: addMinutes(now(), Math.min(2 ** attempts, MAX_BACKOFF_MINUTES)),
            },
          });
          failed++;
        }
      }
    }
  } finally {
    smtp?.close();
  }
  return { sent, failed };
}
