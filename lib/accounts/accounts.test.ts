import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/actor";
import { checkCredentials } from "@/lib/auth/sign-in";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently } from "@/lib/testing/concurrently";
import { makeAccount, makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { createAccount } from "./create-account";
import { getAccount, listAccounts } from "./read-accounts";
import { resetPassword } from "./reset-password";
import { setAccountDisabled } from "./set-account-disabled";

const PASSWORD = "a-long-enough-password";

describe("accounts", () => {
  let admin: Actor;
  let supplierPartyId: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    supplierPartyId = (await makeParty({ name: "Brightwater", roles: ["IS", "GS"] })).id;
  });

  it("creates an account, audits it without the password hash and queues the welcome email, in one transaction", async () => {
    const account = await createAccount(admin, {
      partyId: supplierPartyId,
      name: "Ada Smith",
      email: "  Ada.Smith@Brightwater.TEST ",
      permissions: ["PARTY_USER", "SRO"],
      password: PASSWORD,
    });
    expect(account.email).toBe("ada.smith@brightwater.test");
    expect((await checkCredentials("ada.smith@brightwater.test", PASSWORD)).ok).toBe(true);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "account.create", entityId: account.id } });
    expect(audit).toMatchObject({ actorId: admin.accountId, partyId: supplierPartyId });
    expect(JSON.stringify(audit.after)).not.toMatch(/passwordHash|argon2/);
    const email = await db().outboxEmail.findFirstOrThrow({ where: { toAccountId: account.id } });
    expect(email).toMatchObject({ status: "PENDING", eventType: "account.created", toAddress: "ada.smith@brightwater.test" });
    expect(email.body).toContain("Permissions: Party user; Senior Responsible Officer.");
  });

  it("refuses DCC permissions on a supplier account, and party permissions on a DCC account, writing nothing", async () => {
    await expect(
      createAccount(admin, { partyId: supplierPartyId, name: "Eve", email: "eve@x.test", permissions: ["PARTY_USER", "DCC_ADMIN"], password: PASSWORD }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("DCC administrator cannot be given to an account of Brightwater") });
    await expect(
      createAccount(admin, { partyId: admin.partyId, name: "Eve", email: "eve@x.test", permissions: ["SRO"], password: PASSWORD }),
    ).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("DCC accounts hold only DCC permissions") });
    expect(await db().account.count({ where: { email: "eve@x.test" } })).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
    expect(await db().outboxEmail.count()).toBe(0);
  });

  it("explains each bad field", async () => {
    await expect(createAccount(admin, { partyId: "", name: "A", email: "not-an-email", permissions: [], password: "short" })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["email"], message: "Enter a valid email address." }),
        expect.objectContaining({ path: ["permissions"], message: "Choose at least one permission." }),
        expect.objectContaining({ path: ["password"], message: "Password must be at least 12 characters." }),
      ]),
    });
  });

  it("refuses a duplicate email with a clear message and leaves no audit row", async () => {
    const input = { partyId: supplierPartyId, name: "Bo", email: "bo@x.test", permissions: ["PARTY_USER" as const], password: PASSWORD };
    await createAccount(admin, input);
    await expect(createAccount(admin, input)).rejects.toMatchObject({ code: "CONFLICT", message: "An account with this email already exists." });
    expect(await db().auditEvent.count({ where: { action: "account.create" } })).toBe(1);
  });

  it("lets only DCC admins create accounts", async () => {
    const supplierUser = await makeActor(["PARTY_USER"], { partyId: supplierPartyId });
    await expect(
      createAccount(supplierUser, { partyId: supplierPartyId, name: "Bo", email: "bo@x.test", permissions: ["PARTY_USER"], password: PASSWORD }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("disables an account: its sessions end (no actor) and sign-in is refused; re-enabling restores it", async () => {
    const account = await makeAccount(supplierPartyId, ["PARTY_USER"]);
    await setAccountDisabled(admin, { accountId: account.id, disabled: true });
    expect(await loadActor(account.id)).toBeNull();
    expect(await checkCredentials(account.email, "correct horse battery")).toMatchObject({ reason: "DISABLED" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "account.disable" } });
    expect(audit).toMatchObject({ before: { disabled: false }, after: { disabled: true }, partyId: supplierPartyId });

    await setAccountDisabled(admin, { accountId: account.id, disabled: false });
    expect(await loadActor(account.id)).not.toBeNull();
  });

  it("two admins disabling one account at the same moment: it is disabled once, with one audit row", async () => {
    const account = await makeAccount(supplierPartyId, ["PARTY_USER"]);
    const admin2 = await makeActor(["DCC_ADMIN"], { partyId: admin.partyId });
    const race = await concurrently([admin, admin2].map((a) => () => setAccountDisabled(a, { accountId: account.id, disabled: true })));
    expect(race.succeeded.length + race.refused.length).toBe(2);
    expect(race.refused.every((e) => e.code === "CONFLICT")).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "account.disable", entityId: account.id } })).toBe(1);
    expect((await db().account.findUniqueOrThrow({ where: { id: account.id } })).sessionVersion).toBe(1);
  });

  it("will not let an admin disable their own account", async () => {
    await expect(setAccountDisabled(admin, { accountId: admin.accountId, disabled: true })).rejects.toMatchObject({
      message: "You cannot disable your own account.",
    });
  });

  it("resets a password, lifts a lock-out and emails the holder; the old password stops working", async () => {
    const account = await makeAccount(supplierPartyId, ["PARTY_USER"]);
    for (let i = 0; i < 5; i++) await checkCredentials(account.email, "wrong");
    expect(await checkCredentials(account.email, "correct horse battery")).toMatchObject({ reason: "THROTTLED" });

    await resetPassword(admin, { accountId: account.id, password: "a-brand-new-password" });
    expect((await checkCredentials(account.email, "a-brand-new-password")).ok).toBe(true);
    expect(await checkCredentials(account.email, "correct horse battery")).toMatchObject({ reason: "INVALID" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "account.reset-password" } });
    expect(JSON.stringify(audit)).not.toContain("a-brand-new-password");
    expect(await db().outboxEmail.count({ where: { eventType: "account.password-reset", toAccountId: account.id } })).toBe(1);
  });

  it("shows another party's account as not found, and the own party's accounts to its members", async () => {
    const otherParty = await makeParty();
    const other = await makeAccount(otherParty.id, ["PARTY_USER"]);
    const colleague = await makeAccount(supplierPartyId, ["SRO"]);
    const supplierUser = await makeActor(["PARTY_USER"], { partyId: supplierPartyId });
    await expect(getAccount(supplierUser, other.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setAccountDisabled(supplierUser, { accountId: other.id, disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setAccountDisabled(supplierUser, { accountId: colleague.id, disabled: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getAccount(supplierUser, colleague.id)).email).toBe(colleague.email);
    expect(await getAccount(admin, other.id)).toMatchObject({ id: other.id });
  });

  it("lists accounts with text, permission and status filters", async () => {
    const locked = await makeAccount(supplierPartyId, ["PARTY_USER"], { email: "locked@brightwater.test" });
    await db().account.update({ where: { id: locked.id }, data: { lockedUntil: new Date("2026-11-24T09:10:00Z") } });
    await makeAccount(supplierPartyId, ["SRO"], { email: "sro@brightwater.test" });
    expect((await listAccounts(admin, { q: "brightwater" })).count).toBe(2);
    expect((await listAccounts(admin, { permission: "SRO" })).data.map((a) => a.email)).toEqual(["sro@brightwater.test"]);
    expect((await listAccounts(admin, { status: "locked" })).data.map((a) => a.email)).toEqual(["locked@brightwater.test"]);
    // A filter value from a hand-edited URL that is not one of the choices is no filter, not an error page.
    expect((await listAccounts(admin, { status: "sleeping", page: "0" })).count).toBe((await listAccounts(admin, {})).count);
  });
});
