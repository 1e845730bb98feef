import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { startSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp-server";
import { enqueueEmails } from "./outbox";
import { getOutboxEmail } from "./read-outbox";
import { deliverDueEmails, MAX_ATTEMPTS } from "./sender";

async function queue(...addresses: string[]) {
  await db().$transaction((tx) =>
    enqueueEmails(tx, addresses.map((address) => ({ eventType: "test", to: { address }, partyId: null, subject: `Hi ${address}`, body: "Line one\nLine two" }))),
  );
}

const messageIdOf = (raw: string) => /^Message-ID: (.+)$/im.exec(raw)?.[1].trim();

describe("notifications outbox", () => {
  let smtp: TestSmtpServer | undefined;

  beforeEach(async () => {
    await resetDatabase();
    setNow("2026-11-24T09:00:00Z");
    delete process.env.SMTP_URL;
  });
  afterEach(async () => {
    delete process.env.SMTP_URL;
    await smtp?.stop();
    smtp = undefined;
    resetClock();
  });

  it("with no SMTP server configured, files each queued email once in the local mailbox as a rendered message", async () => {
    await queue("a@x.test", "b@x.test");
    expect(await deliverDueEmails()).toEqual({ sent: 2, failed: 0 });
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0 });
    const emails = await db().outboxEmail.findMany({ orderBy: { toAddress: "asc" } });
    expect(emails.map((e) => [e.toAddress, e.status, e.transport])).toEqual([
      ["a@x.test", "SENT", "mailbox"],
      ["b@x.test", "SENT", "mailbox"],
    ]);
    const raw = emails[0].rawMessage!;
    expect(raw).toMatch(/^To: a@x\.test\r$/m);
    expect(raw).toMatch(/^Subject: Hi a@x\.test\r$/m);
    expect(raw).toMatch(/^From: "DCC Self-Service Interface" <no-reply@ssi\.demo>\r$/m);
    expect(raw).toContain("\r\n\r\nLine one\r\nLine two");
    expect(messageIdOf(raw)).toBe(emails[0].messageId);
  });

  it("the DCC admin reads a mailbox message with its headers and text; a queued one shows what will be sent", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await queue("a@x.test");
    const queued = await db().outboxEmail.findFirstOrThrow();
    expect(await getOutboxEmail(admin, queued.id)).toMatchObject({ email: { status: "PENDING", body: "Line one\nLine two" }, message: null });
    await deliverDueEmails();
    const { email, message } = await getOutboxEmail(admin, queued.id);
    expect(email).toMatchObject({ status: "SENT", transport: "mailbox" });
    expect(message!.headers).toEqual(
      expect.arrayContaining([
        { name: "From", value: '"DCC Self-Service Interface" <no-reply@ssi.demo>' },
        { name: "To", value: "a@x.test" },
        { name: "Subject", value: "Hi a@x.test" },
        { name: "Message-ID", value: email.messageId },
      ]),
    );
    expect(message!.text.replace(/\r\n/g, "\n").trim()).toBe("Line one\nLine two");
    expect((await refusal(getOutboxEmail(admin, "no-such-email"))).code).toBe("NOT_FOUND");
    const partyUser = await makeActor(["PARTY_USER"]);
    expect((await refusal(getOutboxEmail(partyUser, queued.id))).code).toBe("FORBIDDEN");
  });

  it("writes nothing when the event's transaction rolls back", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await enqueueEmails(tx, [{ eventType: "test", to: { address: "x@x.test" }, partyId: null, subject: "s", body: "b" }]);
        throw new Error("event failed");
      }),
    ).rejects.toThrow("event failed");
    expect(await db().outboxEmail.count()).toBe(0);
  });

  it("sends through the SMTP server in SMTP_URL, once, and keeps the message exactly as delivered", async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    await queue("a@x.test", "b@x.test");
    expect(await deliverDueEmails()).toEqual({ sent: 2, failed: 0 });
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual(["a@x.test", "b@x.test"]);
    const emails = await db().outboxEmail.findMany({ orderBy: { toAddress: "asc" } });
    expect(emails.map((e) => [e.status, e.transport])).toEqual([
      ["SENT", "smtp"],
      ["SENT", "smtp"],
    ]);
    // The server got the stored message byte for byte (SMTP ends it with a final line break).
    const delivered = smtp.received.find((m) => m.to[0] === "a@x.test")!;
    expect(delivered.raw.trimEnd()).toBe(emails[0].rawMessage!.trimEnd());
  });

  it("a refused connection is retried with back-off, never given up, and the email is sent once the server is back", async () => {
    smtp = await startSmtpServer();
    await smtp.stop(); // the port is closed: connections are refused
    process.env.SMTP_URL = smtp.url;
    await queue("a@x.test");
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1 });
    expect(await db().outboxEmail.findFirstOrThrow()).toMatchObject({ status: "PENDING", attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED/) });
    // Not due again until the back-off has passed.
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0 });
    // Well past the attempts a refused message gets, it is still waiting for the server.
    for (let attempt = 2; attempt <= MAX_ATTEMPTS + 2; attempt++) {
      advanceClock(Math.min(2 ** (attempt - 1), 60) * 60_000);
      expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1 });
    }
    expect(await db().outboxEmail.findFirstOrThrow()).toMatchObject({ status: "PENDING", attempts: MAX_ATTEMPTS + 2 });

    await smtp.start();
    advanceClock(60 * 60_000);
    expect(await deliverDueEmails()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["a@x.test"]]);
    expect(await db().outboxEmail.findFirstOrThrow()).toMatchObject({ status: "SENT", transport: "smtp", lastError: null });
  });

  it("a recipient the server refuses for good is retried with back-off and marked FAILED after the last attempt", async () => {
    smtp = await startSmtpServer({ refuse: (address) => address.startsWith("bounce") });
    process.env.SMTP_URL = smtp.url;
    await queue("bounce@x.test");
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1 });
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      advanceClock(2 ** (attempt - 1) * 60_000);
      expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1 });
    }
    expect(await db().outboxEmail.findFirstOrThrow()).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: expect.stringMatching(/550/) });
    expect(smtp.received).toEqual([]);
  });

  it("senders running at the same time send each email once", async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    const addresses = Array.from({ length: 60 }, (_, i) => `user${i}@x.test`);
    await queue(...addresses);
    const results = await Promise.allSettled([deliverDueEmails(), deliverDueEmails(), deliverDueEmails(), deliverDueEmails()]);
    const sent = results.map((r) => (r.status === "fulfilled" ? r.value.sent : Number.NaN));
    expect(sent.reduce((a, b) => a + b, 0)).toBe(addresses.length);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([...addresses].sort());
    expect(new Set(smtp.received.map((m) => messageIdOf(m.raw))).size).toBe(addresses.length);
    expect(await db().outboxEmail.count({ where: { status: "SENT" } })).toBe(addresses.length);
  });
});
