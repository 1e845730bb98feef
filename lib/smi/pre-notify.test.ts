import { beforeEach, describe, expect, it } from "vitest";
import type { DeviceModel } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makeMeterPoint, newDeviceId, newMpan } from "@/lib/testing/smi-fixtures";
import { preNotifyDevice } from "./pre-notify-device";

const NOW = new Date("2026-11-24T09:00:00Z");

describe("SR 12.2 Device Pre-Notification", () => {
  let user: Actor;
  let esmeModel: DeviceModel;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    user = await makeActor(["PARTY_USER"], { roles: ["OU"] });
    esmeModel = await makeCplModel({ deviceType: "ESME" });
  });

  it("T1 / scenario 1: saves a Smart Meter as Pending, records who pre-notified it, and writes its history and audit rows", async () => {
    const device = await preNotifyDevice(user, { deviceId: "00-db-12-34-56-78-90-a0", deviceType: "ESME", modelId: esmeModel.id, description: "Meter cupboard" });
    expect(device).toMatchObject({
      id: "00DB1234567890A0",
      deviceType: "ESME",
      status: "PENDING",
      modelId: esmeModel.id,
      manufacturer: esmeModel.manufacturer,
      firmwareVersion: esmeModel.firmwareVersion,
      esmeVariant: "SINGLE_ELEMENT",
      description: "Meter cupboard",
      preNotifiedById: user.accountId,
      preNotifiedByPartyId: user.partyId,
    });
    expect(device.pendingSince).toEqual(NOW);
    const history = await db().deviceStatusChange.findMany({ where: { deviceId: device.id } });
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "PENDING", transition: "T1", cause: "SR 12.2 Device Pre-Notification", actorId: user.accountId }]);
    expect(await db().auditEvent.count({ where: { action: "device.pre-notify", entityId: device.id, actorId: user.accountId, partyId: user.partyId } })).toBe(1);
  });

  it("T1 applies to Type 1 devices too: a PPMID needs a current PPMID model", async () => {
    const ppmidModel = await makeCplModel({ deviceType: "PPMID" });
    const ppmid = await preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "PPMID", modelId: ppmidModel.id });
    expect(ppmid).toMatchObject({ status: "PENDING", esmeVariant: null });
    await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "HCALCS", modelId: ppmidModel.id })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { modelId: "Not a HCALCS model on the CPL." },
    });
  });

  it("T1b / scenario 3: a Type 2 device gets a record with no SMI Status and no CPL check", async () => {
    const removed = await makeCplModel({ deviceType: "ESME", status: "REMOVED" });
    const ihd = await preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "IHD", modelId: removed.id });
    expect(ihd).toMatchObject({ deviceType: "IHD", status: null, pendingSince: null, modelId: null, preNotifiedByPartyId: user.partyId });
    const cad = await preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "CAD" });
    expect(cad.status).toBeNull();
    expect(await db().deviceStatusChange.count()).toBe(0);
  });

  it("scenario 2: a model marked 'removed' (or missing from the CPL) is refused and nothing is created", async () => {
    const removed = await makeCplModel({ deviceType: "GSME", status: "REMOVED" });
    const id = newDeviceId();
    await expect(preNotifyDevice(user, { deviceId: id, deviceType: "GSME", modelId: removed.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("marked 'removed' on the CPL"),
    });
    await expect(preNotifyDevice(user, { deviceId: id, deviceType: "GSME", modelId: "not-on-the-cpl" })).rejects.toMatchObject({ code: "INVALID" });
    await expect(preNotifyDevice(user, { deviceId: id, deviceType: "GSME" })).rejects.toMatchObject({ code: "INVALID", fieldErrors: { modelId: "Choose a Device Model." } });
    await expect(preNotifyDevice(user, { deviceId: id, deviceType: "GSME", modelId: esmeModel.id })).rejects.toMatchObject({ code: "INVALID" });
    expect(await db().device.count()).toBe(0);
    expect(await db().deviceStatusChange.count()).toBe(0);
    expect(await db().auditEvent.count()).toBe(0);
  });

  it("scenario 4: a Device ID already in the SMI is refused and the existing record is unchanged", async () => {
    const owner = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const existing = await makeDevice({ deviceType: "ESME", model: esmeModel, preNotifiedBy: owner, description: "original" });
    await expect(preNotifyDevice(user, { deviceId: existing.id.toLowerCase(), deviceType: "ESME", modelId: esmeModel.id, description: "hijack" })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { deviceId: "This Device ID is already in the SMI." },
    });
    // A different type under the same ID, and a Commissioned device, are refused too.
    await expect(preNotifyDevice(user, { deviceId: existing.id, deviceType: "IHD" })).rejects.toMatchObject({ code: "CONFLICT" });
    const commissioned = await makeDevice({ deviceType: "ESME", status: "COMMISSIONED", model: esmeModel });
    await expect(preNotifyDevice(user, { deviceId: commissioned.id, deviceType: "ESME", modelId: esmeModel.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const ihd = await makeDevice({ deviceType: "IHD", preNotifiedBy: owner });
    await expect(preNotifyDevice(user, { deviceId: ihd.id, deviceType: "IHD" })).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await db().device.findUnique({ where: { id: existing.id } })).toEqual(existing);
    expect(await db().device.findUnique({ where: { id: ihd.id } })).toEqual(ihd);
    expect(await db().deviceStatusChange.count()).toBe(0);
  });

  it("T7b: a Decommissioned device pre-notified again (same type) returns to Pending under its new pre-notifier", async () => {
    const firstOwner = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const old = await makeDevice({ deviceType: "ESME", status: "DECOMMISSIONED", model: esmeModel, preNotifiedBy: firstOwner, pendingSince: null });
    const again = await preNotifyDevice(user, { deviceId: old.id, deviceType: "ESME", modelId: esmeModel.id });
    expect(again).toMatchObject({ status: "PENDING", preNotifiedById: user.accountId, preNotifiedByPartyId: user.partyId });
    expect(again.pendingSince).toEqual(NOW);
    expect(await db().deviceStatusChange.findMany({ where: { deviceId: old.id } })).toMatchObject([
      { fromStatus: "DECOMMISSIONED", toStatus: "PENDING", transition: "T7b" },
    ]);
    expect(await db().auditEvent.count({ where: { action: "device.pre-notify-again", entityId: old.id } })).toBe(1);

    // Only as the same type, and only with a current model.
    const gone = await makeDevice({ deviceType: "ESME", status: "DECOMMISSIONED", model: esmeModel });
    await expect(preNotifyDevice(user, { deviceId: gone.id, deviceType: "GSME", modelId: (await makeCplModel({ deviceType: "GSME" })).id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const removed = await makeCplModel({ deviceType: "ESME", status: "REMOVED" });
    await expect(preNotifyDevice(user, { deviceId: gone.id, deviceType: "ESME", modelId: removed.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().device.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe("DECOMMISSIONED");
  });

  it("refuses a CHF or GPF: the DCC adds Communications Hubs (T2)", async () => {
    const chModel = await makeCplModel({ deviceType: "CH" });
    for (const deviceType of ["CHF", "GPF"] as const) {
      await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType, modelId: chModel.id })).rejects.toMatchObject({
        code: "INVALID",
        fieldErrors: { deviceType: "CHF and GPF are added by the DCC." },
      });
    }
    expect(await db().device.count()).toBe(0);
  });

  it("links the MPxN given at pre-notification: it must exist in Registration Data and fit the meter's fuel", async () => {
    const supplier = await makeParty({ roles: ["IS", "GS"] });
    const distributor = await makeParty({ roles: ["ED"] });
    const mpan = await makeMeterPoint({ fuel: "ELECTRICITY", registration: { supplierId: supplier.id, networkOperatorId: distributor.id } });
    const mprn = await makeMeterPoint({ fuel: "GAS" });
    const gsmeModel = await makeCplModel({ deviceType: "GSME" });

    const esme = await preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "ESME", modelId: esmeModel.id, mpxn: mpan.mpxn });
    expect(await db().deviceMeterPoint.findMany({ where: { deviceId: esme.id } })).toMatchObject([{ mpxn: mpan.mpxn, role: "PRIMARY" }]);
    const gsme = await preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "GSME", modelId: gsmeModel.id, mpxn: mprn.mpxn });
    expect(await db().deviceMeterPoint.findMany({ where: { deviceId: gsme.id } })).toMatchObject([{ mpxn: mprn.mpxn }]);

    const before = await db().device.count();
    await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "ESME", modelId: esmeModel.id, mpxn: mprn.mpxn })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { mpxn: "A ESME needs an MPAN." },
    });
    await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "GSME", modelId: gsmeModel.id, mpxn: mpan.mpxn })).rejects.toMatchObject({ code: "INVALID" });
    // A well-formed MPAN that no Registration Data holds.
    await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "ESME", modelId: esmeModel.id, mpxn: newMpan() })).rejects.toMatchObject({
      code: "INVALID",
      fieldErrors: { mpxn: "No Registration Data holds this MPxN." },
    });
    // A bad check digit fails validation.
    const badCheckDigit = `${mpan.mpxn.slice(0, 12)}${(Number(mpan.mpxn[12]) + 1) % 10}`;
    await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "ESME", modelId: esmeModel.id, mpxn: badCheckDigit })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["mpxn"], message: expect.stringContaining("check digit") })],
    });
    // Only meters have an MPxN.
    const ppmidModel = await makeCplModel({ deviceType: "PPMID" });
    await expect(preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "PPMID", modelId: ppmidModel.id, mpxn: mpan.mpxn })).rejects.toMatchObject({ code: "INVALID" });
    expect(await db().device.count()).toBe(before);
  });

  it("accepts a Secondary MPAN only on a twin element ESME, after the primary", async () => {
    const primary = await makeMeterPoint({ fuel: "ELECTRICITY" });
    const secondary = await makeMeterPoint({ fuel: "ELECTRICITY" });
    await expect(
      preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "ESME", modelId: esmeModel.id, mpxn: primary.mpxn, secondaryMpxn: secondary.mpxn }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { secondaryMpxn: "Only a twin element ESME has a Secondary MPAN." } });
    await expect(
      preNotifyDevice(user, { deviceId: newDeviceId(), deviceType: "ESME", esmeVariant: "TWIN_ELEMENT", modelId: esmeModel.id, secondaryMpxn: secondary.mpxn }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { mpxn: "Give the primary MPAN." } });
    expect(await db().device.count()).toBe(0);

    const twin = await preNotifyDevice(user, {
      deviceId: newDeviceId(),
      deviceType: "ESME",
      esmeVariant: "TWIN_ELEMENT",
      modelId: esmeModel.id,
      mpxn: primary.mpxn,
      secondaryMpxn: secondary.mpxn,
    });
    expect(twin.esmeVariant).toBe("TWIN_ELEMENT");
    expect(await db().deviceMeterPoint.findMany({ where: { deviceId: twin.id }, orderBy: { role: "asc" } })).toMatchObject([
      { role: "PRIMARY", mpxn: primary.mpxn },
      { role: "SECONDARY", mpxn: secondary.mpxn },
    ]);
  });

  it("is an SR: only party users may send it, and a malformed Device ID is refused", async () => {
    const admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    await expect(preNotifyDevice(admin, { deviceId: newDeviceId(), deviceType: "ESME", modelId: esmeModel.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(preNotifyDevice(user, { deviceId: "00-DB-12", deviceType: "ESME", modelId: esmeModel.id })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["deviceId"], message: expect.stringContaining("16-digit hexadecimal Device ID") })],
    });
    expect(await db().device.count()).toBe(0);
  });
});
