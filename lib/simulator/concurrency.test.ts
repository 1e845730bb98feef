// Exactly-once in the device simulator, the competing calls fired at the same moment (they race on PostgreSQL; PGlite
// runs them one after another): a device event's job run twice applies once; two Commands to one device at once both
// apply, each on the state the other left; a retry job run twice makes one attempt; one behaviour set twice is one row.
import { beforeEach, describe, expect, it } from "vitest";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import type { SimEventJob } from "@/lib/duis/duis-jobs";
import { gatewayWorld, send } from "@/lib/duis/testing/gateway-fixtures";
import { concurrently, times } from "@/lib/testing/concurrently";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { setBehaviour } from "./behaviours";
import { answerCommands, handleEvents } from "./engine";
import { injectEvent } from "./inject";
import { storeSettings } from "./testing";

type World = Awaited<ReturnType<typeof gatewayWorld>>;

async function readSupply(world: World) {
  const answer = await send({ from: world.supplier, to: world.premises.esme.id, srv: "7.4", body: "<sr:ReadSupplyStatus/>" });
  return answer.serviceRequestId!;
}

describe("device simulator exactly-once", () => {
  let world: World;
  let admin: Awaited<ReturnType<typeof makeActor>>;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(new Date("2026-12-01T10:00:00Z"));
    world = await gatewayWorld();
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await storeSettings({ onDemandRetries: 2 });
  });

  it("a device event's job run twice at once applies once: one tamper alert", async () => {
    await injectEvent(admin, { deviceId: world.premises.esme.id, event: "tamper" });
    const [job] = (await db().$queryRaw<{ data: SimEventJob }[]>`SELECT data FROM pgboss.job WHERE name = 'sim-device-event'`).map((r) => r.data);
    await concurrently(times(2, () => handleEvents([job])));
    expect(await db().duisMessage.count({ where: { kind: "DEVICE_ALERT", code: "8F3F" } })).toBe(1);
  });

  it("two batches answering Commands to one device at once both apply, one after the other, each answered once", async () => {
    const ids = [await readSupply(world), await readSupply(world)];
    await concurrently(ids.map((id) => () => answerCommands([{ serviceRequestId: id }])));
    expect(await db().serviceRequest.count({ where: { id: { in: ids }, status: "RESPONDED" } })).toBe(2);
    expect(await db().simDeviceState.count()).toBe(1);
    expect(await db().duisMessage.count({ where: { serviceRequestId: { in: ids } } })).toBe(2);
  });

  it("a silent device's retry job run twice at once makes one attempt", async () => {
    await setBehaviour(admin, { scope: "DEVICE", target: world.premises.esme.id, mode: "NO_RESPONSE" });
    const id = await readSupply(world);
    await answerCommands([{ serviceRequestId: id, attempt: 1 }]);
    await concurrently(times(2, () => answerCommands([{ serviceRequestId: id, attempt: 2 }])));
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "COMMAND_SENT", attempts: 2 });
  });

  it("the same behaviour set twice at once is one row with the last values", async () => {
    await concurrently([1, 2].map((delaySeconds) => () => setBehaviour(admin, { scope: "DEVICE_TYPE", target: "GSME", mode: "RESPOND_OK", delaySeconds })));
    expect(await db().simBehaviour.count()).toBe(1);
  });
});
