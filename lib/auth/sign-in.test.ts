import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeAccount, makeActor, makeParty, resetDatabase, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { resetPassword } from "@/lib/accounts/reset-password";
import { clientAddress } from "./client-address";
import { checkCredentials } from "./sign-in";

const HOME = "198.51.100.7";
const STRANGER = "203.0.113.9";
const GENERIC_BLOCK = /^Too many failed sign-in attempts\. Try again at \d\d:\d\d \(in \d+ minutes?\), or ask your administrator to reset your password\.$/;

describe("sign-in and throttling", () => {
  let email: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    const party = await makeParty();
    email = (await makeAccount(party.id, ["PARTY_USER"])).email;
  });
  afterEach(() => {
    delete process.env.SIGNIN_MAX_FAILURES_PER_ADDRESS;
    delete process.env.TRUST_PROXY;
  });

  it("accepts the right password in any email case and records the sign-in", async () => {
    const result = await checkCredentials(email.toUpperCase(), TEST_PASSWORD, HOME);
    expect(result).toMatchObject({ ok: true, sessionVersion: 0 });
    const account = await db().account.findUniqueOrThrow({ where: { email } });
    expect(account.lastSignInAt?.toISOString()).toBe("2026-11-24T09:00:00.000Z");
  });

  it("refuses a wrong password and an unknown email with the same message, after the same Argon2 work", async () => {
    const timed = async (e: string) => {
      const started = performance.now();
      const result = await checkCredentials(e, "not the password", HOME);
      return { result, ms: performance.now() - started };
    };
    await timed("warm-up@example.test"); // the dummy hash is made once
    const wrong = await timed(email);
    const unknown = await timed("nobody@example.test");
    expect(wrong.result).toEqual({ ok: false, reason: "INVALID", message: "Incorrect email or password." });
    expect(unknown.result).toEqual(wrong.result);
    // Without the dummy verification an unknown email answers in a few milliseconds; Argon2 takes tens.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
  });

  it("five failures from one address block that account there, for the right password too, with the same answer as for an unknown email", async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await checkCredentials(email, "wrong", HOME));
    const unknownAnswers = [];
    for (let i = 0; i < 5; i++) unknownAnswers.push(await checkCredentials("nobody@example.test", "wrong", HOME));
    expect(answers.map((a) => (a.ok ? "signed in" : a.reason))).toEqual(["INVALID", "INVALID", "INVALID", "INVALID", "THROTTLED"]);
    expect(answers[4]).toMatchObject({ message: expect.stringMatching(GENERIC_BLOCK) });
    expect(unknownAnswers).toEqual(answers);

    expect(await checkCredentials(email, TEST_PASSWORD, HOME)).toMatchObject({ reason: "THROTTLED", message: expect.stringContaining("Try again at 09:15 (in 15 minutes)") });
    expect(await db().auditEvent.count({ where: { action: "account.lock" } })).toBe(1);
    advanceClock(15 * 60_000 + 1);
    expect((await checkCredentials(email, TEST_PASSWORD, HOME)).ok).toBe(true);
  });

  it("a stranger's guesses from another address do not lock the person out; from many addresses they only slow guessing for a minute", async () => {
    for (let i = 0; i < 5; i++) await checkCredentials(email, "wrong", STRANGER);
    expect(await checkCredentials(email, "wrong", STRANGER)).toMatchObject({ reason: "THROTTLED" });
    expect((await checkCredentials(email, TEST_PASSWORD, HOME)).ok).toBe(true);

    // 20 failures from any addresses: the account is refused everywhere, but only for a minute.
    for (let i = 0; i < 20; i++) await checkCredentials(email, "wrong", `192.0.2.${i}`);
    expect(await checkCredentials(email, TEST_PASSWORD, HOME)).toMatchObject({ reason: "THROTTLED", message: expect.stringContaining("(in 1 minute)") });
    advanceClock(60_001);
    expect((await checkCredentials(email, TEST_PASSWORD, HOME)).ok).toBe(true);
  });

  it("one address guessing across many accounts is stopped; the limit is configurable", async () => {
    for (let i = 0; i < 30; i++) await checkCredentials(`guess${i}@example.test`, "wrong", STRANGER);
    expect(await checkCredentials(email, TEST_PASSWORD, STRANGER)).toMatchObject({ reason: "THROTTLED" });
    expect((await checkCredentials(email, TEST_PASSWORD, HOME)).ok).toBe(true);

    process.env.SIGNIN_MAX_FAILURES_PER_ADDRESS = "1000";
    for (let i = 0; i < 40; i++) await checkCredentials(`other${i}@example.test`, "wrong", HOME);
    expect((await checkCredentials(email, TEST_PASSWORD, HOME)).ok).toBe(true);
  });

  it("a window without failures starts a fresh count, and so does a block's end", async () => {
    for (let i = 0; i < 4; i++) await checkCredentials(email, "wrong", HOME);
    advanceClock(15 * 60_000 + 1);
    for (let i = 0; i < 4; i++) expect(await checkCredentials(email, "wrong", HOME)).toMatchObject({ reason: "INVALID" });
    expect(await checkCredentials(email, "wrong", HOME)).toMatchObject({ reason: "THROTTLED" });
    advanceClock(15 * 60_000 + 1);
    expect(await checkCredentials(email, "wrong", HOME)).toMatchObject({ reason: "INVALID" });
  });

  it("counts parallel wrong guesses without losing any", async () => {
    await Promise.all(Array.from({ length: 5 }, () => checkCredentials(email, "wrong", HOME)));
    expect(await checkCredentials(email, TEST_PASSWORD, HOME)).toMatchObject({ reason: "THROTTLED" });
  });

  it("a password reset lifts the account's blocks", async () => {
    for (let i = 0; i < 5; i++) await checkCredentials(email, "wrong", HOME);
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const account = await db().account.findUniqueOrThrow({ where: { email } });
    await resetPassword(admin, { accountId: account.id, password: "a-brand-new-password" });
    expect((await checkCredentials(email, "a-brand-new-password", HOME)).ok).toBe(true);
  });

  it("says an account is disabled only to someone who knows its password", async () => {
    await db().account.update({ where: { email }, data: { disabled: true } });
    expect(await checkCredentials(email, "wrong", HOME)).toMatchObject({ reason: "INVALID" });
    expect(await checkCredentials(email, TEST_PASSWORD, HOME)).toMatchObject({ ok: false, reason: "DISABLED" });
  });

  it("takes the client address from X-Forwarded-For only as far as TRUST_PROXY allows", () => {
    expect(clientAddress({ "x-forwarded-for": "198.51.100.7" })).toBe("198.51.100.7");
    // One proxy appends what it saw: the client's own entries on the left are ignored.
    process.env.TRUST_PROXY = "1";
    expect(clientAddress({ "x-forwarded-for": "10.9.9.9, 198.51.100.7" })).toBe("198.51.100.7");
    process.env.TRUST_PROXY = "2";
    expect(clientAddress({ "x-forwarded-for": "10.9.9.9, 198.51.100.7, 172.16.0.2" })).toBe("198.51.100.7");
    expect(clientAddress({})).toBe("unknown");
  });
});
