// Exactly once (issue 13 item 4, D2): two SROs releasing the same quarantined command at the same moment, or one
// releasing while another deletes, leave one decision, one Command and one Device Command job. The calls race on
// PostgreSQL; PGlite runs them one after another.
import { beforeEach, describe, expect, it } from "vitest";
import type { Party } from "@/generated/prisma/client";
import { resetClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { deleteQuarantined, releaseQuarantined } from "./decide";
import { commandJobsFor, quarantineBatch } from "./testing";

describe("quarantine decisions exactly once", () => {
  let party: Party;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    party = await makeParty();
  });

  it("two releases of one item at once send one Command", async () => {
    const [first, second] = [await makeActor(["SRO"], { partyId: party.id }), await makeActor(["SRO"], { partyId: party.id })];
    const { items, incidentId } = await quarantineBatch(party, { count: 2 });
    const { succeeded, refused } = await concurrently([() => releaseQuarantined(first, { ids: [items[0].id] }), () => releaseQuarantined(second, { ids: [items[0].id] })]);
    expect(refused).toEqual([]);
    expect(succeeded.flatMap((r) => r.decided)).toHaveLength(1);
    expect(succeeded.flatMap((r) => r.skipped)).toHaveLength(1);
    expect(await commandJobsFor([items[0].serviceRequestId])).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "tad.quarantine.release", entityType: "QuarantineItem" } })).toBe(1);
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } })).toMatchObject({ status: "COMMAND_SENT", version: 1 });
    expect((await db().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).not.toBe("CLOSED");
  });

  it("a release and a delete of one item at once: one wins, whole", async () => {
    const sro = await makeActor(["SRO"], { partyId: party.id });
    const { items } = await quarantineBatch(party);
    const { succeeded } = await concurrently([() => releaseQuarantined(sro, { ids: [items[0].id] }), () => deleteQuarantined(sro, { ids: [items[0].id] })]);
    expect(succeeded.flatMap((r) => r.decided)).toHaveLength(1);
    const item = await db().quarantineItem.findUniqueOrThrow({ where: { id: items[0].id } });
    const sr = await db().serviceRequest.findUniqueOrThrow({ where: { id: items[0].serviceRequestId } });
    if (item.status === "RELEASED") {
      expect(sr.status).toBe("COMMAND_SENT");
      expect(await commandJobsFor([sr.id])).toBe(1);
    } else {
      expect(item.status).toBe("DELETED_BY_USER");
      expect(sr.status).toBe("DELETED");
      expect(await commandJobsFor([sr.id])).toBe(0);
    }
  });

  it("two SROs finishing the last two items of an incident at once: it closes once", async () => {
    const [first, second] = [await makeActor(["SRO"], { partyId: party.id }), await makeActor(["SRO"], { partyId: party.id })];
    const { items, incidentId } = await quarantineBatch(party, { count: 2 });
    await concurrently([() => releaseQuarantined(first, { ids: [items[0].id] }), () => deleteQuarantined(second, { ids: [items[1].id] })]);
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { events: true } });
    expect(incident.status).toBe("CLOSED");
    expect(incident.events.filter((e) => e.kind === "auto-close")).toHaveLength(1);
  });

  it("many SROs releasing one batch at once: each Command once", async () => {
    const { items } = await quarantineBatch(party, { count: 20 });
    const sros = await Promise.all(times(4, () => makeActor(["SRO"], { partyId: party.id })).map((make) => make()));
    const { succeeded } = await concurrently(sros.map((sro) => () => releaseQuarantined(sro, { ids: items.map((i) => i.id) })));
    expect(succeeded.flatMap((r) => r.decided)).toHaveLength(20);
    expect(await commandJobsFor(items.map((i) => i.serviceRequestId))).toBe(20);
  });
});
