import { beforeEach, describe, expect, it } from "vitest";
import type { DeviceModel } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { formatEui64 } from "@/lib/identifiers";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCommsHub, makeCplModel, makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { deleteDevice } from "./delete-device";
import { updateDeviceDetails } from "./update-device-details";

describe("SR 8.4 Update Inventory: device details and delete", () => {
  let owner: Actor;
  let other: Actor;
  let esmeModel: DeviceModel;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    owner = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    other = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    esmeModel = await makeCplModel({ deviceType: "ESME" });
  });

  it("lets the pre-notifying User change a Pending device's model, variant and description, and audits it", async () => {
    const device = await makeDevice({ deviceType: "ESME", model: esmeModel, preNotifiedBy: owner });
    const newer = await makeCplModel({ deviceType: "ESME", manufacturer: "Volt Ltd" });
    const updated = await updateDeviceDetails(owner, { deviceId: formatEui64(device.id), modelId: newer.id, esmeVariant: "POLYPHASE", description: "Garage" });
    expect(updated).toMatchObject({ modelId: newer.id, manufacturer: "Volt Ltd", esmeVariant: "POLYPHASE", description: "Garage", status: "PENDING" });
    expect(await db().auditEvent.count({ where: { action: "device.update-details", entityId: device.id, actorId: owner.accountId } })).toBe(1);
    // The model must still be current on the CPL.
    const removed = await makeCplModel({ deviceType: "ESME", status: "REMOVED" });
    await expect(updateDeviceDetails(owner, { deviceId: device.id, modelId: removed.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().device.findUniqueOrThrow({ where: { id: device.id } })).modelId).toBe(newer.id);
  });

  it("scenario 5: another party may neither edit nor delete a Pending device", async () => {
    const ppmid = await makeDevice({ deviceType: "PPMID", model: await makeCplModel({ deviceType: "PPMID" }), preNotifiedBy: owner, description: "mine" });
    await expect(updateDeviceDetails(other, { deviceId: ppmid.id, description: "theirs" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("only the User that pre-notified"),
    });
    await expect(deleteDevice(other, { deviceId: ppmid.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().device.findUnique({ where: { id: ppmid.id } })).toEqual(ppmid);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("scenario 6: a Commissioned device's details cannot be edited, and it cannot be deleted, even by its pre-notifier", async () => {
    const esme = await makeDevice({ deviceType: "ESME", status: "COMMISSIONED", model: esmeModel, preNotifiedBy: owner });
    await expect(updateDeviceDetails(owner, { deviceId: esme.id, description: "x" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("only Pending devices' details can be updated"),
    });
    await expect(updateDeviceDetails(other, { deviceId: esme.id, description: "x" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(deleteDevice(owner, { deviceId: esme.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("only Pending records") });
    expect(await db().device.findUnique({ where: { id: esme.id } })).toEqual(esme);
  });

  it("scenario 7: the Device ID and Device Type cannot be changed; the refusal says to delete and re-add with SR 12.2", async () => {
    const esme = await makeDevice({ deviceType: "ESME", model: esmeModel, preNotifiedBy: owner });
    const guidance = { code: "INVALID", message: expect.stringMatching(/Delete the record .*pre-notify it again with SR 12\.2/) };
    await expect(updateDeviceDetails(owner, { deviceId: esme.id, newDeviceId: "00-11-22-33-44-55-66-77" })).rejects.toMatchObject(guidance);
    await expect(updateDeviceDetails(owner, { deviceId: esme.id, deviceType: "GSME" })).rejects.toMatchObject(guidance);
    expect(await db().device.findUnique({ where: { id: esme.id } })).toEqual(esme);
    // Restating the same ID (in another format) and type is not a change.
    const same = await updateDeviceDetails(owner, { deviceId: esme.id, newDeviceId: formatEui64(esme.id).toLowerCase(), deviceType: "ESME", description: "ok" });
    expect(same.description).toBe("ok");
  });

  it("deletes a Pending device for its pre-notifier, with its MPxN links, and audits it", async () => {
    const point = await makeMeterPoint();
    const esme = await makeDevice({ deviceType: "ESME", model: esmeModel, preNotifiedBy: owner, mpxn: point.mpxn });
    expect(await deleteDevice(owner, { deviceId: esme.id.toLowerCase() })).toEqual({ deleted: [esme.id] });
    expect(await db().device.count()).toBe(0);
    expect(await db().deviceMeterPoint.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "device.delete", entityId: esme.id } })).toBe(1);
    await expect(deleteDevice(owner, { deviceId: esme.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("scenario 8: deleting a Pending CHF deletes its GPF and no other Communications Hub's", async () => {
    const hub = await makeCommsHub({ status: "PENDING", preNotifiedBy: owner });
    const otherHub = await makeCommsHub({ status: "PENDING", preNotifiedBy: owner });
    const result = await deleteDevice(owner, { deviceId: hub.chf.id });
    expect(result.deleted.sort()).toEqual([hub.chf.id, hub.gpf.id].sort());
    expect(await db().device.findMany({ where: { id: { in: [hub.chf.id, hub.gpf.id] } } })).toEqual([]);
    expect(await db().device.count({ where: { id: { in: [otherHub.chf.id, otherHub.gpf.id] } } })).toBe(2);
  });

  it("refuses a GPF named on its own: its details and its deletion go through the CHF", async () => {
    const hub = await makeCommsHub({ status: "PENDING", preNotifiedBy: owner });
    await expect(deleteDevice(owner, { deviceId: hub.gpf.id })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("name the CHF") });
    await expect(updateDeviceDetails(owner, { deviceId: hub.gpf.id, description: "x" })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("naming the CHF"),
    });
    expect(await db().device.count()).toBe(2);
  });

  it("applies a CH model change named on the CHF to its GPF as well", async () => {
    const hub = await makeCommsHub({ status: "PENDING", preNotifiedBy: owner });
    const newChModel = await makeCplModel({ deviceType: "CH", manufacturer: "Hub Works" });
    const updated = await updateDeviceDetails(owner, { deviceId: hub.chf.id, modelId: newChModel.id, description: "Loft" });
    expect(updated).toMatchObject({ modelId: newChModel.id, manufacturer: "Hub Works" });
    expect(await db().device.findUniqueOrThrow({ where: { id: hub.gpf.id } })).toMatchObject({ modelId: newChModel.id, manufacturer: "Hub Works", description: "Loft" });
    // An ESME model is not a CH model.
    await expect(updateDeviceDetails(owner, { deviceId: hub.chf.id, modelId: esmeModel.id })).rejects.toMatchObject({ code: "INVALID" });
  });

  it("lets a Type 2 device be edited and deleted at any time by its pre-notifier, never by another party", async () => {
    const ihd = await makeDevice({ deviceType: "IHD", preNotifiedBy: owner });
    expect((await updateDeviceDetails(owner, { deviceId: ihd.id, description: "Kitchen" })).description).toBe("Kitchen");
    await expect(deleteDevice(other, { deviceId: ihd.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await deleteDevice(owner, { deviceId: ihd.id })).toEqual({ deleted: [ihd.id] });
    expect(await db().device.count()).toBe(0);
  });

  it("is an SR: a DCC admin cannot send it", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    const esme = await makeDevice({ deviceType: "ESME", model: esmeModel, preNotifiedBy: owner });
    await expect(deleteDevice(admin, { deviceId: esme.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateDeviceDetails(admin, { deviceId: esme.id, description: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
