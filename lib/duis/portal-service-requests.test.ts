// The SMI pages' SR forms as clients of the pipeline (issue 11 item 5): each send is stored as the party's Non-Device
// Service Request with its checks, and does (or refuses, with the same field errors) what the lib/smi operation does.
import { beforeEach, describe, expect, it } from "vitest";
import type { DeviceModel } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { preNotifyDevice } from "@/lib/smi/pre-notify-device";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makeCommsHub, makeCplModel, makeDevice, makeMeterPoint, newDeviceId } from "@/lib/testing/smi-fixtures";
import {
  preNotificationBody,
  sendDecommission,
  sendDeviceDeletion,
  sendDeviceDetailsUpdate,
  sendDeviceMpxnUpdate,
  sendDeviceStatusUpdate,
  sendPortalServiceRequest,
  sendPreNotification,
} from "./portal-service-requests";
import { gatewayWorld } from "./testing/gateway-fixtures";

const NOW = new Date("2026-11-24T09:00:00Z");

let world: Awaited<ReturnType<typeof gatewayWorld>>;
let supplier: Actor;
let rival: Actor;

beforeEach(async () => {
  await resetDatabase();
  resetClock();
  setNow(NOW);
  world = await gatewayWorld();
  // A supplier without the Other User role: 8.4 on its own Pending device may not lean on OU's exemption.
  supplier = await makeActor(["PARTY_USER"], { partyId: world.supplier.id });
  rival = await makeActor(["PARTY_USER"], { roles: ["IS", "GS"] });
});

const requests = () => db().serviceRequest.findMany({ orderBy: { receivedAt: "asc" } });

/** The one stored request, as the actor's party and account, Non-Device, Command Variant 8. */
async function storedRequest(actor: Actor, srv: string) {
  const rows = await requests();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ srv, kind: "NON_DEVICE", commandVariant: 8, partyId: actor.partyId, accountId: actor.accountId, targetEui: "90B3D51F30000002" });
  return rows[0];
}

