// Receive Response URLs: a party registers, a DCC admin decides once, the party or the DCC revokes; another party's
// URL reads as not found. The decision race runs for real on PostgreSQL (one connection per call); on PGlite the calls
// run one after another and the same outcome holds.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { decideResponseEndpoint, listResponseEndpoints, MAX_LIVE_ENDPOINTS, registerResponseEndpoint, revokeResponseEndpoint } from "./endpoints";

const NOW = new Date("2026-11-24T09:00:00Z");

describe("Receive Response URLs", () => {
  let supplier: Actor;
  let other: Actor;
  let admin: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    supplier = await makeActor(["PARTY_USER"]);
    other = await makeActor(["ARO"], { roles: ["ED"] });
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  it("a party registers a URL, pending until a DCC admin approves it, each step audited", async () => {
    const endpoint = await registerResponseEndpoint(supplier, { url: " https://duis.example.test/receive " });
    expect(endpoint).toMatchObject({ partyId: supplier.partyId, url: "https://duis.example.test/receive", status: "PENDING", requestedById: supplier.accountId, createdAt: NOW });
    const approved = await decideResponseEndpoint(admin, { id: endpoint.id, decision: "APPROVE" });
    expect(approved).toMatchObject({ status: "APPROVED", decidedById: admin.accountId, decidedAt: NOW, version: 1 });
    const trail = await db().auditEvent.findMany({ where: { entityId: endpoint.id }, orderBy: { at: "asc" } });
    expect(trail.map((row) => [row.action, row.actorId, row.partyId])).toEqual([
      ["response-endpoint.request", supplier.accountId, supplier.partyId],
      ["response-endpoint.approve", admin.accountId, supplier.partyId],
    ]);
  });

  it("refuses what is not a plain http(s) address, naming every problem", async () => {
    const refusals = {
      "ftp://files.example.test/in": "The URL must start with https:// or http://.",
      "https://user:secret@duis.example.test/in": "The URL must not contain a user name or password.",
      "https://duis.example.test/in#top": "The URL must not contain a fragment (#…).",
      "duis.example.test/in": "Give the full URL, starting with https:// or http://.",
      "": "The URL is required.",
      [`https://duis.example.test/${"a".repeat(480)}`]: "The URL: at most 500 characters.",
    };
    for (const [url, message] of Object.entries(refusals)) {
      await expect(registerResponseEndpoint(supplier, { url }), url).rejects.toMatchObject({ issues: [expect.objectContaining({ message, path: ["url"] })] });
    }
    expect(await db().responseEndpoint.count()).toBe(0);
  });

  it("refuses a duplicate and a sixth live URL; rejected and revoked ones no longer count", async () => {
    const first = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/1" });
    await expect(registerResponseEndpoint(supplier, { url: "https://DUIS.example.test/1" })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { url: "This URL is already registered." } });
    // Another party may register the same address.
    await registerResponseEndpoint(other, { url: "https://duis.example.test/1" });
    for (let n = 2; n <= MAX_LIVE_ENDPOINTS; n++) await registerResponseEndpoint(supplier, { url: `https://duis.example.test/${n}` });
    await expect(registerResponseEndpoint(supplier, { url: "https://duis.example.test/6" })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { url: "At most 5 URLs." } });
    await decideResponseEndpoint(admin, { id: first.id, decision: "REJECT" });
    await registerResponseEndpoint(supplier, { url: "https://duis.example.test/1" });
    expect(await db().responseEndpoint.count({ where: { partyId: supplier.partyId } })).toBe(6);
  });

  it("another party's URL is not found, for revoking as for deciding; only DCC admins decide", async () => {
    const endpoint = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/in" });
    await expect(revokeResponseEndpoint(other, { id: endpoint.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "That Receive Response URL was not found." });
    await expect(decideResponseEndpoint(other, { id: endpoint.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decideResponseEndpoint(supplier, { id: endpoint.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(registerResponseEndpoint(admin, { url: "https://dcc.example.test/in" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A colleague without the permission sees the URL but may not revoke it.
    const sro = await makeActor(["SRO"], { partyId: supplier.partyId });
    await expect(revokeResponseEndpoint(sro, { id: endpoint.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await listResponseEndpoints(other)).toEqual([]);
    expect((await db().responseEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).status).toBe("PENDING");
  });

  it("the party or a DCC admin revokes; a decided or revoked URL cannot be decided again", async () => {
    const kept = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/kept" });
    const withdrawn = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/withdrawn" });
    await decideResponseEndpoint(admin, { id: kept.id, decision: "APPROVE" });
    await expect(decideResponseEndpoint(admin, { id: kept.id, decision: "REJECT" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("is Approved: it cannot become Rejected") });
    expect(await revokeResponseEndpoint(supplier, { id: withdrawn.id })).toMatchObject({ status: "REVOKED" });
    expect(await revokeResponseEndpoint(admin, { id: kept.id })).toMatchObject({ status: "REVOKED" });
    await expect(revokeResponseEndpoint(supplier, { id: kept.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(decideResponseEndpoint(admin, { id: withdrawn.id, decision: "APPROVE" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEvent.count({ where: { action: "response-endpoint.revoke" } })).toBe(2);
  });

  it("a party lists its own URLs; a DCC admin every party's, those awaiting approval first", async () => {
    const approved = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/a" });
    await decideResponseEndpoint(admin, { id: approved.id, decision: "APPROVE" });
    setNow(new Date(NOW.getTime() + 60_000));
    const pending = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/b" });
    const elsewhere = await registerResponseEndpoint(other, { url: "https://network.example.test/in" });
    expect((await listResponseEndpoints(supplier)).map((e) => e.id)).toEqual([pending.id, approved.id]);
    const all = await listResponseEndpoints(admin);
    expect(all.map((e) => e.status)).toEqual(["PENDING", "PENDING", "APPROVED"]);
    expect(new Set(all.slice(0, 2).map((e) => e.id))).toEqual(new Set([pending.id, elsewhere.id]));
    expect(all[2]).toMatchObject({ party: { id: supplier.partyId }, decidedBy: { name: "Test Person" } });
  });

  it("two admins deciding at once: decided once, one audit row, the other told it changed", async () => {
    const endpoint = await registerResponseEndpoint(supplier, { url: "https://duis.example.test/race" });
    const other = await makeActor(["DCC_ADMIN"], { partyId: admin.partyId });
    const race = await concurrently([
      ...times(2, () => decideResponseEndpoint(admin, { id: endpoint.id, decision: "APPROVE" })),
      () => decideResponseEndpoint(other, { id: endpoint.id, decision: "REJECT" }),
    ]);
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused.map((e) => e.code)).toEqual(["CONFLICT", "CONFLICT"]);
    const stored = await db().responseEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(stored).toMatchObject({ status: race.succeeded[0].status, version: 1 });
    expect(await db().auditEvent.count({ where: { entityId: endpoint.id, action: { in: ["response-endpoint.approve", "response-endpoint.reject"] } } })).toBe(1);
  });

  it("the same URL registered twice at once: one registration, the other refused as a duplicate", async () => {
    const race = await concurrently(times(2, () => registerResponseEndpoint(supplier, { url: "https://duis.example.test/twice" })));
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused.map((e) => e.fieldErrors)).toEqual([{ url: "This URL is already registered." }]);
    expect(await db().responseEndpoint.count({ where: { partyId: supplier.partyId } })).toBe(1);
  });
});
