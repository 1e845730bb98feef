// Concurrent SMI Status changes to one device (issue 10 §1): one wins, the other is refused and writes no history.
// Fired together: on PostgreSQL they race, on PGlite they run one after another and the same outcome holds.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { concurrently } from "@/lib/testing/concurrently";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { decommissionDevice } from "./decommission-device";
import { preNotifyDevice } from "./pre-notify-device";
import { updateDeviceStatus } from "./update-device-status";

describe("concurrent SMI Status changes", () => {
  let supplier: Actor;
  let mpan: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    supplier = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const distributorId = (await makeParty({ roles: ["ED"] })).id;
    mpan = (await makeMeterPoint({ registration: { supplierId: supplier.partyId, networkOperatorId: distributorId } })).mpxn;
  });

  it("SR 8.4 (back to Pending) and SR 8.3 (decommission) at once on a Whitelisted ESME: one move, one history row", async () => {
    const esme = await makeDevice({ deviceType: "ESME", status: "WHITELISTED", model: await makeCplModel(), mpxn: mpan, preNotifiedBy: supplier });
    const race = await concurrently<unknown>([
      () => updateDeviceStatus(supplier, { deviceId: esme.id, status: "PENDING" }),
      () => decommissionDevice(supplier, { deviceId: esme.id }),
    ]);
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    const history = await db().deviceStatusChange.findMany({ where: { deviceId: esme.id } });
    expect(history).toHaveLength(1);
    expect((await db().device.findUniqueOrThrow({ where: { id: esme.id } })).status).toBe(history[0].toStatus);
  });

  it("two parties pre-notifying the same Decommissioned ESME at once (T7b): one becomes its pre-notifier, the other is refused", async () => {
    const model = await makeCplModel();
    const esme = await makeDevice({ deviceType: "ESME", status: "DECOMMISSIONED", model, preNotifiedBy: supplier, pendingSince: null });
    const rival = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const race = await concurrently([supplier, rival].map((actor) => () => preNotifyDevice(actor, { deviceId: esme.id, deviceType: "ESME", modelId: model.id })));
    expect(race.succeeded).toHaveLength(1);
    expect(race.refused.map((e) => e.code)).toEqual(["CONFLICT"]);
    expect((await db().device.findUniqueOrThrow({ where: { id: esme.id } })).preNotifiedByPartyId).toBe(race.succeeded[0].preNotifiedByPartyId);
    expect(await db().deviceStatusChange.count({ where: { deviceId: esme.id } })).toBe(1);
  });
});