/** What a call throws. */
async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("SR 12.2 from the pre-notification form", () => {
  let model: DeviceModel;
  beforeEach(async () => {
    model = await makeCplModel({ deviceType: "ESME" });
  });

  it("is stored as the party's completed 12.2, and the device is Pending under the model the form chose", async () => {
    const deviceId = newDeviceId();
    expect(await sendPreNotification(supplier, { deviceId, deviceType: "ESME", modelId: model.id, esmeVariant: "TWIN_ELEMENT" })).toEqual({ deviceId });
    const row = await storedRequest(supplier, "12.2");
    expect(row).toMatchObject({ status: "COMPLETED", responseCode: "I0" });
    expect(row.checks).toContainEqual({ check: "verify", result: "pass" });
    expect(await db().device.findUniqueOrThrow({ where: { id: deviceId } })).toMatchObject({
      status: "PENDING",
      modelId: model.id,
      esmeVariant: "TWIN_ELEMENT",
      preNotifiedById: supplier.accountId,
      preNotifiedByPartyId: supplier.partyId,
    });
    expect(await db().deviceStatusChange.findMany({ where: { deviceId } })).toMatchObject([{ toStatus: "PENDING", transition: "T1", actorId: supplier.accountId }]);
  });

  it("a Type 2 device is sent without a model (DUIS's names left empty)", async () => {
    const deviceId = newDeviceId();
    await sendPreNotification(supplier, { deviceId, deviceType: "IHD" });
    expect((await storedRequest(supplier, "12.2")).status).toBe("COMPLETED");
    expect(await db().device.findUniqueOrThrow({ where: { id: deviceId } })).toMatchObject({ status: null, modelId: null });
  });

  it("a Device ID already in the SMI is refused with the operation's message and field error, and stored as REJECTED (E120203)", async () => {
    const existing = await makeDevice({ deviceType: "ESME", model, preNotifiedBy: supplier });
    const direct = await refusal(preNotifyDevice(supplier, { deviceId: existing.id, deviceType: "ESME", modelId: model.id }));
    const error = await refusal(sendPreNotification(supplier, { deviceId: existing.id, deviceType: "ESME", modelId: model.id }));
    expect(error).toMatchObject({ code: "CONFLICT", message: direct.message, fieldErrors: { deviceId: "This Device ID is already in the SMI." } });
    expect(await storedRequest(supplier, "12.2")).toMatchObject({ status: "REJECTED", responseCode: "E120203" });
  });

  it("what DUIS cannot say goes with the request to the operation, and the request is on record: an MPxN and description, a missing model, a model its names do not single out", async () => {
    const mpan = await makeMeterPoint({ registration: { supplierId: world.supplier.id, networkOperatorId: world.distributor.id } });
    const withDetails = newDeviceId();
    await sendPreNotification(supplier, { deviceId: withDetails, deviceType: "ESME", modelId: model.id, mpxn: mpan.mpxn, description: "Hallway cupboard" });
    expect(await db().device.findUniqueOrThrow({ where: { id: withDetails }, include: { meterPoints: true } })).toMatchObject({
      description: "Hallway cupboard",
      modelId: model.id,
      meterPoints: [expect.objectContaining({ mpxn: mpan.mpxn, role: "PRIMARY" })],
    });
    const recorded = await storedRequest(supplier, "12.2");
    expect(recorded).toMatchObject({ status: "COMPLETED", deviceId: withDetails });
    expect(recorded.requestXml).toContain(`<sr:DeviceModel>${model.model}</sr:DeviceModel>`);

    const error = await refusal(sendPreNotification(supplier, { deviceId: newDeviceId(), deviceType: "GSME" }));
    expect(error).toMatchObject({ code: "INVALID", fieldErrors: { modelId: "Choose a Device Model." } });
    expect((await requests()).at(-1)).toMatchObject({ status: "REJECTED", responseCode: "E120204" });

    // Another hardware version of the same model and firmware: DUIS's names would pick the newer row, not this one.
    const older = await db().deviceModel.create({ data: { ...model, id: undefined, hardwareVersion: "0.9", createdAt: new Date("2020-01-01T00:00:00Z") } });
    const deviceId = newDeviceId();
    await sendPreNotification(supplier, { deviceId, deviceType: "ESME", modelId: older.id });
    expect((await db().device.findUniqueOrThrow({ where: { id: deviceId } })).modelId).toBe(older.id);
    const last = (await requests()).at(-1)!;
    expect(last).toMatchObject({ status: "COMPLETED", deviceId });
    expect(last.requestXml).toContain("<sr:DeviceManufacturer></sr:DeviceManufacturer>");
  });

  it("the body names the CPL entry as the pre-notification executor reads it", () => {
    expect(preNotificationBody({ deviceId: "00DB1234567890A0", deviceType: "ESME", esmeVariant: "POLYPHASE" }, { manufacturer: "A & B", model: "M1", firmwareVersion: "1.0" })).toBe(
      "<sr:DevicePrenotification><sr:DeviceID>00-DB-12-34-56-78-90-A0</sr:DeviceID><sr:DeviceManufacturer>A &amp; B</sr:DeviceManufacturer>" +
        "<sr:DeviceModel>M1</sr:DeviceModel><sr:DeviceType>ESME</sr:DeviceType><sr:FirmwareVersion>1.0</sr:FirmwareVersion><sr:ESMEVariant>C</sr:ESMEVariant></sr:DevicePrenotification>",
    );
  });
});

