// Threshold sets: the DCC's aggregate ADTs and packet ranges, versions (one active per owner and role), the restore of a
// temporary change, and exactly one winner when two apply at once (they race on PostgreSQL; PGlite runs them in turn).
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor } from "@/lib/testing/fixtures";
import { activeThresholds, listThresholdVersions, restorePreviousThresholds, setDccThresholds } from "./thresholds";

let admin: Actor;
let partyUser: Actor;

beforeAll(async () => {
  setNow("2026-12-08T10:00:00Z");
  admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  partyUser = await makeActor(["PARTY_USER", "ARO"]);
});

const rows = (max: number) => [
  { kind: "ADT" as const, srv: "1.5", maxCount: max, periodMinutes: 60 },
  { kind: "PACKET" as const, srv: "1.5", param: "Adjustment.Amount", minValue: -500, maxValue: 500 },
];

describe("DCC thresholds", () => {
  it("sets aggregate ADTs and packet ranges as a new active version that activeThresholds keys by SRV", async () => {
    const first = await setDccThresholds(admin, { rows: rows(1000) });
    const active = await activeThresholds(db());
    expect(active.dcc.get("1.5")).toEqual({
      adt: { thresholdId: expect.any(String), maxCount: 1000, periodMinutes: 60 },
      packet: [{ thresholdId: expect.any(String), param: "Adjustment.Amount", minValue: -500, maxValue: 500 }],
    });
    expect(active.maxPeriodMinutes).toBeGreaterThanOrEqual(60);
    const second = await setDccThresholds(admin, { rows: rows(2000) });
    expect(second.version).toBe(first.version + 1);
    expect((await activeThresholds(db())).dcc.get("1.5")?.adt?.maxCount).toBe(2000);
    const versions = await listThresholdVersions(admin, {});
    expect(versions.filter((v) => v.active).map((v) => v.id)).toEqual([second.id]);
    expect(await db().auditEvent.count({ where: { action: "tad.dcc.thresholds" } })).toBe(2);
  });

  it("refuses unknown, Non-Device and duplicate SRVs, bad numbers and empty ranges, every row's error at once", async () => {
    const result = setDccThresholds(admin, {
      rows: [
        { kind: "ADT", srv: "99.9", maxCount: 5, periodMinutes: 60 },
        { kind: "ADT", srv: "8.2", maxCount: 5, periodMinutes: 60 },
        { kind: "ADT", srv: "7.2", maxCount: -1, periodMinutes: 0 },
        { kind: "ADT", srv: "7.2", maxCount: 5, periodMinutes: 60 },
        { kind: "PACKET", srv: "1.5", param: "Adjustment.Amount", minValue: 10, maxValue: 5 },
        { kind: "PACKET", srv: "1.6", param: "Mode" },
      ],
    });
    await expect(result).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["rows", 0, "srv"], message: "This SRV is not in the DUIS catalogue." }),
        expect.objectContaining({ path: ["rows", 1, "srv"], message: "Non-Device SRVs are never subject to TAD." }),
        expect.objectContaining({ path: ["rows", 2, "maxCount"] }),
        expect.objectContaining({ path: ["rows", 2, "periodMinutes"] }),
        expect.objectContaining({ path: ["rows", 4, "maxValue"] }),
        expect.objectContaining({ path: ["rows", 5, "minValue"] }),
      ]),
    });
    await expect(setDccThresholds(partyUser, { rows: rows(1) })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("restores the version before a temporary change, once, keeping the history", async () => {
    const enduring = await setDccThresholds(admin, { rows: rows(1000) });
    const temporary = await setDccThresholds(admin, { rows: rows(50_000), temporary: true });
    await expect(restorePreviousThresholds(admin, { setId: enduring.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const restored = await restorePreviousThresholds(admin, { setId: temporary.id });
    expect(restored).toMatchObject({ version: temporary.version + 1, temporary: false, active: true });
    expect((await activeThresholds(db())).dcc.get("1.5")?.adt?.maxCount).toBe(1000);
    await expect(restorePreviousThresholds(admin, { setId: temporary.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("no longer in force") });
  });

  it("of two sets applied at once, one is in force and the other is refused with CONFLICT", async () => {
    const { succeeded, refused } = await concurrently(times(2, () => setDccThresholds(admin, { rows: rows(7) })));
    expect(succeeded.length + refused.length).toBe(2);
    expect(refused.every((e) => e.code === "CONFLICT")).toBe(true);
    expect(await db().thresholdSet.count({ where: { partyId: null, active: true } })).toBe(1);
  });

  it("is never shown to a party: a party lists its own versions only", async () => {
    expect(await listThresholdVersions(partyUser, {})).toEqual([]);
    await expect(listThresholdVersions(partyUser, { partyId: "DCC" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
