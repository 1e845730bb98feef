import { beforeEach, describe, expect, it } from "vitest";
import { resetPassword } from "@/lib/accounts/reset-password";
import { setAccountDisabled } from "@/lib/accounts/set-account-disabled";
import { resetClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeAccount, makeActor, makeParty, resetDatabase, TEST_PASSWORD } from "@/lib/testing/fixtures";
import { endSessions, loadActor } from "./actor";
import { checkCredentials } from "./sign-in";

/** Signs in as next-auth does and returns what the session token carries. */
async function signIn(email: string, password = TEST_PASSWORD) {
  const result = await checkCredentials(email, password, "198.51.100.7");
  if (!result.ok) throw new Error(result.message);
  return { accountId: result.accountId, sessionVersion: result.sessionVersion };
}
const actorFor = (token: { accountId: string; sessionVersion: number | undefined }) => loadActor(token.accountId, token);

describe("sessions end on the server: a copied cookie stops working", () => {
  let email: string;
  let accountId: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    const account = await makeAccount((await makeParty()).id, ["PARTY_USER"]);
    email = account.email;
    accountId = account.id;
  });

  it("signing out ends every session of the account, and the next sign-in works", async () => {
    const token = await signIn(email);
    const copy = { ...token };
    expect(await actorFor(copy)).not.toBeNull();
    await endSessions(accountId);
    expect(await db().auditEvent.findMany({ where: { action: "account.sign-out" }, select: { actorId: true, entityId: true } })).toEqual([{ actorId: accountId, entityId: accountId }]);
    expect(await actorFor(token)).toBeNull();
    expect(await actorFor(copy)).toBeNull();
    expect(await actorFor(await signIn(email))).toMatchObject({ accountId });
  });

  it("a password reset ends the sessions signed in with the old password", async () => {
    const token = await signIn(email);
    await resetPassword(await makeActor(["DCC_ADMIN"], { isDcc: true }), { accountId, password: "a-brand-new-password" });
    expect(await actorFor(token)).toBeNull();
    expect(await actorFor(await signIn(email, "a-brand-new-password"))).toMatchObject({ accountId });
  });

  it("disabling ends the sessions for good: re-enabling does not bring them back", async () => {
    const token = await signIn(email);
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await setAccountDisabled(admin, { accountId, disabled: true });
    await setAccountDisabled(admin, { accountId, disabled: false });
    expect(await actorFor(token)).toBeNull();
    expect(await actorFor(await signIn(email))).toMatchObject({ accountId });
  });

  it("a token without a session version (issued before versions existed) is refused", async () => {
    expect(await actorFor({ accountId, sessionVersion: undefined })).toBeNull();
  });
});
