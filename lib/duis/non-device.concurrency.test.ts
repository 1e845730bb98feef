// Concurrent DCC Schedule requests (AD 2.6.2.2, processing.md §4.3). Fired together: on PostgreSQL they race, on
// PGlite they run one after another and the same outcome holds.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { now, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeDevice } from "@/lib/testing/smi-fixtures";
import { CODE } from "./codes";
import { MAX_SCHEDULES_PER_DEVICE } from "./non-device";
import { codeOf, el, sendNonDevice } from "./testing/non-device-requests";

const createBody = (deviceId: string) =>
  el(
    "CreateSchedule",
    el("ScheduleFrequency", "Daily") +
      el("ScheduleStartDate", "2015-01-02") +
      el("DSPScheduledServiceReference", "4.6") +
      el("DSPScheduledServiceReferenceVariant", "4.6.1") +
      el("DeviceID", formatEui64(deviceId)) +
      el("DSPRetrieveImportDailyReadLog", el("StartDateOffset", "-1") + el("StartTime", "00:00:00Z") + el("EndDateOffset", "0") + el("EndTime", "00:00:00Z")),
  );

describe("concurrent DCC Schedule requests", () => {
  let supplier: Actor;
  let deviceId: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    supplier = await makeActor(["PARTY_USER"], { roles: ["IS", "GS"] });
    deviceId = (await makeDevice({ deviceType: "ESME", status: "COMMISSIONED" })).id;
  });

  it("two 5.1 at once when the User has 98 on the device: exactly one is created, the other is refused E050101", async () => {
    const row = { partyId: supplier.partyId, deviceId, srv: "4.6.1", frequency: "Daily", startDate: now(), nextRunAt: now(), bodyXml: "<x/>", createdAt: now() };
    await db().dccSchedule.createMany({ data: Array.from({ length: MAX_SCHEDULES_PER_DEVICE - 1 }, () => row) });
    const race = await concurrently(times(2, () => codeOf(supplier, "5.1", createBody(deviceId))));
    expect(race.succeeded.sort()).toEqual([CODE.SCHEDULE_LIMIT, CODE.I0]);
    expect(await db().dccSchedule.count({ where: { partyId: supplier.partyId, deviceId, deletedAt: null } })).toBe(MAX_SCHEDULES_PER_DEVICE);
  });

  it("two 5.3 of the same schedule at once: one deletes it, the other reads E050301, one audit row", async () => {
    const { dspScheduleId } = await sendNonDevice(supplier, "5.1", createBody(deviceId));
    const race = await concurrently(times(2, () => codeOf(supplier, "5.3", el("DeleteSchedule", el("DSPScheduleID", dspScheduleId!)))));
    expect(race.succeeded.sort()).toEqual([CODE.E050301, CODE.I0]);
    expect(await db().auditEvent.count({ where: { action: "dcc-schedule.delete" } })).toBe(1);
  });
});
