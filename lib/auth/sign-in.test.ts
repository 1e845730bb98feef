import { beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeAccount, makeParty, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { checkCredentials, LOCKOUT_MINUTES, MAX_FAILED_SIGN_INS } from "./sign-in";

describe("sign-in and lock-out", () => {
  let email: string;
  beforeEach(async () => {
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    const party = await makeParty();
    email = (await makeAccount(party.id, ["PARTY_USER"])).email;
  });

  it("accepts the right password in any email case and records the sign-in", async () => {
    const result = await checkCredentials(email.toUpperCase(), TEST_PASSWORD);
    expect(result.ok).toBe(true);
    const account = await db().account.findUniqueOrThrow({ where: { email } });
    expect(account.lastSignInAt?.toISOString()).toBe("2026-11-24T09:00:00.000Z");
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const wrong = await checkCredentials(email, "not the password");
    const unknown = await checkCredentials("nobody@example.test", TEST_PASSWORD);
    expect(wrong).toEqual({ ok: false, reason: "INVALID", message: "Incorrect email or password." });
    expect(unknown).toEqual(wrong);
  });

  it(`locks the account for ${LOCKOUT_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} failures, even for the right password`, async () => {
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect((await checkCredentials(email, "wrong")).ok).toBe(false);
    const fifth = await checkCredentials(email, "wrong");
    expect(fifth).toMatchObject({ ok: false, reason: "LOCKED" });
    if (!fifth.ok) expect(fifth.message).toContain("Try again at 09:15 (in 15 minutes)");

    advanceClock(14 * 60_000);
    expect(await checkCredentials(email, TEST_PASSWORD)).toMatchObject({ ok: false, reason: "LOCKED" });

    advanceClock(60_000);
    expect((await checkCredentials(email, TEST_PASSWORD)).ok).toBe(true);

    const lock = await db().auditEvent.findFirst({ where: { action: "account.lock" } });
    expect(lock?.after).toMatchObject({ failedSignIns: MAX_FAILED_SIGN_INS });
  });

  it("starts a fresh count after a successful sign-in and after a lock expires", async () => {
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) await checkCredentials(email, "wrong");
    expect((await checkCredentials(email, TEST_PASSWORD)).ok).toBe(true);
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect(await checkCredentials(email, "wrong")).toMatchObject({ reason: "INVALID" });

    expect(await checkCredentials(email, "wrong")).toMatchObject({ reason: "LOCKED" });
    advanceClock(LOCKOUT_MINUTES * 60_000 + 1);
    // After expiry the next failure is the first of a new count, not an instant re-lock.
    expect(await checkCredentials(email, "wrong")).toMatchObject({ reason: "INVALID" });
  });

  it("counts parallel wrong guesses without losing any", async () => {
    await Promise.all(Array.from({ length: MAX_FAILED_SIGN_INS }, () => checkCredentials(email, "wrong")));
    expect(await checkCredentials(email, TEST_PASSWORD)).toMatchObject({ reason: "LOCKED" });
  });

  it("refuses a disabled account", async () => {
    await db().account.update({ where: { email }, data: { disabled: true } });
    expect(await checkCredentials(email, TEST_PASSWORD)).toMatchObject({ ok: false, reason: "DISABLED" });
  });
});
