// Quarantine decisions in the portal and by the DCC (processing.md §6.4; D2): the SRO releases (the Command is sent,
// once) or deletes (never sent), one or many with an itemised result; the DCC's advice is enforced; expiry is judged
// at the decision's receipt (P2); the incident closes when every item is resolved.
import { beforeEach, describe, expect, it } from "vitest";
import type { Party } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { refusal } from "@/lib/testing/incident-fixtures";
import { deleteAsAdvised, recordDccAdvice } from "./dcc-advice";
import { archiveQuarantine } from "./archive";
import { DECISION_LIMIT, deleteQuarantined, releaseQuarantined } from "./decide";
import { quarantineQueue } from "./read-quarantine";
import { commandJobsFor, quarantineBatch } from "./testing";

const HOUR = 3_600_000;

describe("quarantine decisions", () => {
  let party: Party;
  let sro: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    party = await makeParty({ roles: ["IS"] });
    sro = await makeActor(["SRO"], { partyId: party.id });
  });

  it("an SRO releases a held command: the Command is sent once, audited, and the incident closes with its last item", async () => {
    const { incidentId, items } = await quarantineBatch(party);
    const result = await releaseQuarantined(sro, { ids: [items[0].id] });
    expect(result).toEqual({ decided: [{ id: items[0].id, requestId: items[0].serviceRequest.requestId }], skipped: [], failed: [] });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ status: "RELEASED", decidedVia: "PORTAL", decidedById: sro.accountId, version: 1 });
    const sr = await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } });
    expect(sr.status).toBe("COMMAND_SENT");
    expect(sr.commandSentAt).not.toBeNull();
    expect(await commandJobsFor([sr.id])).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "tad.quarantine.release", entityId: items[0].id, actorId: sro.accountId } })).toBe(1);
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { events: { orderBy: { at: "asc" } } } });
    expect(incident.status).toBe("CLOSED");
    expect(incident.events.map((e) => e.text)).toEqual(
      expect.arrayContaining([expect.stringContaining(`Released (Command sent): ${items[0].serviceRequest.requestId}`), expect.stringContaining("Every quarantined communication")]),
    );
    // The closure is the DCC's.
    expect(incident.events.find((e) => e.kind === "auto-close")?.actorName).toBe("DCC (automatic)");

    // A second release of the same item changes nothing: skipped, no second Command.
    const again = await releaseQuarantined(sro, { ids: [items[0].id] });
    expect(again.skipped).toHaveLength(1);
    expect(again.skipped[0].reason).toContain("released");
    expect(await commandJobsFor([sr.id])).toBe(1);
  });

  it("many at once: an itemised result; a delete is never sent; the incident stays open while an item waits", async () => {
    const { incidentId, items } = await quarantineBatch(party, { count: 3 });
    const other = await quarantineBatch(await makeParty(), { count: 1 });
    const released = await releaseQuarantined(sro, { ids: [items[0].id, items[1].id, other.items[0].id, "no-such-item"] });
    expect(released.decided.map((d) => d.id)).toEqual([items[0].id, items[1].id]);
    // Another party's item reads like one that does not exist.
    expect(released.failed).toEqual([
      { id: other.items[0].id, requestId: null, reason: "No such quarantined command of your organisation." },
      { id: "no-such-item", requestId: null, reason: "No such quarantined command of your organisation." },
    ]);
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: other.items[0].id } })).toMatchObject({ status: "QUARANTINED" });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).not.toBe("CLOSED");

    const deleted = await deleteQuarantined(sro, { ids: [items[2].id, items[0].id] });
    expect(deleted.decided.map((d) => d.id)).toEqual([items[2].id]);
    expect(deleted.skipped.map((s) => s.id)).toEqual([items[0].id]);
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[2].id } })).toMatchObject({ status: "DELETED_BY_USER" });
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[2].serviceRequestId } })).toMatchObject({ status: "DELETED", commandSentAt: null });
    expect(await commandJobsFor([items[2].serviceRequestId])).toBe(0);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("CLOSED");
  });

  it("only the party's SRO decides, at most 100 at a time", async () => {
    const { items } = await quarantineBatch(party);
    for (const permissions of [["PARTY_USER"], ["ARO"]] as const) {
      expect((await refusal(releaseQuarantined(await makeActor([...permissions], { partyId: party.id }), { ids: [items[0].id] }))).code).toBe("FORBIDDEN");
    }
    const tooMany = await refusal(releaseQuarantined(sro, { ids: Array.from({ length: DECISION_LIMIT + 1 }, (_, i) => `id${i}`) }));
    expect(tooMany).toMatchObject({ code: "INVALID", message: expect.stringContaining("at most 100") });
    expect((await refusal(deleteQuarantined(sro, { ids: [] }))).code).toBe("INVALID");
  });

  it("a released future-dated request goes on as the pipeline sends it: a DSP one waits for its time, a Device one is sent for it", async () => {
    setNow(new Date("2026-12-08T10:00:00Z"));
    const ahead = new Date("2026-12-09T08:00:00Z");
    const { items } = await quarantineBatch(party, { count: 4 });
    const [dspAhead, dspDue, device, deleted] = items.map((i) => i.serviceRequestId);
    await db().serviceRequest.update({ where: { id: dspAhead }, data: { mode: "FUTURE_DATED_DSP", executeAt: ahead } });
    await db().serviceRequest.update({ where: { id: dspDue }, data: { mode: "FUTURE_DATED_DSP", executeAt: new Date("2026-12-08T09:00:00Z") } });
    await db().serviceRequest.update({ where: { id: device }, data: { mode: "FUTURE_DATED_DEVICE", executeAt: ahead } });
    expect((await releaseQuarantined(sro, { ids: items.slice(0, 3).map((i) => i.id) })).decided).toHaveLength(3);
    expect((await deleteQuarantined(sro, { ids: [items[3].id] })).decided).toHaveLength(1);
    const requests = new Map((await db().serviceRequest.findMany({ where: { id: { in: [dspAhead, dspDue, device, deleted] } } })).map((r) => [r.id, r]));
    expect(requests.get(dspAhead)).toMatchObject({ status: "WAITING_EXECUTION", commandSentAt: null, version: 1 });
    expect(requests.get(dspDue)).toMatchObject({ status: "COMMAND_SENT", commandSentAt: new Date("2026-12-08T10:00:00Z") });
    expect(requests.get(device)).toMatchObject({ status: "COMMAND_SENT", commandSentAt: new Date("2026-12-08T10:00:00Z") });
    expect(requests.get(deleted)).toMatchObject({ status: "DELETED", commandSentAt: null });
    const jobs = await db().$queryRaw<{ name: string; id: string; start: Date }[]>`
      SELECT name, data->>'serviceRequestId' AS id, start_after AS start FROM pgboss.job WHERE data->>'serviceRequestId' = ANY(${[dspAhead, dspDue, device, deleted]}::text[])`;
    const byRequest = new Map(jobs.map((j) => [j.id, j]));
    expect(jobs).toHaveLength(3);
    expect(byRequest.get(dspAhead)).toMatchObject({ name: "duis-future-dated", start: ahead });
    expect(byRequest.get(device)).toMatchObject({ name: "duis-device-command", start: ahead });
    expect(byRequest.get(dspDue)?.name).toBe("duis-device-command");
  });

  it("after 120 hours nothing is releasable (P2: judged when the decision is received, before the archive job runs)", async () => {
    const quarantinedAt = new Date("2026-12-01T09:00:00Z");
    const { items } = await quarantineBatch(party, { quarantinedAt });
    setNow(new Date(quarantinedAt.getTime() + 120 * HOUR));
    const result = await releaseQuarantined(sro, { ids: [items[0].id] });
    expect(result.failed[0].reason).toContain("was archived: its 120 hours ended");
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } })).toMatchObject({ status: "QUARANTINED", version: 0 });
    setNow(new Date(quarantinedAt.getTime() + 120 * HOUR - 1000));
    expect((await releaseQuarantined(sro, { ids: [items[0].id] })).decided).toHaveLength(1);
  });

  it("archived items are listed only by reference (RequestID or incident), read-only, and never another party's", async () => {
    const quarantinedAt = new Date("2026-12-01T09:00:00Z");
    const { incidentId, items } = await quarantineBatch(party, { quarantinedAt, count: 2 });
    setNow(new Date(quarantinedAt.getTime() + 121 * HOUR));
    expect((await archiveQuarantine()).archived).toBe(2);
    const requestId = items[1].serviceRequest.requestId;
    const listed = (reference?: string, actor = sro) => quarantineQueue(actor, { view: "archived", reference }).then((q) => q.page.data.map((i) => [i.requestId, i.status, i.canRelease]));
    expect(await listed()).toEqual([]);
    expect(await listed(requestId)).toEqual([[requestId, "ARCHIVED", false]]);
    const { ref } = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(await listed(ref.toLowerCase())).toHaveLength(2);
    expect(await listed("nothing-of-that-name")).toEqual([]);
    const other = await makeActor(["SRO"], { partyId: (await makeParty({ roles: ["IS"] })).id });
    expect(await listed(requestId, other)).toEqual([]);
    expect(await listed(requestId, await makeActor(["SERVICE_DESK"], { isDcc: true }))).toEqual([[requestId, "ARCHIVED", false]]);
  });

  it("the DCC's advice is enforced: MUST_DELETE cannot be released, NO_ACTION cannot be decided by the User", async () => {
    const dcc = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const mustDelete = await quarantineBatch(party, { breach: "DCC", count: 2 });
    const noAction = await quarantineBatch(party, { breach: "DCC" });
    expect(await recordDccAdvice(dcc, { incidentId: mustDelete.incidentId, advice: "MUST_DELETE" })).toEqual({ advised: 2 });
    await recordDccAdvice(dcc, { ids: [noAction.items[0].id], advice: "NO_ACTION" });
    // The User's own breaches are the User's to decide.
    const userBreach = await quarantineBatch(party);
    expect((await refusal(recordDccAdvice(dcc, { ids: [userBreach.items[0].id], advice: "MUST_DELETE" }))).code).toBe("INVALID");
    expect((await refusal(recordDccAdvice(sro, { ids: [noAction.items[0].id], advice: "USER_DECIDES" }))).code).toBe("FORBIDDEN");

    const refused = await releaseQuarantined(sro, { ids: [mustDelete.items[0].id, noAction.items[0].id] });
    expect(refused.decided).toEqual([]);
    expect(refused.failed.map((f) => f.reason)).toEqual([expect.stringContaining("the DCC advised that it must be deleted"), expect.stringContaining("the DCC advised no action")]);
    expect((await deleteQuarantined(sro, { ids: [noAction.items[0].id] })).failed).toHaveLength(1);
    // The User may still delete a MUST_DELETE item itself.
    expect((await deleteQuarantined(sro, { ids: [mustDelete.items[0].id] })).decided).toHaveLength(1);

    // Scenario 21: the DCC executes its decision; the items are deleted and the record closed.
    expect(await deleteAsAdvised(dcc, { incidentId: mustDelete.incidentId })).toEqual({ deleted: 1 });
    expect(await db().quarantineItem.findUniqueOrThrow({ where: { id: mustDelete.items[1].id } })).toMatchObject({ status: "DELETED_BY_DCC", decidedVia: "DCC" });
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: mustDelete.items[1].serviceRequestId } })).toMatchObject({ status: "DELETED" });
    expect((await db().incident.findUniqueOrThrow({ where: { id: mustDelete.incidentId } })).status).toBe("CLOSED");
    expect((await refusal(deleteAsAdvised(dcc, { incidentId: noAction.incidentId }))).code).toBe("CONFLICT");
  });

  it("advice given after the SRO read an item wins: the stale release is skipped, not applied", async () => {
    const dcc = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const { items } = await quarantineBatch(party, { breach: "PACKET", dccAdvice: "USER_DECIDES" });
    await recordDccAdvice(dcc, { ids: [items[0].id], advice: "MUST_DELETE" });
    const result = await releaseQuarantined(sro, { ids: [items[0].id] });
    expect(result.failed[0].reason).toContain("must be deleted");
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } })).toMatchObject({ status: "QUARANTINED" });
  });
});
