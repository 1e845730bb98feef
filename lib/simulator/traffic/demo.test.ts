// The demo's background load: off unless asked for (tests seed without it), and when seeded, a tick sends the demo
// parties' normal day through the gateway against the seeded inventory.
import { beforeAll, describe, expect, it } from "vitest";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { resetDatabase } from "@/lib/testing/fixtures";
import { DEFAULT_SEED, seedDemoData } from "@/prisma/seed";
import { DEMO_RATE, demoTrafficRate } from "./demo";
import { tickTraffic } from "./traffic";

describe("the demo's background load", () => {
  it("SIM_DEMO_RATE: unset is the gentle default, 0 is off, anything else not a rate is refused by name", () => {
    expect(demoTrafficRate(undefined)).toBe(DEMO_RATE);
    expect(demoTrafficRate("0")).toBe(0);
    expect(demoTrafficRate(" 2.5 ")).toBe(2.5);
    expect(() => demoTrafficRate("fast")).toThrow(/SIM_DEMO_RATE must be a number/);
    expect(() => demoTrafficRate("-1")).toThrow(/SIM_DEMO_RATE/);
  });

  describe("seeded", () => {
    beforeAll(async () => {
      await resetDatabase();
      resetClock();
      setNow(new Date("2026-12-01T10:00:00Z"));
    });

    it("is off by default; seeded with a rate, the demo parties' requests arrive at the gateway", async () => {
      await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 300, incidents: 0, orders: false });
      expect(await db().simTrafficRun.count()).toBe(0);

      await resetDatabase();
      const created = await seedDemoData(db(), { seed: DEFAULT_SEED, devices: 300, incidents: 0, orders: false, trafficRate: 2 });
      expect(created["simulator traffic"]).toEqual({ "traffic runs": 1 });
      expect(await db().simTrafficRun.findFirstOrThrow()).toMatchObject({ scenario: "normal-day", status: "RUNNING", ratePerSecond: 2, startedById: null });
      advanceClock(5_000);
      expect(await tickTraffic()).toMatchObject({ sent: 10 });
      const rows = await db().serviceRequest.findMany({ include: { party: true } });
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.party.name !== "Data and Communications Company")).toBe(true);
      // Stored with their checks, not silently rejected: the seeded parties sign with the keys the seed issued them.
      expect(await db().silentReject.count()).toBe(0);
      expect(rows.filter((r) => r.responseCode === "I99" || r.responseCode === "I0").length).toBeGreaterThan(5);
    }, 120_000);
  });
});
