// Device Alerts and DCC Alerts from simulated devices to the right Users (device-ops.md §2.2-§2.3, §7 scenarios
// 16, 29, 30), firmware from 11.1 distribution to 11.3 activation, and each device event applied once.
import { beforeEach, describe, expect, it } from "vitest";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import type { SimEventJob } from "@/lib/duis/duis-jobs";
import { firmwareHash } from "@/lib/duis/non-device/firmware";
import { readAnswer } from "@/lib/duis/requests";
import { gatewayWorld, send, sendCritical } from "@/lib/duis/testing/gateway-fixtures";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeDevice } from "@/lib/testing/smi-fixtures";
import { handleEvents } from "./engine";
import { injectEvent } from "./inject";
import { answerNow } from "./testing";

const NOW = new Date("2026-12-01T10:00:00Z");
type World = Awaited<ReturnType<typeof gatewayWorld>>;

async function queuedEvents(type: string): Promise<SimEventJob[]> {
  const rows = await db().$queryRaw<{ data: SimEventJob }[]>`SELECT data FROM pgboss.job WHERE name = 'sim-device-event' ORDER BY created_on`;
  return rows.map((r) => r.data).filter((d) => d.event.type === type || (d.event.type === "inject" && d.event.event === type));
}

const deviceAlerts = (deviceId: string) => db().duisMessage.findMany({ where: { deviceId, kind: "DEVICE_ALERT" }, select: { code: true, partyId: true }, orderBy: { code: "asc" } });
const dccAlerts = (code: string) => db().dccAlert.findMany({ where: { code }, select: { partyId: true }, orderBy: { partyId: "asc" } });

describe("alerts from simulated devices", () => {
  let world: World;
  let admin: Awaited<ReturnType<typeof makeActor>>;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    world = await gatewayWorld();
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
  });

  it("a tampered ESME disables its supply and its Supplier gets 0x8F3F; the event applies once however often its job runs", async () => {
    await injectEvent(admin, { deviceId: world.premises.esme.id, event: "tamper" });
    const [job] = await queuedEvents("tamper");
    await handleEvents([job]);
    await handleEvents([job]);
    expect(await deviceAlerts(world.premises.esme.id)).toEqual([{ code: "8F3F", partyId: world.supplier.id }]);
    const state = await db().simDeviceState.findUniqueOrThrow({ where: { deviceId: world.premises.esme.id } });
    expect(state.state).toMatchObject({ supply: { state: "DISABLED", disableCause: "TAMPER" } });
  });

  it("scenario 29: a CH without mains for 2 minutes raises nothing; for 3 minutes AD1 goes to the Supplier, the Distributor (ESME on the CH) and the Transporter (GSME on it, A5)", async () => {
    await injectEvent(admin, { deviceId: world.premises.chf.id, event: "power-outage", minutes: 2 });
    await handleEvents(await queuedEvents("power-outage"));
    expect(await dccAlerts("AD1")).toEqual([]);
    await injectEvent(admin, { deviceId: world.premises.chf.id, event: "power-restore" });
    await injectEvent(admin, { deviceId: world.premises.chf.id, event: "power-outage", minutes: 3 });
    const jobs = await queuedEvents("power-outage");
    await handleEvents(await queuedEvents("power-restore"));
    await handleEvents([jobs[1]]);
    expect(await dccAlerts("AD1")).toEqual([world.distributor, world.supplier, world.transporter].map((p) => ({ partyId: p.id })).sort((a, b) => a.partyId.localeCompare(b.partyId)));
    const message = await db().duisMessage.findFirstOrThrow({ where: { kind: "DCC_ALERT", code: "AD1", partyId: world.distributor.id } });
    expect(message.xml).toContain(`<sr:CommsHubDeviceID>${formatEui64(world.premises.chf.id)}</sr:CommsHubDeviceID>`);
  });

  it("scenario 30: a PPMID's tamper alert reaches the Import and Gas Suppliers as N39, and nobody else", async () => {
    const ppmid = await makeDevice({ deviceType: "PPMID", status: "COMMISSIONED" });
    await db().deviceAssociation.createMany({ data: [{ deviceId: ppmid.id, associatedDeviceId: world.premises.chf.id }, { deviceId: ppmid.id, associatedDeviceId: world.premises.esme.id }] });
    await injectEvent(admin, { deviceId: ppmid.id, event: "ppmid-tamper" });
    await handleEvents(await queuedEvents("ppmid-tamper"));
    // The premises' Import and Gas Supplier is one party here: one N39, not the Distributor or Transporter.
    expect(await dccAlerts("N39")).toEqual([{ partyId: world.supplier.id }]);
  });

  it("scenario 16: 11.1 delivers the image (0x8F72 to the Supplier), then 11.3 with its hash activates it and the SMI's firmware version follows", async () => {
    const model = await db().deviceModel.findUniqueOrThrow({ where: { id: world.premises.esme.modelId! } });
    await db().deviceModel.create({ data: { ...model, id: undefined, firmwareVersion: "2.0.0", createdAt: undefined, statusChangedAt: undefined } });
    const image = Buffer.from("a new firmware image").toString("base64");
    const update = await send({
      from: world.supplier,
      to: "90B3D51F30000002",
      srv: "11.1",
      body: `<sr:UpdateFirmware><sr:FirmwareImage>${image}</sr:FirmwareImage><sr:FirmwareVersion>2.0.0</sr:FirmwareVersion><sr:DeviceIDList>${formatEui64(world.premises.esme.id)}</sr:DeviceIDList></sr:UpdateFirmware>`,
    });
    expect(readAnswer(update.xml!).code).toBe("I0");
    await handleEvents(await queuedEvents("firmware-received"));
    expect(await deviceAlerts(world.premises.esme.id)).toEqual([{ code: "8F72", partyId: world.supplier.id }]);

    const activate = (hash: string) => sendCritical(world.supplier, world.premises.esme.id, "11.3", `<sr:ActivateFirmware><sr:FirmwareHash>${hash}</sr:FirmwareHash></sr:ActivateFirmware>`);
    const wrong = await activate("AB".repeat(32));
    await answerNow([wrong.serviceRequestId!]);
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: wrong.serviceRequestId! } })).toMatchObject({ status: "RESPONDED", responseCode: "E54" });
    expect((await db().device.findUniqueOrThrow({ where: { id: world.premises.esme.id } })).firmwareVersion).toBe(model.firmwareVersion);
    const right = await activate(firmwareHash(image));
    expect(right.code).toBe("I99");
    await answerNow([right.serviceRequestId!]);
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: right.serviceRequestId! } })).toMatchObject({ status: "RESPONDED", responseCode: "I0" });
    expect((await db().device.findUniqueOrThrow({ where: { id: world.premises.esme.id } })).firmwareVersion).toBe("2.0.0");
  });
});