describe("SR 8.4 from the device page", () => {
  it("status: the Responsible Supplier's T5 is done and stored; another supplier's is refused with the operation's words (E4)", async () => {
    const mpan = await makeMeterPoint({ registration: { supplierId: world.supplier.id, networkOperatorId: world.distributor.id } });
    const pending = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), mpxn: mpan.mpxn, preNotifiedBy: supplier });

    const error = await refusal(sendDeviceStatusUpdate(rival, { deviceId: pending.id, status: "INSTALLED_NOT_COMMISSIONED" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toContain("only by the Responsible Supplier");
    expect(error.message).toContain(`${rival.partyName} is not the registered supplier for device`);
    expect(await storedRequest(rival, "8.4")).toMatchObject({ status: "REJECTED", responseCode: "E4" });
    expect((await db().device.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");

    expect(await sendDeviceStatusUpdate(supplier, { deviceId: pending.id, status: "INSTALLED_NOT_COMMISSIONED" })).toEqual({
      transition: "T5",
      moved: [{ id: pending.id, to: "INSTALLED_NOT_COMMISSIONED" }],
    });
    expect((await requests()).at(-1)).toMatchObject({ partyId: supplier.partyId, accountId: supplier.accountId, status: "COMPLETED", responseCode: "I0", deviceId: pending.id });
    expect((await db().device.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("INSTALLED_NOT_COMMISSIONED");
  });

  it("status: a CHF back to Pending (T7), which the CH status function cannot name, is done and recorded with DUIS's word for Pending", async () => {
    const { chf } = await makeCommsHub({ status: "WITHDRAWN" });
    const mpan = await makeMeterPoint({ registration: { supplierId: world.supplier.id, networkOperatorId: world.distributor.id } });
    const esme = await makeDevice({ deviceType: "ESME", status: "COMMISSIONED", mpxn: mpan.mpxn });
    await db().deviceAssociation.create({ data: { deviceId: esme.id, associatedDeviceId: chf.id } });
    expect((await sendDeviceStatusUpdate(supplier, { deviceId: chf.id, status: "PENDING" })).transition).toBe("T7");
    const recorded = await storedRequest(supplier, "8.4");
    expect(recorded).toMatchObject({ status: "COMPLETED", deviceId: chf.id });
    expect(recorded.requestXml).toContain("<sr:UpdateDeviceStatusExceptCH>Pending</sr:UpdateDeviceStatusExceptCH>");

    // A status no status function names is one no SR 8.4 reaches: the operation refuses it, and nothing is recorded.
    await expect(sendDeviceStatusUpdate(supplier, { deviceId: chf.id, status: "DECOMMISSIONED" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await requests()).toHaveLength(1);
  });

  it("details: the pre-notifier of a Pending device without an MPxN changes its model; another party is refused (E4)", async () => {
    const from = await makeCplModel({ deviceType: "ESME" });
    const to = await makeCplModel({ deviceType: "ESME" });
    const pending = await makeDevice({ deviceType: "ESME", model: from, preNotifiedBy: supplier, description: "Kept" });

    const error = await refusal(sendDeviceDetailsUpdate(rival, { deviceId: pending.id, modelId: to.id, esmeVariant: "POLYPHASE", description: "Kept" }));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
    expect(error.message).toContain("only the User that pre-notified device");
    expect(await storedRequest(rival, "8.4")).toMatchObject({ status: "REJECTED", responseCode: "E4" });

    await sendDeviceDetailsUpdate(supplier, { deviceId: pending.id, modelId: to.id, esmeVariant: "POLYPHASE", description: "Kept" });
    expect(await db().device.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ modelId: to.id, esmeVariant: "POLYPHASE", description: "Kept" });
    const done = (await requests()).at(-1)!;
    expect(done).toMatchObject({ status: "COMPLETED", partyId: supplier.partyId });
    expect(done.checks).toContainEqual(expect.objectContaining({ check: "eligibility", result: "skip" }));
  });

  it("details: a new description (no DUIS element) goes with the request to the operation, and the request is on record", async () => {
    const pending = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: supplier });
    await sendDeviceDetailsUpdate(supplier, { deviceId: pending.id, description: "Under the stairs" });
    expect((await db().device.findUniqueOrThrow({ where: { id: pending.id } })).description).toBe("Under the stairs");
    expect(await storedRequest(supplier, "8.4")).toMatchObject({ status: "COMPLETED", deviceId: pending.id });
  });

  it("MPxN: the change and its N16 are done; an MPxN outside the Registration Data keeps its field error (E080406)", async () => {
    const mpan = await makeMeterPoint({ registration: { supplierId: world.supplier.id, networkOperatorId: world.distributor.id } });
    const esme = world.premises.esme;
    expect(await sendDeviceMpxnUpdate(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: mpan.mpxn }] })).toEqual({
      role: "PRIMARY",
      mpxn: mpan.mpxn,
      previous: world.premises.mpan.mpxn,
    });
    expect(await db().dccAlert.count({ where: { code: "N16", deviceId: esme.id } })).toBe(1);
    expect(await storedRequest(supplier, "8.4")).toMatchObject({ status: "COMPLETED" });

    const unknown = await makeMeterPoint();
    await db().meterPoint.delete({ where: { mpxn: unknown.mpxn } });
    const error = await refusal(sendDeviceMpxnUpdate(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: unknown.mpxn }] }));
    expect(error).toMatchObject({ code: "INVALID", fieldErrors: { mpxn: "No Registration Data holds this MPxN." } });
    expect((await requests()).at(-1)).toMatchObject({ status: "REJECTED", responseCode: "E080406" });
  });

  it("delete: the pre-notifier's Pending record is deleted, and the request stays on record", async () => {
    const pending = await makeDevice({ deviceType: "PPMID", model: await makeCplModel({ deviceType: "PPMID" }), preNotifiedBy: supplier });
    expect(await sendDeviceDeletion(supplier, { deviceId: pending.id })).toEqual({ deleted: [pending.id] });
    expect(await db().device.findUnique({ where: { id: pending.id } })).toBeNull();
    expect(await storedRequest(supplier, "8.4")).toMatchObject({ status: "COMPLETED", deviceId: pending.id });
  });
});

