// Install and commission driven by the simulated devices (inventory.md §4.2 and §6 scenarios 12-20): every request
// goes through the real gateway, every Command is answered by its device, and every later device event (the second
// CS14, the join timeout, the CH's first WAN contact) is taken from the job queue as a worker would take it.
import { beforeEach, describe, expect, it } from "vitest";
import type { Party } from "@/generated/prisma/client";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { readAnswer } from "@/lib/duis/requests";
import { gatewayWorld, send, sendCritical } from "@/lib/duis/testing/gateway-fixtures";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCommsHub, makeCplModel, makeDevice } from "@/lib/testing/smi-fixtures";
import type { SimEventJob } from "@/lib/duis/duis-jobs";
import { handleEvents } from "./engine";
import { injectEvent } from "./inject";
import { answerNow } from "./testing";

const NOW = new Date("2026-12-01T10:00:00Z");
type World = Awaited<ReturnType<typeof gatewayWorld>>;

const status = async (id: string) => (await db().device.findUniqueOrThrow({ where: { id } })).status;

/** The device events queued so far of one type, as the worker would take them. */
async function queuedEvents(type: string): Promise<SimEventJob[]> {
  const rows = await db().$queryRaw<{ data: SimEventJob }[]>`SELECT data FROM pgboss.job WHERE name = 'sim-device-event' ORDER BY created_on`;
  return rows.map((r) => r.data).filter((d) => d.event.type === type || (d.event.type === "inject" && d.event.event === type));
}

const addToWhitelist = (memberId: string, mpxn?: string) =>
  `<sr:UpdateHANDeviceLog><sr:DeviceID>${formatEui64(memberId)}</sr:DeviceID><sr:RequestType>Add</sr:RequestType><sr:AddDeviceToCHFWhitelist>` +
  `<sr:JoinTimePeriod>90</sr:JoinTimePeriod><sr:InstallCode>30313233343536373839414243444546</sr:InstallCode>${mpxn ? `<sr:ImportMPxN>${mpxn}</sr:ImportMPxN>` : ""}` +
  `</sr:AddDeviceToCHFWhitelist></sr:UpdateHANDeviceLog>`;

/** A Device request answered I99 and its Command answered by the device. */
async function sendAndAnswer(from: Party, to: string, srv: string, body: string) {
  const answer = await send({ from, to, srv, body });
  expect(readAnswer(answer.xml!).code, answer.xml).toBe("I99");
  await answerNow([answer.serviceRequestId!]);
  return db().serviceRequest.findUniqueOrThrow({ where: { id: answer.serviceRequestId! } });
}

const commission = (from: Party, meterId: string) =>
  sendCritical(from, meterId, "8.1.1", `<sr:CommissionDeviceSynchroniseClock><sr:CurrentDateTime>${NOW.toISOString()}</sr:CurrentDateTime><sr:TolerancePeriod>60</sr:TolerancePeriod></sr:CommissionDeviceSynchroniseClock>`);

