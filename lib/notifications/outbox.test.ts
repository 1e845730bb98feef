import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/fixtures";
import { enqueueEmails } from "./outbox";
import { deliverDueEmails, logTransport, MAX_ATTEMPTS, setEmailTransport, type EmailTransport } from "./sender";

const sent: string[] = [];
const recording: EmailTransport = {
  name: "recording",
  async send(email) {
    if (email.to.startsWith("bounce")) throw new Error("550 mailbox unavailable");
    sent.push(email.to);
  },
};

async function queue(...addresses: string[]) {
  await db().$transaction((tx) =>
    enqueueEmails(tx, addresses.map((address) => ({ eventType: "test", to: { address }, partyId: null, subject: "Hi", body: "Body" }))),
  );
}

describe("notifications outbox", () => {
  beforeEach(async () => {
    await resetDatabase();
    sent.length = 0;
    setNow("2026-11-24T09:00:00Z");
    setEmailTransport(recording);
  });
  afterEach(() => {
    setEmailTransport(logTransport);
    resetClock();
  });

  it("delivers queued emails once and marks them sent", async () => {
    await queue("a@x.test", "b@x.test");
    expect(await deliverDueEmails()).toEqual({ sent: 2, failed: 0 });
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0 });
    expect(sent).toEqual(["a@x.test", "b@x.test"]);
    expect(await db().outboxEmail.count({ where: { status: "SENT" } })).toBe(2);
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

  it("retries a failing email later with back-off and gives up after the last attempt", async () => {
    await queue("bounce@x.test");
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1 });
    // Not due again until the back-off has passed.
    expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      advanceClock(2 ** attempt * 60_000);
      expect(await deliverDueEmails()).toEqual({ sent: 0, failed: 1 });
    }
    const email = await db().outboxEmail.findFirstOrThrow();
    expect(email).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "550 mailbox unavailable" });
  });
});
