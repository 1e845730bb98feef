import { beforeEach, describe, expect, it } from "vitest";
import { audit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit-actions";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { withRequestId } from "@/lib/request-id";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { auditEventsForExport, getAuditEvent, listAuditEvents } from "./read-audit-events";

async function record(actor: Actor | null, partyId: string | null, action: AuditAction, entityId: string, at: string) {
  setNow(at);
  await db().$transaction((tx) => audit(tx, actor, { action, entityType: "Thing", entityId, partyId, after: { password: "secret", ok: true } }));
}

const entityIds = (rows: { entityId: string }[]) => rows.map((e) => e.entityId);

describe("audit trail", () => {
  let admin: Actor;
  let alice: Actor;
  let bob: Actor;
  beforeEach(async () => {
    await resetDatabase();
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    alice = await makeActor(["PARTY_USER"], { partyId: (await makeParty({ name: "Alpha" })).id });
    bob = await makeActor(["PARTY_USER"], { partyId: (await makeParty({ name: "Beta" })).id });
    await record(alice, alice.partyId, "saved-search.create", "alpha.one", "2026-11-20T10:00:00Z");
    await record(alice, alice.partyId, "saved-search.delete", "alpha.two", "2026-11-23T10:00:00Z");
    await record(bob, bob.partyId, "saved-search.create", "beta.one", "2026-11-22T10:00:00Z");
    await record(null, null, "service-alert.publish", "dcc.internal", "2026-11-22T11:00:00Z");
  });

  it("shows a party only its own rows, newest first, and DCC admins every row", async () => {
    expect(entityIds((await listAuditEvents(alice, {})).data)).toEqual(["alpha.two", "alpha.one"]);
    expect(entityIds((await listAuditEvents(bob, {})).data)).toEqual(["beta.one"]);
    expect((await listAuditEvents(admin, {})).count).toBe(4);
  });

  it("answers not found for another party's row and for DCC-internal rows", async () => {
    const betaRow = await db().auditEvent.findFirstOrThrow({ where: { entityId: "beta.one" } });
    const internal = await db().auditEvent.findFirstOrThrow({ where: { entityId: "dcc.internal" } });
    await expect(getAuditEvent(alice, betaRow.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAuditEvent(alice, internal.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getAuditEvent(bob, betaRow.id)).actor?.id).toBe(bob.accountId);
  });

  it("never stores secrets in before/after", async () => {
    const row = await db().auditEvent.findFirstOrThrow({ where: { entityId: "alpha.one" } });
    expect(row.after).toEqual({ ok: true });
  });

  it("filters by action from the list and London date range, and ignores a malformed date or unknown action with a message", async () => {
    expect(entityIds((await listAuditEvents(admin, { action: "saved-search.create" })).data)).toEqual(["beta.one", "alpha.one"]);
    expect((await listAuditEvents(admin, { action: "saved-search" })).problems).toEqual(["Choose the action from the list. The filter was ignored."]);
    expect(entityIds((await listAuditEvents(admin, { from: "2026-11-22", to: "2026-11-22" })).data)).toEqual(["dcc.internal", "beta.one"]);
    // A bad date in a hand-edited URL is ignored with a message, not an error page.
    const ignored = await listAuditEvents(admin, { from: "22/11/2026" });
    expect(ignored.count).toBe(4);
    expect(ignored.problems).toEqual(["The From date is not a real date: give it as YYYY-MM-DD, e.g. 2026-11-24. The filter was ignored."]);
  });

  it("exports every matching row in batches through the same scope", async () => {
    const batches = [];
    for await (const batch of auditEventsForExport(admin, {}, 3)) batches.push(entityIds(batch));
    expect(batches).toEqual([["alpha.two", "dcc.internal", "beta.one"], ["alpha.one"]]);
    const aliceRows = [];
    for await (const batch of auditEventsForExport(alice, {})) aliceRows.push(...batch);
    expect(aliceRows.every((e) => e.partyId === alice.partyId)).toBe(true);
  });

  it("rolls the audit row back with the change it describes", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await audit(tx, admin, { action: "party.create", entityType: "Thing", entityId: "doomed", partyId: null });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db().auditEvent.count({ where: { entityId: "doomed" } })).toBe(0);
  });

  it("gives the rows one request or job run writes its request id, and the trail lists them by it within the reader's scope", async () => {
    const requestId = "3b0c1f6e-5d2a-4f7e-9a10-1c2d3e4f5a6b";
    await withRequestId(requestId, async () => {
      await record(alice, alice.partyId, "account.create", "alpha.three", "2026-11-24T10:00:00Z");
      await record(null, null, "account.lock", "dcc.two", "2026-11-24T10:00:01Z");
    });
    await withRequestId("another-request-id", () => record(alice, alice.partyId, "account.disable", "alpha.four", "2026-11-24T10:00:02Z"));
    const rows = await db().auditEvent.findMany({ where: { entityId: { in: ["alpha.three", "dcc.two", "alpha.four"] } }, orderBy: { at: "asc" } });
    expect(rows.map((r) => r.requestId)).toEqual([requestId, requestId, "another-request-id"]);
    // Outside any request (seeding, scripts) no id is invented.
    expect((await db().auditEvent.findFirstOrThrow({ where: { entityId: "alpha.one" } })).requestId).toBeNull();

    expect(entityIds((await listAuditEvents(admin, { requestId })).data)).toEqual(["dcc.two", "alpha.three"]);
    expect(entityIds((await listAuditEvents(alice, { requestId })).data)).toEqual(["alpha.three"]);
    expect((await listAuditEvents(bob, { requestId })).count).toBe(0);
    const exported = [];
    for await (const batch of auditEventsForExport(admin, { requestId })) exported.push(...entityIds(batch));
    expect(exported).toEqual(["dcc.two", "alpha.three"]);
  });
});