describe("install and commission through the simulated devices", () => {
  let world: World;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    world = await gatewayWorld();
  });

  it("scenario 12: 8.11 whitelists a Pending ESME (Associated with the CHF and the MPAN, N16 to the Distributor); the second CS14 makes it INC with N24", async () => {
    const esme = await makeDevice({ deviceType: "ESME", model: await makeCplModel({ deviceType: "ESME" }) });
    const answered = await sendAndAnswer(world.supplier, world.premises.chf.id, "8.11", addToWhitelist(esme.id, world.premises.mpan.mpxn));
    expect(answered).toMatchObject({ status: "RESPONDED", responseCode: "I0" });
    expect(await status(esme.id)).toBe("WHITELISTED");
    expect(await db().deviceAssociation.findMany({ where: { deviceId: esme.id }, select: { associatedDeviceId: true } })).toEqual([{ associatedDeviceId: world.premises.chf.id }]);
    expect(await db().deviceMeterPoint.findMany({ where: { deviceId: esme.id }, select: { mpxn: true } })).toEqual([{ mpxn: world.premises.mpan.mpxn }]);
    expect(await db().dccAlert.findMany({ where: { code: "N16", deviceId: esme.id }, select: { partyId: true } })).toEqual([{ partyId: world.distributor.id }]);

    const [joined] = await queuedEvents("join-complete");
    expect(joined).toMatchObject({ deviceId: world.premises.chf.id, event: { memberId: esme.id }, senderPartyId: world.supplier.id });
    await handleEvents([joined]);
    expect(await status(esme.id)).toBe("INSTALLED_NOT_COMMISSIONED");
    expect(await db().dccAlert.findMany({ where: { code: "N24" }, select: { partyId: true, deviceId: true } })).toEqual([{ partyId: world.supplier.id, deviceId: esme.id }]);
    // The join timeout that follows finds the device joined: no N25.
    await handleEvents(await queuedEvents("join-timeout"));
    expect(await db().dccAlert.count({ where: { code: "N25" } })).toBe(0);
    // The meter's "Device joined SMHAN" (0x8183) reaches its Supplier as a Device Alert; the CHF's CS14 stays with the DCC.
    expect(await db().duisMessage.findMany({ where: { kind: "DEVICE_ALERT" }, select: { code: true, deviceId: true, partyId: true } })).toEqual([{ code: "8183", deviceId: esme.id, partyId: world.supplier.id }]);
  });

  it("scenario 13: no second CS14 before the timeout: N25, and the PPMID stays Whitelisted", async () => {
    const ppmid = await makeDevice({ deviceType: "PPMID", model: await makeCplModel({ deviceType: "PPMID" }) });
    await sendAndAnswer(world.supplier, world.premises.chf.id, "8.11", addToWhitelist(ppmid.id));
    expect(await status(ppmid.id)).toBe("WHITELISTED");
    await handleEvents(await queuedEvents("join-timeout"));
    expect(await status(ppmid.id)).toBe("WHITELISTED");
    expect(await db().dccAlert.findMany({ where: { code: "N25" }, select: { partyId: true, deviceId: true } })).toEqual([{ partyId: world.supplier.id, deviceId: ppmid.id }]);
  });

  it("scenario 14: an INC ESME whose CHF is only Pending is not commissioned: E5 and no Command", async () => {
    const hub = await makeCommsHub({ status: "PENDING" });
    const esme = await makeDevice({ deviceType: "ESME", status: "INSTALLED_NOT_COMMISSIONED", model: await makeCplModel({ deviceType: "ESME" }), mpxn: world.premises.mpan.mpxn });
    await db().deviceAssociation.create({ data: { deviceId: esme.id, associatedDeviceId: hub.chf.id } });
    const { code, serviceRequestId } = await commission(world.supplier, esme.id);
    expect(code).toBe("E5");
    const row = await db().serviceRequest.findUniqueOrThrow({ where: { id: serviceRequestId! } });
    expect(row.status).toBe("REJECTED");
    expect((row.checks as { check: string; result: string }[]).find((c) => c.result === "fail")?.check).toBe("wan");
    expect(await status(esme.id)).toBe("INSTALLED_NOT_COMMISSIONED");
  });

  it("scenario 15: an INC GSME with a Commissioned CHF is commissioned by 8.1.1 (GCS28 answered, Service Response I0)", async () => {
    await db().device.update({ where: { id: world.premises.gsme.id }, data: { status: "INSTALLED_NOT_COMMISSIONED" } });
    const { code, serviceRequestId } = await commission(world.supplier, world.premises.gsme.id);
    expect(code).toBe("I99");
    await answerNow([serviceRequestId!]);
    expect(await db().serviceRequest.findUniqueOrThrow({ where: { id: serviceRequestId! } })).toMatchObject({ status: "RESPONDED", responseCode: "I0" });
    expect(await status(world.premises.gsme.id)).toBe("COMMISSIONED");
    const history = await db().deviceStatusChange.findFirstOrThrow({ where: { deviceId: world.premises.gsme.id }, orderBy: { at: "desc" } });
    expect(history).toMatchObject({ fromStatus: "INSTALLED_NOT_COMMISSIONED", toStatus: "COMMISSIONED", transition: "T13", actorName: "DCC" });
    const { requestId } = await db().serviceRequest.findUniqueOrThrow({ where: { id: serviceRequestId! } });
    expect(await db().auditEvent.findMany({ where: { action: "device.status-by-response", entityId: world.premises.gsme.id } })).toEqual([
      expect.objectContaining({ actorId: null, partyId: world.supplier.id, before: { status: "INSTALLED_NOT_COMMISSIONED" }, after: { status: "COMMISSIONED", transition: "T13", requestId } }),
    ]);
  });

  it("scenario 16: a Commissioned or Decommissioned ESME, or an unknown Device ID, is refused without a Command", async () => {
    expect((await commission(world.supplier, world.premises.esme.id)).code).toBe("I99");
    await db().device.update({ where: { id: world.premises.esme.id }, data: { status: "DECOMMISSIONED" } });
    expect((await commission(world.supplier, world.premises.esme.id)).code).toBe("E5");
    expect((await commission(world.supplier, "00DB1234567890FF")).code).toBe("E19");
  });

  it("scenario 16 (device side): a Commissioned meter's 8.1.1 leaves the SMI as it is", async () => {
    const { serviceRequestId } = await commission(world.supplier, world.premises.esme.id);
    await answerNow([serviceRequestId!]);
    expect(await status(world.premises.esme.id)).toBe("COMMISSIONED");
    expect(await db().deviceStatusChange.count({ where: { deviceId: world.premises.esme.id } })).toBe(0);
  });

  it("scenario 17: joining an INC GPF to a Commissioned GSME (8.7.2) commissions the GPF and Associates them", async () => {
    await db().device.update({ where: { id: world.premises.gpf.id }, data: { status: "INSTALLED_NOT_COMMISSIONED" } });
    const answered = await sendAndAnswer(world.supplier, world.premises.gsme.id, "8.7.2", `<sr:JoinServiceNonCritical><sr:OtherDeviceID>${formatEui64(world.premises.gpf.id)}</sr:OtherDeviceID></sr:JoinServiceNonCritical>`);
    expect(answered.responseCode).toBe("I0");
    expect(await status(world.premises.gpf.id)).toBe("COMMISSIONED");
    expect(await db().deviceAssociation.count({ where: { deviceId: world.premises.gpf.id, associatedDeviceId: world.premises.gsme.id } })).toBe(1);
  });

  it("scenario 19: a join to a Decommissioned ESME is refused before any Command", async () => {
    await db().device.update({ where: { id: world.premises.esme.id }, data: { status: "DECOMMISSIONED" } });
    const answer = await send({ from: world.supplier, to: world.premises.esme.id, srv: "8.7.2", body: `<sr:JoinServiceNonCritical><sr:OtherDeviceID>${formatEui64(world.premises.ihd.id)}</sr:OtherDeviceID></sr:JoinServiceNonCritical>` });
    expect(readAnswer(answer.xml!).code).toBe("E5");
  });

  it("scenario 20: a Pending CHF's first WAN contact commissions it; a Decommissioned one stays as it is", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const pending = await makeCommsHub({ status: "PENDING" });
    const gone = await makeCommsHub({ status: "DECOMMISSIONED" });
    await injectEvent(admin, { deviceId: pending.chf.id, event: "first-wan-contact" });
    await injectEvent(admin, { deviceId: gone.chf.id, event: "first-wan-contact" });
    await handleEvents(await queuedEvents("first-wan-contact"));
    expect(await status(pending.chf.id)).toBe("COMMISSIONED");
    expect(await status(gone.chf.id)).toBe("DECOMMISSIONED");
    // The inspector shows the hub's state: WAN connected.
    const state = await db().simDeviceState.findUniqueOrThrow({ where: { deviceId: pending.chf.id } });
    expect(state.state).toMatchObject({ wanConnected: true });
  });
});
