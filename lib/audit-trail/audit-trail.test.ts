import { beforeEach, describe, expect, it } from "vitest";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { auditEventsForExport, getAuditEvent, listAuditEvents } from "./read-audit-events";

async function record(actor: Actor | null, partyId: string | null, action: string, at: string) {
  setNow(at);
  await db().$transaction((tx) => audit(tx, actor, { action, entityType: "Thing", entityId: action, partyId, after: { password: "secret", ok: true } }));
}

describe("audit trail", () => {
  let admin: Actor;
  let alice: Actor;
  let bob: Actor;
  beforeEach(async () => {
    await resetDatabase();
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    alice = await makeActor(["PARTY_USER"], { partyId: (await makeParty({ name: "Alpha" })).id });
    bob = await makeActor(["PARTY_USER"], { partyId: (await makeParty({ name: "Beta" })).id });
    await record(alice, alice.partyId, "alpha.one", "2026-11-20T10:00:00Z");
    await record(alice, alice.partyId, "alpha.two", "2026-11-23T10:00:00Z");
    await record(bob, bob.partyId, "beta.one", "2026-11-22T10:00:00Z");
    await record(null, null, "dcc.internal", "2026-11-22T11:00:00Z");
  });

  it("shows a party only its own rows, newest first, and DCC admins every row", async () => {
    expect((await listAuditEvents(alice, {})).data.map((e) => e.action)).toEqual(["alpha.two", "alpha.one"]);
    expect((await listAuditEvents(bob, {})).data.map((e) => e.action)).toEqual(["beta.one"]);
    expect((await listAuditEvents(admin, {})).count).toBe(4);
  });

  it("answers not found for another party's row and for DCC-internal rows", async () => {
    const betaRow = await db().auditEvent.findFirstOrThrow({ where: { action: "beta.one" } });
    const internal = await db().auditEvent.findFirstOrThrow({ where: { action: "dcc.internal" } });
    await expect(getAuditEvent(alice, betaRow.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAuditEvent(alice, internal.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getAuditEvent(bob, betaRow.id)).actor?.id).toBe(bob.accountId);
  });

  it("never stores secrets in before/after", async () => {
    const row = await db().auditEvent.findFirstOrThrow({ where: { action: "alpha.one" } });
    expect(row.after).toEqual({ ok: true });
  });

  it("filters by action prefix and London date range, and ignores a malformed date with a message", async () => {
    expect((await listAuditEvents(admin, { action: "alpha" })).count).toBe(2);
    expect((await listAuditEvents(admin, { from: "2026-11-22", to: "2026-11-22" })).data.map((e) => e.action)).toEqual(["dcc.internal", "beta.one"]);
    // A bad date in a hand-edited URL is ignored with a message, not an error page.
    const ignored = await listAuditEvents(admin, { from: "22/11/2026" });
    expect(ignored.count).toBe(4);
    expect(ignored.problems).toEqual(["The From date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24. The filter was ignored."]);
  });

  it("exports every matching row in batches through the same scope", async () => {
    const batches = [];
    for await (const batch of auditEventsForExport(admin, {}, 3)) batches.push(batch.map((e) => e.action));
    expect(batches).toEqual([["alpha.two", "dcc.internal", "beta.one"], ["alpha.one"]]);
    const aliceRows = [];
    for await (const batch of auditEventsForExport(alice, {})) aliceRows.push(...batch);
    expect(aliceRows.every((e) => e.partyId === alice.partyId)).toBe(true);
  });

  it("rolls the audit row back with the change it describes", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await audit(tx, admin, { action: "doomed", entityType: "Thing", entityId: "x", partyId: null });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().auditEvent.count({ where: { action: "doomed" } })).toBe(0);
  });
});
