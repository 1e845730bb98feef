import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { advanceClock, resetClock } from "@/lib/clock";
import { db } from "@/lib/db";
import { verifyDuisSignature } from "@/lib/duis/signature";
import { activeThresholds, userScope } from "@/lib/tad/thresholds";
import { seedDemoData } from "./index";
import { DEMO_QUARANTINE_ITEMS, DEMO_QUARANTINE_PARTY, demoQuarantineEnabled, ensureDemoQuarantine } from "./quarantine";

const HOUR = 3_600_000;
const brightwater = () => db().party.findUniqueOrThrow({ where: { name: DEMO_QUARANTINE_PARTY } });
const actionable = async () => db().quarantineItem.findMany({ where: { partyId: (await brightwater()).id, status: "QUARANTINED", downloadUntil: { gt: new Date() } }, include: { serviceRequest: true } });

beforeAll(async () => {
  // As the tests seed: no demo batch unless asked for.
  await seedDemoData(db(), { devices: 0, incidents: 0, orders: false });
});
afterEach(resetClock);

describe("the demo's quarantined batch for sro@brightwater.demo", () => {
  it("is not seeded for tests, and is on for `npm start` unless SSI_DEMO_QUARANTINE=0", async () => {
    expect(await db().quarantineItem.count()).toBe(0);
    expect(demoQuarantineEnabled(undefined)).toBe(true);
    expect(demoQuarantineEnabled("0")).toBe(false);
  });

  it("holds Disable Supply commands to Brightwater's own meters on its User ADT, with their TAD incident, and is made once", async () => {
    const party = await brightwater();
    expect(await ensureDemoQuarantine(db())).toEqual({ "quarantined commands": DEMO_QUARANTINE_ITEMS });
    const items = await actionable();
    expect(items).toHaveLength(DEMO_QUARANTINE_ITEMS);
    const adt = (await activeThresholds(db())).user.get(userScope(party.id, "IS"))!.get("7.2")!.adt!;
    for (const item of items) {
      expect(item).toMatchObject({ breach: "USER", thresholdId: adt.thresholdId, srv: "7.2", dccAdvice: null });
      expect(item.downloadUntil.getTime() - item.quarantinedAt.getTime()).toBe(120 * HOUR);
      expect(item.serviceRequest).toMatchObject({ status: "QUARANTINED", responseCode: "I99", kind: "CRITICAL", srv: "7.2", originatorEui: party.eui64, commandSentAt: null });
      expect(item.serviceRequest.requestXml).toContain("<sr:DisableSupply/>");
      expect(item.serviceRequest.spcXml).toContain("SignedPreCommand");
      // Signed with Brightwater's XML-signing key, as its system would send it.
      const cert = await db().orgCertificate.findFirstOrThrow({ where: { partyId: party.id, usage: "XML_SIGNING" } });
      expect(verifyDuisSignature(item.serviceRequest.requestXml, cert.pem)).toBe(true);
      const checks = item.serviceRequest.checks as { check: string; result: string }[];
      expect(checks.filter((c) => c.result === "fail")).toEqual([]);
      expect(checks.at(-1)).toMatchObject({ check: "tad", result: "quarantine", breach: "USER" });
      // Its own meter: Brightwater is the registered supplier.
      const registration = await db().registrationRecord.findFirstOrThrow({ where: { mpxn: (await db().deviceMeterPoint.findFirstOrThrow({ where: { deviceId: item.deviceId! } })).mpxn, effectiveTo: null } });
      expect(registration.supplierId).toBe(party.id);
    }
    expect(new Set(items.map((i) => i.incidentId)).size).toBe(1);
    expect(await db().incident.findUniqueOrThrow({ where: { id: items[0].incidentId } })).toMatchObject({ tad: "QUARANTINE", raisedByPartyId: party.id, category: 2 });
    expect(await db().outboxEmail.count({ where: { partyId: party.id, eventType: "tad.quarantine" } })).toBeGreaterThan(0);

    // A start while the batch is still actionable adds nothing.
    expect(await ensureDemoQuarantine(db())).toEqual({ "quarantined commands": 0 });
    expect(await db().quarantineItem.count({ where: { partyId: party.id } })).toBe(DEMO_QUARANTINE_ITEMS);
  });

  it("is made anew once the last batch's 120 hours are over", async () => {
    const party = await brightwater();
    advanceClock(121 * HOUR);
    expect(await ensureDemoQuarantine(db())).toEqual({ "quarantined commands": DEMO_QUARANTINE_ITEMS });
    const fresh = await db().quarantineItem.findMany({ where: { partyId: party.id, status: "QUARANTINED", downloadUntil: { gt: new Date(Date.now() + 121 * HOUR) } } });
    expect(fresh).toHaveLength(DEMO_QUARANTINE_ITEMS);
    expect(await db().quarantineItem.count({ where: { partyId: party.id } })).toBe(2 * DEMO_QUARANTINE_ITEMS);
    expect(await ensureDemoQuarantine(db())).toEqual({ "quarantined commands": 0 });
  });

  it("does nothing on a database without the demo party", async () => {
    advanceClock(250 * HOUR);
    await db().party.update({ where: { name: DEMO_QUARANTINE_PARTY }, data: { name: "Renamed Energy" } });
    try {
      expect(await ensureDemoQuarantine(db())).toEqual({ "quarantined commands": 0 });
    } finally {
      await db().party.update({ where: { name: "Renamed Energy" }, data: { name: DEMO_QUARANTINE_PARTY } });
    }
  });
});
