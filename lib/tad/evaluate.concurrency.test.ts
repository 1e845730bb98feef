// TAD counts under concurrent batches: two device batches submitted at once (on PostgreSQL, two transactions racing
// on the same minute buckets) count every communication once, and the User ADT holds exactly those over it.
import { beforeEach, describe, expect, it } from "vitest";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { readDuisRequest } from "@/lib/duis/envelope";
import { submitMany, type Submission } from "@/lib/duis/pipeline";
import { gatewayWorld, requestXml } from "@/lib/duis/testing/gateway-fixtures";
import { parseDuisXml } from "@/lib/duis/xml";
import { concurrently } from "@/lib/testing/concurrently";
import { resetDatabase } from "@/lib/testing/fixtures";
import { forgetTadThresholds } from "./evaluate";
import { DCC_SCOPE, applyThresholdSet, userScope } from "./thresholds";

const PER_BATCH = 25;

describe("TAD counts under concurrent batches", () => {
  let world: Awaited<ReturnType<typeof gatewayWorld>>;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(new Date("2026-12-01T10:00:30Z"));
    forgetTadThresholds();
    world = await gatewayWorld();
  });

  it("two batches at once count each of their communications once, and the ADT holds exactly the ones over it", async () => {
    await db().$transaction((tx) => applyThresholdSet(tx, null, { partyId: world.supplier.id, userRole: "IS", rows: [{ srv: "4.1.1", kind: "ADT", maxCount: 30, periodMinutes: 60 }] }));
    const party = { ...world.supplier, isDcc: false };
    const submission = (): Submission => {
      const xml = requestXml({ from: world.supplier, to: world.premises.esme.id, srv: "4.1.1", body: "<sr:ReadInstantaneousImportRegisters/>" });
      const read = readDuisRequest(parseDuisXml(xml));
      if (!read.ok) throw new Error(read.problems.join("; "));
      return { endpoint: "serviceS", xml, request: read.request, party, accountId: null, certificateStatus: "VALID", receivedAt: new Date("2026-12-01T10:00:30Z") };
    };
    const batches = [Array.from({ length: PER_BATCH }, submission), Array.from({ length: PER_BATCH }, submission)];
    const { succeeded } = await concurrently(batches.map((batch) => () => submitMany(batch)));
    expect(succeeded.flat().every((o) => !o.silent && o.code === "I99")).toBe(true);

    const counts = await db().tadCount.findMany();
    expect(counts.find((c) => c.scope === userScope(world.supplier.id, "IS"))?.count).toBe(2 * PER_BATCH);
    expect(counts.find((c) => c.scope === DCC_SCOPE)?.count).toBe(2 * PER_BATCH);
    expect(await db().serviceRequest.count({ where: { status: "QUARANTINED" } })).toBe(2 * PER_BATCH - 30);
    expect(await db().quarantineItem.count()).toBe(2 * PER_BATCH - 30);
    // One incident for the threshold, whichever batch raised it.
    expect(await db().incident.count({ where: { tad: "QUARANTINE" } })).toBe(1);
  });
});
