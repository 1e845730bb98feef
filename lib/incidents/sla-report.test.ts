import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeIncidentRow, refusal } from "@/lib/testing/incident-fixtures";
import { monthlySlaReport, slaTrend } from "./sla-report";

const HOUR = 3_600_000;

describe("monthly SLA report against CPM 4 / CPM 5 (L6072-6073)", () => {
  let desk: Actor;
  let partyId: string;

  /** An incident resolved at `resolvedAt`, within its target or one minute late (`"exact"`: exactly at the due time). */
  const resolvedRow = (category: number, resolvedAt: string, timing: "within" | "late" | "exact") => {
    const resolved = new Date(resolvedAt);
    const due = timing === "within" ? new Date(resolved.getTime() + HOUR) : timing === "exact" ? resolved : new Date(resolved.getTime() - 60_000);
    return makeIncidentRow({ raisedByPartyId: partyId, category, status: "RESOLVED", createdAt: new Date(resolved.getTime() - 10 * HOUR), resolutionDueAt: due, respondedAt: resolved, resolvedAt: resolved });
  };
  const many = async (category: number, within: number, late: number) => {
    for (let i = 0; i < within; i++) await resolvedRow(category, `2026-06-${String(10 + i).padStart(2, "0")}T12:00:00Z`, "within");
    for (let i = 0; i < late; i++) await resolvedRow(category, `2026-06-${String(20 + i).padStart(2, "0")}T12:00:00Z`, "late");
  };

  beforeAll(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-07-15T09:00:00Z");
    desk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    partyId = (await makeActor(["PARTY_USER"], { roles: ["IS"] })).partyId;
    // June 2026 (British Summer Time: the month runs from 31 May 23:00 UTC to 30 June 23:00 UTC).
    // Cat 3: 9 of 10 within target, one of them resolved at 00:30 on 1 June London time and one exactly at its due time.
    await resolvedRow(3, "2026-05-31T23:30:00Z", "within");
    await resolvedRow(3, "2026-06-05T12:00:00Z", "exact");
    await many(3, 7, 1);
    // Outside June in London time: 23:30 on 31 May, and 00:30 on 1 July. Both late, so counting them would show.
    await resolvedRow(3, "2026-05-31T22:30:00Z", "late");
    await resolvedRow(3, "2026-06-30T23:30:00Z", "late");
    // Cat 4: 8 of 10. Cat 2: 9 of 10 (CPM 4 needs 100%, minimum 85%). Cat 1: 2 of 3.
    await many(4, 8, 2);
    await many(2, 9, 1);
    await many(1, 2, 1);
    // Open and not-an-Incident closures are not resolved incidents.
    await makeIncidentRow({ raisedByPartyId: partyId, category: 5, status: "ASSIGNED", createdAt: new Date("2026-06-01T09:00:00Z") });
    await makeIncidentRow({ raisedByPartyId: partyId, category: 5, status: "CLOSED", createdAt: new Date("2026-06-01T09:00:00Z"), closedAt: new Date("2026-06-02T09:00:00Z") });
  });

  it("Cat 3: 9 of 10 within target is 90%, 'target met'; London month boundaries decide the month", async () => {
    const report = await monthlySlaReport(desk, "2026-06");
    expect(report.month).toBe("2026-06");
    expect(report.categories.find((c) => c.category === 3)).toEqual({
      category: 3,
      name: "Medium",
      resolved: 10,
      withinTarget: 9,
      percent: 90,
      targetPercent: 90,
      minimumPercent: 80,
      verdict: "target met",
    });
  });

  it("Cat 4: 8 of 10 is 80%, 'minimum met'; Cat 2 at 90% misses its 100% target but meets 85%; Cat 1 at 66.7% is below minimum", async () => {
    const byCategory = new Map((await monthlySlaReport(desk, "2026-06")).categories.map((c) => [c.category, c]));
    expect(byCategory.get(4)).toMatchObject({ resolved: 10, withinTarget: 8, percent: 80, verdict: "minimum met" });
    expect(byCategory.get(2)).toMatchObject({ resolved: 10, withinTarget: 9, percent: 90, targetPercent: 100, minimumPercent: 85, verdict: "minimum met" });
    expect(byCategory.get(1)).toMatchObject({ resolved: 3, withinTarget: 2, percent: 66.7, verdict: "below minimum" });
    expect(byCategory.get(5)).toMatchObject({ resolved: 0, withinTarget: 0, percent: null, verdict: "none" });
  });

  it("the neighbouring months get the rows on their side of the London boundary", async () => {
    const may = await monthlySlaReport(desk, "2026-05");
    expect(may.categories.find((c) => c.category === 3)).toMatchObject({ resolved: 1, withinTarget: 0, verdict: "below minimum" });
    const july = await monthlySlaReport(desk, "2026-07");
    expect(july.categories.find((c) => c.category === 3)).toMatchObject({ resolved: 1, withinTarget: 0 });
  });

  it("defaults to the current London month", async () => {
    setNow("2026-06-30T23:30:00Z"); // 00:30 on 1 July in London
    expect((await monthlySlaReport(desk)).month).toBe("2026-07");
    expect((await monthlySlaReport(desk, "")).month).toBe("2026-07");
    setNow("2026-07-15T09:00:00Z");
  });

  it("the trend: 12 London months per CPM, its categories pooled, against the CPM's target and minimum", async () => {
    const trend = await slaTrend(desk, "2026-07");
    expect(trend.month).toBe("2026-07");
    const [cpm4, cpm5] = trend.measures;
    expect(cpm4).toMatchObject({ name: "CPM 4", categories: [1, 2], targetPercent: 100, minimumPercent: 85 });
    expect(cpm5).toMatchObject({ name: "CPM 5", categories: [3, 4, 5], targetPercent: 90, minimumPercent: 80 });
    expect(cpm5.points.map((p) => p.month)).toEqual(["2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    // June: Cat 3 9 of 10 and Cat 4 8 of 10; Cat 1 2 of 3 and Cat 2 9 of 10. The London boundaries as in the report.
    expect(cpm5.points.slice(-3)).toEqual([
      { month: "2026-05", resolved: 1, withinTarget: 0, percent: 0 },
      { month: "2026-06", resolved: 20, withinTarget: 17, percent: 85 },
      { month: "2026-07", resolved: 1, withinTarget: 0, percent: 0 },
    ]);
    expect(cpm4.points.at(-2)).toEqual({ month: "2026-06", resolved: 13, withinTarget: 11, percent: 84.6 });
    // A month with nothing resolved has no share (a gap in the chart, not 0%).
    expect(cpm4.points[0]).toEqual({ month: "2025-08", resolved: 0, withinTarget: 0, percent: null });
    expect((await slaTrend(desk)).month).toBe("2026-07");
  });

  it("refuses a malformed month and anyone but the Service Desk", async () => {
    expect(await refusal(monthlySlaReport(desk, "2026-13"))).toMatchObject({ code: "INVALID", message: expect.stringContaining("YYYY-MM") });
    const partyUser = await makeActor(["PARTY_USER"], { partyId });
    expect(await refusal(monthlySlaReport(partyUser, "2026-06"))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(slaTrend(desk, "2026-13"))).toMatchObject({ code: "INVALID" });
    expect(await refusal(slaTrend(partyUser, "2026-06"))).toMatchObject({ code: "FORBIDDEN" });
  });
});
