import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { REFERENCE_EUI } from "@/lib/duis/reference-premises";
import { guidanceIssues } from "@/lib/tad/adt-file-format";
import { activeThresholds, userScope } from "@/lib/tad/thresholds";
import { seedDemoData } from "./index";

beforeAll(async () => {
  await seedDemoData(db(), { devices: 0, incidents: 0, orders: false });
});

describe("demo anomaly detection thresholds", () => {
  it("every supplier role meets the DCC guidance, with one active set each", async () => {
    const sets = await db().thresholdSet.findMany({ where: { active: true, partyId: { not: null } }, include: { thresholds: true } });
    expect(sets.length).toBeGreaterThan(6);
    for (const set of sets) expect(guidanceIssues(set.userRole!, set.thresholds.map((t) => ({ srv: t.srv, kind: t.kind, maxCount: t.maxCount!, periodMinutes: t.periodMinutes! })))).toBeNull();
  });

  it("the reference supplier's Disable Supply ADT is 20 per hour, Brightwater's 50 (Warning 20), and the DCC's aggregate never bites first", async () => {
    const active = await activeThresholds(db());
    const reference = await db().party.findUniqueOrThrow({ where: { eui64: REFERENCE_EUI.supplier } });
    const brightwater = await db().party.findUniqueOrThrow({ where: { name: "Brightwater Energy" } });
    expect(active.user.get(userScope(reference.id, "IS"))!.get("7.2")).toMatchObject({ adt: { maxCount: 20, periodMinutes: 60 } });
    expect(active.user.get(userScope(brightwater.id, "IS"))!.get("7.2")).toMatchObject({ adt: { maxCount: 50, periodMinutes: 60 }, warning: { maxCount: 20, periodMinutes: 60 } });
    expect(active.user.get(userScope(brightwater.id, "GS"))!.get("7.2")!.adt!.maxCount).toBe(50);
    expect(active.dcc.get("7.2")!.adt!.maxCount).toBeGreaterThan(600);
    expect(active.dcc.get("7.2")!.packet).toEqual([]);
  });
});
