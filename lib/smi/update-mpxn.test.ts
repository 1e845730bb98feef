import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { resetClock, setNow } from "@/lib/clock";
import { db } from "@/lib/db";
import { makeActor, makeParty, resetDatabase } from "@/lib/testing/fixtures";
import { makeCplModel, makeDevice, makeMeterPoint } from "@/lib/testing/smi-fixtures";
import { updateDeviceMpxn } from "./update-device-mpxn";

describe("SR 8.4 Update Inventory: MPxN function", () => {
  let supplier: Actor;
  let distributor1: string;
  let distributor2: string;
  let m1: string;
  let m2: string;
  beforeEach(async () => {
    await resetDatabase();
    resetClock();
    setNow("2026-11-24T09:00:00Z");
    supplier = await makeActor(["PARTY_USER"], { roles: ["IS", "GS"] });
    distributor1 = (await makeParty({ roles: ["ED"] })).id;
    distributor2 = (await makeParty({ roles: ["ED"] })).id;
    m1 = (await makeMeterPoint({ registration: { supplierId: supplier.partyId, networkOperatorId: distributor1 } })).mpxn;
    m2 = (await makeMeterPoint({ registration: { supplierId: supplier.partyId, networkOperatorId: distributor2 } })).mpxn;
  });

  const commissionedEsme = async (opts: { mpxn?: string; twin?: boolean } = {}) =>
    makeDevice({
      deviceType: "ESME",
      status: "COMMISSIONED",
      model: await makeCplModel(),
      mpxn: opts.mpxn ?? m1,
      esmeVariant: opts.twin ? "TWIN_ELEMENT" : "SINGLE_ELEMENT",
    });
  const linksOf = (deviceId: string) => db().deviceMeterPoint.findMany({ where: { deviceId }, orderBy: { role: "asc" }, select: { role: true, mpxn: true } });

  it("scenario 11: moves a Commissioned ESME to another MPAN its supplier also supplies, and sends N16 to that MPAN's Distributor", async () => {
    const esme = await commissionedEsme();
    expect(await updateDeviceMpxn(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: m2 }] })).toEqual({ role: "PRIMARY", mpxn: m2, previous: m1 });
    expect(await linksOf(esme.id)).toEqual([{ role: "PRIMARY", mpxn: m2 }]);
    const alerts = await db().dccAlert.findMany();
    expect(alerts).toMatchObject([{ code: "N16", deviceId: esme.id, partyId: distributor2, message: expect.stringContaining(`(was ${m1})`) }]);
    expect(await db().auditEvent.count({ where: { action: "device.update-mpxn", entityId: esme.id } })).toBe(1);
  });

  it("scenario 11: refuses two MPxN changes in one request", async () => {
    const esme = await commissionedEsme({ twin: true });
    const m3 = (await makeMeterPoint({ registration: { supplierId: supplier.partyId, networkOperatorId: distributor1 } })).mpxn;
    await expect(
      updateDeviceMpxn(supplier, {
        deviceId: esme.id,
        changes: [
          { role: "PRIMARY", mpxn: m2 },
          { role: "SECONDARY", mpxn: m3 },
        ],
      }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["changes"], message: expect.stringContaining("exactly one MPxN per request") })] });
    expect(await linksOf(esme.id)).toEqual([{ role: "PRIMARY", mpxn: m1 }]);
    expect(await db().dccAlert.count()).toBe(0);
  });

  it("scenario 11: refuses an MPAN the supplier does not supply, and a move away from one it does not supply", async () => {
    const rival = await makeParty({ roles: ["IS"] });
    const theirs = (await makeMeterPoint({ registration: { supplierId: rival.id, networkOperatorId: distributor1 } })).mpxn;
    const esme = await commissionedEsme();
    await expect(updateDeviceMpxn(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: theirs }] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(`not the registered supplier for ${theirs}`),
    });
    const onTheirs = await commissionedEsme({ mpxn: theirs });
    await expect(updateDeviceMpxn(supplier, { deviceId: onTheirs.id, changes: [{ role: "PRIMARY", mpxn: m2 }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A Metering Point with no current Registration Data has no supplier at all.
    const unregistered = (await makeMeterPoint()).mpxn;
    await expect(updateDeviceMpxn(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: unregistered }] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await linksOf(esme.id)).toEqual([{ role: "PRIMARY", mpxn: m1 }]);
    expect(await linksOf(onTheirs.id)).toEqual([{ role: "PRIMARY", mpxn: theirs }]);
    expect(await db().dccAlert.count()).toBe(0);
  });

  it("refuses a sender without the Import Supplier role for an ESME, even when it is registered", async () => {
    const gasOnly = await makeActor(["PARTY_USER"], { roles: ["GS"] });
    const a = (await makeMeterPoint({ registration: { supplierId: gasOnly.partyId, networkOperatorId: distributor1 } })).mpxn;
    const b = (await makeMeterPoint({ registration: { supplierId: gasOnly.partyId, networkOperatorId: distributor1 } })).mpxn;
    const esme = await commissionedEsme({ mpxn: a });
    await expect(updateDeviceMpxn(gasOnly, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: b }] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("Import Supplier"),
    });
  });

  it("a Pending device with no MPxN cannot be taken over: another supplier may not Associate its own MPAN (L605)", async () => {
    const preNotifier = await makeActor(["PARTY_USER"], { roles: ["IS"] });
    const esme = await makeDevice({ deviceType: "ESME", model: await makeCplModel(), preNotifiedBy: preNotifier });
    await expect(updateDeviceMpxn(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: m1 }] })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("only the User that pre-notified"),
    });
    expect(await linksOf(esme.id)).toEqual([]);
    expect(await db().dccAlert.count()).toBe(0);
    // The pre-notifier Associates an MPAN it supplies.
    const own = (await makeMeterPoint({ registration: { supplierId: preNotifier.partyId, networkOperatorId: distributor1 } })).mpxn;
    expect(await updateDeviceMpxn(preNotifier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: own }] })).toMatchObject({ mpxn: own, previous: null });
  });

  it("adds a Secondary MPAN only to a twin element ESME", async () => {
    const single = await commissionedEsme();
    await expect(updateDeviceMpxn(supplier, { deviceId: single.id, changes: [{ role: "SECONDARY", mpxn: m2 }] })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("twin element"),
    });
    expect(await linksOf(single.id)).toEqual([{ role: "PRIMARY", mpxn: m1 }]);
    const twin = await commissionedEsme({ twin: true });
    expect(await updateDeviceMpxn(supplier, { deviceId: twin.id, changes: [{ role: "SECONDARY", mpxn: m2 }] })).toEqual({ role: "SECONDARY", mpxn: m2, previous: null });
    expect(await linksOf(twin.id)).toEqual([
      { role: "PRIMARY", mpxn: m1 },
      { role: "SECONDARY", mpxn: m2 },
    ]);
    expect(await db().dccAlert.findMany()).toMatchObject([{ code: "N16", deviceId: twin.id, partyId: distributor2 }]);
  });

  it("checks the MPxN fits the meter and is in Registration Data, and that the device is a meter", async () => {
    const esme = await commissionedEsme();
    const transporter = await makeParty({ roles: ["GT"] });
    const mprn = (await makeMeterPoint({ fuel: "GAS", registration: { supplierId: supplier.partyId, networkOperatorId: transporter.id } })).mpxn;
    await expect(updateDeviceMpxn(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: mprn }] })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("needs an MPAN"),
    });
    await expect(updateDeviceMpxn(supplier, { deviceId: esme.id, changes: [{ role: "PRIMARY", mpxn: m1 }] })).rejects.toMatchObject({
      code: "INVALID",
      message: expect.stringContaining("already Associated"),
    });
    const ppmid = await makeDevice({ deviceType: "PPMID", status: "COMMISSIONED", model: await makeCplModel({ deviceType: "PPMID" }) });
    await expect(updateDeviceMpxn(supplier, { deviceId: ppmid.id, changes: [{ role: "PRIMARY", mpxn: m2 }] })).rejects.toMatchObject({ code: "INVALID" });
    // A GSME moves between MPRNs its Gas Supplier supplies; N16 goes to the Gas Transporter.
    const mprn2 = (await makeMeterPoint({ fuel: "GAS", registration: { supplierId: supplier.partyId, networkOperatorId: transporter.id } })).mpxn;
    const gsme = await makeDevice({ deviceType: "GSME", status: "COMMISSIONED", model: await makeCplModel({ deviceType: "GSME" }), mpxn: mprn });
    await updateDeviceMpxn(supplier, { deviceId: gsme.id, changes: [{ role: "PRIMARY", mpxn: mprn2 }] });
    expect(await db().dccAlert.findMany()).toMatchObject([{ code: "N16", deviceId: gsme.id, partyId: transporter.id }]);
    expect(await linksOf(esme.id)).toEqual([{ role: "PRIMARY", mpxn: m1 }]);
  });
});
