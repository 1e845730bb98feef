import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, resetDatabase } from "@/lib/testing/fixtures";
import { makePremises, makePremisesParties, type PremisesParties } from "@/lib/testing/smi-fixtures";
import { decommissionDevice } from "./decommission-device";

describe("SR 8.3 Decommission Device (T21)", () => {
  let parties: PremisesParties;
  let supplier: Actor;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    parties = await makePremisesParties();
    supplier = await makeActor(["PARTY_USER"], { partyId: parties.electricitySupplierId });
  });

  const statusOf = async (id: string) => (await db().device.findUniqueOrThrow({ where: { id } })).status;
  const associationsOf = (id: string) => db().deviceAssociation.count({ where: { OR: [{ deviceId: id }, { associatedDeviceId: id }] } });

  it("the Responsible Supplier decommissions a Commissioned ESME: its Associations and MPAN link end, N1 goes to the Distributor", async () => {
    const site = await makePremises({ parties });
    expect(await decommissionDevice(supplier, { deviceId: site.esme.id })).toEqual({ decommissioned: [site.esme.id] });
    expect(await statusOf(site.esme.id)).toBe("DECOMMISSIONED");
    expect(await associationsOf(site.esme.id)).toBe(0);
    expect(await db().deviceMeterPoint.count({ where: { deviceId: site.esme.id } })).toBe(0);
    expect(await db().dccAlert.findMany()).toMatchObject([{ code: "N1", deviceId: site.esme.id, partyId: parties.distributorId }]);
    expect(await db().deviceStatusChange.findMany({ where: { deviceId: site.esme.id } })).toMatchObject([
      { fromStatus: "COMMISSIONED", toStatus: "DECOMMISSIONED", transition: "T21", actorId: supplier.accountId },
    ]);
    expect(await db().auditEvent.count({ where: { action: "device.decommission", entityId: site.esme.id } })).toBe(1);
    // The rest of the premises is untouched.
    expect(await statusOf(site.chf.id)).toBe("COMMISSIONED");
    expect(await statusOf(site.gsme.id)).toBe("COMMISSIONED");
    expect(await db().deviceAssociation.count({ where: { deviceId: site.gpf.id, associatedDeviceId: site.chf.id } })).toBe(1);
    expect(await db().deviceMeterPoint.count({ where: { deviceId: site.gsme.id } })).toBe(1);
  });

  it("a GSME's decommission sends N2 to the Gas Transporter", async () => {
    const site = await makePremises({ parties });
    await decommissionDevice(supplier, { deviceId: site.gsme.id });
    expect(await statusOf(site.gsme.id)).toBe("DECOMMISSIONED");
    expect(await db().dccAlert.findMany()).toMatchObject([{ code: "N2", deviceId: site.gsme.id, partyId: parties.transporterId }]);
  });

  it("decommissioning a CHF takes its GPF with it and ends both hubs' Associations; N9 goes to the Network Operators", async () => {
    const site = await makePremises({ parties });
    const result = await decommissionDevice(supplier, { deviceId: site.chf.id });
    expect(result.decommissioned.sort()).toEqual([site.chf.id, site.gpf.id].sort());
    expect(await statusOf(site.chf.id)).toBe("DECOMMISSIONED");
    expect(await statusOf(site.gpf.id)).toBe("DECOMMISSIONED");
    expect(await associationsOf(site.chf.id)).toBe(0);
    expect(await associationsOf(site.gpf.id)).toBe(0);
    expect(await db().deviceStatusChange.count({ where: { transition: "T21" } })).toBe(2);
    const alerts = await db().dccAlert.findMany({ orderBy: { partyId: "asc" } });
    expect(alerts.map((a) => a.code)).toEqual(["N9", "N9"]);
    expect(alerts.map((a) => a.partyId).sort()).toEqual([parties.distributorId, parties.transporterId].sort());
    // The meters stay as they were (still Commissioned, still on their MPxNs).
    expect(await statusOf(site.esme.id)).toBe("COMMISSIONED");
    expect(await db().deviceMeterPoint.count({ where: { deviceId: site.esme.id } })).toBe(1);
  });

  it("a Suspended device may be decommissioned; its saved pre-suspension status is cleared", async () => {
    const site = await makePremises({ parties });
    await db().device.update({ where: { id: site.esme.id }, data: { status: "SUSPENDED", statusBeforeSuspension: "COMMISSIONED" } });
    await decommissionDevice(supplier, { deviceId: site.esme.id });
    expect(await db().device.findUniqueOrThrow({ where: { id: site.esme.id } })).toMatchObject({ status: "DECOMMISSIONED", statusBeforeSuspension: null });
  });

  it("refuses a Pending or already Decommissioned device (CONFLICT)", async () => {
    const pending = await makePremises({ parties, status: "PENDING" });
    await expect(decommissionDevice(supplier, { deviceId: pending.esme.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is Pending"),
    });
    const site = await makePremises({ parties });
    await decommissionDevice(supplier, { deviceId: site.esme.id });
    await expect(decommissionDevice(supplier, { deviceId: site.esme.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await statusOf(pending.esme.id)).toBe("PENDING");
    expect(await db().dccAlert.count()).toBe(1);
  });

  it("refuses a supplier that is not responsible, and a non-supplier role (FORBIDDEN), changing nothing", async () => {
    const site = await makePremises({ parties });
    const otherSupplier = await makeActor(["PARTY_USER"], { roles: ["IS", "GS"] });
    const distributor = await makeActor(["PARTY_USER"], { partyId: parties.distributorId });
    await expect(decommissionDevice(otherSupplier, { deviceId: site.esme.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("not the registered supplier"),
    });
    await expect(decommissionDevice(distributor, { deviceId: site.esme.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await statusOf(site.esme.id)).toBe("COMMISSIONED");
    expect(await associationsOf(site.esme.id)).toBe(2);
    expect(await db().dccAlert.count()).toBe(0);
  });

  it("refuses a GPF named on its own and a Type 2 device (INVALID)", async () => {
    const site = await makePremises({ parties });
    await expect(decommissionDevice(supplier, { deviceId: site.gpf.id })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("name the CHF") });
    await expect(decommissionDevice(supplier, { deviceId: site.ihd.id })).rejects.toMatchObject({ code: "INVALID", message: expect.stringContaining("Type 2") });
    expect(await statusOf(site.gpf.id)).toBe("COMMISSIONED");
  });
});