describe("SR 8.3 from the device page", () => {
  it("the Responsible Supplier decommissions; the request is stored with it", async () => {
    const esme = world.premises.esme;
    expect(await sendDecommission(supplier, { deviceId: esme.id })).toEqual({ decommissioned: [esme.id] });
    expect((await db().device.findUniqueOrThrow({ where: { id: esme.id } })).status).toBe("DECOMMISSIONED");
    expect(await storedRequest(supplier, "8.3")).toMatchObject({ status: "COMPLETED", deviceId: esme.id });
  });

  it("the pipeline's own checks refuse in their words (a Network Operator: User Role, E2); the SMI Status rule is the operation's (T21): Pending is refused E5, Suspended is decommissioned", async () => {
    const esme = world.premises.esme;
    await db().device.update({ where: { id: esme.id }, data: { status: "PENDING", pendingSince: new Date() } });
    const pending = await refusal(sendDecommission(supplier, { deviceId: esme.id }));
    expect(pending.code).toBe("CONFLICT");
    expect(pending.message).toMatch(/^SR 8.3 Decommission Device refused: device .* is Pending/);

    const operator = await makeActor(["PARTY_USER"], { partyId: world.distributor.id });
    const role = await refusal(sendDecommission(operator, { deviceId: esme.id }));
    expect(role.code).toBe("FORBIDDEN");
    expect(role.message).toMatch(/^SR 8.3 Decommission Device refused \(E2\): /);
    expect((await requests()).map((r) => r.responseCode)).toEqual(["E5", "E2"]);
    expect((await db().device.findUniqueOrThrow({ where: { id: esme.id } })).status).toBe("PENDING");

    await db().device.update({ where: { id: esme.id }, data: { status: "SUSPENDED", statusBeforeSuspension: "COMMISSIONED", pendingSince: null } });
    await sendDecommission(supplier, { deviceId: esme.id });
    expect((await db().device.findUniqueOrThrow({ where: { id: esme.id } })).status).toBe("DECOMMISSIONED");
  });
});

describe("sendPortalServiceRequest", () => {
  it("needs the SR rule, and returns a refusal by the checks with its reason", async () => {
    const desk = await makeActor(["SERVICE_DESK"], { partyId: world.supplier.id });
    await expect(sendPortalServiceRequest(desk, { srv: "8.3", body: "<sr:DecommissionDevice/>" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const operator = await makeActor(["PARTY_USER"], { partyId: world.distributor.id });
    const outcome = await sendPortalServiceRequest(operator, { srv: "8.3", body: "<sr:DecommissionDevice><sr:DeviceID>00-DB-12-34-56-78-90-FF</sr:DeviceID></sr:DecommissionDevice>" });
    expect(outcome).toMatchObject({ code: "E2", status: "REJECTED", reason: expect.stringMatching(/^SRV 8.3 may be sent by /) });
    // A device the operation cannot find: its own refusal, with the request stored as E19.
    await expect(sendPortalServiceRequest(supplier, { srv: "8.3", body: "<sr:DecommissionDevice><sr:DeviceID>00-DB-12-34-56-78-90-FF</sr:DeviceID></sr:DecommissionDevice>" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().serviceRequest.findFirst({ where: { partyId: world.supplier.id, srv: "8.3" }, orderBy: { receivedAt: "desc" } })).toMatchObject({ responseCode: "E19", status: "REJECTED" });
  });
});
