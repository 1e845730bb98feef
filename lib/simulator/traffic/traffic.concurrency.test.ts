// Two workers ticking the same run at the same moment send each owed request once: the claim of the seconds owed is
// a guarded update on the run's version. PostgreSQL only: PGlite has one connection, so nothing races there.
import { beforeEach, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { databaseTarget } from "@/lib/database-adapter";
import { db } from "@/lib/db";
import { gatewayWorld } from "@/lib/duis/testing/gateway-fixtures";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { startTraffic, tickTraffic } from "./traffic";

describe.skipIf(databaseTarget().kind !== "postgres")("traffic ticks racing", () => {
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(new Date("2026-12-01T10:00:00Z"));
  });

  it("two ticks at once send each owed request once, second after second", async () => {
    const world = await gatewayWorld();
    const admin = await makeActor(["DCC_ADMIN"], { partyId: world.dcc.id });
    const run = await startTraffic(admin, { scenario: "compromised-supplier", ratePerSecond: 4, total: 100 });
    for (let second = 0; second < 5; second++) {
      advanceClock(1_000);
      const { succeeded } = await concurrently(times(2, () => tickTraffic()));
      // One of the two claimed the second's four requests; the other found them claimed.
      expect(succeeded.map((t) => t.sent).sort()).toEqual([0, 4]);
    }
    expect(await db().serviceRequest.count({ where: { srv: "7.2", partyId: world.supplier.id, status: "COMMAND_SENT" } })).toBe(20);
    expect(await db().simTrafficRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ sent: 20, refused: 0, status: "RUNNING" });
  });
});
