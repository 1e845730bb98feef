import { beforeEach, describe, expect, it } from "vitest";
import type { DeviceModel } from "@/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makeMeterPoint, makePremises, makePremisesParties } from "@/lib/testing/smi-fixtures";
import { removeCplModel, restoreCplModel } from "./cpl";
import { listCplModels, readCplModel } from "./read-cpl";

const NOW = new Date("2026-11-24T09:00:00Z");

describe("CPL changes applied to the SMI (T16, T17)", () => {
  let admin: Actor;
  let modelX: DeviceModel;
  let supplierId: string;
  let distributorId: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    admin = await makeActor(["DCC_ADMIN"], { isDcc: true });
    modelX = await makeCplModel({ deviceType: "ESME", model: "X" });
    supplierId = (await makeParty({ roles: ["IS"] })).id;
    distributorId = (await makeParty({ roles: ["ED"] })).id;
  });

  const registeredEsme = async (status: "COMMISSIONED" | "INSTALLED_NOT_COMMISSIONED" | "PENDING" | "DECOMMISSIONED", model = modelX) => {
    const point = await makeMeterPoint({ registration: { supplierId, networkOperatorId: distributorId } });
    return makeDevice({ deviceType: "ESME", status, model, mpxn: point.mpxn });
  };
  const device = (id: string) => db().device.findUniqueOrThrow({ where: { id } });

  it("scenario 21: removing model X suspends its Commissioned, INC and Pending devices, saving each prior status", async () => {
    const commissioned = await registeredEsme("COMMISSIONED");
    const inc = await registeredEsme("INSTALLED_NOT_COMMISSIONED");
    const pending = await makeDevice({ deviceType: "ESME", model: modelX }); // no MPAN yet: nobody to alert
    const decommissioned = await registeredEsme("DECOMMISSIONED");
    const otherModel = await registeredEsme("COMMISSIONED", await makeCplModel({ deviceType: "ESME" }));

    expect(await removeCplModel(admin, { modelId: modelX.id })).toEqual({ devicesChanged: 3 });

    expect(await db().deviceModel.findUniqueOrThrow({ where: { id: modelX.id } })).toMatchObject({ status: "REMOVED", statusChangedAt: NOW });
    expect(await device(commissioned.id)).toMatchObject({ status: "SUSPENDED", statusBeforeSuspension: "COMMISSIONED" });
    expect(await device(inc.id)).toMatchObject({ status: "SUSPENDED", statusBeforeSuspension: "INSTALLED_NOT_COMMISSIONED" });
    expect(await device(pending.id)).toMatchObject({ status: "SUSPENDED", statusBeforeSuspension: "PENDING" });
    expect(await device(decommissioned.id)).toMatchObject({ status: "DECOMMISSIONED", statusBeforeSuspension: null });
    expect(await device(otherModel.id)).toMatchObject({ status: "COMMISSIONED" });

    const history = await db().deviceStatusChange.findMany({ orderBy: { deviceId: "asc" } });
    expect(history).toHaveLength(3);
    for (const row of history) expect(row).toMatchObject({ toStatus: "SUSPENDED", transition: "T16", cause: "CPL: model removed", actorId: admin.accountId });
    expect(history.find((h) => h.deviceId === inc.id)?.fromStatus).toBe("INSTALLED_NOT_COMMISSIONED");

    // N28 to the Supplier and the Network Operator of each registered device.
    const alerts = await db().dccAlert.findMany({ where: { code: "N28" } });
    expect(alerts.map((a) => `${a.deviceId}|${a.partyId}`).sort()).toEqual(
      [`${commissioned.id}|${supplierId}`, `${commissioned.id}|${distributorId}`, `${inc.id}|${supplierId}`, `${inc.id}|${distributorId}`].sort(),
    );
    expect(await db().auditEvent.count({ where: { action: "cpl.remove-model", entityId: modelX.id } })).toBe(1);
  });

  it("scenario 22: removing a CH model suspends both the CHF and the GPF of every hub of that model", async () => {
    const parties = await makePremisesParties();
    const chModel = await makeCplModel({ deviceType: "CH" });
    const a = await makePremises({ parties, models: { ch: chModel } });
    const b = await makePremises({ parties, models: { ch: chModel }, status: "INSTALLED_NOT_COMMISSIONED" });
    const untouched = await makePremises({ parties });

    expect(await removeCplModel(admin, { modelId: chModel.id })).toEqual({ devicesChanged: 4 });
    for (const id of [a.chf.id, a.gpf.id]) expect(await device(id)).toMatchObject({ status: "SUSPENDED", statusBeforeSuspension: "COMMISSIONED" });
    for (const id of [b.chf.id, b.gpf.id]) expect(await device(id)).toMatchObject({ status: "SUSPENDED", statusBeforeSuspension: "INSTALLED_NOT_COMMISSIONED" });
    for (const d of [a.esme, a.gsme, untouched.chf, untouched.gpf]) expect((await device(d.id)).status).not.toBe("SUSPENDED");

    // The CHF serves both fuels: its suppliers and both Network Operators hear; the GPF is gas only.
    const n28 = await db().dccAlert.findMany({ where: { code: "N28", deviceId: { in: [a.chf.id, a.gpf.id] } } });
    expect(n28.filter((x) => x.deviceId === a.chf.id).map((x) => x.partyId).sort()).toEqual(
      [parties.electricitySupplierId, parties.distributorId, parties.transporterId].sort(),
    );
    expect(n28.filter((x) => x.deviceId === a.gpf.id).map((x) => x.partyId).sort()).toEqual([parties.gasSupplierId, parties.transporterId].sort());
  });

  it("scenario 23: making the model current again returns each device to its saved status and sends N29", async () => {
    const commissioned = await registeredEsme("COMMISSIONED");
    const inc = await registeredEsme("INSTALLED_NOT_COMMISSIONED");
    const pending = await makeDevice({ deviceType: "ESME", model: modelX });
    await removeCplModel(admin, { modelId: modelX.id });

    setNow(new Date(NOW.getTime() + 86_400_000));
    expect(await restoreCplModel(admin, { modelId: modelX.id })).toEqual({ devicesChanged: 3 });
    expect(await device(commissioned.id)).toMatchObject({ status: "COMMISSIONED", statusBeforeSuspension: null });
    expect(await device(inc.id)).toMatchObject({ status: "INSTALLED_NOT_COMMISSIONED", statusBeforeSuspension: null });
    expect(await device(pending.id)).toMatchObject({ status: "PENDING", statusBeforeSuspension: null });
    expect((await db().deviceModel.findUniqueOrThrow({ where: { id: modelX.id } })).status).toBe("CURRENT");

    const t17 = await db().deviceStatusChange.findMany({ where: { transition: "T17" } });
    expect(t17).toHaveLength(3);
    expect(t17.find((h) => h.deviceId === inc.id)).toMatchObject({ fromStatus: "SUSPENDED", toStatus: "INSTALLED_NOT_COMMISSIONED", cause: "CPL: model current again" });
    const n29 = await db().dccAlert.findMany({ where: { code: "N29" } });
    expect(n29.map((a) => `${a.deviceId}|${a.partyId}`).sort()).toEqual(
      [`${commissioned.id}|${supplierId}`, `${commissioned.id}|${distributorId}`, `${inc.id}|${supplierId}`, `${inc.id}|${distributorId}`].sort(),
    );
  });

  it("refuses a model already in the requested state, and an unknown model", async () => {
    await registeredEsme("COMMISSIONED");
    await expect(restoreCplModel(admin, { modelId: modelX.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already marked 'current'") });
    await removeCplModel(admin, { modelId: modelX.id });
    await expect(removeCplModel(admin, { modelId: modelX.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already marked 'removed'") });
    await expect(removeCplModel(admin, { modelId: "no-such-model" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().deviceStatusChange.count()).toBe(1);
    expect(await db().dccAlert.count()).toBe(2);
  });

  it("is a DCC admin function: party users and the service desk are refused", async () => {
    await registeredEsme("COMMISSIONED");
    const partyUser = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const serviceDesk = await makeActor(["SERVICE_DESK"], { isDcc: true });
    for (const actor of [partyUser, serviceDesk]) {
      await expect(removeCplModel(actor, { modelId: modelX.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(listCplModels(actor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await db().deviceModel.findUniqueOrThrow({ where: { id: modelX.id } })).status).toBe("CURRENT");
  });

  it("lists CPL entries with device counts, and counts one entry's devices per status", async () => {
    await registeredEsme("COMMISSIONED");
    await registeredEsme("COMMISSIONED");
    await registeredEsme("PENDING");
    const removed = await makeCplModel({ deviceType: "GSME", status: "REMOVED" });
    expect((await listCplModels(admin, { status: "REMOVED" })).map((m) => m.id)).toEqual([removed.id]);
    expect((await listCplModels(admin, { type: "ESME" })).find((m) => m.id === modelX.id)?.deviceCount).toBe(3);
    const detail = await readCplModel(admin, modelX.id);
    expect(detail?.deviceCount).toBe(3);
    expect(detail?.byStatus.sort((x, y) => String(x.status).localeCompare(String(y.status)))).toEqual([
      { status: "COMMISSIONED", count: 2 },
      { status: "PENDING", count: 1 },
    ]);
    expect(await readCplModel(admin, "no-such-model")).toBeNull();
  });
});
