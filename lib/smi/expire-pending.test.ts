import { subMonths } from "date-fns";
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { advanceClock, resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCommsHub, makeCplModel, makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { expirePendingDevices } from "./expire-pending-devices";

const NOW = new Date("2026-11-24T09:00:00Z");

describe("T22 / scenario 25: Pending devices expire after 12 months", () => {
  let owner: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    owner = await makeActor(["PARTY_USER"], { roles: ["IS"] });
  });

  it("removes an ESME Pending for 12 months and sends N8 to the User who pre-notified it", async () => {
    const point = await makeMeterPoint();
    const esme = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: owner, pendingSince: subMonths(NOW, 12), mpxn: point.mpxn });
    expect(await expirePendingDevices()).toEqual({ removed: 1 });
    expect(await db().device.findUnique({ where: { id: esme.id } })).toBeNull();
    expect(await db().deviceMeterPoint.count()).toBe(0);
    expect(await db().dccAlert.findMany()).toMatchObject([
      { code: "N8", deviceId: esme.id, partyId: owner.partyId, recipientAccountId: owner.accountId, message: expect.stringContaining("Pending for 12 months") },
    ]);
    expect(await db().auditEvent.count({ where: { action: "device.pending-expired", entityId: esme.id, actorId: null, partyId: owner.partyId } })).toBe(1);
    // The job is idempotent.
    expect(await expirePendingDevices()).toEqual({ removed: 0 });
    expect(await db().dccAlert.count()).toBe(1);
  });

  it("keeps a device Pending for 11 months until the clock reaches 12", async () => {
    const esme = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: owner, pendingSince: subMonths(NOW, 11) });
    expect(await expirePendingDevices()).toEqual({ removed: 0 });
    expect(await db().device.findUnique({ where: { id: esme.id } })).not.toBeNull();
    expect(await db().dccAlert.count()).toBe(0);
    setNow(subMonths(NOW, -1));
    advanceClock(-60_000);
    expect(await expirePendingDevices()).toEqual({ removed: 0 });
    advanceClock(60_000);
    expect(await expirePendingDevices()).toEqual({ removed: 1 });
    expect(await db().device.count()).toBe(0);
  });

  it("expires Type 1 devices too, but never a CHF or GPF (A6), nor a device that has left Pending", async () => {
    const old = subMonths(NOW, 13);
    const ppmid = await makeDevice({ deviceType: "PPMID", model: await makeCplModel({ deviceType: "PPMID" }), preNotifiedBy: owner, pendingSince: old });
    const hub = await makeCommsHub({ status: "PENDING", pendingSince: old });
    const inc = await makeDevice({ deviceType: "ESME", status: "INSTALLED_NOT_COMMISSIONED", model: await makeCplModel(), preNotifiedBy: owner, pendingSince: old });
    const suspended = await makeDevice({ deviceType: "ESME", status: "SUSPENDED", statusBeforeSuspension: "PENDING", model: await makeCplModel(), pendingSince: old });
    expect(await expirePendingDevices()).toEqual({ removed: 1 });
    expect(await db().device.findUnique({ where: { id: ppmid.id } })).toBeNull();
    expect(await db().device.count({ where: { id: { in: [hub.chf.id, hub.gpf.id, inc.id, suspended.id] } } })).toBe(4);
    expect(await db().dccAlert.findMany()).toMatchObject([{ code: "N8", deviceId: ppmid.id, recipientAccountId: owner.accountId }]);
  });
});
