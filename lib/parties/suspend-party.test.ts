// SEC M8.5: a DCC admin suspends a party's right to send Service Requests (with a reason) and lifts it; each change is
// audited with it, and of two admins making the same change at once one makes it (races on PostgreSQL).
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { SUSPENSION_REASON_MAX } from "./schemas";
import { reinstateParty, suspendParty } from "./suspend-party";

describe("party suspension", () => {
  let admin: Actor;
  let partyId: string;
  beforeEach(async () => {
    await resetDatabase();
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    partyId = (await makeParty({ name: "Solent Power", roles: ["IS"] })).id;
  });

  const audits = (action: string) => db().auditEvent.findMany({ where: { action, entityId: partyId } });

  it("suspends with the reason and lifts it, each change audited", async () => {
    const suspended = await suspendParty(admin, { partyId, reason: "  Unpaid charges (SEC M8.5)  " });
    expect(suspended).toMatchObject({ suspendedAt: expect.any(Date), suspensionReason: "Unpaid charges (SEC M8.5)" });
    expect(await audits("party.suspend")).toEqual([expect.objectContaining({ actorId: admin.accountId, partyId, after: expect.objectContaining({ suspensionReason: "Unpaid charges (SEC M8.5)" }) })]);

    await reinstateParty(admin, { partyId });
    expect(await db().party.findUniqueOrThrow({ where: { id: partyId } })).toMatchObject({ suspendedAt: null, suspensionReason: null });
    expect(await audits("party.reinstate")).toEqual([expect.objectContaining({ before: expect.objectContaining({ suspensionReason: "Unpaid charges (SEC M8.5)" }) })]);
  });

  it("needs a bounded reason, refuses the DCC itself and an unknown party, and is for DCC admins only", async () => {
    await expect(suspendParty(admin, { partyId, reason: "   " })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["reason"], message: "Give the reason for the suspension." })] });
    await expect(suspendParty(admin, { partyId, reason: "x".repeat(SUSPENSION_REASON_MAX + 1) })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["reason"], message: `The reason: at most ${SUSPENSION_REASON_MAX} characters.` })],
    });
    await expect(suspendParty(admin, { partyId, reason: "bad\u0000byte" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["reason"] })] });
    await expect(suspendParty(admin, { partyId: admin.partyId, reason: "No" })).rejects.toMatchObject({ code: "INVALID", message: "The DCC cannot be suspended." });
    await expect(suspendParty(admin, { partyId: "no-such-party", reason: "No" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    await expect(suspendParty(desk, { partyId, reason: "No" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reinstateParty(desk, { partyId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().party.findUniqueOrThrow({ where: { id: partyId } })).toMatchObject({ suspendedAt: null });
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("a second suspension, or lifting one that is not there, is a conflict that changes nothing", async () => {
    await expect(reinstateParty(admin, { partyId })).rejects.toMatchObject({ code: "CONFLICT" });
    await suspendParty(admin, { partyId, reason: "First" });
    await expect(suspendParty(admin, { partyId, reason: "Second" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().party.findUniqueOrThrow({ where: { id: partyId } })).suspensionReason).toBe("First");
    expect(await audits("party.suspend")).toHaveLength(1);
  });

  it("two admins suspending at once make one change and one audit row; the other is told", async () => {
    const { succeeded, refused } = await concurrently(times(2, () => suspendParty(admin, { partyId, reason: "Raced" })));
    expect(succeeded).toHaveLength(1);
    expect(refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    expect(await audits("party.suspend")).toHaveLength(1);
    const lifted = await concurrently(times(2, () => reinstateParty(admin, { partyId })));
    expect([lifted.succeeded.length, lifted.refused.map((e) => e.code)]).toEqual([1, ["CONFLICT"]]);
    expect(await audits("party.reinstate")).toHaveLength(1);
  });
});
