import { beforeEach, describe, expect, it } from "vitest";
import type { SmiStatus } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makeMeterPoint, makePremises, makePremisesParties } from "@/lib/testing/smi-fixtures";
import { updateDeviceStatus } from "./update-device-status";

const NOW = new Date("2026-11-24T09:00:00Z");

describe("SR 8.4 Update Inventory: SMI Status function", () => {
  let supplier: Actor;
  let distributorId: string;
  let mpan: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow(NOW);
    supplier = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    distributorId = (await makeParty({ roles: ["ED"] })).id;
    mpan = (await makeMeterPoint({ registration: { supplierId: supplier.partyId, networkOperatorId: distributorId } })).mpxn;
  });

  const esmeIn = async (status: SmiStatus, extra: { statusBeforeRecovery?: SmiStatus } = {}) =>
    makeDevice({ deviceType: "ESME", status, model: await makeCplModel(), mpxn: mpan, pendingSince: status === "PENDING" ? new Date("2026-01-01") : null, preNotifiedBy: supplier, ...extra });
  const statusOf = async (id: string) => (await db().device.findUniqueOrThrow({ where: { id } })).status;

  it("scenario 9 / T5: the Responsible Import Supplier moves a Pending ESME to Installed not Commissioned", async () => {
    const esme = await esmeIn("PENDING");
    expect(await updateDeviceStatus(supplier, { deviceId: esme.id, status: "INSTALLED_NOT_COMMISSIONED" })).toEqual({
      transition: "T5",
      moved: [{ id: esme.id, to: "INSTALLED_NOT_COMMISSIONED" }],
    });
    expect(await db().device.findUniqueOrThrow({ where: { id: esme.id } })).toMatchObject({ status: "INSTALLED_NOT_COMMISSIONED", pendingSince: null });
    expect(await db().deviceStatusChange.findMany({ where: { deviceId: esme.id } })).toMatchObject([
      { fromStatus: "PENDING", toStatus: "INSTALLED_NOT_COMMISSIONED", transition: "T5", actorId: supplier.accountId },
    ]);
    expect(await db().auditEvent.count({ where: { action: "device.update-status", entityId: esme.id } })).toBe(1);
  });

  it("scenario 9: an Other User, an RSA, or a supplier that is not responsible is refused for role, and nothing changes", async () => {
    const esme = await esmeIn("PENDING");
    const otherUser = await makeActor(["PARTY_USER"], { roles: ["OU"] });
    const rsa = await makeActor(["PARTY_USER"], { roles: ["RSA"] });
    const otherSupplier = await makeActor(["PARTY_USER"], { roles: ["IS", "GS"] });
    const input = { deviceId: esme.id, status: "INSTALLED_NOT_COMMISSIONED" as const };
    await expect(updateDeviceStatus(otherUser, input)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Import Supplier or Gas Supplier") });
    await expect(updateDeviceStatus(rsa, input)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("holds neither role") });
    await expect(updateDeviceStatus(otherSupplier, input)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("is not the registered supplier"),
    });
    expect(await statusOf(esme.id)).toBe("PENDING");
    expect(await db().deviceStatusChange.count()).toBe(0);
  });

  it("while Pending, only the pre-notifying party moves it, even when another party is now the registered supplier (L605)", async () => {
    const rival = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const theirs = (await makeMeterPoint({ registration: { supplierId: rival.partyId, networkOperatorId: distributorId } })).mpxn;
    const esme = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), mpxn: theirs, preNotifiedBy: supplier });
    await expect(updateDeviceStatus(rival, { deviceId: esme.id, status: "INSTALLED_NOT_COMMISSIONED" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("only the User that pre-notified"),
    });
    expect(await statusOf(esme.id)).toBe("PENDING");
    expect(await db().deviceStatusChange.count()).toBe(0);
  });

  it("needs the supplier role for the meter's fuel: a Gas-Supplier-only party registered on an MPAN is not responsible", async () => {
    const gasOnly = await makeActor(["PARTY_USER"], { roles: ["GS"] });
    const point = await makeMeterPoint({ registration: { supplierId: gasOnly.partyId, networkOperatorId: distributorId } });
    const esme = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), mpxn: point.mpxn });
    await expect(updateDeviceStatus(gasOnly, { deviceId: esme.id, status: "INSTALLED_NOT_COMMISSIONED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A device with no registered MPxN has no Responsible Supplier at all.
    const orphan = await makeDevice({ deviceType: "ESME", model: await makeCplModel() });
    await expect(updateDeviceStatus(supplier, { deviceId: orphan.id, status: "INSTALLED_NOT_COMMISSIONED" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("no Responsible Supplier"),
    });
  });

  it("scenario 10: INC→Pending and Commissioned→Pending are not status-function moves (CONFLICT)", async () => {
    const inc = await esmeIn("INSTALLED_NOT_COMMISSIONED");
    const commissioned = await esmeIn("COMMISSIONED");
    await expect(updateDeviceStatus(supplier, { deviceId: inc.id, status: "PENDING" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("does not move a ESME from Installed not Commissioned to Pending"),
    });
    await expect(updateDeviceStatus(supplier, { deviceId: commissioned.id, status: "PENDING" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Nor can it commission a meter (that is SR 8.1.1) or touch a Suspended one.
    await expect(updateDeviceStatus(supplier, { deviceId: inc.id, status: "COMMISSIONED" })).rejects.toMatchObject({ code: "CONFLICT" });
    const suspended = await esmeIn("SUSPENDED");
    await expect(updateDeviceStatus(supplier, { deviceId: suspended.id, status: "PENDING" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await statusOf(inc.id)).toBe("INSTALLED_NOT_COMMISSIONED");
    expect(await statusOf(commissioned.id)).toBe("COMMISSIONED");
    expect(await db().deviceStatusChange.count()).toBe(0);
  });

  it("T6: Whitelisted goes back to Pending, and the 12-month Pending clock restarts", async () => {
    const esme = await esmeIn("WHITELISTED");
    expect((await updateDeviceStatus(supplier, { deviceId: esme.id, status: "PENDING" })).transition).toBe("T6");
    expect(await db().device.findUniqueOrThrow({ where: { id: esme.id } })).toMatchObject({ status: "PENDING", pendingSince: NOW });
  });

  it("refuses a status the device type cannot hold, and any status for a Type 2 device (INVALID)", async () => {
    const esme = await esmeIn("COMMISSIONED");
    await expect(updateDeviceStatus(supplier, { deviceId: esme.id, status: "WITHDRAWN" })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("Withdrawn is not a status a ESME can hold"),
    });
    const ppmid = await makeDevice({ deviceType: "PPMID", model: await makeCplModel({ deviceType: "PPMID" }) });
    await expect(updateDeviceStatus(supplier, { deviceId: ppmid.id, status: "RECOVERED" })).rejects.toMatchObject({ code: "INVALID" });
    const ihd = await makeDevice({ deviceType: "IHD" });
    await expect(updateDeviceStatus(supplier, { deviceId: ihd.id, status: "PENDING" })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("Type 2 device and has no SMI Status"),
    });
    expect(await statusOf(ihd.id)).toBeNull();
  });

  it("validates a Recovered device as the status it held before Recovery", async () => {
    const wasPending = await esmeIn("RECOVERED", { statusBeforeRecovery: "PENDING" });
    expect((await updateDeviceStatus(supplier, { deviceId: wasPending.id, status: "INSTALLED_NOT_COMMISSIONED" })).transition).toBe("T5");
    expect(await db().device.findUniqueOrThrow({ where: { id: wasPending.id } })).toMatchObject({ status: "INSTALLED_NOT_COMMISSIONED", statusBeforeRecovery: null });
    const wasCommissioned = await esmeIn("RECOVERED", { statusBeforeRecovery: "COMMISSIONED" });
    await expect(updateDeviceStatus(supplier, { deviceId: wasCommissioned.id, status: "INSTALLED_NOT_COMMISSIONED" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await statusOf(wasCommissioned.id)).toBe("RECOVERED");
  });

  describe("Communications Hub status functions (named on the CHF)", () => {
    let hubSupplier: Actor;
    let parties: Awaited<ReturnType<typeof makePremisesParties>>;
    beforeEach(async () => {
      parties = await makePremisesParties();
      hubSupplier = await makeActor(["PARTY_USER"], { partyId: parties.electricitySupplierId });
    });

    it("T9: CHF Pending → INC takes its Pending GPF to INC too", async () => {
      const site = await makePremises({ parties, status: "PENDING" });
      const result = await updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "INSTALLED_NOT_COMMISSIONED" });
      expect(result.transition).toBe("T9");
      expect(result.moved).toEqual([
        { id: site.chf.id, to: "INSTALLED_NOT_COMMISSIONED" },
        { id: site.gpf.id, to: "INSTALLED_NOT_COMMISSIONED" },
      ]);
      expect(await statusOf(site.gpf.id)).toBe("INSTALLED_NOT_COMMISSIONED");
      expect(await db().deviceStatusChange.findMany({ where: { deviceId: site.gpf.id } })).toMatchObject([
        { fromStatus: "PENDING", toStatus: "INSTALLED_NOT_COMMISSIONED", transition: "T9" },
      ]);
    });

    it("a Pending CHF delivered to another party is moved only by that party", async () => {
      const site = await makePremises({ parties, status: "PENDING" });
      const holder = await makeParty({ roles: ["IS"] });
      await db().device.update({ where: { id: site.chf.id }, data: { chHolderPartyId: holder.id } });
      await expect(updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "INSTALLED_NOT_COMMISSIONED" })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("was delivered to another party"),
      });
      expect(await statusOf(site.chf.id)).toBe("PENDING");
      await db().device.update({ where: { id: site.chf.id }, data: { chHolderPartyId: parties.electricitySupplierId } });
      expect((await updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "INSTALLED_NOT_COMMISSIONED" })).transition).toBe("T9");
    });

    it("T11: CHF Pending → Commissioned takes its GPF to INC and stamps the CHF's commissioning date", async () => {
      const site = await makePremises({ parties, status: "PENDING" });
      expect((await updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "COMMISSIONED" })).transition).toBe("T11");
      expect(await db().device.findUniqueOrThrow({ where: { id: site.chf.id } })).toMatchObject({ status: "COMMISSIONED", commissionedAt: NOW, pendingSince: null });
      expect(await statusOf(site.gpf.id)).toBe("INSTALLED_NOT_COMMISSIONED");
    });

    it("T10: CHF INC → Commissioned leaves the GPF as it is", async () => {
      const site = await makePremises({ parties, status: "INSTALLED_NOT_COMMISSIONED" });
      const result = await updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "COMMISSIONED" });
      expect(result).toEqual({ transition: "T10", moved: [{ id: site.chf.id, to: "COMMISSIONED" }] });
      expect(await statusOf(site.gpf.id)).toBe("INSTALLED_NOT_COMMISSIONED");
    });

    it("T12 then T7: CHF Commissioned → Withdrawn, and Withdrawn → Pending", async () => {
      const site = await makePremises({ parties, status: "COMMISSIONED" });
      expect((await updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "WITHDRAWN" })).transition).toBe("T12");
      expect(await statusOf(site.chf.id)).toBe("WITHDRAWN");
      expect(await statusOf(site.gpf.id)).toBe("COMMISSIONED");
      expect((await updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "PENDING" })).transition).toBe("T7");
      expect(await db().device.findUniqueOrThrow({ where: { id: site.chf.id } })).toMatchObject({ status: "PENDING", pendingSince: NOW });
    });

    it("T15: the Gas Supplier commissions an INC GPF; an electricity-only supplier of the same hub may not", async () => {
      const electricityOnly = await makeActor(["PARTY_USER"], { roles: ["IS"] });
      const gasSupplier = await makeActor(["PARTY_USER"], { roles: ["GS"] });
      const split = { ...parties, electricitySupplierId: electricityOnly.partyId, gasSupplierId: gasSupplier.partyId };
      const site = await makePremises({ parties: split, status: "INSTALLED_NOT_COMMISSIONED" });
      await expect(updateDeviceStatus(electricityOnly, { deviceId: site.gpf.id, status: "COMMISSIONED" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await updateDeviceStatus(gasSupplier, { deviceId: site.gpf.id, status: "COMMISSIONED" })).transition).toBe("T15");
      expect(await statusOf(site.gpf.id)).toBe("COMMISSIONED");
      // Either fuel's supplier is responsible for the CHF.
      expect((await updateDeviceStatus(electricityOnly, { deviceId: site.chf.id, status: "COMMISSIONED" })).transition).toBe("T10");
    });

    it("does not offer a meter's status moves on a CHF or the CHF's moves on a meter", async () => {
      const site = await makePremises({ parties, status: "PENDING" });
      await expect(updateDeviceStatus(hubSupplier, { deviceId: site.esme.id, status: "COMMISSIONED" })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(updateDeviceStatus(hubSupplier, { deviceId: site.gpf.id, status: "INSTALLED_NOT_COMMISSIONED" })).rejects.toMatchObject({ code: "CONFLICT" });
      await expect(updateDeviceStatus(hubSupplier, { deviceId: site.chf.id, status: "WHITELISTED" })).rejects.toMatchObject({ code: "INVALID" });
      expect(await db().deviceStatusChange.count()).toBe(0);
    });
  });
});
